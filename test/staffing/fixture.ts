import { rowsOf } from '../../schema/domains/evaluation/sqlRows.js';
import { sql } from 'drizzle-orm';
import type { Database } from '../../server/db.js';
import { upsertRegions } from '../../schema/domains/organisation/services/upsertRegions.js';
import { upsertSchools } from '../../schema/domains/organisation/services/upsertSchools.js';
import { upsertTeachers } from '../../schema/domains/organisation/services/upsertTeachers.js';
import { serviceContext } from '../harness.js';

/**
 * A small hand-counted world for the staffing and funding tests (常德市, three counties):
 *
 * 安乡 430721: 县中 3443072101 SENIOR URBAN 1250 pupils / 95 staff (standard ceil(1250/12.5) = 100);
 *              初中 3143072102 JUNIOR RURAL 540 / 45 (ceil(540/13.5) = 40);
 *              小学 2143072103 PRIMARY RURAL 380 / 18 (ceil(380/19) = 20).
 * 汉寿 430722: 县中 3443072201 SENIOR URBAN 1000 / 80.
 * 县中 teachers of 安乡 by main subject: 数学 3, 物理 1.
 */
export const W = {
  city: '430700',
  anxiang: '430721',
  hanshou: '430722',
  lixian: '430723',
  anxiangHigh: '3443072101',
  anxiangJunior: '3143072102',
  anxiangPrimary: '2143072103',
  hanshouHigh: '3443072201',
} as const;

export async function loadLeversWorld(database: Database) {
  const ctx = serviceContext(database);
  const ok = (what: string, r: { errors: { path: (string | number)[]; message: string }[] }) => {
    if (r.errors.length)
      throw new Error(`${what}: ${r.errors.map((e) => `${e.path.join('.')} ${e.message}`).join('; ')}`);
  };
  ok(
    'regions',
    await upsertRegions(ctx, {
      rows: [
        { code: '430000', name: '湖南省' },
        { code: W.city, name: '常德市' },
        { code: W.anxiang, name: '安乡县' },
        { code: W.hanshou, name: '汉寿县' },
        { code: W.lixian, name: '澧县' },
        { code: '431000', name: '郴州市' },
        { code: '431002', name: '北湖区' },
      ],
    }),
  );
  ok(
    'schools',
    await upsertSchools(ctx, {
      rows: [
        {
          code: W.anxiangHigh,
          name: '安乡县第一中学',
          stage: 'SENIOR',
          locality: 'URBAN',
          countyCode: W.anxiang,
          enrolment: 1250,
          staffCount: 95,
          isCountyHighSchool: true,
        },
        {
          code: W.anxiangJunior,
          name: '安乡县安丰乡中学',
          stage: 'JUNIOR',
          locality: 'RURAL',
          countyCode: W.anxiang,
          enrolment: 540,
          staffCount: 45,
        },
        {
          code: W.anxiangPrimary,
          name: '安乡县安丰乡中心小学',
          stage: 'PRIMARY',
          locality: 'RURAL',
          countyCode: W.anxiang,
          enrolment: 380,
          staffCount: 18,
        },
        {
          code: W.hanshouHigh,
          name: '汉寿县第一中学',
          stage: 'SENIOR',
          locality: 'URBAN',
          countyCode: W.hanshou,
          enrolment: 1000,
          staffCount: 80,
          isCountyHighSchool: true,
        },
      ],
    }),
  );
  const teacher = (staffNo: string, subject: string) => ({
    staffNo,
    name: `教师${staffNo}`,
    gender: 'FEMALE',
    schoolCode: W.anxiangHigh,
    subjects: [subject, '通用技术'],
    title: 'FIRST_GRADE',
    backboneLevel: 'NONE',
    yearsAtSchool: 3,
    qualification: 'BACHELOR',
  });
  ok(
    'teachers',
    await upsertTeachers(ctx, {
      rows: [
        teacher('T-AX-01', '数学'),
        teacher('T-AX-02', '数学'),
        teacher('T-AX-03', '数学'),
        teacher('T-AX-04', '物理'),
      ],
    }),
  );
}

/** Every row of the given tables, and the number of audit events: "nothing changed" compares these. */
export async function snapshotTables(database: Database, tables: string[]) {
  const out: Record<string, unknown> = {};
  for (const t of [...tables, 'audit_events']) {
    out[t] = rowsOf<{ n: number; h: string }>(
      await database.db.execute(
        sql.raw(
          `select count(*)::int as n, coalesce(md5(string_agg(md5(x::text), '' order by md5(x::text))), '') as h from "${t}" x`,
        ),
      ),
    )[0];
  }
  return out;
}
