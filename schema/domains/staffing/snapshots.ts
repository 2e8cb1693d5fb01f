import type { Change } from '../audit/record.js';
import type {
  establishmentHoldings,
  establishmentRequests,
  establishmentTransfers,
  schoolEstablishments,
} from './table.js';

type Holding = typeof establishmentHoldings.$inferSelect;
type Request = typeof establishmentRequests.$inferSelect;
type Transfer = typeof establishmentTransfers.$inferSelect;
type SchoolPost = typeof schoolEstablishments.$inferSelect;

/** Audit events of the staffing domain: full snapshots, natural keys. */
export const holdingKey = (h: Pick<Holding, 'holderCode' | 'category'>) => `${h.holderCode}:${h.category}`;
export const schoolPostKey = (p: Pick<SchoolPost, 'schoolId' | 'category' | 'subject'>, schoolCode: string) =>
  `${schoolCode}:${p.category}:${p.subject}`;

export function holdingChange(before: Holding | null, after: Holding): Change {
  return {
    action: before ? 'UPDATE' : 'CREATE',
    entityType: 'EstablishmentHolding',
    entityKey: holdingKey(after),
    regionCode: after.holderCode,
    before,
    after,
  };
}

export function requestChange(before: Request | null, after: Request): Change {
  return {
    action: before ? 'UPDATE' : 'CREATE',
    entityType: 'EstablishmentRequest',
    entityKey: String(after.id),
    regionCode: after.countyCode,
    before,
    after,
  };
}

export function transferChange(t: Transfer, regionCode: string): Change {
  return {
    action: 'CREATE',
    entityType: 'EstablishmentTransfer',
    entityKey: String(t.id),
    regionCode,
    before: null,
    after: t,
  };
}
