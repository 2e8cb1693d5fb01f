import { createContextCache } from '@pothos/core';
import DataLoader from 'dataloader';
import { and, count, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Context } from '../../context.js';
import { exchangeAssignments } from './table.js';

/**
 * Exchanges a teacher is serving now (status ACTIVE): a public aggregate on the portal's teacher
 * lists. Computed inside the query that loads the teachers (a correlated count on
 * exchange_teacher_idx), so a page of 10,000 teachers costs no extra statement and no per-row
 * resolver bookkeeping.
 */
export function activeExchangeCountSql(teacherId: SQL.Aliased | SQL | { getSQL(): SQL }): SQL<number> {
  return sql<number>`(select count(*)::int from ${exchangeAssignments} where ${exchangeAssignments.teacherId} = ${teacherId} and ${exchangeAssignments.status} = 'ACTIVE')`;
}

/** For teacher rows loaded elsewhere (a service's own select): one batched count per request. */
const loaderFor = createContextCache(
  (ctx: Context) =>
    new DataLoader<number, number>(async (ids) => {
      const rows = await ctx.db
        .select({ teacherId: exchangeAssignments.teacherId, n: count() })
        .from(exchangeAssignments)
        .where(and(inArray(exchangeAssignments.teacherId, [...ids]), eq(exchangeAssignments.status, 'ACTIVE')))
        .groupBy(exchangeAssignments.teacherId);
      const byId = new Map(rows.map((r) => [r.teacherId, Number(r.n)]));
      return ids.map((id) => byId.get(id) ?? 0);
    }),
);

export function activeExchangeCount(row: { id: number; activeExchangeCount?: number | null }, ctx: Context): number | Promise<number> {
  return typeof row.activeExchangeCount === 'number' ? row.activeExchangeCount : loaderFor(ctx).load(row.id);
}
