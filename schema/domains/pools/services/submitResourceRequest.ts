import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { fail, UserError, UserErrors } from '../../../errors.js';
import { regionCovers, writeDenial } from '../../access/jurisdiction.js';
import { recordChanges } from '../../audit/record.js';
import { regionLevelOf } from '../../organisation/codes.js';
import { zRowId } from '../../shared/ids.js';
import { defineVerb } from '../../shared/verb.js';
import { requestCreated } from '../auditChanges.js';
import { suggestOffers } from '../suggestions.js';
import { poolResources, requestPriority, resourceRequests } from '../table.js';
import { poolParticipants } from '../poolParticipants.js';

// Field rules (lengths, positive quantity, period order) are checked in the body, all at once.
const schema = z.object({
  poolId: zRowId('ResourcePool'),
  countyCode: z.string().nullish(),
  schoolCode: z.string().nullish(),
  subject: z.string(),
  specification: z.string(),
  quantity: z.number(),
  periodStart: z.string(),
  periodEnd: z.string(),
  priority: z.enum(requestPriority.enumValues).nullish(),
  reason: z.string(),
  needsNewPurchase: z.boolean().nullish(),
  acknowledgedOfferIds: z.array(zRowId('PoolResource')).nullish(),
  purchaseJustification: z.string().nullish(),
});
export type SubmitResourceRequestInput = z.input<typeof schema>;

/**
 * A county (or a school through its county) asks a pool for what it lacks (县级按需申请).
 * Asking for a new purchase while the pool already offers something that fits is refused
 * unless every such offer is acknowledged and a justification given (避免重复采购).
 */
export const submitResourceRequest = defineVerb({
  permission: 'resourceRequest',
  input: schema,
  run: async (ctx, input) => {
    const { poolId } = input;
    const acknowledged = input.acknowledgedOfferIds ?? [];
    const subject = input.subject.trim();
    const specification = input.specification.trim();
    const reason = input.reason.trim();
    const problems: UserError[] = [];
    if (!subject || subject.length > 40)
      problems.push(new UserError('VALIDATION', 'subject must be 1–40 characters.', ['input', 'subject']));
    if (specification.length < 2)
      problems.push(new UserError('REQUIRED', 'Describe what is needed (specification).', ['input', 'specification']));
    if (!Number.isInteger(input.quantity) || input.quantity <= 0) {
      problems.push(new UserError('VALIDATION', 'quantity must be a positive whole number.', ['input', 'quantity']));
    }
    if (input.periodEnd < input.periodStart)
      problems.push(new UserError('VALIDATION', 'periodEnd is before periodStart.', ['input', 'periodEnd']));
    if (reason.length < 2)
      problems.push(new UserError('REQUIRED', 'Give the reason for the request (申请理由).', ['input', 'reason']));
    if (problems.length) throw new UserErrors(problems);

    return ctx.db.transaction(async (tx) => {
      const { pool, schoolCode, school, countyCode } = await poolParticipants(tx, ctx, poolId, input);
      if (!countyCode || regionLevelOf(countyCode) !== 'COUNTY')
        fail('REQUIRED', 'Requests are made by a county: give countyCode.', ['input', 'countyCode']);
      if (school && school.countyCode !== countyCode)
        fail('VALIDATION', `School ${schoolCode} is in ${school.countyCode}, not ${countyCode}.`, [
          'input',
          'schoolCode',
        ]);
      // Counties request for themselves: another county's request is outside the jurisdiction.
      const denied = writeDenial(
        ctx.viewer,
        'resourceRequest',
        { regionCode: countyCode, schoolId: school?.id ?? null },
        ['input', school ? 'schoolCode' : 'countyCode'],
      );
      if (denied) throw new UserErrors([denied]);
      if (!regionCovers(pool.cityCode, countyCode))
        fail('VALIDATION', `County ${countyCode} is outside the pool’s city ${pool.cityCode}.`, [
          'input',
          'countyCode',
        ]);

      if (acknowledged.length) {
        const known = await tx
          .select({ id: poolResources.id })
          .from(poolResources)
          .where(and(eq(poolResources.poolId, poolId), inArray(poolResources.id, acknowledged)));
        const ids = new Set(known.map((k) => k.id));
        const i = acknowledged.findIndex((id) => !ids.has(id));
        if (i >= 0) fail('VALIDATION', 'Not an offer of this pool.', ['input', 'acknowledgedOfferIds', i]);
      }
      const needsNewPurchase = input.needsNewPurchase ?? false;
      const justification = input.purchaseJustification?.trim() || null;
      if (needsNewPurchase) {
        const offers = await suggestOffers(tx, ctx.viewer, {
          poolId,
          subject,
          periodStart: input.periodStart,
          periodEnd: input.periodEnd,
        });
        const unacknowledged = offers.filter((o) => !acknowledged.includes(o.resource.id));
        if (unacknowledged.length) {
          const list = unacknowledged.map((o) => `${o.resource.title} (${o.free} free)`).join('; ');
          fail(
            'CONFLICT',
            `The pool already offers what this asks for; acknowledge these offers before requesting a new purchase: ${list}.`,
            ['input', 'acknowledgedOfferIds'],
          );
        }
        if (offers.length && !justification)
          fail('REQUIRED', 'Explain why the pool’s offers do not meet the need (purchaseJustification).', [
            'input',
            'purchaseJustification',
          ]);
      }

      const [request] = await tx
        .insert(resourceRequests)
        .values({
          poolId,
          countyCode,
          schoolId: school?.id ?? null,
          subject,
          specification,
          quantity: input.quantity,
          periodStart: input.periodStart,
          periodEnd: input.periodEnd,
          priority: input.priority ?? 'NORMAL',
          reason,
          needsNewPurchase,
          acknowledgedOfferIds: acknowledged,
          purchaseJustification: justification,
          requestedBy: ctx.viewer.actor,
        })
        .returning();
      await recordChanges(tx, ctx, [requestCreated(request)]);
      return request;
    });
  },
});
