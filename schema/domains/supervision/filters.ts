import { and, eq, or, sql, type SQL } from 'drizzle-orm';
import { canRead, inspectorGrantOf, readScope, scopeCondition, type ReadScope } from '../access/jurisdiction.js';
import type { Viewer } from '../access/viewer.js';
import { underRegion } from '../organisation/codes.js';
import { schools } from '../organisation/table.js';
import {
  type coordinationMeetings,
  type escalations,
  type inspectionFindings,
  inspectionInspectors,
  type inspections,
  type periodReports,
  type rapidRequests,
} from './table.js';

/**
 * Read conditions of this domain's lists and nodes, all from access/jurisdiction.ts: region
 * scopes for bureaus, per-inspection grants for inspectors (EVALUATOR), nothing for portals.
 */
const granted = (
  viewer: Viewer,
  inspectionId: SQL | typeof inspections.id | typeof inspectionFindings.inspectionId,
): SQL | undefined => {
  const actor = inspectorGrantOf(viewer);
  return actor
    ? sql`exists (select 1 from ${inspectionInspectors} where ${inspectionInspectors.inspectionId} = ${inspectionId} and ${inspectionInspectors.actor} = ${actor})`
    : undefined;
};

/** A region scope reaching into an inspection's scope lists (a county sees the city's inspections of it). */
function scopeTouches(scope: ReadScope, t: typeof inspections): SQL | undefined {
  if (scope.kind !== 'region') return undefined;
  const like = `${scope.prefix}%`;
  return sql`(exists (select 1 from unnest(${t.scopeRegionCodes}) c where c like ${like})
    or exists (select 1 from unnest(${t.scopeSchoolCodes}) sc join ${schools} s on s.code = sc where s.county_code like ${like}))`;
}

export function inspectionCondition(viewer: Viewer, f?: { regionCode?: string | null; kind?: string[] | null }) {
  const scope = readScope(viewer, 'inspection');
  return (t: typeof inspections): SQL | undefined =>
    and(
      or(scopeCondition(scope, { region: t.regionCode }), scopeTouches(scope, t), granted(viewer, t.id)),
      f?.regionCode ? eq(t.regionCode, f.regionCode) : undefined,
      f?.kind?.length
        ? sql`${t.kind} in (${sql.join(
            f.kind.map((k) => sql`${k}`),
            sql`, `,
          )})`
        : undefined,
    );
}

export function findingCondition(viewer: Viewer) {
  const scope = readScope(viewer, 'inspectionFinding');
  return (t: typeof inspectionFindings): SQL | undefined =>
    or(scopeCondition(scope, { region: t.regionCode, school: t.schoolId }), granted(viewer, t.inspectionId));
}

export function escalationCondition(viewer: Viewer, f?: { regionCode?: string | null; stage?: string[] | null }) {
  const scope = readScope(viewer, 'escalation');
  return (t: typeof escalations): SQL | undefined =>
    and(
      scopeCondition(scope, { region: t.regionCode }),
      f?.regionCode ? underRegion(t.regionCode, f.regionCode) : undefined,
      f?.stage?.length
        ? sql`${t.stage} in (${sql.join(
            f.stage.map((k) => sql`${k}`),
            sql`, `,
          )})`
        : undefined,
    );
}

export const canReadAccountability = (viewer: Viewer, e: { regionCode: string }) =>
  canRead(viewer, 'accountabilityRecord', { regionCode: e.regionCode });

export function periodReportCondition(viewer: Viewer) {
  const scope = readScope(viewer, 'periodReport');
  return (t: typeof periodReports): SQL | undefined => scopeCondition(scope, { region: t.regionCode });
}

export function meetingCondition(viewer: Viewer) {
  const scope = readScope(viewer, 'coordinationMeeting');
  return (t: typeof coordinationMeetings): SQL | undefined => scopeCondition(scope, { region: t.regionCode });
}

/** A county sees its own requests; the city every request of its counties. */
export function rapidRequestCondition(viewer: Viewer, f?: { regionCode?: string | null; status?: string[] | null }) {
  const scope = readScope(viewer, 'rapidRequest');
  return (t: typeof rapidRequests): SQL | undefined =>
    and(
      scopeCondition(scope, { region: t.regionCode }),
      f?.regionCode ? underRegion(t.regionCode, f.regionCode) : undefined,
      f?.status?.length
        ? sql`${t.status} in (${sql.join(
            f.status.map((k) => sql`${k}`),
            sql`, `,
          )})`
        : undefined,
    );
}
