import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../context.js';
import { underRegion } from '../organisation/codes.js';
import { regions } from '../organisation/table.js';
import { rectificationReports, rectificationTasks } from '../responsibility/table.js';
import type { WarningInput } from '../responsibility/warning.js';
import { endOfDayCst } from './periods.js';
import { regionColour, type RegionCounts, type ReportStatus } from './regionColour.js';
import { escalations, periodReports, periodReportTasks, reportingPeriods } from './table.js';

type Task = typeof rectificationTasks.$inferSelect;
type Period = typeof reportingPeriods.$inferSelect;
type Escalation = typeof escalations.$inferSelect;
type Report = typeof periodReports.$inferSelect;

/**
 * Everything a city's bulletins and dashboard are computed from, in a fixed number of
 * statements whatever the number of counties, tasks or periods (no per-row lookups).
 */
export interface CityState {
  cityCode: string;
  counties: { code: string; name: string }[];
  tasks: Task[];
  /** Per task: dated progress values (progress reports and period reports), oldest first. */
  progressLog: Map<number, { at: number; progress: number }[]>;
  escalations: Escalation[];
  periods: Period[];
  reports: Report[];
  /** Task progress given in each period report. */
  reportTasks: { reportId: number; taskId: number; progress: number; note: string }[];
}

export async function loadCityState(db: DbOrTx, cityCode: string): Promise<CityState> {
  const [counties, tasks, progress, periodProgress, escs, periods] = await Promise.all([
    db
      .select({ code: regions.code, name: regions.name })
      .from(regions)
      .where(and(eq(regions.parentCode, cityCode), eq(regions.level, 'COUNTY')))
      .orderBy(asc(regions.code)),
    db.select().from(rectificationTasks).where(underRegion(rectificationTasks.regionCode, cityCode)),
    db
      .select({
        taskId: rectificationReports.taskId,
        progress: rectificationReports.progress,
        at: rectificationReports.reportedAt,
      })
      .from(rectificationReports)
      .innerJoin(rectificationTasks, eq(rectificationTasks.id, rectificationReports.taskId))
      .where(underRegion(rectificationTasks.regionCode, cityCode)),
    db
      .select({
        reportId: periodReportTasks.reportId,
        taskId: periodReportTasks.taskId,
        progress: periodReportTasks.progress,
        note: periodReportTasks.note,
        at: periodReports.submittedAt,
      })
      .from(periodReportTasks)
      .innerJoin(periodReports, eq(periodReports.id, periodReportTasks.reportId))
      .where(underRegion(periodReports.regionCode, cityCode)),
    db.select().from(escalations).where(underRegion(escalations.regionCode, cityCode)),
    db
      .select()
      .from(reportingPeriods)
      .where(eq(reportingPeriods.regionCode, cityCode))
      .orderBy(asc(reportingPeriods.startDate)),
  ]);
  const reports = periods.length
    ? await db
        .select()
        .from(periodReports)
        .where(
          inArray(
            periodReports.periodId,
            periods.map((p) => p.id),
          ),
        )
    : [];
  const progressLog = new Map<number, { at: number; progress: number }[]>();
  for (const r of [...progress, ...periodProgress]) {
    const list = progressLog.get(r.taskId) ?? [];
    list.push({ at: Date.parse(r.at), progress: r.progress });
    progressLog.set(r.taskId, list);
  }
  for (const list of progressLog.values()) list.sort((a, b) => a.at - b.at);
  const reportTasks = periodProgress.map(({ reportId, taskId, progress, note }) => ({
    reportId,
    taskId,
    progress,
    note,
  }));
  return { cityCode, counties, tasks, progressLog, escalations: escs, periods, reports, reportTasks };
}

const startInstant = (date: string) => new Date(endOfDayCst(date).getTime() - 86_400_000);

/** A task as it stood at `at`: accepted if accepted before; progress from the latest dated value before. */
export function taskAt(state: CityState, t: Task, at: Date): WarningInput {
  if (t.acceptedAt && Date.parse(t.acceptedAt) < at.getTime()) return { ...t, status: 'ACCEPTED' };
  const log = (state.progressLog.get(t.id) ?? []).filter((p) => p.at < at.getTime());
  const progress = log.length ? log[log.length - 1].progress : 0;
  return {
    status: progress === 100 ? 'AWAITING_ACCEPTANCE' : 'IN_PROGRESS',
    progress,
    startDate: t.startDate,
    deadline: t.deadline,
  };
}

/** A unit's report for a period, judged at `now`: due at 24:00 of the due date. */
export function reportStatus(state: CityState, regionCode: string, period: Period, now: Date): ReportStatus {
  const periodStart = startInstant(period.startDate).getTime();
  const required = state.tasks.some(
    (t) =>
      t.regionCode === regionCode &&
      t.startDate <= period.endDate &&
      !(t.acceptedAt && Date.parse(t.acceptedAt) < periodStart),
  );
  if (!required) return 'NOT_REQUIRED';
  const due = endOfDayCst(period.dueDate).getTime();
  const report = state.reports.find((r) => r.periodId === period.id && r.regionCode === regionCode);
  if (report) return Date.parse(report.submittedAt) < due ? 'ON_TIME' : 'LATE';
  return now.getTime() >= due ? 'MISSING' : 'PENDING';
}

function listedOpenAt(state: CityState, regionCode: string, at: Date, open: (t: Task) => boolean): number {
  return state.escalations.filter(
    (e) =>
      e.stage === 'LISTED' &&
      e.regionCode === regionCode &&
      Date.parse(e.escalatedAt) < at.getTime() &&
      open(state.tasks.find((t) => t.id === e.taskId)!),
  ).length;
}

/** A county's colour and counts now: current task state, the latest period already due. */
export function countyNow(state: CityState, regionCode: string, now: Date): RegionCounts {
  const tasks = state.tasks.filter((t) => t.regionCode === regionCode && startInstant(t.startDate) <= now);
  const latestDue = [...state.periods].reverse().find((p) => endOfDayCst(p.dueDate) <= now) ?? null;
  return regionColour({
    tasks,
    listedOpen: listedOpenAt(state, regionCode, now, (t) => t.status !== 'ACCEPTED'),
    report: latestDue ? reportStatus(state, regionCode, latestDue, now) : null,
    at: now,
  });
}

/** A county's colour and counts for a period: the state at the period's end, its report judged now. */
export function countyInPeriod(state: CityState, regionCode: string, period: Period, now: Date): RegionCounts {
  const end = endOfDayCst(period.endDate);
  const tasks = state.tasks
    .filter((t) => t.regionCode === regionCode && t.startDate <= period.endDate)
    .map((t) => taskAt(state, t, end));
  return regionColour({
    tasks,
    listedOpen: listedOpenAt(state, regionCode, end, (t) => taskAt(state, t, end).status !== 'ACCEPTED'),
    report: reportStatus(state, regionCode, period, now),
    at: end,
  });
}

/** Escalations and acceptances that happened within a period (its first 00:00 to its last 24:00, CST). */
export function periodEvents(state: CityState, period: Period) {
  const from = startInstant(period.startDate).getTime();
  const to = endOfDayCst(period.endDate).getTime();
  const within = (iso: string | null) => iso != null && Date.parse(iso) >= from && Date.parse(iso) < to;
  return {
    escalated: state.escalations.filter((e) => within(e.escalatedAt)),
    accepted: state.tasks.filter((t) => within(t.acceptedAt)),
  };
}
