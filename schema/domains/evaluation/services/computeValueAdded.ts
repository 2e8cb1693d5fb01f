import { eq } from 'drizzle-orm';
import { fail } from '../../../errors.js';
import { recordChanges } from '../../audit/record.js';
import { resolveSetting } from '../../settings/resolve.js';
import { evaluationCycles, valueAddedResults } from '../table.js';
import { rowsOf } from '../sqlRows.js';
import { computeValueAddedStatement } from '../valueAddedSql.js';
import { cycleInput, cycleToChange } from '../cycleToChange.js';
import { defineVerb } from '../../shared/verb.js';

interface Model {
  intercept: number | null;
  slope: number | null;
  n: number;
  residual_sd: number | null;
  schools: number;
  suppressed: number;
}

/**
 * Fits the cycle's value-added model inside the database and stores per-school results
 * (计算增值评价). Idempotent: recomputing replaces the results. Refused once CLOSED.
 */
export const computeValueAdded = defineVerb({
  permission: 'evaluation',
  input: cycleInput,
  run: async (ctx, input) => {
    const found = await cycleToChange(ctx, input.cycleId);
    const minCohort = await resolveSetting(ctx.db, 'evaluation.minCohort', found.regionCode);
    return ctx.db.transaction(async (tx) => {
      const [cycle] = await tx.select().from(evaluationCycles).where(eq(evaluationCycles.id, found.id)).for('update');
      if (cycle.status === 'CLOSED')
        fail('INVALID_STATE', 'The cycle is closed; its results are frozen.', ['input', 'cycleId']);
      await tx.delete(valueAddedResults).where(eq(valueAddedResults.cycleId, cycle.id));
      const [m] = rowsOf<Model>(await tx.execute(computeValueAddedStatement(cycle.id, minCohort)));
      if (m.n < 3 || m.slope == null || m.residual_sd == null) {
        fail(
          'INVALID_STATE',
          `Cannot fit the model: ${m.n} students with varying intake scores are needed (at least 3).`,
          ['input', 'cycleId'],
        );
      }
      const after = {
        status: 'COMPUTED' as const,
        slope: Number(m.slope),
        intercept: Number(m.intercept),
        residualSd: Number(m.residual_sd),
        studentCount: m.n,
        minCohort,
      };
      const [updated] = await tx
        .update(evaluationCycles)
        .set({ ...after, computedAt: new Date().toISOString() })
        .where(eq(evaluationCycles.id, cycle.id))
        .returning();
      await recordChanges(tx, ctx, [
        {
          action: 'UPDATE',
          entityType: 'EvaluationCycle',
          entityKey: String(cycle.id),
          regionCode: cycle.regionCode,
          // The cycle row before and after, with the fit's school counts (not columns of the row).
          before: { ...cycle, schools: null, suppressed: null },
          after: { ...updated, schools: m.schools, suppressed: m.suppressed },
        },
      ]);
      return updated;
    });
  },
});
