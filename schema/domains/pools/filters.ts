import { and, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { canRead, internalOfferScope, readScope, scopeAdmitsPlace, scopeCondition } from '../access/jurisdiction.js';
import type { Viewer } from '../access/viewer.js';
import type { DbOrTx } from '../../context.js';
import { cityOf, regionPrefix, underRegion } from '../organisation/codes.js';
import { poolResources, resourceAllocations, resourceRequests } from './table.js';

/**
 * Read rules of the pools domain, all derived from access/jurisdiction.ts:
 * - pools are a public catalogue;
 * - offers: PUBLISHED ones are public, INTERNAL ones follow `internalOfferScope` (the city's
 *   admins, the offering school); internal notes and contact details likewise;
 * - requests: the requesting county/school and the city above it (never portals);
 * - allocations: readable from either side, the requester's or the offerer's.
 */
type Offer = Pick<typeof poolResources.$inferSelect, 'visibility' | 'countyCode' | 'schoolId'>;

export function canSeeOfferInternals(viewer: Viewer, offer: Pick<Offer, 'countyCode' | 'schoolId'>): boolean {
  return scopeAdmitsPlace(internalOfferScope(viewer), { regionCode: offer.countyCode, schoolId: offer.schoolId });
}

export function canSeeOffer(viewer: Viewer, offer: Offer): boolean {
  if (!viewer.scopes.has('read') && viewer.kind !== 'system') return false;
  return offer.visibility === 'PUBLISHED' || canSeeOfferInternals(viewer, offer);
}

export function offerCondition(viewer: Viewer) {
  return (t: typeof poolResources): SQL =>
    or(
      eq(t.visibility, 'PUBLISHED'),
      scopeCondition(internalOfferScope(viewer), { region: t.countyCode, school: t.schoolId }),
    )!;
}

export function canSeeRequest(viewer: Viewer, r: { countyCode: string; schoolId: number | null }): boolean {
  return canRead(viewer, 'resourceRequest', { regionCode: r.countyCode, schoolId: r.schoolId });
}

/** LIKE pattern of the pools a region uses: a county its city's, a city its own, a province its cities'. */
export function poolCityPattern(regionCode: string | null | undefined): string | null {
  if (!regionCode) return null;
  return `${regionPrefix(cityOf(regionCode))}%`;
}

export interface RequestFilter {
  poolId?: number | null;
  regionCode?: string | null;
  status?: (typeof resourceRequests.$inferSelect.status)[] | null;
  priority?: (typeof resourceRequests.$inferSelect.priority)[] | null;
  subject?: string | null;
}

export function requestCondition(viewer: Viewer, f: RequestFilter | null | undefined) {
  const scope = readScope(viewer, 'resourceRequest');
  return (t: typeof resourceRequests): SQL | undefined =>
    and(
      scopeCondition(scope, { region: t.countyCode, school: t.schoolId }),
      f?.poolId != null ? eq(t.poolId, f.poolId) : undefined,
      f?.regionCode ? underRegion(t.countyCode, f.regionCode) : undefined,
      f?.status?.length ? inArray(t.status, f.status) : undefined,
      f?.priority?.length ? inArray(t.priority, f.priority) : undefined,
      f?.subject ? eq(t.subject, f.subject) : undefined,
    );
}

export interface AllocationFilter {
  poolId?: number | null;
  requestId?: number | null;
  resourceId?: number | null;
  regionCode?: string | null;
  status?: (typeof resourceAllocations.$inferSelect.status)[] | null;
}

function allocationScope(viewer: Viewer, t: typeof resourceAllocations): SQL {
  const scope = readScope(viewer, 'resourceAllocation');
  if (scope.kind === 'school') {
    return sql`(exists (select 1 from ${resourceRequests} q where q.id = ${t.requestId} and q.school_id = ${scope.schoolId})
      or exists (select 1 from ${poolResources} r where r.id = ${t.resourceId} and r.school_id = ${scope.schoolId}))`;
  }
  return or(
    scopeCondition(scope, { region: t.requestCountyCode }),
    scopeCondition(scope, { region: t.offerCountyCode }),
  )!;
}

/** The requesting and offering schools of an allocation (null where a county asked or offered). */
export interface AllocationSchools {
  request: number | null;
  offer: number | null;
}

/** Whether reading an allocation needs its two schools (a school admin's scope; see allocationSchools). */
export function readsAllocationsBySchool(viewer: Viewer): boolean {
  return readScope(viewer, 'resourceAllocation').kind === 'school';
}

/** The two schools of each allocation, in one statement whatever the number of allocations. */
export async function allocationSchools(db: DbOrTx, ids: readonly number[]): Promise<Map<number, AllocationSchools>> {
  const rows = await db
    .select({ id: resourceAllocations.id, request: resourceRequests.schoolId, offer: poolResources.schoolId })
    .from(resourceAllocations)
    .innerJoin(resourceRequests, eq(resourceRequests.id, resourceAllocations.requestId))
    .innerJoin(poolResources, eq(poolResources.id, resourceAllocations.resourceId))
    .where(inArray(resourceAllocations.id, [...ids]));
  return new Map(rows.map((r) => [r.id, { request: r.request, offer: r.offer }]));
}

export function canSeeAllocation(
  viewer: Viewer,
  a: { requestCountyCode: string; offerCountyCode: string },
  schools?: AllocationSchools,
) {
  return (
    canRead(viewer, 'resourceAllocation', { regionCode: a.requestCountyCode, schoolId: schools?.request ?? null }) ||
    canRead(viewer, 'resourceAllocation', { regionCode: a.offerCountyCode, schoolId: schools?.offer ?? null })
  );
}

export function allocationCondition(viewer: Viewer, f: AllocationFilter | null | undefined) {
  return (t: typeof resourceAllocations): SQL | undefined =>
    and(
      allocationScope(viewer, t),
      f?.poolId != null
        ? sql`${t.resourceId} in (select id from ${poolResources} where pool_id = ${f.poolId})`
        : undefined,
      f?.requestId != null ? eq(t.requestId, f.requestId) : undefined,
      f?.resourceId != null ? eq(t.resourceId, f.resourceId) : undefined,
      f?.regionCode
        ? or(underRegion(t.requestCountyCode, f.regionCode), underRegion(t.offerCountyCode, f.regionCode))
        : undefined,
      f?.status?.length ? inArray(t.status, f.status) : undefined,
    );
}
