import { and, eq, gte, inArray, lte, or } from 'drizzle-orm';
import type { DbOrTx } from '../../context.js';
import { internalOfferScope, scopeCondition } from '../access/jurisdiction.js';
import type { Viewer } from '../access/viewer.js';
import { inJsonList } from '../shared/jsonList.js';
import { peakLoad, type Booking } from './capacity.js';
import { poolResources, resourceAllocations } from './table.js';

export interface OfferSuggestion {
  resource: typeof poolResources.$inferSelect;
  /** Units still free on every day where the resource's window meets the requested period. */
  free: number;
}

export interface Need {
  poolId: number;
  subject: string;
  periodStart: string;
  periodEnd: string;
}

/**
 * Offers of the pool that could meet a need (避免重复采购): same pool and subject, an
 * availability window that meets the period, and capacity still free there. Only offers the
 * viewer may see: published ones, and internal ones inside the viewer's city.
 */
export async function suggestOffers(db: DbOrTx, viewer: Viewer, need: Need, limit = 20): Promise<OfferSuggestion[]> {
  return (await suggestOffersFor(db, viewer, [need], limit))[0];
}

/** Candidates an offer list considers per need (the best `limit` of them are returned). */
const CANDIDATES_PER_NEED = 500;

/**
 * `suggestOffers` for several needs at once (a page of requests), in two statements whatever
 * their number: the candidate offers of all their pools and subjects, then their bookings.
 */
export async function suggestOffersFor(
  db: DbOrTx,
  viewer: Viewer,
  needs: readonly Need[],
  limit = 20,
): Promise<OfferSuggestion[][]> {
  if (needs.length === 0) return [];
  const earliest = needs.reduce((m, n) => (n.periodStart < m ? n.periodStart : m), needs[0].periodStart);
  const latest = needs.reduce((m, n) => (n.periodEnd > m ? n.periodEnd : m), needs[0].periodEnd);
  const rows = await db
    .select()
    .from(poolResources)
    .where(
      and(
        inArray(poolResources.poolId, [...new Set(needs.map((n) => n.poolId))]),
        inArray(poolResources.subject, [...new Set(needs.map((n) => n.subject))]),
        lte(poolResources.availableFrom, latest),
        gte(poolResources.availableTo, earliest),
        or(
          eq(poolResources.visibility, 'PUBLISHED'),
          scopeCondition(internalOfferScope(viewer), {
            region: poolResources.countyCode,
            school: poolResources.schoolId,
          }),
        ),
      ),
    )
    .orderBy(poolResources.id);
  const candidatesOf = needs.map((need) =>
    rows
      .filter(
        (r) =>
          r.poolId === need.poolId &&
          r.subject === need.subject &&
          r.availableFrom <= need.periodEnd &&
          r.availableTo >= need.periodStart,
      )
      .slice(0, CANDIDATES_PER_NEED),
  );
  const ids = [...new Set(candidatesOf.flat().map((c) => c.id))];
  const bookings = ids.length ? await activeBookings(db, ids) : new Map<number, Booking[]>();
  return needs.map((need, i) =>
    candidatesOf[i]
      .map((resource) => {
        const from = resource.availableFrom > need.periodStart ? resource.availableFrom : need.periodStart;
        const to = resource.availableTo < need.periodEnd ? resource.availableTo : need.periodEnd;
        return { resource, free: resource.capacity - peakLoad(bookings.get(resource.id) ?? [], from, to) };
      })
      .filter((s) => s.free > 0)
      .sort((a, b) => b.free - a.free || a.resource.id - b.resource.id)
      .slice(0, limit),
  );
}

/** Active allocations of the given resources, grouped by resource. */
export async function activeBookings(db: DbOrTx, resourceIds: number[]): Promise<Map<number, Booking[]>> {
  const out = new Map<number, Booking[]>();
  const CHUNK = 5000;
  for (let i = 0; i < resourceIds.length; i += CHUNK) {
    const rows = await db
      .select({
        resourceId: resourceAllocations.resourceId,
        periodStart: resourceAllocations.periodStart,
        periodEnd: resourceAllocations.periodEnd,
        quantity: resourceAllocations.quantity,
      })
      .from(resourceAllocations)
      .where(
        and(
          inJsonList(resourceAllocations.resourceId, resourceIds.slice(i, i + CHUNK)),
          eq(resourceAllocations.status, 'ACTIVE'),
        ),
      );
    for (const r of rows) {
      const list = out.get(r.resourceId);
      if (list) list.push(r);
      else out.set(r.resourceId, [r]);
    }
  }
  return out;
}
