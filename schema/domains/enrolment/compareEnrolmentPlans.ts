import { eq } from 'drizzle-orm';
import type { Context } from '../../context.js';
import { fail } from '../../errors.js';
import { rowIdOf } from '../shared/ids.js';
import { canReadPlan, loadLines, PLAN_TYPE, type PlanRow } from './planRecords.js';
import { diffPlans, type PlanDiff } from './diff.js';
import { enrolmentPlans } from './table.js';

/**
 * What changed from another version of the same city, year and stage (`against`) to `plan`.
 * An unknown version, one the caller may not read and another plan's are refused alike.
 */
export async function compareEnrolmentPlans(ctx: Context, plan: PlanRow, against: string): Promise<PlanDiff> {
  const otherId = rowIdOf(against, PLAN_TYPE, ['against']);
  const [other] = await ctx.db.select().from(enrolmentPlans).where(eq(enrolmentPlans.id, otherId));
  if (
    !other ||
    !canReadPlan(ctx.viewer, other) ||
    other.regionCode !== plan.regionCode ||
    other.year !== plan.year ||
    other.stage !== plan.stage
  ) {
    fail('VALIDATION', '`against` must be a version of the same city’s plan for the same year and stage.', ['against']);
  }
  const lines = await loadLines(ctx.db, [plan.id, other.id]);
  return diffPlans(plan, lines.get(plan.id)!, other, lines.get(other.id)!);
}
