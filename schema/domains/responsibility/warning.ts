import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';

/**
 * Red/yellow/green warning of a rectification task (红黄绿三色预警), computed at read time,
 * never stored. The one rule, here in TypeScript and below as SQL (tests hold them equal):
 *
 * - Days are China Standard Time (UTC+8). The schedule runs from 00:00 of the start date to
 *   24:00 of the deadline; expected progress rises linearly from 0 to 100 over it.
 * - lag = expected progress − latest reported progress (percentage points).
 * - ACCEPTED tasks (销号) are GREEN.
 * - AWAITING_ACCEPTANCE tasks (the unit reported 100 %) are GREEN for the responsible unit,
 *   also past the deadline: the task now waits on the supervising level (waitingOn), and a
 *   wait past the deadline is that level's delay (acceptanceOverdue), not the unit's.
 * - RED when overdue (IN_PROGRESS and now ≥ 24:00 of the deadline) or lag ≥ 30.
 * - YELLOW when lag ≥ 10.
 * - GREEN otherwise.
 */
export type Warning = 'RED' | 'YELLOW' | 'GREEN';
export const RED_LAG = 30;
export const YELLOW_LAG = 10;
const CST_OFFSET_MS = 8 * 3600_000;

export interface WarningInput {
  status: 'IN_PROGRESS' | 'AWAITING_ACCEPTANCE' | 'ACCEPTED';
  progress: number;
  /** YYYY-MM-DD */
  startDate: string;
  /** YYYY-MM-DD, inclusive. */
  deadline: string;
}

/** 00:00 China Standard Time of a calendar date, as epoch milliseconds. */
export function cstMidnight(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) - CST_OFFSET_MS;
}

export function scheduleOf(t: WarningInput) {
  const start = cstMidnight(t.startDate);
  const end = cstMidnight(t.deadline) + 86_400_000;
  return { start, end };
}

/** The responsible unit is late: still IN_PROGRESS after 24:00 (CST) of the deadline. */
export function isOverdue(t: WarningInput, now: Date): boolean {
  return t.status === 'IN_PROGRESS' && now.getTime() >= scheduleOf(t).end;
}

/** The supervising level is late: the task waits for acceptance after 24:00 (CST) of the deadline. */
export function isAcceptanceOverdue(t: WarningInput, now: Date): boolean {
  return t.status === 'AWAITING_ACCEPTANCE' && now.getTime() >= scheduleOf(t).end;
}

/** Who must act next: the responsible unit, the supervising level (验收), or nobody once accepted. */
export type WaitingOn = 'RESPONSIBLE_UNIT' | 'SUPERVISING_LEVEL' | 'NONE';
export function waitingOn(t: Pick<WarningInput, 'status'>): WaitingOn {
  return t.status === 'IN_PROGRESS'
    ? 'RESPONSIBLE_UNIT'
    : t.status === 'AWAITING_ACCEPTANCE'
      ? 'SUPERVISING_LEVEL'
      : 'NONE';
}

/** Expected progress on a linear schedule, 0–100 (not rounded). */
export function expectedProgress(t: WarningInput, now: Date): number {
  const { start, end } = scheduleOf(t);
  const f = (now.getTime() - start) / (end - start);
  return 100 * Math.min(1, Math.max(0, f));
}

export function warningOf(t: WarningInput, now: Date): Warning {
  if (t.status !== 'IN_PROGRESS') return 'GREEN';
  if (isOverdue(t, now)) return 'RED';
  const lag = expectedProgress(t, now) - t.progress;
  if (lag >= RED_LAG) return 'RED';
  if (lag >= YELLOW_LAG) return 'YELLOW';
  return 'GREEN';
}

interface TaskColumns {
  status: AnyPgColumn;
  progress: AnyPgColumn;
  startDate: AnyPgColumn;
  deadline: AnyPgColumn;
}

/** 00:00 CST of a date column as timestamptz: the date at UTC midnight, minus eight hours. */
const cst = (d: SQL) => sql`((${d})::timestamp at time zone 'UTC' - interval '8 hours')`;

export function overdueSql(c: TaskColumns, now: Date): SQL {
  return sql`(${c.status} = 'IN_PROGRESS' and ${now.toISOString()}::timestamptz >= ${cst(sql`${c.deadline} + 1`)})`;
}

export function isAcceptanceOverdueSql(c: TaskColumns, now: Date): SQL {
  return sql`(${c.status} = 'AWAITING_ACCEPTANCE' and ${now.toISOString()}::timestamptz >= ${cst(sql`${c.deadline} + 1`)})`;
}

/** The same rule as `warningOf`, as a SQL expression yielding 'RED' | 'YELLOW' | 'GREEN'. */
export function warningSql(c: TaskColumns, now: Date): SQL<Warning> {
  const at = sql`${now.toISOString()}::timestamptz`;
  const start = cst(sql`${c.startDate}`);
  const end = cst(sql`${c.deadline} + 1`);
  const expected = sql`(100 * greatest(0, least(1, extract(epoch from (${at} - ${start})) / extract(epoch from (${end} - ${start})))))`;
  const lag = sql`(${expected} - ${c.progress})`;
  return sql<Warning>`(case when ${c.status} <> 'IN_PROGRESS' then 'GREEN'
    when ${overdueSql(c, now)} then 'RED'
    when ${lag} >= ${RED_LAG} then 'RED'
    when ${lag} >= ${YELLOW_LAG} then 'YELLOW'
    else 'GREEN' end)`;
}
