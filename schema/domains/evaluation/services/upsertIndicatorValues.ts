import { z } from 'zod';
import { UserError } from '../../../errors.js';
import { writeDenial } from '../../access/jurisdiction.js';
import { schools } from '../../organisation/table.js';
import { bulkVerb, type BulkSpec } from '../../shared/bulk.js';
import { upsertRecords } from '../../shared/bulkSql.js';
import { inJsonList } from '../../shared/jsonList.js';
import { balanceIndicator, balanceStage, schoolIndicatorValues } from '../balanceTable.js';
import { sectionOf, withOnlySections } from '../stageSections.js';

export type IndicatorValue = typeof schoolIndicatorValues.$inferSelect & { schoolCode?: string };
type ValueRecord = {
  schoolCode: string;
  schoolId: number;
  countyCode: string;
  year: number;
  stage: IndicatorValue['stage'];
  indicator: IndicatorValue['indicator'];
  value: number;
};

const row = z.object({
  schoolCode: z
    .string()
    .trim()
    .regex(/^\d{10}$/, 'must be a 10-digit school identifier (学校标识码)'),
  year: z.number().int().min(2000).max(2100),
  stage: z.enum(balanceStage.enumValues).nullish(),
  indicator: z.enum(balanceIndicator.enumValues),
  value: z.number().finite().min(0, 'must not be negative').max(1_000_000),
});
type Row = z.infer<typeof row>;
const keyOf = (code: string, year: number, stage: string, indicator: string) => `${code}:${year}:${stage}:${indicator}`;

interface Refs {
  schools: Map<string, typeof schools.$inferSelect>;
  existing: Map<string, IndicatorValue>;
}

const spec: BulkSpec<Row, ValueRecord, IndicatorValue, Refs> = {
  entity: 'indicatorValue',
  entityType: 'SchoolIndicatorValue',
  schema: row,
  completeRows: withOnlySections,
  keyField: 'schoolCode',
  key: (r) => keyOf(r.schoolCode, r.year, r.stage ?? '-', r.indicator),
  async load(tx, rows) {
    const codes = [...new Set(rows.map((r) => r.schoolCode))];
    const sch = codes.length ? await tx.select().from(schools).where(inJsonList(schools.code, codes)) : [];
    const ids = sch.map((s) => s.id);
    const found = ids.length
      ? await tx
          .select()
          .from(schoolIndicatorValues)
          .where(inJsonList(schoolIndicatorValues.schoolId, ids))
          .for('update')
      : [];
    const codeById = new Map(sch.map((s) => [s.id, s.code]));
    return {
      schools: new Map(sch.map((s) => [s.code, s])),
      existing: new Map(
        found.map((f) => [
          keyOf(codeById.get(f.schoolId)!, f.year, f.stage, f.indicator),
          { ...f, schoolCode: codeById.get(f.schoolId) },
        ]),
      ),
    };
  },
  existing: (refs, key) => refs.existing.get(key),
  resolve(r, refs, ctx) {
    const school = refs.schools.get(r.schoolCode);
    if (!school) return [new UserError('NOT_FOUND', `School ${r.schoolCode} does not exist.`, ['schoolCode'])];
    const denied = writeDenial(ctx.viewer, 'indicatorValue', { regionCode: school.countyCode, schoolId: school.id }, [
      'schoolCode',
    ]);
    if (denied) return [denied];
    const stage = sectionOf(school, r.stage);
    if (typeof stage !== 'string') return [stage];
    return {
      schoolCode: school.code,
      schoolId: school.id,
      countyCode: school.countyCode,
      year: r.year,
      stage,
      indicator: r.indicator,
      value: r.value,
    };
  },
  snapshot: (e) => ({
    schoolCode: e.schoolCode!,
    schoolId: e.schoolId,
    countyCode: e.countyCode,
    year: e.year,
    stage: e.stage,
    indicator: e.indicator,
    value: e.value,
  }),
  regionOf: (rec) => rec.countyCode,
  store: {
    async write(tx, upserts) {
      const { schoolId, year, stage, indicator } = schoolIndicatorValues;
      const written = await upsertRecords(
        tx,
        schoolIndicatorValues,
        [schoolId, year, stage, indicator],
        upserts.map(({ record: { schoolCode: _c, ...record }, exists }) => ({ record, exists })),
      );
      const codeById = new Map(upserts.map(({ record: c }) => [c.schoolId, c.schoolCode]));
      return written.map((w) => ({ ...w, schoolCode: codeById.get(w.schoolId) }));
    },
  },
  entityKey: (e) => keyOf(e.schoolCode!, e.year, e.stage, e.indicator),
};

/**
 * Bulk, idempotent upsert of per-school balance indicator values (办学条件指标), keyed by school,
 * year, stage section and indicator. Rows without a stage get their school's only section first.
 */
export const upsertIndicatorValues = bulkVerb(spec);
