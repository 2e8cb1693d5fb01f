import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { fail } from '../../../errors.js';
import { writeDenial } from '../../access/jurisdiction.js';
import { recordChanges } from '../../audit/record.js';
import { zRowId } from '../../shared/ids.js';
import { defineVerb } from '../../shared/verb.js';
import { lockDraftPlan, PLAN_TYPE, planKey, planSnapshot } from '../planRecords.js';
import { enrolmentPlans } from '../table.js';
import { percent, requiredText } from '../validate.js';

const input = z.object({
  planId: zRowId(PLAN_TYPE),
  title: requiredText(120).nullish(),
  quotaShareMinPercent: percent.nullish(),
  crossCountyAllowed: z.boolean().nullish(),
});
export type UpdateEnrolmentPolicyInput = z.input<typeof input>;

/** Changes the unified policy of a draft (统一招生政策): title, least 指标到校 share, cross-county admission. */
export const updateEnrolmentPolicy = defineVerb({
  permission: 'enrolmentPolicy',
  input,
  run: (ctx, { planId, ...patch }) =>
    ctx.db.transaction(async (tx) => {
      const plan = await lockDraftPlan(tx, ctx.viewer, planId, ['input', 'planId']);
      const denied = writeDenial(ctx.viewer, 'enrolmentPolicy', { regionCode: plan.regionCode }, ['input', 'planId']);
      if (denied) fail(denied.code, denied.message, denied.path);
      const [updated] = await tx
        .update(enrolmentPlans)
        .set({
          title: patch.title ?? plan.title,
          quotaShareMinPercent: patch.quotaShareMinPercent ?? plan.quotaShareMinPercent,
          crossCountyAllowed: patch.crossCountyAllowed ?? plan.crossCountyAllowed,
          updatedAt: new Date().toISOString(),
        })
        .where(eq(enrolmentPlans.id, plan.id))
        .returning();
      await recordChanges(tx, ctx, [
        {
          action: 'UPDATE',
          entityType: 'EnrolmentPlan',
          entityKey: planKey(plan),
          regionCode: plan.regionCode,
          before: planSnapshot(plan),
          after: planSnapshot(updated),
        },
      ]);
      return updated;
    }),
});
