import type { Change } from '../audit/record.js';
import type { resourceAllocations, resourceRequests } from './table.js';

/**
 * Audit records of the pools domain, shaped as every domain's (audit/record.ts): CREATE carries
 * the whole record, UPDATE the whole record before and after.
 */
type Request = typeof resourceRequests.$inferSelect;
type Allocation = typeof resourceAllocations.$inferSelect;

/** The request as audited: every column but the row's own timestamp (the event has its own). */
export function requestSnapshot(r: Request) {
  const { updatedAt: _u, ...rest } = r;
  return rest;
}

export function requestCreated(r: Request): Change {
  return {
    action: 'CREATE',
    entityType: 'ResourceRequest',
    entityKey: String(r.id),
    regionCode: r.countyCode,
    before: null,
    after: requestSnapshot(r),
  };
}

export function requestUpdated(before: Request, after: Request): Change {
  return {
    action: 'UPDATE',
    entityType: 'ResourceRequest',
    entityKey: String(after.id),
    regionCode: after.countyCode,
    before: requestSnapshot(before),
    after: requestSnapshot(after),
  };
}

/** A released allocation: the active row it was, and the row as released. */
export function allocationReleased(after: Allocation): Change {
  const before: Allocation = { ...after, status: 'ACTIVE', releasedBy: null, releasedAt: null, releaseReason: null };
  return {
    action: 'UPDATE',
    entityType: 'ResourceAllocation',
    entityKey: String(after.id),
    regionCode: after.requestCountyCode,
    before,
    after,
  };
}
