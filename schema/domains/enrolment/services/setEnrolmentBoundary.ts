import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { fail, UserError, UserErrors } from '../../../errors.js';
import { writeDenial } from '../../access/jurisdiction.js';
import { recordChanges } from '../../audit/record.js';
import { cityOf } from '../../organisation/codes.js';
import { regions } from '../../organisation/table.js';
import { zRowId } from '../../shared/ids.js';
import { defineVerb } from '../../shared/verb.js';
import {
  lineKey,
  lineSnapshot,
  lockDraftPlan,
  PLAN_TYPE,
  readLine,
  schoolByCode,
  STAGES_ADMITTING,
  touchPlan,
} from '../planRecords.js';
import { enrolmentSchoolPlans } from '../table.js';
import { regionCode, schoolCode } from '../validate.js';

const input = z.object({
  planId: zRowId(PLAN_TYPE),
  schoolCode,
  allowedCountyCodes: z.array(regionCode).min(1).max(20),
  demonstration: z.boolean(),
});
export type SetEnrolmentBoundaryInput = z.input<typeof input>;

/**
 * Lists a school in a draft plan, or changes its listing: the counties it may admit from
 * (招生范围, 划定县域招生边界) and whether it is a 示范性高中. The city's job; the school's county
 * then fills in its places. Boundary counties are counties of the plan's city.
 */
export const setEnrolmentBoundary = defineVerb({
  permission: 'enrolmentPolicy',
  input,
  run: (ctx, input) =>
    ctx.db.transaction(async (tx) => {
      const plan = await lockDraftPlan(tx, ctx.viewer, input.planId, ['input', 'planId']);
      const denied = writeDenial(ctx.viewer, 'enrolmentPolicy', { regionCode: plan.regionCode }, ['input', 'planId']);
      if (denied) fail(denied.code, denied.message, denied.path);
      const school = await schoolByCode(tx, input.schoolCode);
      if (!school || cityOf(school.countyCode) !== plan.regionCode)
        fail('NOT_FOUND', `School ${input.schoolCode} is not a school of ${plan.regionCode}.`, ['input', 'schoolCode']);
      if (!STAGES_ADMITTING[plan.stage].includes(school.stage)) {
        fail(
          'VALIDATION',
          `${school.name} is a ${school.stage} school; a ${plan.stage} plan lists ${STAGES_ADMITTING[plan.stage].join(' or ')} schools.`,
          ['input', 'schoolCode'],
        );
      }
      const codes = [...new Set(input.allowedCountyCodes)].sort();
      const found = await tx
        .select({ code: regions.code, level: regions.level })
        .from(regions)
        .where(inArray(regions.code, codes));
      const known = new Set(
        found.filter((r) => r.level === 'COUNTY' && cityOf(r.code) === plan.regionCode).map((r) => r.code),
      );
      const bad = input.allowedCountyCodes.flatMap((c, i) =>
        known.has(c)
          ? []
          : [
              new UserError('VALIDATION', `${c} is not a county of ${plan.regionCode}.`, [
                'input',
                'allowedCountyCodes',
                i,
              ]),
            ],
      );
      if (bad.length) throw new UserErrors(bad);
      const [existing] = await tx
        .select()
        .from(enrolmentSchoolPlans)
        .where(and(eq(enrolmentSchoolPlans.planId, plan.id), eq(enrolmentSchoolPlans.schoolId, school.id)))
        .for('update');
      const before = existing ? await readLine(tx, existing, school.code) : null;
      const [line] = existing
        ? await tx
            .update(enrolmentSchoolPlans)
            .set({ allowedCountyCodes: codes, demonstration: input.demonstration, updatedAt: new Date().toISOString() })
            .where(eq(enrolmentSchoolPlans.id, existing.id))
            .returning()
        : await tx
            .insert(enrolmentSchoolPlans)
            .values({
              planId: plan.id,
              schoolId: school.id,
              countyCode: school.countyCode,
              allowedCountyCodes: codes,
              demonstration: input.demonstration,
            })
            .returning();
      const after = await readLine(tx, line, school.code);
      await touchPlan(tx, plan.id);
      await recordChanges(tx, ctx, [
        {
          action: before ? 'UPDATE' : 'CREATE',
          entityType: 'SchoolEnrolmentPlan',
          entityKey: lineKey(plan, school.code),
          regionCode: line.countyCode,
          before: before ? lineSnapshot(before) : null,
          after: lineSnapshot(after),
        },
      ]);
      return line;
    }),
});
