import { and, count, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../context.js';
import { exchangeAssignments } from '../exchanges/table.js';

/**
 * Exchanges a teacher is serving now (status ACTIVE): a public aggregate on the portal's teacher
 * lists. Computed inside the query that loads the teachers (a correlated count answered by
 * exchange_active_teacher_idx), so a page of 10,000 teachers costs no extra statement and no
 * per-row resolver bookkeeping.
 */
export function activeExchangeCountSql(teacherId: SQL.Aliased | SQL | { getSQL(): SQL }): SQL<number> {
  return sql<number>`(select count(*)::int from ${exchangeAssignments} where ${exchangeAssignments.teacherId} = ${teacherId} and ${exchangeAssignments.status} = 'ACTIVE')`;
}

/** The same counts for teachers loaded without it (a service's own select), in one statement. */
export async function activeExchangeCounts(db: DbOrTx, teacherIds: readonly number[]): Promise<Map<number, number>> {
  const rows = await db
    .select({ teacherId: exchangeAssignments.teacherId, n: count() })
    .from(exchangeAssignments)
    .where(and(inArray(exchangeAssignments.teacherId, [...teacherIds]), eq(exchangeAssignments.status, 'ACTIVE')))
    .groupBy(exchangeAssignments.teacherId);
  return new Map(rows.map((r) => [r.teacherId, Number(r.n)]));
}
