import type { Database } from '../../server/db.js';
import type { Context } from '../../schema/context.js';
import type { Viewer } from '../../schema/domains/access/viewer.js';
import { upsertConsortia } from '../../schema/domains/organisation/services/upsertConsortia.js';
import { upsertRegions } from '../../schema/domains/organisation/services/upsertRegions.js';
import { upsertSchools } from '../../schema/domains/organisation/services/upsertSchools.js';
import { upsertTeachers } from '../../schema/domains/organisation/services/upsertTeachers.js';
import { setRegionSetting } from '../../schema/domains/settings/services/setRegionSetting.js';
import { serviceContext } from '../harness.js';

/** Small hand-made organisations for the exchange tests, loaded through the services. */
export interface Fixture {
  regions: { code: string; name: string }[];
  schools: {
    code: string;
    name: string;
    stage: string;
    locality: string;
    countyCode: string;
    isCountyHighSchool?: boolean;
  }[];
  /** [staffNo, name, schoolCode, yearsAtSchool, backboneLevel] */
  teachers: [string, string, string, number, string][];
  consortia?: {
    code: string;
    name: string;
    kind: string;
    regionCode: string;
    leadSchoolCode: string;
    memberSchoolCodes: string[];
  }[];
  settings?: [string, string, unknown][];
}

export async function loadFixture(database: Database, f: Fixture): Promise<void> {
  const ctx = serviceContext(database);
  const check = (what: string, r: { errors: { path: (string | number)[]; message: string }[] }) => {
    if (r.errors.length)
      throw new Error(`${what}: ${r.errors.map((e) => `${e.path.join('.')} ${e.message}`).join('; ')}`);
  };
  check('regions', await upsertRegions(ctx, { rows: f.regions }));
  check(
    'schools',
    await upsertSchools(ctx, { rows: f.schools.map((s) => ({ enrolment: 600, staffCount: 40, ...s })) }),
  );
  check(
    'teachers',
    await upsertTeachers(ctx, {
      rows: f.teachers.map(([staffNo, name, schoolCode, yearsAtSchool, backboneLevel], i) => ({
        staffNo,
        name,
        gender: i % 2 ? 'MALE' : 'FEMALE',
        schoolCode,
        subjects: ['语文'],
        title: 'FIRST_GRADE',
        backboneLevel,
        yearsAtSchool,
        qualification: 'BACHELOR',
      })),
    }),
  );
  if (f.consortia) check('consortia', await upsertConsortia(ctx, { rows: f.consortia }));
  for (const [regionCode, key, value] of f.settings ?? []) await setRegionSetting(ctx, { regionCode, key, value });
}

/** A service context acting as a person with the default scopes of the role. */
export function actingAs(
  database: Database,
  role: Viewer['role'],
  regionCode: string | null,
  schoolId: number | null = null,
): Context {
  const scopes = role === 'PORTAL' ? ['read'] : ['read', 'write', 'personal', 'sync'];
  return serviceContext(database, {
    kind: 'user',
    actor: `user:test-${String(role).toLowerCase()}-${regionCode ?? schoolId}`,
    role,
    regionCode,
    schoolCode: null,
    schoolId,
    scopes: new Set(scopes as never[]),
  });
}

/** 郴州市 with two districts and a county: the rules and access tests. */
export const CHENZHOU: Fixture = {
  regions: [
    { code: '430000', name: '湖南省' },
    { code: '431000', name: '郴州市' },
    { code: '431002', name: '北湖区' },
    { code: '431003', name: '苏仙区' },
  ],
  schools: [
    {
      code: '3443100001',
      name: '郴州市北湖区第一中学',
      stage: 'SENIOR',
      locality: 'URBAN',
      countyCode: '431002',
      isCountyHighSchool: true,
    },
    { code: '2143100002', name: '北湖区华塘镇中心小学', stage: 'PRIMARY', locality: 'TOWN', countyCode: '431002' },
    { code: '2143100003', name: '北湖区保和乡小学', stage: 'PRIMARY', locality: 'RURAL', countyCode: '431002' },
    { code: '2143100011', name: '苏仙区第一小学', stage: 'PRIMARY', locality: 'URBAN', countyCode: '431003' },
    { code: '2143100012', name: '苏仙区良田镇中心小学', stage: 'PRIMARY', locality: 'TOWN', countyCode: '431003' },
  ],
  teachers: [
    ['BH-0001', '李红梅', '3443100001', 9, 'CITY'],
    ['BH-0002', '王建国', '3443100001', 7, 'NONE'],
    ['BH-0003', '张晓燕', '3443100001', 3, 'NONE'],
    ['BH-0004', '刘志强', '3443100001', 12, 'COUNTY'],
    ['BH-0005', '陈静', '2143100002', 6, 'NONE'],
    ['BH-0006', '杨帆', '2143100002', 8, 'NONE'],
    ['BH-0007', '赵丽', '3443100001', 10, 'NONE'],
    ['BH-0008', '黄磊', '3443100001', 11, 'NONE'],
    ['BH-0009', '周敏', '3443100001', 6, 'NONE'],
    ['SX-0001', '吴涛', '2143100011', 8, 'NONE'],
  ],
};
