import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { fail, UserErrors } from '../../../errors.js';
import { actsAt, writeDenial } from '../../access/jurisdiction.js';
import { recordChanges } from '../../audit/record.js';
import { requiredText } from '../../responsibility/validate.js';
import { zRowId } from '../../shared/ids.js';
import { defineVerb } from '../../shared/verb.js';
import { nowOf } from '../clock.js';
import { RAPID_REQUEST_TYPE } from '../ids.js';
import { rapidRequests } from '../table.js';
import { rapidRequestKey, rapidRequestSnapshot } from '../rapidRequests.js';

const respondInput = z.object({ rapidRequestId: zRowId(RAPID_REQUEST_TYPE), response: requiredText(4000) });
export type RespondToRapidRequestInput = z.input<typeof respondInput>;

/** The city answers a county's 快速响应 request (closing it); late answers stay marked overdue in its history. */
export const respondToRapidRequest = defineVerb({
  permission: 'rapidRequest',
  input: respondInput,
  run: (ctx, input) =>
    ctx.db.transaction(async (tx) => {
      const path = ['input', 'rapidRequestId'];
      const [row] = await tx
        .select()
        .from(rapidRequests)
        .where(eq(rapidRequests.id, input.rapidRequestId))
        .for('update');
      if (!row) fail('NOT_FOUND', `Rapid-response request ${input.rapidRequestId} does not exist.`, path);
      const denied = writeDenial(ctx.viewer, 'rapidRequest', { regionCode: row.regionCode }, path);
      if (denied) throw new UserErrors([denied]);
      if (!actsAt(ctx.viewer, 'CITY', { regionCode: row.regionCode }))
        fail('FORBIDDEN', 'The city answers a county’s request.', path);
      if (row.status !== 'OPEN') fail('INVALID_STATE', 'The request has already been answered.', path);
      const [after] = await tx
        .update(rapidRequests)
        .set({
          status: 'ANSWERED',
          response: input.response,
          respondedAt: nowOf(ctx).toISOString(),
          respondedBy: ctx.viewer.actor,
        })
        .where(eq(rapidRequests.id, row.id))
        .returning();
      await recordChanges(tx, ctx, [
        {
          action: 'UPDATE',
          entityType: 'RapidResponseRequest',
          entityKey: rapidRequestKey(row),
          regionCode: row.regionCode,
          before: rapidRequestSnapshot(row),
          after: rapidRequestSnapshot(after),
        },
      ]);
      return after;
    }),
});
