import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { fail, UserErrors } from '../../../errors.js';
import { actsAt, isUnitAt, writeDenial } from '../../access/jurisdiction.js';
import { recordChanges } from '../../audit/record.js';
import { cityOf, regionLevelOf } from '../../organisation/codes.js';
import { todayCst } from '../../responsibility/services/createRectificationTask.js';
import { isoDate, requiredText } from '../../responsibility/validate.js';
import { zRowId } from '../../shared/ids.js';
import { defineVerb } from '../../shared/verb.js';
import { nowOf } from '../clock.js';
import { RAPID_REQUEST_TYPE } from '../ids.js';
import { rapidRequests } from '../table.js';
import { regionOrFail } from '../units.js';

export type RapidRequestRow = typeof rapidRequests.$inferSelect;
const key = (r: { id: number }) => `rapid-request:${r.id}`;
const snapshot = (r: RapidRequestRow) => ({
  regionCode: r.regionCode, cityCode: r.cityCode, subject: r.subject, body: r.body, responseDeadline: r.responseDeadline, status: r.status, response: r.response, respondedAt: r.respondedAt,
});

const submitInput = z.object({
  regionCode: z.string().trim().regex(/^\d{6}$/, 'must be a 6-digit GB/T 2260 code'),
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
      if (regionLevelOf(input.regionCode) !== 'COUNTY') fail('VALIDATION', 'A county asks its city: give a county code.', path);
      const denied = writeDenial(ctx.viewer, 'rapidRequest', { regionCode: input.regionCode }, path);
      if (denied) throw new UserErrors([denied]);
      if (ctx.viewer.kind !== 'system' && !isUnitAt(ctx.viewer, { regionCode: input.regionCode })) fail('FORBIDDEN', 'The county bureau itself asks; the city answers.', path);
      if (input.responseDeadline < todayCst(nowOf(ctx))) fail('VALIDATION', 'The response deadline is in the past.', ['input', 'responseDeadline']);
      const [row] = await tx
        .insert(rapidRequests)
        .values({ regionCode: input.regionCode, cityCode: cityOf(input.regionCode), subject: input.subject, body: input.body, responseDeadline: input.responseDeadline, createdBy: ctx.viewer.actor, createdAt: nowOf(ctx).toISOString() })
        .returning();
      await recordChanges(tx, ctx, [{ action: 'CREATE', entityType: 'RapidResponseRequest', entityKey: key(row), regionCode: row.regionCode, before: null, after: snapshot(row) }]);
      return row;
    }),
});

const respondInput = z.object({ rapidRequestId: zRowId(RAPID_REQUEST_TYPE), response: requiredText(4000) });
export type RespondToRapidRequestInput = z.input<typeof respondInput>;

/** The city answers a county's 快速响应 request (closing it); late answers stay marked overdue in its history. */
export const respondToRapidRequest = defineVerb({
  permission: 'rapidRequest',
  input: respondInput,
  run: (ctx, input) =>
    ctx.db.transaction(async (tx) => {
      const path = ['input', 'rapidRequestId'];
      const [row] = await tx.select().from(rapidRequests).where(eq(rapidRequests.id, input.rapidRequestId)).for('update');
      if (!row) fail('NOT_FOUND', `Rapid-response request ${input.rapidRequestId} does not exist.`, path);
      const denied = writeDenial(ctx.viewer, 'rapidRequest', { regionCode: row.regionCode }, path);
      if (denied) throw new UserErrors([denied]);
      if (!actsAt(ctx.viewer, 'CITY', { regionCode: row.regionCode })) fail('FORBIDDEN', 'The city answers a county’s request.', path);
      if (row.status !== 'OPEN') fail('INVALID_STATE', 'The request has already been answered.', path);
      const [after] = await tx
        .update(rapidRequests)
        .set({ status: 'ANSWERED', response: input.response, respondedAt: nowOf(ctx).toISOString(), respondedBy: ctx.viewer.actor })
        .where(eq(rapidRequests.id, row.id))
        .returning();
      await recordChanges(tx, ctx, [{ action: 'UPDATE', entityType: 'RapidResponseRequest', entityKey: key(row), regionCode: row.regionCode, before: snapshot(row), after: snapshot(after) }]);
      return after;
    }),
});
