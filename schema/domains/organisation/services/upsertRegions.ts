import { z } from 'zod';
import { UserError } from '../../../errors.js';
import { writeDenial } from '../../access/jurisdiction.js';
import { bulkVerb, type BulkSpec } from '../../shared/bulk.js';
import { inJsonList } from '../../shared/jsonList.js';
import { parentCodeOf, REGION_CODE, regionLevelOf } from '../codes.js';
import { regions } from '../table.js';

type Region = typeof regions.$inferSelect;
type RegionRecord = Pick<Region, 'code' | 'name' | 'level' | 'parentCode'>;

const row = z.object({
  code: z.string().trim().regex(REGION_CODE, 'must be a 6-digit GB/T 2260 code'),
  name: z.string().trim().min(1).max(50),
});
type RegionRow = z.infer<typeof row>;

interface Refs {
  known: Map<string, Region>;
  batchCodes: Set<string>;
}

const spec: BulkSpec<RegionRow, RegionRecord, Region, Refs> = {
  entity: 'region',
  entityType: 'Region',
  schema: row,
  keyField: 'code',
  key: (r) => r.code,
  async load(tx, rows) {
    const codes = [...new Set(rows.flatMap((r) => [r.code, parentCodeOf(r.code)].filter((c): c is string => !!c)))];
    const found = codes.length
      ? await tx.select().from(regions).where(inJsonList(regions.code, codes)).for('update')
      : [];
    return { known: new Map(found.map((r) => [r.code, r])), batchCodes: new Set(rows.map((r) => r.code)) };
  },
  existing: (refs, key) => refs.known.get(key),
  resolve(r, refs, ctx) {
    const parentCode = parentCodeOf(r.code);
    if (parentCode && !refs.known.has(parentCode) && !refs.batchCodes.has(parentCode)) {
      return [
        new UserError(
          'INVALID_PARENT',
          `Parent region ${parentCode} of ${r.code} does not exist; create it first or include it in this batch.`,
          ['code'],
        ),
      ];
    }
    const denied = writeDenial(ctx.viewer, 'region', { regionCode: r.code }, ['code']);
    if (denied) return [denied];
    return { code: r.code, name: r.name, level: regionLevelOf(r.code), parentCode };
  },
  snapshot: (e) => ({ code: e.code, name: e.name, level: e.level, parentCode: e.parentCode }),
  regionOf: (rec) => rec.code,
  // One statement: foreign keys are checked at its end, so parents and children may come in any order.
  store: { table: regions, target: regions.code },
  entityKey: (e) => e.code,
};

/** Bulk, idempotent upsert of administrative regions by GB/T 2260 code. */
export const upsertRegions = bulkVerb(spec);
