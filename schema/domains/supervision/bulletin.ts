import { eq } from 'drizzle-orm';
import type { Context } from '../../context.js';
import { fail } from '../../errors.js';
import { canRead } from '../access/jurisdiction.js';
import { nowOf } from './clock.js';
import { endOfDayCst } from './periods.js';
import type { RegionCounts } from './regionColour.js';
import { countyInPeriod, countyNow, periodEvents, type CityState } from './rollup.js';
import { reportingPeriods } from './table.js';

type Period = typeof reportingPeriods.$inferSelect;

export interface BulletinRegion extends RegionCounts {
  regionCode: string;
  regionName: string;
  newlyListed: number;
  newlyAccountable: number;
  newlyAccepted: number;
}

export interface Bulletin {
  period: Period;
  regions: BulletinRegion[];
  totals: {
    red: number;
    yellow: number;
    green: number;
    newlyListed: number;
    newlyAccountable: number;
    newlyAccepted: number;
  };
  /** Tasks newly put under 挂牌督办 in the period (named: that is the point of 挂牌). */
  listed: {
    regionCode: string;
    regionName: string;
    taskTitle: string;
    supervisingLeader: string;
    escalatedAt: string;
  }[];
  /** Tasks accepted (销号) in the period. */
  accepted: { regionCode: string; regionName: string; taskTitle: string; acceptedAt: string }[];
}

/**
 * The 通报 of a period: per county its colour (regionColour.ts) and task counts by warning
 * colour at the end of the period, its report status, and what happened in the period —
 * newly escalated (挂牌督办 named, 问责 only counted: accountability records are never
 * circulated) and newly accepted.
 */
export function bulletinOf(ctx: Context, state: CityState, period: Period): Bulletin {
  const now = nowOf(ctx);
  const events = periodEvents(state, period);
  const nameOf = (code: string) => state.counties.find((c) => c.code === code)?.name ?? code;
  const regions = state.counties.map((c) => ({
    regionCode: c.code,
    regionName: c.name,
    ...countyInPeriod(state, c.code, period, now),
    newlyListed: events.escalated.filter((e) => e.regionCode === c.code && e.stage === 'LISTED').length,
    newlyAccountable: events.escalated.filter((e) => e.regionCode === c.code && e.stage === 'ACCOUNTABILITY').length,
    newlyAccepted: events.accepted.filter((t) => t.regionCode === c.code).length,
  }));
  const sum = (k: 'red' | 'yellow' | 'green' | 'newlyListed' | 'newlyAccountable' | 'newlyAccepted') =>
    regions.reduce((n, r) => n + r[k], 0);
  return {
    period,
    regions,
    totals: {
      red: sum('red'),
      yellow: sum('yellow'),
      green: sum('green'),
      newlyListed: sum('newlyListed'),
      newlyAccountable: sum('newlyAccountable'),
      newlyAccepted: sum('newlyAccepted'),
    },
    listed: events.escalated
      .filter((e) => e.stage === 'LISTED' && state.counties.some((c) => c.code === e.regionCode))
      .map((e) => ({
        regionCode: e.regionCode,
        regionName: nameOf(e.regionCode),
        taskTitle: state.tasks.find((t) => t.id === e.taskId)!.title,
        supervisingLeader: e.supervisingLeader,
        escalatedAt: e.escalatedAt,
      })),
    accepted: events.accepted
      .filter((t) => state.counties.some((c) => c.code === t.regionCode))
      .map((t) => ({
        regionCode: t.regionCode,
        regionName: nameOf(t.regionCode),
        taskTitle: t.title,
        acceptedAt: t.acceptedAt!,
      })),
  };
}

/** A period the viewer may read the bulletin of (every signed-in reader); NOT_FOUND / FORBIDDEN at `path`. */
export async function bulletinPeriod(ctx: Context, periodId: number, path: (string | number)[]): Promise<Period> {
  const [period] = await ctx.db.select().from(reportingPeriods).where(eq(reportingPeriods.id, periodId));
  if (!period) fail('NOT_FOUND', `Reporting period ${periodId} does not exist.`, path);
  if (!canRead(ctx.viewer, 'supervisionBulletin', { regionCode: period.regionCode }))
    fail('FORBIDDEN', 'Bulletins are for signed-in readers.', path);
  return period;
}

export interface CountyStanding extends RegionCounts {
  regionCode: string;
  regionName: string;
  trend: (RegionCounts & { period: Period })[];
}

/** The city dashboard: every county's colour and counts now, and its colour over the last `periods` ended periods. */
export function dashboardOf(ctx: Context, state: CityState, periods: number): CountyStanding[] {
  const now = nowOf(ctx);
  const ended = state.periods.filter((p) => endOfDayCst(p.endDate) <= now).slice(-periods);
  return state.counties.map((c) => ({
    regionCode: c.code,
    regionName: c.name,
    ...countyNow(state, c.code, now),
    trend: ended.map((p) => ({ period: p, ...countyInPeriod(state, c.code, p, now) })),
  }));
}
