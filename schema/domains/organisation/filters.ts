import { and, eq, gte, ilike, inArray, sql, type SQL } from 'drizzle-orm';
import { readScope, scopeCondition } from '../access/jurisdiction.js';
import { cityRunSql, underRegion } from './codes.js';
import type { Viewer } from '../access/viewer.js';
import { schools, type teachers } from './table.js';

/**
 * Filters as SQL over a (possibly aliased) table, so one definition serves the connection's
 * rows (drizzle passes its alias) and its totalCount (the plain table).
 */
export interface SchoolFilter {
  regionCode?: string | null;
  stage?: (typeof schools.$inferSelect.stage)[] | null;
  locality?: (typeof schools.$inferSelect.locality)[] | null;
  status?: (typeof schools.$inferSelect.status)[] | null;
  isCountyHighSchool?: boolean | null;
  cityRun?: boolean | null;
  isWeak?: boolean | null;
  nameContains?: string | null;
}

export function schoolCondition(f: SchoolFilter | null | undefined) {
  return (t: typeof schools): SQL | undefined =>
    and(
      f?.regionCode ? underRegion(t.countyCode, f.regionCode) : undefined,
      f?.stage?.length ? inArray(t.stage, f.stage) : undefined,
      f?.locality?.length ? inArray(t.locality, f.locality) : undefined,
      f?.status?.length ? inArray(t.status, f.status) : undefined,
      f?.isCountyHighSchool != null ? eq(t.isCountyHighSchool, f.isCountyHighSchool) : undefined,
      // 市直 schools are those whose running region is a city (code ending 00, not a province).
      f?.cityRun != null ? (f.cityRun ? cityRunSql(t.countyCode) : sql`not ${cityRunSql(t.countyCode)}`) : undefined,
      f?.isWeak != null ? eq(t.isWeak, f.isWeak) : undefined,
      f?.nameContains ? ilike(t.name, `%${escapeLike(f.nameContains)}%`) : undefined,
    );
}

export interface TeacherFilter {
  regionCode?: string | null;
  schoolCode?: string | null;
  backboneLevel?: (typeof teachers.$inferSelect.backboneLevel)[] | null;
  title?: (typeof teachers.$inferSelect.title)[] | null;
  subject?: string | null;
  nameContains?: string | null;
  minYearsAtSchool?: number | null;
}

/** Teachers the viewer may read (jurisdiction) that match the filter. */
export function teacherCondition(viewer: Viewer, f: TeacherFilter | null | undefined) {
  const scope = readScope(viewer, 'teacher');
  return (t: typeof teachers): SQL | undefined =>
    and(
      scopeCondition(scope, { region: t.countyCode, school: t.schoolId }),
      f?.regionCode ? underRegion(t.countyCode, f.regionCode) : undefined,
      f?.schoolCode
        ? sql`${t.schoolId} = (select ${schools.id} from ${schools} where ${schools.code} = ${f.schoolCode})`
        : undefined,
      f?.backboneLevel?.length ? inArray(t.backboneLevel, f.backboneLevel) : undefined,
      f?.title?.length ? inArray(t.title, f.title) : undefined,
      f?.subject ? sql`${f.subject} = any(${t.subjects})` : undefined,
      f?.nameContains ? ilike(t.name, `%${escapeLike(f.nameContains)}%`) : undefined,
      f?.minYearsAtSchool != null ? gte(t.yearsAtSchool, f.minYearsAtSchool) : undefined,
    );
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
