import { and, eq, gte, inArray, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import { underRegion } from '../organisation/codes.js';
import type { Viewer } from '../access/viewer.js';
import { schools, teachers } from '../organisation/table.js';
import { readableAssignments } from './access.js';
import type { ExchangeKind, ExchangeStatus } from './rules.js';
import type { exchangeAssignments } from './table.js';

export interface ExchangeFilter {
  regionCode?: string | null;
  schoolCode?: string | null;
  teacherStaffNo?: string | null;
  kind?: ExchangeKind[] | null;
  status?: ExchangeStatus[] | null;
  activeOn?: string | null;
  crossCounty?: boolean | null;
}

/** Statuses in which a posting has the teacher at the target school on its dates. */
const ON_POST: ExchangeStatus[] = ['APPROVED', 'ACTIVE', 'COMPLETED'];

/**
 * Assignments the viewer may read (either side inside the jurisdiction) matching the filter,
 * as SQL over a possibly aliased table, so rows and totalCount share one definition.
 */
export function exchangeCondition(viewer: Viewer, f: ExchangeFilter | null | undefined) {
  const readable = readableAssignments(viewer);
  return (t: typeof exchangeAssignments): SQL | undefined =>
    and(
      readable(t),
      f?.regionCode
        ? or(underRegion(t.sourceCountyCode, f.regionCode), underRegion(t.targetCountyCode, f.regionCode))
        : undefined,
      f?.schoolCode
        ? sql`(select ${schools.id} from ${schools} where ${schools.code} = ${f.schoolCode}) in (${t.sourceSchoolId}, ${t.targetSchoolId})`
        : undefined,
      f?.teacherStaffNo
        ? sql`${t.teacherId} = (select ${teachers.id} from ${teachers} where ${teachers.staffNo} = ${f.teacherStaffNo})`
        : undefined,
      f?.kind?.length ? inArray(t.kind, f.kind) : undefined,
      f?.status?.length ? inArray(t.status, f.status) : undefined,
      f?.activeOn
        ? and(
            inArray(t.status, ON_POST),
            lte(t.startDate, f.activeOn),
            gte(sql`coalesce(${t.endedOn}, ${t.endDate})`, f.activeOn),
          )
        : undefined,
      f?.crossCounty != null
        ? f.crossCounty
          ? ne(t.sourceCountyCode, t.targetCountyCode)
          : eq(t.sourceCountyCode, t.targetCountyCode)
        : undefined,
    );
}
