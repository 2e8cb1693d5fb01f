import { z } from 'zod';
import { UserError } from '../../../errors.js';
import { writeDenial } from '../../access/jurisdiction.js';
import { regions } from '../../organisation/table.js';
import { bulkVerb, type BulkSpec } from '../../shared/bulk.js';
import { inJsonList } from '../../shared/jsonList.js';
import { ASSESSMENT_ITEM_CODES, RECOGNITION_ITEM } from '../assessmentCatalogue.js';
import { countyAssessmentItems } from '../balanceTable.js';
import { RECOGNITION_MINIMUM } from '../catalogue.js';

export type CountyAssessmentItem = typeof countyAssessmentItems.$inferSelect;
type ItemRecord = Omit<CountyAssessmentItem, 'updatedAt'>;

const row = z
  .object({
    countyCode: z
      .string()
      .trim()
      .regex(/^\d{6}$/, 'must be a 6-digit county code'),
    year: z.number().int().min(2000).max(2100),
    itemCode: z.enum(ASSESSMENT_ITEM_CODES),
    met: z.boolean().nullish(),
    surveyRate: z.number().finite().min(0).max(100).nullish(),
    evidence: z.array(z.string().trim().url('must be a link (URL) to the evidence').max(500)).max(20).nullish(),
    note: z.string().trim().max(2000).nullish(),
  })
  .superRefine((r, ctx) => {
    if (r.itemCode === RECOGNITION_ITEM) {
      if (r.surveyRate == null)
        ctx.addIssue({
          code: 'custom',
          path: ['surveyRate'],
          message: '社会认可度 is recorded as the survey rate (percent).',
        });
      if (r.met != null)
        ctx.addIssue({
          code: 'custom',
          path: ['met'],
          message: `社会认可度 is met when the survey rate reaches ${RECOGNITION_MINIMUM} %; do not give met.`,
        });
    } else {
      if (r.met == null) ctx.addIssue({ code: 'custom', path: ['met'], message: 'Give whether the item is met.' });
      if (r.surveyRate != null)
        ctx.addIssue({ code: 'custom', path: ['surveyRate'], message: 'Only 社会认可度 (S01) has a survey rate.' });
    }
  });
type Row = z.infer<typeof row>;
const keyOf = (county: string, year: number, item: string) => `${county}:${year}:${item}`;

interface Refs {
  counties: Map<string, typeof regions.$inferSelect>;
  existing: Map<string, CountyAssessmentItem>;
}

const spec: BulkSpec<Row, ItemRecord, CountyAssessmentItem, Refs> = {
  entity: 'balanceAssessment',
  entityType: 'CountyAssessmentItem',
  schema: row as unknown as z.ZodType<Row>,
  keyField: 'itemCode',
  key: (r) => keyOf(r.countyCode, r.year, r.itemCode),
  async load(tx, rows) {
    const codes = [...new Set(rows.map((r) => r.countyCode))];
    const counties = codes.length ? await tx.select().from(regions).where(inJsonList(regions.code, codes)) : [];
    const found = codes.length
      ? await tx
          .select()
          .from(countyAssessmentItems)
          .where(inJsonList(countyAssessmentItems.countyCode, codes))
          .for('update')
      : [];
    return {
      counties: new Map(counties.map((c) => [c.code, c])),
      existing: new Map(found.map((f) => [keyOf(f.countyCode, f.year, f.itemCode), f])),
    };
  },
  existing: (refs, key) => refs.existing.get(key),
  resolve(r, refs, ctx) {
    const county = refs.counties.get(r.countyCode);
    if (county?.level !== 'COUNTY')
      return [new UserError('NOT_FOUND', `County ${r.countyCode} does not exist.`, ['countyCode'])];
    const denied = writeDenial(ctx.viewer, 'balanceAssessment', { regionCode: county.code }, ['countyCode']);
    if (denied) return [denied];
    const recognition = r.itemCode === RECOGNITION_ITEM;
    return {
      countyCode: county.code,
      year: r.year,
      itemCode: r.itemCode,
      met: recognition ? r.surveyRate! >= RECOGNITION_MINIMUM : r.met!,
      surveyRate: recognition ? r.surveyRate!.toFixed(2) : null,
      evidence: r.evidence ?? [],
      note: r.note ?? null,
    };
  },
  snapshot: ({ updatedAt: _u, ...e }) => e,
  regionOf: (rec) => rec.countyCode,
  store: {
    table: countyAssessmentItems,
    target: [countyAssessmentItems.countyCode, countyAssessmentItems.year, countyAssessmentItems.itemCode],
  },
  entityKey: (e) => keyOf(e.countyCode, e.year, e.itemCode),
};

/**
 * Bulk, idempotent record of a county's 政府保障程度 / 教育质量 / 社会认可度 items for a year
 * (优质均衡评估 其他指标), keyed by county, year and item: met or not with evidence links; for
 * 社会认可度 the survey rate, met from 85 %. CITY_ADMIN, or COUNTY_ADMIN for its own county.
 */
export const upsertCountyAssessmentItems = bulkVerb(spec);
