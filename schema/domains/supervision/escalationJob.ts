import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Context, Tx } from '../../context.js';
import { recordChanges, type Change } from '../audit/record.js';
import { cityOf, underRegion } from '../organisation/codes.js';
import { rectificationTasks } from '../responsibility/table.js';
import { taskKey } from '../responsibility/tasks.js';
import { resolveSetting } from '../settings/resolve.js';
import { DAY_MS, dueForAccountability, dueForListing, redSince } from './escalationRule.js';
import { escalations } from './table.js';

export type EscalationRow = typeof escalations.$inferSelect;

/** One key for the whole job: at most one process escalates at a time (pg_try_advisory_xact_lock). */
const JOB_LOCK = sql`hashtext('edugov.supervision.escalations')`;

export interface EscalationRun {
  /** False when another process held the job's lock: this run did nothing. */
  ran: boolean;
  listed: EscalationRow[];
  accountability: EscalationRow[];
}

export const escalationKey = (e: Pick<EscalationRow, 'taskId' | 'stage'>) => `escalation:${e.taskId}:${e.stage}`;

export function escalationSnapshot(e: EscalationRow) {
  return {
    taskId: e.taskId,
    stage: e.stage,
    regionCode: e.regionCode,
    reason: e.reason,
    supervisingLeader: e.supervisingLeader,
    accountablePerson: e.accountablePerson,
    decision: e.decision,
    decidedOn: e.decidedOn,
    escalatedAt: e.escalatedAt,
  };
}

const rowsOf = (r: unknown) => ((r as { rows?: unknown[] }).rows ?? r) as Record<string, unknown>[];

/**
 * The escalation job (自动预警启动问责): for every city (or one), lists tasks RED long enough
 * (挂牌督办) and opens accountability records (问责) for listed tasks still RED, by the city's
 * `supervision.escalation` setting. Idempotent — one escalation per task and stage (unique
 * key, inserts that skip existing rows) — and single-run across server processes: the whole
 * run holds a transaction-scoped advisory lock, and a process that cannot take it returns at
 * once with `ran: false`. Every escalation is audited (change feed: entity type Escalation).
 */
export async function runEscalationJob(
  ctx: Context,
  opts: { now: Date; cityCode?: string | null },
): Promise<EscalationRun> {
  return ctx.db.transaction(async (tx) => {
    const [lock] = rowsOf(await tx.execute(sql`select pg_try_advisory_xact_lock(${JOB_LOCK}) as locked`));
    if (!lock?.locked) return { ran: false, listed: [], accountability: [] };
    const tasks = await tx
      .select()
      .from(rectificationTasks)
      .where(
        and(
          eq(rectificationTasks.status, 'IN_PROGRESS'),
          opts.cityCode ? underRegion(rectificationTasks.regionCode, opts.cityCode) : undefined,
        ),
      );
    const existing = tasks.length
      ? await tx
          .select()
          .from(escalations)
          .where(
            inArray(
              escalations.taskId,
              tasks.map((t) => t.id),
            ),
          )
      : [];
    const settings = new Map<string, Awaited<ReturnType<typeof resolveSetting<'supervision.escalation'>>>>();
    for (const city of new Set(tasks.map((t) => cityOf(t.regionCode))))
      settings.set(city, await resolveSetting(tx, 'supervision.escalation', city));
    const listing: (typeof escalations.$inferInsert)[] = [];
    const accountability: (typeof escalations.$inferInsert)[] = [];
    const at = opts.now.toISOString();
    for (const t of tasks) {
      const setting = settings.get(cityOf(t.regionCode))!;
      const listed = existing.find((e) => e.taskId === t.id && e.stage === 'LISTED');
      const accounted = existing.some((e) => e.taskId === t.id && e.stage === 'ACCOUNTABILITY');
      if (!listed && dueForListing(t, setting, opts.now)) {
        const days = Math.floor((opts.now.getTime() - redSince(t)!.getTime()) / DAY_MS);
        listing.push({
          taskId: t.id,
          stage: 'LISTED',
          regionCode: t.regionCode,
          supervisingLeader: setting.supervisingLeader,
          escalatedAt: at,
          createdBy: ctx.viewer.actor,
          reason: `红色预警已持续${days}天（进度${t.progress}%，时限${t.deadline}），列入挂牌督办。`,
        });
      } else if (listed && !accounted && dueForAccountability(t, new Date(listed.escalatedAt), setting, opts.now)) {
        accountability.push({
          taskId: t.id,
          stage: 'ACCOUNTABILITY',
          regionCode: t.regionCode,
          supervisingLeader: listed.supervisingLeader,
          escalatedAt: at,
          createdBy: ctx.viewer.actor,
          reason: `挂牌督办${setting.accountabilityAfterListedDays}天后仍为红色预警（进度${t.progress}%），启动问责程序。`,
        });
      }
    }
    const listedRows = await insertEscalations(tx, listing);
    const accountabilityRows = await insertEscalations(tx, accountability);
    const changes: Change[] = [...listedRows, ...accountabilityRows].map((e) => ({
      action: 'CREATE',
      entityType: 'Escalation',
      entityKey: escalationKey(e),
      regionCode: e.regionCode,
      before: null,
      after: { ...escalationSnapshot(e), task: taskKey({ id: e.taskId }) },
    }));
    await recordChanges(tx, ctx, changes);
    return { ran: true, listed: listedRows, accountability: accountabilityRows };
  });
}

/** Inserts, leaving any (task, stage) that already exists: a second run adds nothing. */
async function insertEscalations(tx: Tx, rows: (typeof escalations.$inferInsert)[]) {
  if (!rows.length) return [];
  return tx
    .insert(escalations)
    .values(rows)
    .onConflictDoNothing({ target: [escalations.taskId, escalations.stage] })
    .returning();
}
