import { and, eq, max } from 'drizzle-orm';
import { z } from 'zod';
import { fail } from '../../../errors.js';
import { writeDenial } from '../../access/jurisdiction.js';
import { recordChanges, type Change } from '../../audit/record.js';
import { regionLevelOf } from '../../organisation/codes.js';
import { regions } from '../../organisation/table.js';
import { zRowId } from '../../shared/ids.js';
import { defineVerb } from '../../shared/verb.js';
import {
  canReadPlan,
  lineKey,
  lineSnapshot,
  loadLines,
  PLAN_TYPE,
  planKey,
  planSnapshot,
  type PlanRow,
} from '../planRecords.js';
import { enrolmentPlans, enrolmentSchoolPlans, quotaAllocations } from '../table.js';
import { percent, regionCode, requiredText, stage, year } from '../validate.js';
import { sqlState } from '../../shared/sqlState.js';

const input = z.object({
  regionCode,
  year,
  stage,
  title: requiredText(120),
  quotaShareMinPercent: percent,
  crossCountyAllowed: z.boolean().nullish(),
  /** A published or superseded version of the same city, year and stage to amend (修订). */
  copyFromPlanId: zRowId(PLAN_TYPE).nullish(),
});
export type CreateEnrolmentPlanInput = z.input<typeof input>;

/**
 * Opens a DRAFT version of a city's enrolment plan (招生计划) for a year and stage: the next
 * version. With copyFromPlanId the draft starts as a copy of that version (lines and
 * allocations): the way a published plan is amended. One open draft per city, year and stage.
 */
export const createEnrolmentPlan = defineVerb({
  permission: 'enrolmentPolicy',
  input,
  run: async (ctx, input) => {
    const denied = writeDenial(ctx.viewer, 'enrolmentPolicy', { regionCode: input.regionCode }, [
      'input',
      'regionCode',
    ]);
    if (denied) fail(denied.code, denied.message, denied.path);
    if (regionLevelOf(input.regionCode) !== 'CITY')
      fail('VALIDATION', `Enrolment policy is set by a city (code ending 00); ${input.regionCode} is not one.`, [
        'input',
        'regionCode',
      ]);
    try {
      return await ctx.db.transaction(async (tx) => {
        // Locking the city row serialises version numbering and publishing of its plans.
        const [region] = await tx
          .select({ code: regions.code })
          .from(regions)
          .where(eq(regions.code, input.regionCode))
          .for('update');
        if (!region) fail('NOT_FOUND', `Region ${input.regionCode} does not exist.`, ['input', 'regionCode']);
        const same = and(
          eq(enrolmentPlans.regionCode, input.regionCode),
          eq(enrolmentPlans.year, input.year),
          eq(enrolmentPlans.stage, input.stage),
        );
        let source: PlanRow | undefined;
        if (input.copyFromPlanId != null) {
          const path = ['input', 'copyFromPlanId'];
          [source] = await tx.select().from(enrolmentPlans).where(eq(enrolmentPlans.id, input.copyFromPlanId));
          if (!source || !canReadPlan(ctx.viewer, source))
            fail('NOT_FOUND', `Enrolment plan ${input.copyFromPlanId} does not exist.`, path);
          if (source.status === 'DRAFT')
            fail('INVALID_STATE', `Plan ${planKey(source)} is a draft; amend a published or superseded version.`, path);
          if (source.regionCode !== input.regionCode || source.year !== input.year || source.stage !== input.stage) {
            fail(
              'VALIDATION',
              `Plan ${planKey(source)} is not a version of ${input.regionCode} ${input.year} ${input.stage}.`,
              path,
            );
          }
        }
        const [open] = await tx
          .select()
          .from(enrolmentPlans)
          .where(and(same, eq(enrolmentPlans.status, 'DRAFT')));
        if (open)
          fail('INVALID_STATE', `Plan ${planKey(open)} is already an open draft; change or publish it first.`, [
            'input',
            'year',
          ]);
        const [{ last }] = await tx
          .select({ last: max(enrolmentPlans.sequence) })
          .from(enrolmentPlans)
          .where(same);
        const [plan] = await tx
          .insert(enrolmentPlans)
          .values({
            regionCode: input.regionCode,
            year: input.year,
            stage: input.stage,
            sequence: (last ?? 0) + 1,
            title: input.title,
            quotaShareMinPercent: input.quotaShareMinPercent,
            crossCountyAllowed: input.crossCountyAllowed ?? false,
            basedOnId: source?.id ?? null,
          })
          .returning();
        const changes: Change[] = [
          {
            action: 'CREATE',
            entityType: 'EnrolmentPlan',
            entityKey: planKey(plan),
            regionCode: plan.regionCode,
            before: null,
            after: planSnapshot(plan),
          },
        ];
        if (source) {
          for (const c of (await loadLines(tx, [source.id])).get(source.id)!) {
            const { id: _id, planId: _p, updatedAt: _u, ...rest } = c.line;
            const [line] = await tx
              .insert(enrolmentSchoolPlans)
              .values({ ...rest, planId: plan.id })
              .returning();
            if (c.allocations.length) {
              await tx.insert(quotaAllocations).values(
                c.allocations.map(({ id: _a, schoolPlanId: _s, juniorSchoolCode: _c, ...a }) => ({
                  ...a,
                  schoolPlanId: line.id,
                })),
              );
            }
            changes.push({
              action: 'CREATE',
              entityType: 'SchoolEnrolmentPlan',
              entityKey: lineKey(plan, c.schoolCode),
              regionCode: line.countyCode,
              before: null,
              after: lineSnapshot(c),
            });
          }
        }
        await recordChanges(tx, ctx, changes);
        return plan;
      });
    } catch (err) {
      // A racing writer opened the draft (or took the version number) between our read and insert.
      if (sqlState(err) === '23505')
        fail('CONFLICT', 'Another version of this plan was opened at the same time; reload and try again.', [
          'input',
          'year',
        ]);
      throw err;
    }
  },
});
