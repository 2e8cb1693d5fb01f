import { eq } from 'drizzle-orm';
import type { Context } from '../../../context.js';
import { fail, UserErrors } from '../../../errors.js';
import { roleDenial, writeDenial } from '../../access/jurisdiction.js';
import { rowIdOf } from '../../shared/ids.js';
import { evaluationCycles } from '../table.js';

type EvaluationCycle = typeof evaluationCycles.$inferSelect;

/**
 * The cycle a verb is about to change, once the viewer may: the role first (to a caller who may
 * never change evaluations, every cycle id looks the same, malformed or not), then the id,
 * then existence, then the cycle's region.
 */
export async function cycleToChange(ctx: Context, id: string | number): Promise<EvaluationCycle> {
  const forbidden = roleDenial(ctx.viewer, 'evaluation');
  if (forbidden) throw new UserErrors([forbidden.under(['input', 'cycleId'])]);
  const cycleId = rowIdOf(id, 'EvaluationCycle', ['input', 'cycleId']);
  const [found] = await ctx.db.select().from(evaluationCycles).where(eq(evaluationCycles.id, cycleId));
  if (!found) fail('NOT_FOUND', `Evaluation cycle ${cycleId} does not exist.`, ['input', 'cycleId']);
  const denied = writeDenial(ctx.viewer, 'evaluation', { regionCode: found.regionCode }, ['input', 'cycleId']);
  if (denied) throw new UserErrors([denied]);
  return found;
}
