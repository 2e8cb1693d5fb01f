import { and, asc, eq, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../context.js';
import { readScope, scopeCondition } from '../access/jurisdiction.js';
import type { Viewer } from '../access/viewer.js';
import { regionPrefix } from '../organisation/codes.js';
import { regions } from '../organisation/table.js';
import { rectificationTasks } from './table.js';
import { isAcceptanceOverdueSql, warningSql, type Warning } from './warning.js';

/**
 * Region-level warning colour (整改滞后地区预警), rolled up from the colours of the region's
 * rectification tasks — the region's own bureau and its schools (a task belongs to the region
 * in its regionCode; a city's row holds the city bureau's and the 市直 schools' tasks).
 * The rule, here and in the schema description of RegionTaskWarning:
 * - RED (整改滞后, 挂牌督办) when at least one of its tasks is RED;
 * - YELLOW when none is RED and at least one is YELLOW;
 * - GREEN otherwise, also with no tasks.
 * Tasks awaiting acceptance and accepted tasks are GREEN for the unit (see TaskWarning), so a
 * region is never marked lagging for a wait on the supervising level; those waits are counted
 * separately (awaitingAcceptance, acceptanceOverdue).
 */
export function regionWarningOf(c: { red: number; yellow: number }): Warning {
  if (c.red > 0) return 'RED';
  if (c.yellow > 0) return 'YELLOW';
  return 'GREEN';
}

export interface RegionTaskWarning {
  regionCode: string;
  regionName: string;
  warning: Warning;
  red: number;
  yellow: number;
  green: number;
  open: number;
  awaitingAcceptance: number;
  acceptanceOverdue: number;
  accepted: number;
}

/**
 * The roll-up for a county (one row) or a city/province (its own row and one per county under
 * it), over the tasks the viewer may read. Rows of regions outside the viewer's jurisdiction
 * are left out rather than shown GREEN; school admins, portals and anonymous callers get none.
 */
export async function regionTaskWarnings(
  db: DbOrTx,
  viewer: Viewer,
  regionCode: string,
  now: Date,
): Promise<RegionTaskWarning[]> {
  const scope = readScope(viewer, 'rectificationTask');
  if (scope.kind === 'none' || scope.kind === 'school') return [];
  const prefix = regionPrefix(regionCode);
  const t = rectificationTasks;
  const [places, counts] = await Promise.all([
    db
      .select({ code: regions.code, name: regions.name })
      .from(regions)
      .where(
        and(
          or(eq(regions.code, regionCode), and(eq(regions.level, 'COUNTY'), sql`${regions.code} like ${`${prefix}%`}`)),
          scopeCondition(scope, { region: regions.code }),
        ),
      )
      .orderBy(asc(regions.code)),
    db
      .select({
        region: t.regionCode,
        red: sql<number>`(count(*) filter (where ${warningSql(t, now)} = 'RED'))::int`,
        yellow: sql<number>`(count(*) filter (where ${warningSql(t, now)} = 'YELLOW'))::int`,
        green: sql<number>`(count(*) filter (where ${warningSql(t, now)} = 'GREEN' and ${t.status} = 'IN_PROGRESS'))::int`,
        awaiting: sql<number>`(count(*) filter (where ${t.status} = 'AWAITING_ACCEPTANCE'))::int`,
        awaitingLate: sql<number>`(count(*) filter (where ${isAcceptanceOverdueSql(t, now)}))::int`,
        accepted: sql<number>`(count(*) filter (where ${t.status} = 'ACCEPTED'))::int`,
      })
      .from(t)
      .where(
        and(
          sql`${t.regionCode} like ${`${prefix}%`}`,
          scopeCondition(scope, { region: t.regionCode, school: t.schoolId }),
        ),
      )
      .groupBy(t.regionCode),
  ]);
  const byRegion = new Map(counts.map((c) => [c.region, c]));
  return places.map((p) => {
    const c = byRegion.get(p.code);
    const red = c?.red ?? 0;
    const yellow = c?.yellow ?? 0;
    return {
      regionCode: p.code,
      regionName: p.name,
      warning: regionWarningOf({ red, yellow }),
      red,
      yellow,
      green: c?.green ?? 0,
      open: red + yellow + (c?.green ?? 0),
      awaitingAcceptance: c?.awaiting ?? 0,
      acceptanceOverdue: c?.awaitingLate ?? 0,
      accepted: c?.accepted ?? 0,
    };
  });
}
