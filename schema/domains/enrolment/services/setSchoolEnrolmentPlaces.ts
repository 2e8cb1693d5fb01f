import { eq } from 'drizzle-orm';
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
import { enrolmentSchoolPlans } from '../table.js';
import { places, schoolCode } from '../validate.js';

const input = z.object({
  planId: zRowId(PLAN_TYPE),
  schoolCode,
  unifiedPlaces: places,
  quotaPlaces: places,
  specialtyPlaces: places,
});
export type SetSchoolEnrolmentPlacesInput = z.input<typeof input>;

/**
 * Sets a listed school's places by category (统招, 指标到校, 特长) in a draft: the county of
 * the school (or the city). A changed 指标到校 quota is shared again over the stored cohorts
 * and overrides, so allocations keep summing to the quota.
 */
export const setSchoolEnrolmentPlaces = defineVerb({
  permission: 'enrolmentPlaces',
  input,
  run: (ctx, input) =>
    ctx.db.transaction(async (tx) => {
      const plan = await lockDraftPlan(tx, ctx.viewer, input.planId, ['input', 'planId']);
      const school = await schoolByCode(tx, input.schoolCode);
      if (!school) fail('NOT_FOUND', `School ${input.schoolCode} does not exist.`, ['input', 'schoolCode']);
      const denied = writeDenial(
        ctx.viewer,
        'enrolmentPlaces',
        { regionCode: school.countyCode, schoolId: school.id },
        ['input', 'schoolCode'],
      );
      if (denied) fail(denied.code, denied.message, denied.path);
      const before = await lockLine(tx, plan, school, ['input', 'schoolCode']);
      const [line] = await tx
        .update(enrolmentSchoolPlans)
        .set({
          unifiedPlaces: input.unifiedPlaces,
          quotaPlaces: input.quotaPlaces,
          specialtyPlaces: input.specialtyPlaces,
          updatedAt: new Date().toISOString(),
        })
        .where(eq(enrolmentSchoolPlans.id, before.line.id))
        .returning();
      if (before.allocations.length && input.quotaPlaces !== before.line.quotaPlaces) {
        await writeAllocations(tx, line.id, input.quotaPlaces, cohortsOf(before), ['input', 'quotaPlaces']);
      }
      const after = await readLine(tx, line, school.code);
      await touchPlan(tx, plan.id);
      await recordChanges(tx, ctx, [
        {
          action: 'UPDATE',
          entityType: 'SchoolEnrolmentPlan',
          entityKey: lineKey(plan, school.code),
          regionCode: line.countyCode,
          before: lineSnapshot(before),
          after: lineSnapshot(after),
        },
      ]);
      return line;
    }),
});
