import { z } from 'zod';
import { fail, UserErrors } from '../../../errors.js';
import { isUnitAt, writeDenial } from '../../access/jurisdiction.js';
import { recordChanges } from '../../audit/record.js';
import { cityOf, regionLevelOf } from '../../organisation/codes.js';
import { todayCst } from '../../responsibility/dates.js';
import { isoDate, requiredText } from '../../responsibility/validate.js';
import { defineVerb } from '../../shared/verb.js';
import { nowOf } from '../clock.js';
import { rapidRequests } from '../table.js';
import { regionOrFail } from '../units.js';
import { rapidRequestKey, rapidRequestSnapshot } from '../rapidRequests.js';

const submitInput = z.object({
  regionCode: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'must be a 6-digit GB/T 2260 code'),
  subject: requiredText(200),
  body: requiredText(4000),
  responseDeadline: isoDate,
});
export type SubmitRapidRequestInput = z.input<typeof submitInput>;

/** 快速响应: a county asks its city for a decision or help, to be answered by a deadline. */
export const submitRapidRequest = defineVerb({
  permission: 'rapidRequest',
  input: submitInput,
  run: (ctx, input) =>
    ctx.db.transaction(async (tx) => {
      const path = ['input', 'regionCode'];
      await regionOrFail(tx, input.regionCode, path);
      if (regionLevelOf(input.regionCode) !== 'COUNTY')
        fail('VALIDATION', 'A county asks its city: give a county code.', path);
      const denied = writeDenial(ctx.viewer, 'rapidRequest', { regionCode: input.regionCode }, path);
      if (denied) throw new UserErrors([denied]);
      if (ctx.viewer.kind !== 'system' && !isUnitAt(ctx.viewer, { regionCode: input.regionCode }))
        fail('FORBIDDEN', 'The county bureau itself asks; the city answers.', path);
      if (input.responseDeadline < todayCst(nowOf(ctx)))
        fail('VALIDATION', 'The response deadline is in the past.', ['input', 'responseDeadline']);
      const [row] = await tx
        .insert(rapidRequests)
        .values({
          regionCode: input.regionCode,
          cityCode: cityOf(input.regionCode),
          subject: input.subject,
          body: input.body,
          responseDeadline: input.responseDeadline,
          createdBy: ctx.viewer.actor,
          createdAt: nowOf(ctx).toISOString(),
        })
        .returning();
      await recordChanges(tx, ctx, [
        {
          action: 'CREATE',
          entityType: 'RapidResponseRequest',
          entityKey: rapidRequestKey(row),
          regionCode: row.regionCode,
          before: null,
          after: rapidRequestSnapshot(row),
        },
      ]);
      return row;
    }),
});
