import { and, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { enrolmentDraftScope, readScope, scopeCondition } from '../access/jurisdiction.js';
import type { Viewer } from '../access/viewer.js';
import { cityOf, underRegion } from '../organisation/codes.js';
import type { enrolmentAdmissions, enrolmentPlans } from './table.js';

export interface PlanFilter {
  regionCode?: string | null;
  year?: number | null;
  stage?: 'SENIOR' | 'JUNIOR' | null;
  status?: ('DRAFT' | 'PUBLISHED' | 'SUPERSEDED')[] | null;
}

/** Plans (of the city governing `regionCode`, when given) the viewer may read: drafts only for the city's and its counties' admins. */
export function planCondition(viewer: Viewer, f: PlanFilter) {
  return (t: typeof enrolmentPlans): SQL | undefined =>
    and(
      f.regionCode ? eq(t.regionCode, cityOf(f.regionCode)) : undefined,
      or(
        and(sql`${t.status} <> 'DRAFT'`, scopeCondition(readScope(viewer, 'enrolmentPlan'), { region: t.regionCode })),
        and(sql`${t.status} = 'DRAFT'`, scopeCondition(enrolmentDraftScope(viewer), { region: t.regionCode })),
      ),
      f.year != null ? eq(t.year, f.year) : undefined,
      f.stage ? eq(t.stage, f.stage) : undefined,
      f.status?.length ? inArray(t.status, f.status) : undefined,
    );
}

export interface AdmissionFilter {
  regionCode?: string | null;
  schoolCode?: string | null;
  sourceCountyCode?: string | null;
  year?: number | null;
  stage?: 'SENIOR' | 'JUNIOR' | null;
}

/** Admissions the viewer may read (never portals; a school its own) matching the filter. */
export function admissionCondition(viewer: Viewer, f: AdmissionFilter | null | undefined) {
  const scope = readScope(viewer, 'enrolmentAdmission');
  return (t: typeof enrolmentAdmissions): SQL | undefined =>
    and(
      scopeCondition(scope, { region: t.countyCode, school: t.schoolId }),
      f?.regionCode ? underRegion(t.countyCode, f.regionCode) : undefined,
      f?.schoolCode ? eq(t.schoolCode, f.schoolCode) : undefined,
      f?.sourceCountyCode ? eq(t.sourceCountyCode, f.sourceCountyCode) : undefined,
      f?.year != null ? eq(t.year, f.year) : undefined,
      f?.stage ? eq(t.stage, f.stage) : undefined,
    );
}
