import { eq } from 'drizzle-orm';
import type { Context } from '../../context.js';
import { z } from 'zod';
import { fail, UserErrors } from '../../errors.js';
import { writeDenial } from '../access/jurisdiction.js';
import { zRowId } from '../shared/ids.js';
import { evaluationCycles } from './table.js';

type EvaluationCycle = typeof evaluationCycles.$inferSelect;

/** Input of the verbs that change one cycle. */
export const cycleInput = z.object({ cycleId: zRowId('EvaluationCycle') });
export type CycleInput = z.input<typeof cycleInput>;

/**
 * The cycle a verb is about to change (its permission checked and its id parsed): existence,
 * then the cycle's region.
 */
export async function cycleToChange(ctx: Context, cycleId: number): Promise<EvaluationCycle> {
  const [found] = await ctx.db.select().from(evaluationCycles).where(eq(evaluationCycles.id, cycleId));
  if (!found) fail('NOT_FOUND', `Evaluation cycle ${cycleId} does not exist.`, ['input', 'cycleId']);
  const denied = writeDenial(ctx.viewer, 'evaluation', { regionCode: found.regionCode }, ['input', 'cycleId']);
  if (denied) throw new UserErrors([denied]);
  return found;
}
