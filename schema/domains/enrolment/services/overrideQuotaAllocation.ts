import { z } from 'zod';
import { fail } from '../../../errors.js';
import { writeDenial } from '../../access/jurisdiction.js';
import { recordChanges } from '../../audit/record.js';
import { zRowId } from '../../shared/ids.js';
import { defineVerb } from '../../shared/verb.js';
import { cohortsOf, writeAllocations } from '../allocationStore.js';
import {
  lineKey,
  lineSnapshot,
  lockDraftPlan,
  lockLine,
  PLAN_TYPE,
  readLine,
  schoolByCode,
  touchPlan,
} from '../planRecords.js';
import { places, requiredText, schoolCode } from '../validate.js';

const input = z
  .object({
    planId: zRowId(PLAN_TYPE),
    schoolCode,
    juniorSchoolCode: schoolCode,
    /** Places for this junior school; null returns it to the formula. */
    places: places.nullish(),
    reason: requiredText(500).nullish(),
  })
  .superRefine((v, issue) => {
    if (v.places != null && !v.reason)
      issue.addIssue({ code: 'custom', message: 'An override needs its reason (调整理由).', path: ['reason'] });
  });
export type OverrideQuotaAllocationInput = z.input<typeof input>;

/**
 * Sets (or clears) the city's override of one junior school's 指标到校 places, with its
 * reason. The other junior schools share what the overrides leave, so the allocations still
 * sum to the quota; overrides above the quota are refused.
 */
export const overrideQuotaAllocation = defineVerb({
  permission: 'enrolmentPolicy',
  input,
  run: (ctx, input) =>
    ctx.db.transaction(async (tx) => {
      const plan = await lockDraftPlan(tx, ctx.viewer, input.planId, ['input', 'planId']);
      const denied = writeDenial(ctx.viewer, 'enrolmentPolicy', { regionCode: plan.regionCode }, ['input', 'planId']);
      if (denied) fail(denied.code, denied.message, denied.path);
      const school = await schoolByCode(tx, input.schoolCode);
      if (!school) fail('NOT_FOUND', `School ${input.schoolCode} does not exist.`, ['input', 'schoolCode']);
      const before = await lockLine(tx, plan, school, ['input', 'schoolCode']);
      const cohorts = cohortsOf(before);
      const target = cohorts.find((c) => c.juniorSchoolCode === input.juniorSchoolCode);
      if (!target)
        fail(
          'NOT_FOUND',
          `No 指标到校 allocation of ${school.code} goes to ${input.juniorSchoolCode}; allocate its cohort first.`,
          ['input', 'juniorSchoolCode'],
        );
      target.overridePlaces = input.places ?? null;
      target.overrideReason = input.places != null ? input.reason! : null;
      await writeAllocations(tx, before.line.id, before.line.quotaPlaces, cohorts, ['input', 'places']);
      const after = await readLine(tx, before.line, school.code);
      await touchPlan(tx, plan.id);
      await recordChanges(tx, ctx, [
        {
          action: 'UPDATE',
          entityType: 'SchoolEnrolmentPlan',
          entityKey: lineKey(plan, school.code),
          regionCode: before.line.countyCode,
          before: lineSnapshot(before),
          after: lineSnapshot(after),
        },
      ]);
      return before.line;
    }),
});
