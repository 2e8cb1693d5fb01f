import type { Change } from '../audit/record.js';
import type { resourceRequests } from './table.js';

/**
 * Audit records of the pools domain. CREATE events carry the whole record; UPDATE events carry
 * the record's id and the fields that changed, before and after (a patch). Auto-matching a
 * large pool updates thousands of requests at once, and full snapshots made the audit trail
 * most of its cost without telling a reader anything more.
 */
type Request = typeof resourceRequests.$inferSelect;

export function requestSnapshot(r: Request) {
  const { updatedAt: _u, ...rest } = r;
  return rest;
}

export function requestCreated(r: Request): Change {
  return { action: 'CREATE', entityType: 'ResourceRequest', entityKey: String(r.id), regionCode: r.countyCode, before: null, after: requestSnapshot(r) };
}

export function requestUpdated(before: Request, after: Request): Change {
  const [b, a] = patch(requestSnapshot(before), requestSnapshot(after));
  return { action: 'UPDATE', entityType: 'ResourceRequest', entityKey: String(after.id), regionCode: after.countyCode, before: b, after: a };
}

/** The id plus every field whose value differs, on each side. */
export function patch<T extends { id: number }>(before: T, after: T): [Partial<T>, Partial<T>] {
  const b: Partial<T> = { id: before.id } as Partial<T>;
  const a: Partial<T> = { id: after.id } as Partial<T>;
  for (const key of Object.keys(after) as (keyof T)[]) {
    if (JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null)) {
      b[key] = before[key];
      a[key] = after[key];
    }
  }
  return [b, a];
}
