import { z } from 'zod';
import { UserError } from '../../../errors.js';
import { writeDenial } from '../../access/jurisdiction.js';
import { bulkVerb, type BulkSpec } from '../../shared/bulk.js';
import { inJsonList } from '../../shared/jsonList.js';
import { SCHOOL_CODE } from '../codes.js';
import { idNumberGender, isValidIdNumber } from '../idNumber.js';
import { teacherSnapshot, type Teacher, type TeacherRecord } from '../snapshots.js';
import { backboneLevel, gender, professionalTitle, qualification, schools, teachers } from '../table.js';

const row = z
  .object({
    staffNo: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9-]{4,32}$/, 'must be 4–32 letters, digits or hyphens'),
    name: z.string().trim().min(1).max(40),
    gender: z.enum(gender.enumValues),
    schoolCode: z.string().trim().regex(SCHOOL_CODE, 'must be a 10-digit school identifier (学校标识码)'),
    subjects: z.array(z.string().trim().min(1).max(20)).max(10).nullish(),
    title: z.enum(professionalTitle.enumValues).nullish(),
    backboneLevel: z.enum(backboneLevel.enumValues).nullish(),
    yearsAtSchool: z.number().int().min(0).max(60).nullish(),
    qualification: z.enum(qualification.enumValues),
    idNumber: z
      .string()
      .trim()
      .toUpperCase()
      .refine(isValidIdNumber, 'is not a valid resident ID number (GB 11643: date or check character wrong)')
      .nullish(),
    phone: z
      .string()
      .trim()
      .regex(/^1[3-9]\d{9}$/, 'must be an 11-digit mainland mobile number')
      .nullish(),
  })
  .superRefine((t, ctx) => {
    if (t.idNumber && isValidIdNumber(t.idNumber) && idNumberGender(t.idNumber) !== t.gender) {
      ctx.addIssue({
        code: 'custom',
        path: ['idNumber'],
        message: `sex digit says ${idNumberGender(t.idNumber)}, gender is ${t.gender}`,
      });
    }
  });
type TeacherRow = z.infer<typeof row>;

interface Refs {
  existing: Map<string, Teacher>;
  schools: Map<string, { id: number; countyCode: string }>;
}

const spec: BulkSpec<TeacherRow, TeacherRecord, Teacher, Refs> = {
  entity: 'teacher',
  entityType: 'Teacher',
  schema: row,
  keyField: 'staffNo',
  key: (r) => r.staffNo,
  async load(tx, rows) {
    const staffNos = rows.map((r) => r.staffNo);
    const schoolCodes = [...new Set(rows.map((r) => r.schoolCode))];
    const [found, schoolRows] = await Promise.all([
      staffNos.length ? tx.select().from(teachers).where(inJsonList(teachers.staffNo, staffNos)).for('update') : [],
      schoolCodes.length
        ? tx
            .select({ id: schools.id, code: schools.code, countyCode: schools.countyCode })
            .from(schools)
            .where(inJsonList(schools.code, schoolCodes))
        : [],
    ]);
    return {
      existing: new Map(found.map((t) => [t.staffNo, t])),
      schools: new Map(schoolRows.map((s) => [s.code, s])),
    };
  },
  existing: (refs, key) => refs.existing.get(key),
  resolve(r, refs, ctx, existing) {
    const school = refs.schools.get(r.schoolCode);
    if (!school) return [new UserError('NOT_FOUND', `School ${r.schoolCode} does not exist.`, ['schoolCode'])];
    // Moving a teacher needs the right to change both the old and the new school.
    const denied =
      writeDenial(ctx.viewer, 'teacher', { regionCode: school.countyCode, schoolId: school.id }, ['schoolCode']) ??
      (existing
        ? writeDenial(ctx.viewer, 'teacher', { regionCode: existing.countyCode, schoolId: existing.schoolId }, [
            'staffNo',
          ])
        : null);
    if (denied) return [denied];
    return {
      staffNo: r.staffNo,
      name: r.name,
      gender: r.gender,
      schoolId: school.id,
      countyCode: school.countyCode,
      subjects: r.subjects ?? existing?.subjects ?? [],
      title: r.title ?? existing?.title ?? 'UNRANKED',
      backboneLevel: r.backboneLevel ?? existing?.backboneLevel ?? 'NONE',
      yearsAtSchool: r.yearsAtSchool ?? existing?.yearsAtSchool ?? 0,
      qualification: r.qualification,
      // Absent keeps the stored value; an explicit null clears it.
      idNumber: r.idNumber === undefined ? (existing?.idNumber ?? null) : r.idNumber,
      phone: r.phone === undefined ? (existing?.phone ?? null) : r.phone,
    };
  },
  snapshot: teacherSnapshot,
  regionOf: (rec) => rec.countyCode,
  store: { table: teachers, target: teachers.staffNo },
  entityKey: (e) => e.staffNo,
};

/** Bulk, idempotent upsert of teachers by staff number (教职工号). */
export const upsertTeachers = bulkVerb(spec);
