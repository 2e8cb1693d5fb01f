import { z } from 'zod';
import { UserError } from '../../../errors.js';
import { writeDenial } from '../../access/jurisdiction.js';
import { schools } from '../../organisation/table.js';
import { bulkVerb, type BulkSpec } from '../../shared/bulk.js';
import { upsertRecords } from '../../shared/bulkSql.js';
import { inJsonList } from '../../shared/jsonList.js';
import { balanceSchoolKind, balanceStage, schoolYearFacts, schoolYearStatus } from '../balanceTable.js';
import { sectionOf, withOnlySections } from '../stageSections.js';

export type SchoolYearFact = typeof schoolYearFacts.$inferSelect & { schoolCode?: string };
type FactRecord = Omit<typeof schoolYearFacts.$inferInsert, 'updatedAt'> & { schoolCode: string };

const row = z.object({
  schoolCode: z
    .string()
    .trim()
    .regex(/^\d{10}$/, 'must be a 10-digit school identifier (学校标识码)'),
  year: z.number().int().min(2000).max(2100),
  stage: z.enum(balanceStage.enumValues).nullish(),
  enrolment: z.number().int().min(0, 'must not be negative').max(20_000),
  status: z.enum(schoolYearStatus.enumValues).nullish(),
  kind: z.enum(balanceSchoolKind.enumValues).nullish(),
});
type Row = z.infer<typeof row>;
const keyOf = (code: string, year: number, stage: string) => `${code}:${year}:${stage}`;

interface Refs {
  schools: Map<string, typeof schools.$inferSelect>;
  existing: Map<string, SchoolYearFact>;
}

const spec: BulkSpec<Row, FactRecord, SchoolYearFact, Refs> = {
  entity: 'indicatorValue',
  entityType: 'SchoolYearFact',
  schema: row,
  completeRows: withOnlySections,
  keyField: 'schoolCode',
  key: (r) => keyOf(r.schoolCode, r.year, r.stage ?? '-'),
  async load(tx, rows) {
    const codes = [...new Set(rows.map((r) => r.schoolCode))];
    const sch = codes.length ? await tx.select().from(schools).where(inJsonList(schools.code, codes)) : [];
    const ids = sch.map((s) => s.id);
    const found = ids.length
      ? await tx.select().from(schoolYearFacts).where(inJsonList(schoolYearFacts.schoolId, ids)).for('update')
      : [];
    const codeById = new Map(sch.map((s) => [s.id, s.code]));
    return {
      schools: new Map(sch.map((s) => [s.code, s])),
      existing: new Map(
        found.map((f) => [
          keyOf(codeById.get(f.schoolId)!, f.year, f.stage),
          { ...f, schoolCode: codeById.get(f.schoolId) },
        ]),
      ),
    };
  },
  existing: (refs, key) => refs.existing.get(key),
  resolve(r, refs, ctx, existing) {
    const school = refs.schools.get(r.schoolCode);
    if (!school) return [new UserError('NOT_FOUND', `School ${r.schoolCode} does not exist.`, ['schoolCode'])];
    const denied = writeDenial(ctx.viewer, 'indicatorValue', { regionCode: school.countyCode, schoolId: school.id }, [
      'schoolCode',
    ]);
    if (denied) return [denied];
    const stage = sectionOf(school, r.stage);
    if (typeof stage !== 'string') return [stage];
    const kind = r.kind ?? existing?.kind ?? (school.stage === 'SPECIAL' ? 'SPECIAL_EDUCATION' : 'REGULAR');
    if ((kind === 'SPECIAL_EDUCATION') !== (school.stage === 'SPECIAL')) {
      return [
        new UserError(
          'VALIDATION',
          'SPECIAL_EDUCATION is the kind of special-education schools (特殊教育学校) and of no other ' + 'school.',
          ['kind'],
        ),
      ];
    }
    return {
      schoolCode: school.code,
      schoolId: school.id,
      year: r.year,
      stage,
      // The county the school belongs to when the fact is written; a fact keeps it.
      countyCode: existing?.countyCode ?? school.countyCode,
      enrolment: r.enrolment,
      status: r.status ?? existing?.status ?? 'OPEN',
      kind,
    };
  },
  snapshot: (e) => ({
    schoolCode: e.schoolCode!,
    schoolId: e.schoolId,
    year: e.year,
    stage: e.stage,
    countyCode: e.countyCode,
    enrolment: e.enrolment,
    status: e.status,
    kind: e.kind,
  }),
  regionOf: (rec) => rec.countyCode,
  store: {
    async write(tx, upserts) {
      const { schoolId, year, stage } = schoolYearFacts;
      const written = await upsertRecords(
        tx,
        schoolYearFacts,
        [schoolId, year, stage],
        upserts.map(({ record: { schoolCode: _c, ...record }, exists }) => ({ record, exists })),
      );
      const codeById = new Map(upserts.map(({ record: c }) => [c.schoolId, c.schoolCode]));
      return written.map((w) => ({ ...w, schoolCode: codeById.get(w.schoolId) }));
    },
  },
  entityKey: (e) => keyOf(e.schoolCode!, e.year, e.stage),
};

/**
 * Bulk, idempotent upsert of schools' per-year, per-stage facts (学校年度学段基础数据), keyed by
 * school, year and stage section. The stage may be left out for a school with one section.
 */
export const upsertSchoolYearFacts = bulkVerb(spec);
