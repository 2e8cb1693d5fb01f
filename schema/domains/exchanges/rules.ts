/**
 * Pure rules of exchange assignments (交流轮岗), shared by the services, the statistics and
 * the tests. No database access here.
 */
import type { ExchangeAssignment } from './table.js';

export type ExchangeKind = ExchangeAssignment['kind'];
export type ExchangeStatus = ExchangeAssignment['status'];

/** Kinds a teacher may hold only one of at a time (enforced by the exclusion constraint). */
export const EXCLUSIVE_KINDS: ReadonlySet<ExchangeKind> = new Set(['ROTATION', 'SUPPORT']);
/** Statuses that occupy the teacher's time: they block overlaps and count against the hour cap. */
export const LIVE_STATUSES: readonly ExchangeStatus[] = ['PROPOSED', 'APPROVED', 'ACTIVE'];
/** Kinds the eligibility rule (years at the current school) is enforced for, when the region enforces it. */
export const ELIGIBILITY_KINDS: ReadonlySet<ExchangeKind> = new Set(['ROTATION', 'SUPPORT']);
/** Kinds that count as an exchange in the statistics (跟岗 SHADOWING is training, not exchange). */
export const COUNTED_KINDS: readonly ExchangeKind[] = ['ROTATION', 'SUPPORT', 'ITINERANT'];
/** Statuses that count in the statistics: decided in favour, whether or not it has started or ended. */
export const COUNTED_STATUSES: readonly ExchangeStatus[] = ['APPROVED', 'ACTIVE', 'COMPLETED'];

export type SchoolStage =
  | 'KINDERGARTEN'
  | 'PRIMARY'
  | 'JUNIOR'
  | 'NINE_YEAR'
  | 'SENIOR'
  | 'TWELVE_YEAR'
  | 'VOCATIONAL'
  | 'SPECIAL';
/**
 * The default population of the exchange statistics: teachers of compulsory-education schools
 * (义务教育学校: 小学, 初中, 九年一贯制), whom 教师〔2014〕4号 addresses. 普高 (SENIOR,
 * 完全中学), 十二年一贯制, 中职, 特教 and 幼儿园 teachers and their exchanges count only when asked.
 */
export const COMPULSORY_STAGES: readonly SchoolStage[] = ['PRIMARY', 'JUNIOR', 'NINE_YEAR'];

/** Longest term of any posting; policy terms are 1–3 years, so longer is a typing error. */
export const MAX_TERM_YEARS = 6;

/** A YYYY-MM-DD string naming a day that exists (no 2026-02-30). */
export function isRealDate(v: string): boolean {
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

/** Adds whole years to an ISO date (29 Feb → 28 Feb in common years). */
export function addYears(isoDate: string, years: number): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  const target = new Date(Date.UTC(y + years, m - 1, 1));
  const last = new Date(Date.UTC(y + years, m, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
}

/**
 * The school year (学年) called `year`: 1 September of `year` to 31 August of the next year,
 * the period the bureau's annual exchange ratio is reported for.
 */
export function schoolYear(year: number): { from: string; to: string } {
  return { from: `${year}-09-01`, to: `${year + 1}-08-31` };
}

export interface HoursSpan {
  startDate: string;
  endDate: string;
  weeklyHours: number;
}

/**
 * Highest total weekly hours of `spans` on any single day within [from, to]. The total only
 * rises where a span starts, so it is enough to look at `from` and at every start inside.
 */
export function peakWeeklyHours(spans: readonly HoursSpan[], from: string, to: string): number {
  const points = [from, ...spans.map((s) => s.startDate).filter((d) => d > from && d <= to)];
  let peak = 0;
  for (const p of points) {
    const total = spans.reduce((sum, s) => (s.startDate <= p && s.endDate >= p ? sum + s.weeklyHours : sum), 0);
    peak = Math.max(peak, total);
  }
  return peak;
}

/** Whether two postings share a day: inclusive date ranges, as the exclusion constraint compares them. */
export function datesOverlap(
  a: { startDate: string; endDate: string },
  b: { startDate: string; endDate: string },
): boolean {
  return a.startDate <= b.endDate && b.startDate <= a.endDate;
}

export { sqlState } from '../shared/sqlState.js';

/** 23P01: exclusion_violation — here, an overlapping ROTATION/SUPPORT of the same teacher. */
export const EXCLUSION_VIOLATION = '23P01';
