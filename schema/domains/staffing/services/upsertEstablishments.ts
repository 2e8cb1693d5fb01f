import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { UserError } from '../../../errors.js';
import { writeDenial } from '../../access/jurisdiction.js';
import { REGION_CODE, regionLevelOf } from '../../organisation/codes.js';
import { regions } from '../../organisation/table.js';
import { bulkVerb, type BulkSpec } from '../../shared/bulk.js';
import { inJsonList } from '../../shared/jsonList.js';
import { holdingKey } from '../snapshots.js';
import { establishmentHoldings, schoolEstablishments, staffCategory } from '../table.js';

type Holding = typeof establishmentHoldings.$inferSelect;
type HoldingRecord = Pick<Holding, 'holderCode' | 'category' | 'approved'>;

const row = z.object({
  holderCode: z.string().trim().regex(REGION_CODE, 'must be a 6-digit GB/T 2260 code'),
  category: z.enum(staffCategory.enumValues),
  approved: z.number().int('must be a whole number of posts').min(0, 'must not be negative').max(1_000_000),
});
type Row = z.infer<typeof row>;

interface Refs {
  regions: Set<string>;
  existing: Map<string, Holding>;
  /** Posts a county has assigned to its schools, per county:category. */
  assigned: Map<string, number>;
}

const spec: BulkSpec<Row, HoldingRecord, Holding, Refs> = {
  entity: 'establishment',
  entityType: 'EstablishmentHolding',
  schema: row,
  keyField: 'holderCode',
  key: (r) => holdingKey(r),
  async load(tx, rows) {
    const codes = [...new Set(rows.map((r) => r.holderCode))];
    if (!codes.length) return { regions: new Set(), existing: new Map(), assigned: new Map() };
    const known = await tx.select({ code: regions.code }).from(regions).where(inJsonList(regions.code, codes));
    const found = await tx
      .select()
      .from(establishmentHoldings)
      .where(inJsonList(establishmentHoldings.holderCode, codes))
      .for('update');
    const sums = await tx
      .select({
        county: schoolEstablishments.countyCode,
        category: schoolEstablishments.category,
        n: sql<number>`sum(${schoolEstablishments.approved})::int`,
      })
      .from(schoolEstablishments)
      .where(inJsonList(schoolEstablishments.countyCode, codes))
      .groupBy(schoolEstablishments.countyCode, schoolEstablishments.category);
    return {
      regions: new Set(known.map((k) => k.code)),
      existing: new Map(found.map((h) => [holdingKey(h), h])),
      assigned: new Map(sums.map((s) => [`${s.county}:${s.category}`, s.n])),
    };
  },
  existing: (refs, key) => refs.existing.get(key),
  resolve(r, refs, ctx) {
    if (!refs.regions.has(r.holderCode))
      return [new UserError('NOT_FOUND', `Region ${r.holderCode} does not exist.`, ['holderCode'])];
    if (regionLevelOf(r.holderCode) === 'PROVINCE')
      return [
        new UserError('VALIDATION', 'Establishment is held by a city (its pool) or a county, not a province.', [
          'holderCode',
        ]),
      ];
    const denied = writeDenial(ctx.viewer, 'establishment', { regionCode: r.holderCode }, ['holderCode']);
    if (denied) return [denied];
    const assigned = refs.assigned.get(holdingKey(r)) ?? 0;
    if (r.approved < assigned) {
      return [
        new UserError(
          'CONFLICT',
          `${r.holderCode} has assigned ${assigned} ${r.category} posts to its schools; the holding cannot be below that.`,
          ['approved'],
        ),
      ];
    }
    return { holderCode: r.holderCode, category: r.category, approved: r.approved };
  },
  snapshot: (e) => ({ holderCode: e.holderCode, category: e.category, approved: e.approved }),
  regionOf: (rec) => rec.holderCode,
  store: { table: establishmentHoldings, target: [establishmentHoldings.holderCode, establishmentHoldings.category] },
  entityKey: (e) => holdingKey(e),
};

/**
 * Sets approved establishment (编制核定) of the city pool and counties, keyed by holder and
 * category. The only way totals change; transfers between holders conserve them.
 */
export const upsertEstablishments = bulkVerb(spec);
