import { eq } from 'drizzle-orm';
import { fail } from '../../../errors.js';
import { recordChanges } from '../../audit/record.js';
import { evaluationCycles } from '../table.js';
import { cycleInput, cycleToChange } from '../cycleToChange.js';
import { defineVerb } from '../../shared/verb.js';

/**
 * Closes a computed cycle (关闭评价周期): its scores, value added and submissions are frozen
 * and its aggregated results become public. Only a COMPUTED cycle can close.
 */
export const closeEvaluationCycle = defineVerb({
  permission: 'evaluation',
  input: cycleInput,
  run: async (ctx, input) => {
    const found = await cycleToChange(ctx, input.cycleId);
    return ctx.db.transaction(async (tx) => {
      const [cycle] = await tx.select().from(evaluationCycles).where(eq(evaluationCycles.id, found.id)).for('update');
      if (cycle.status !== 'COMPUTED') {
        fail(
          'INVALID_STATE',
          `Only a COMPUTED cycle can be closed; this one is ${cycle.status}. Run computeValueAdded first.`,
          ['input', 'cycleId'],
        );
      }
      const [updated] = await tx
        .update(evaluationCycles)
        .set({ status: 'CLOSED', closedAt: new Date().toISOString() })
        .where(eq(evaluationCycles.id, cycle.id))
        .returning();
      await recordChanges(tx, ctx, [
        {
          action: 'UPDATE',
          entityType: 'EvaluationCycle',
          entityKey: String(cycle.id),
          regionCode: cycle.regionCode,
          before: cycle,
          after: updated,
        },
      ]);
      return updated;
    });
  },
});
