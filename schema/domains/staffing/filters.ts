import { and, eq, inArray, or, type SQL } from 'drizzle-orm';
import { readScope, scopeCondition } from '../access/jurisdiction.js';
import type { Viewer } from '../access/viewer.js';
import { underRegion } from '../organisation/codes.js';
import type { establishmentRequests, establishmentTransfers } from './table.js';

export interface RequestFilter {
  regionCode?: string | null;
  status?: (typeof establishmentRequests.$inferSelect)['status'][] | null;
}

export function establishmentRequestCondition(viewer: Viewer, f: RequestFilter | null | undefined) {
  const scope = readScope(viewer, 'establishmentRequest');
  return (t: typeof establishmentRequests): SQL | undefined =>
    and(
      scopeCondition(scope, { region: t.countyCode }),
      f?.regionCode ? underRegion(t.countyCode, f.regionCode) : undefined,
      f?.status?.length ? inArray(t.status, f.status) : undefined,
    );
}

/** A transfer is visible to the jurisdictions of either holder. */
export function establishmentTransferCondition(viewer: Viewer, regionCode?: string | null) {
  const scope = readScope(viewer, 'establishmentTransfer');
  return (t: typeof establishmentTransfers): SQL | undefined =>
    and(
      or(scopeCondition(scope, { region: t.fromCode }), scopeCondition(scope, { region: t.toCode })),
      regionCode
        ? or(underRegion(t.fromCode, regionCode), underRegion(t.toCode, regionCode), eq(t.cityCode, regionCode))
        : undefined,
    );
}
