import { z } from 'zod';
import { UserError } from '../../../errors.js';
import { writeDenial } from '../../access/jurisdiction.js';
import { cityOf } from '../../organisation/codes.js';
import { schools } from '../../organisation/table.js';
import { bulkVerb, type BulkSpec } from '../../shared/bulk.js';
import { inJsonList } from '../../shared/jsonList.js';
import { STAGES_ADMITTING, STAGES_SENDING } from '../planRecords.js';
import { admissionCategory, enrolmentAdmissions } from '../table.js';
import { schoolCode, stage, year } from '../validate.js';

type Admission = typeof enrolmentAdmissions.$inferSelect;
type AdmissionRecord = Omit<Admission, 'id'>;

const row = z.object({
  year,
  stage: stage.nullish(),
  schoolCode,
  sourceJuniorSchoolCode: schoolCode,
  category: z.enum(admissionCategory.enumValues),
  count: z.number().int().min(0).max(100_000),
});
type AdmissionRow = z.infer<typeof row>;

/** year:stage:school:source junior school:category, e.g. 2026:SENIOR:4307210001:4307210123:QUOTA. */
function admissionKey(a: {
  year: number;
  stage?: string | null;
  schoolCode: string;
  sourceJuniorSchoolCode: string;
  category: string;
}): string {
  return `${a.year}:${a.stage ?? 'SENIOR'}:${a.schoolCode}:${a.sourceJuniorSchoolCode}:${a.category}`;
}

type SchoolRef = Pick<typeof schools.$inferSelect, 'id' | 'code' | 'countyCode' | 'stage' | 'name'>;
interface Refs {
  existing: Map<string, Admission>;
  schools: Map<string, SchoolRef>;
}

const admissionSnapshot = ({ id: _id, ...rest }: Admission): AdmissionRecord => rest;

const spec: BulkSpec<AdmissionRow, AdmissionRecord, Admission, Refs> = {
  entity: 'enrolmentAdmission',
  entityType: 'EnrolmentAdmission',
  schema: row,
  keyField: 'sourceJuniorSchoolCode',
  key: admissionKey,
  async load(tx, rows) {
    const admitting = [...new Set(rows.map((r) => r.schoolCode))];
    const codes = [...new Set([...admitting, ...rows.map((r) => r.sourceJuniorSchoolCode)])];
    const [found, schoolRows] = await Promise.all([
      admitting.length
        ? tx
            .select()
            .from(enrolmentAdmissions)
            .where(inJsonList(enrolmentAdmissions.schoolCode, admitting))
            .for('update')
        : [],
      codes.length
        ? tx
            .select({
              id: schools.id,
              code: schools.code,
              countyCode: schools.countyCode,
              stage: schools.stage,
              name: schools.name,
            })
            .from(schools)
            .where(inJsonList(schools.code, codes))
        : [],
    ]);
    return {
      existing: new Map(found.map((a) => [admissionKey(a), a])),
      schools: new Map(schoolRows.map((s) => [s.code, s])),
    };
  },
  existing: (refs, key) => refs.existing.get(key),
  resolve(r, refs, ctx) {
    const stageOf = r.stage ?? 'SENIOR';
    const school = refs.schools.get(r.schoolCode);
    const junior = refs.schools.get(r.sourceJuniorSchoolCode);
    const errors: UserError[] = [];
    if (!school) errors.push(new UserError('NOT_FOUND', `School ${r.schoolCode} does not exist.`, ['schoolCode']));
    if (!junior)
      errors.push(
        new UserError('NOT_FOUND', `School ${r.sourceJuniorSchoolCode} does not exist.`, ['sourceJuniorSchoolCode']),
      );
    if (!school || !junior) return errors;
    const denied = writeDenial(
      ctx.viewer,
      'enrolmentAdmission',
      { regionCode: school.countyCode, schoolId: school.id },
      ['schoolCode'],
    );
    if (denied) return [denied];
    if (!STAGES_ADMITTING[stageOf].includes(school.stage))
      errors.push(
        new UserError('VALIDATION', `${school.name} is a ${school.stage} school and admits no ${stageOf} pupils.`, [
          'schoolCode',
        ]),
      );
    if (!STAGES_SENDING[stageOf].includes(junior.stage))
      errors.push(
        new UserError(
          'VALIDATION',
          `${junior.name} is a ${junior.stage} school and has no graduates for ${stageOf} admission.`,
          ['sourceJuniorSchoolCode'],
        ),
      );
    if (cityOf(junior.countyCode) !== cityOf(school.countyCode))
      errors.push(new UserError('VALIDATION', `${junior.name} is in another city.`, ['sourceJuniorSchoolCode']));
    if (errors.length) return errors;
    return {
      year: r.year,
      stage: stageOf,
      schoolCode: school.code,
      sourceJuniorSchoolCode: junior.code,
      category: r.category,
      schoolId: school.id,
      countyCode: school.countyCode,
      sourceJuniorSchoolId: junior.id,
      sourceCountyCode: junior.countyCode,
      count: r.count,
    };
  },
  snapshot: admissionSnapshot,
  regionOf: (rec) => rec.countyCode,
  store: {
    table: enrolmentAdmissions,
    target: [
      enrolmentAdmissions.year,
      enrolmentAdmissions.stage,
      enrolmentAdmissions.schoolCode,
      enrolmentAdmissions.sourceJuniorSchoolCode,
      enrolmentAdmissions.category,
    ],
  },
  entityKey: admissionKey,
};

/**
 * Bulk, idempotent upsert of admissions as reported (录取情况): counts per admitting school,
 * source junior school and category. The admitting school's county (or the city) reports.
 */
export const upsertEnrolmentAdmissions = bulkVerb(spec);
