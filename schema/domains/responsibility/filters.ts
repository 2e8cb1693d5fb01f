import { and, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { canRead, readScope, scopeCondition } from '../access/jurisdiction.js';
import { cityOf, underRegion } from '../organisation/codes.js';
import type { Viewer } from '../access/viewer.js';
import { schools } from '../organisation/table.js';
import type { rectificationTasks, responsibilityLists } from './table.js';
import { overdueSql, warningSql, type Warning } from './warning.js';

/** Drafts are readable by city admins of that city only; published and superseded lists by every reader. */
export function canReadList(viewer: Viewer, list: { status: string; regionCode: string }): boolean {
  return canRead(viewer, list.status === 'DRAFT' ? 'responsibilityDraft' : 'responsibilityList', {
    regionCode: list.regionCode,
  });
}

/** Lists (of the city governing `regionCode`, when given) that the viewer may read: drafts only for its city admins. */
export function listCondition(
  viewer: Viewer,
  f: { regionCode?: string | null; status?: string[] | null; year?: number | null },
) {
  return (t: typeof responsibilityLists): SQL | undefined =>
    and(
      f.regionCode ? eq(t.regionCode, cityOf(f.regionCode)) : undefined,
      or(
        and(
          sql`${t.status} <> 'DRAFT'`,
          scopeCondition(readScope(viewer, 'responsibilityList'), { region: t.regionCode }),
        ),
        and(
          sql`${t.status} = 'DRAFT'`,
          scopeCondition(readScope(viewer, 'responsibilityDraft'), { region: t.regionCode }),
        ),
      ),
      f.status?.length ? inArray(t.status, f.status as never[]) : undefined,
      f.year != null ? eq(t.year, f.year) : undefined,
    );
}

export interface TaskFilter {
  warning?: Warning[] | null;
  regionCode?: string | null;
  schoolCode?: string | null;
  overdue?: boolean | null;
  itemKey?: string | null;
  status?: ('IN_PROGRESS' | 'AWAITING_ACCEPTANCE' | 'ACCEPTED')[] | null;
}

/** Tasks the viewer may read that match the filter; warning and overdue use the SQL form of the rule at `now`. */
export function taskCondition(viewer: Viewer, f: TaskFilter | null | undefined, now: Date) {
  const scope = readScope(viewer, 'rectificationTask');
  return (t: typeof rectificationTasks): SQL | undefined =>
    and(
      scopeCondition(scope, { region: t.regionCode, school: t.schoolId }),
      f?.regionCode ? underRegion(t.regionCode, f.regionCode) : undefined,
      f?.schoolCode
        ? sql`${t.schoolId} = (select ${schools.id} from ${schools} where ${schools.code} = ${f.schoolCode})`
        : undefined,
      f?.itemKey ? eq(t.itemKey, f.itemKey) : undefined,
      f?.status?.length ? inArray(t.status, f.status) : undefined,
      f?.overdue != null ? (f.overdue ? overdueSql(t, now) : sql`not ${overdueSql(t, now)}`) : undefined,
      f?.warning?.length
        ? sql`${warningSql(t, now)} in (${sql.join(
            f.warning.map((w) => sql`${w}`),
            sql`, `,
          )})`
        : undefined,
    );
}
