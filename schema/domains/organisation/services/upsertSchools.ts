import { and, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import { UserError } from '../../../errors.js';
import { writeDenial } from '../../access/jurisdiction.js';
import { bulkVerb, type BulkSpec } from '../../shared/bulk.js';
import { inJsonList } from '../../shared/jsonList.js';
import { recordChanges } from '../../audit/record.js';
import { parentCodeOf, SCHOOL_CODE, schoolCodeProblem } from '../codes.js';
import { schoolSnapshot, teacherSnapshot, type School, type SchoolRecord } from '../snapshots.js';
import { locality, regions, schoolStage, schoolStatus, schools, teachers } from '../table.js';

const row = z.object({
  code: z.string().trim().regex(SCHOOL_CODE, 'must be a 10-digit school identifier (学校标识码)'),
  name: z.string().trim().min(2).max(80),
  stage: z.enum(schoolStage.enumValues),
  locality: z.enum(locality.enumValues),
  countyCode: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'must be a 6-digit county code'),
  siteCountyCode: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'must be a 6-digit county code')
    .nullish(),
  enrolment: z.number().int().min(0).max(100_000).nullish(),
  staffCount: z.number().int().min(0).max(10_000).nullish(),
  isCountyHighSchool: z.boolean().nullish(),
  status: z.enum(schoolStatus.enumValues).nullish(),
});
type SchoolRow = z.infer<typeof row>;

interface Refs {
  existing: Map<string, School>;
  counties: Map<string, { code: string; level: string }>;
}

const spec: BulkSpec<SchoolRow, SchoolRecord, School, Refs> = {
  entity: 'school',
  entityType: 'School',
  schema: row,
  keyField: 'code',
  key: (r) => r.code,
  async load(tx, rows) {
    const codes = rows.map((r) => r.code);
    const countyCodes = [
      ...new Set(rows.flatMap((r) => (r.siteCountyCode ? [r.countyCode, r.siteCountyCode] : [r.countyCode]))),
    ];
    const [found, counties] = await Promise.all([
      codes.length ? tx.select().from(schools).where(inJsonList(schools.code, codes)).for('update') : [],
      countyCodes.length
        ? tx
            .select({ code: regions.code, level: regions.level })
            .from(regions)
            .where(inJsonList(regions.code, countyCodes))
        : [],
    ]);
    return {
      existing: new Map(found.map((s) => [s.code, s])),
      counties: new Map(counties.map((c) => [c.code, c])),
    };
  },
  existing: (refs, key) => refs.existing.get(key),
  resolve(r, refs, ctx, existing) {
    const errors: UserError[] = [];
    // countyCode is the region that runs the school: a county, or a city for its 市直 schools.
    const county = refs.counties.get(r.countyCode);
    const cityRun = county?.level === 'CITY';
    if (!county) errors.push(new UserError('NOT_FOUND', `County ${r.countyCode} does not exist.`, ['countyCode']));
    else if (county.level === 'PROVINCE') {
      errors.push(
        new UserError('VALIDATION', `${r.countyCode} is a PROVINCE, not a county or a city (市直).`, ['countyCode']),
      );
    }
    const isCountyHighSchool = r.isCountyHighSchool ?? existing?.isCountyHighSchool ?? false;
    if (cityRun && isCountyHighSchool) {
      errors.push(
        new UserError('VALIDATION', 'A school run by the city (市直) is no county’s flagship high school (县中).', [
          'isCountyHighSchool',
        ]),
      );
    }
    // Where a 市直 school stands: a county of its city. County-run schools stand in their county.
    const siteCountyCode = cityRun
      ? r.siteCountyCode === undefined
        ? (existing?.siteCountyCode ?? null)
        : r.siteCountyCode
      : null;
    if (r.siteCountyCode && county && !cityRun && r.siteCountyCode !== r.countyCode) {
      errors.push(
        new UserError(
          'VALIDATION',
          `A county-run school stands in its own county ${r.countyCode}; siteCountyCode is for 市直 schools.`,
          ['siteCountyCode'],
        ),
      );
    }
    if (cityRun && r.siteCountyCode) {
      const site = refs.counties.get(r.siteCountyCode);
      if (!site)
        errors.push(new UserError('NOT_FOUND', `County ${r.siteCountyCode} does not exist.`, ['siteCountyCode']));
      else if (site.level !== 'COUNTY' || parentCodeOf(r.siteCountyCode) !== r.countyCode) {
        errors.push(
          new UserError('VALIDATION', `${r.siteCountyCode} is not a county of ${r.countyCode}.`, ['siteCountyCode']),
        );
      }
    }
    const codeProblem = schoolCodeProblem(r.code, r.stage, r.countyCode);
    if (codeProblem) errors.push(new UserError('VALIDATION', `code: ${codeProblem}.`, ['code']));
    const denied =
      writeDenial(ctx.viewer, 'school', { regionCode: r.countyCode }, ['countyCode']) ??
      (existing
        ? writeDenial(ctx.viewer, 'school', { regionCode: existing.countyCode, schoolId: existing.id }, ['code'])
        : null);
    if (denied) errors.push(denied);
    if (errors.length) return errors;
    return {
      code: r.code,
      name: r.name,
      stage: r.stage,
      locality: r.locality,
      countyCode: r.countyCode,
      siteCountyCode,
      enrolment: r.enrolment ?? existing?.enrolment ?? 0,
      staffCount: r.staffCount ?? existing?.staffCount ?? 0,
      isCountyHighSchool,
      // Set only by designateWeakSchool (薄弱学校 is the county's designation, not register data).
      isWeak: existing?.isWeak ?? false,
      status: r.status ?? existing?.status ?? 'ACTIVE',
    };
  },
  snapshot: schoolSnapshot,
  regionOf: (rec) => rec.countyCode,
  store: {
    table: schools,
    target: schools.code,
    // Teachers carry their school's county for jurisdiction filters: keep it in step, and
    // audit each move so the old county's feed drops them and the new county's gains them.
    async afterWrite(tx, written, ctx) {
      const countyOf = new Map(written.map((s) => [s.id, s.countyCode]));
      const moving = await tx
        .select()
        .from(teachers)
        .where(
          and(
            inJsonList(
              teachers.schoolId,
              written.map((s) => s.id),
            ),
            ne(
              teachers.countyCode,
              sql`(select ${schools.countyCode} from ${schools} where ${schools.id} = ${teachers.schoolId})`,
            ),
          ),
        )
        .for('update');
      if (moving.length === 0) return;
      await tx
        .update(teachers)
        .set({
          countyCode: sql`(select ${schools.countyCode} from ${schools} where ${schools.id} = ${teachers.schoolId})`,
        })
        .where(
          inJsonList(
            teachers.id,
            moving.map((t) => t.id),
          ),
        );
      await recordChanges(
        tx,
        ctx,
        moving.map((t) => {
          const countyCode = countyOf.get(t.schoolId)!;
          return {
            action: 'UPDATE',
            entityType: 'Teacher',
            entityKey: t.staffNo,
            regionCode: countyCode,
            fromRegionCode: t.countyCode,
            before: teacherSnapshot(t),
            after: { ...teacherSnapshot(t), countyCode },
          };
        }),
      );
    },
  },
  entityKey: (e) => e.code,
};

/** Bulk, idempotent upsert of schools by 学校标识码. */
export const upsertSchools = bulkVerb(spec);
