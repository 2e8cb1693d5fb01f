import { inArray } from 'drizzle-orm';
import { z } from 'zod';
import { fail, UserError, UserErrors } from '../../../errors.js';
import { writeDenial } from '../../access/jurisdiction.js';
import { recordChanges } from '../../audit/record.js';
import { schools } from '../../organisation/table.js';
import { zRowId } from '../../shared/ids.js';
import { defineVerb } from '../../shared/verb.js';
import { writeAllocations } from '../allocationStore.js';
import {
  lineKey,
  lineSnapshot,
  lockDraftPlan,
  lockLine,
  PLAN_TYPE,
  readLine,
  schoolByCode,
  STAGES_SENDING,
  touchPlan,
} from '../planRecords.js';
import { places, schoolCode } from '../validate.js';

const input = z.object({
  planId: zRowId(PLAN_TYPE),
  schoolCode,
  cohorts: z.array(z.object({ juniorSchoolCode: schoolCode, graduates: places })).max(500),
});
export type AllocateQuotaPlacesInput = z.input<typeof input>;

/**
 * Allocates a school's 指标到校 places to the junior schools inside its boundary, in proportion
 * to their graduating cohorts (largest remainder: see allocation.ts for the rule and the
 * tie-break). The cohorts replace the stored ones; an override the city set for a junior school
 * that is still listed is kept. The city's job.
 */
export const allocateQuotaPlaces = defineVerb({
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
      const codes = input.cohorts.map((c) => c.juniorSchoolCode);
      const found = codes.length ? await tx.select().from(schools).where(inArray(schools.code, codes)) : [];
      const byCode = new Map(found.map((s) => [s.code, s]));
      const allowed = new Set(before.line.allowedCountyCodes);
      const seen = new Set<string>();
      const errors: UserError[] = [];
      input.cohorts.forEach((c, i) => {
        const path = ['input', 'cohorts', i, 'juniorSchoolCode'];
        const junior = byCode.get(c.juniorSchoolCode);
        if (seen.has(c.juniorSchoolCode))
          errors.push(new UserError('DUPLICATE', `${c.juniorSchoolCode} is listed twice.`, path));
        else if (!junior) errors.push(new UserError('NOT_FOUND', `School ${c.juniorSchoolCode} does not exist.`, path));
        else if (!STAGES_SENDING[plan.stage].includes(junior.stage))
          errors.push(
            new UserError(
              'VALIDATION',
              `${junior.name} is a ${junior.stage} school and has no graduates for a ${plan.stage} plan.`,
              path,
            ),
          );
        else if (!allowed.has(junior.countyCode))
          errors.push(
            new UserError(
              'VALIDATION',
              `${junior.name} (${junior.countyCode}) is outside the school's boundary.`,
              path,
            ),
          );
        seen.add(c.juniorSchoolCode);
      });
      if (errors.length) throw new UserErrors(errors);
      const kept = new Map(before.allocations.map((a) => [a.juniorSchoolCode, a]));
      const cohorts = input.cohorts.map((c) => ({
        juniorSchoolId: byCode.get(c.juniorSchoolCode)!.id,
        juniorSchoolCode: c.juniorSchoolCode,
        graduates: c.graduates,
        overridePlaces: kept.get(c.juniorSchoolCode)?.overridePlaces ?? null,
        overrideReason: kept.get(c.juniorSchoolCode)?.overrideReason ?? null,
      }));
      await writeAllocations(tx, before.line.id, before.line.quotaPlaces, cohorts, ['input', 'cohorts']);
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
