import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../schema/domains/audit/table.js';
import { schools, teachers } from '../../schema/domains/organisation/table.js';
import { DEMO, present, startTestServer, token, type TestServer } from '../harness.js';
import { graphql } from '../graphql/index.js';
import type { SchoolFilter, SchoolRowInput } from '../graphql/graphql.js';

/**
 * Schools run directly by the city (市直学校): 常德市第一/二/七中学 belong to the city (430700),
 * stand in 武陵区, are written by city admins only, and are nobody's 县中. Weak-school flags
 * (薄弱学校) are set by the running region.
 */

const UPSERT_SCHOOLS =
  graphql(`mutation OrganisationCityRunUpsertSchools($input: UpsertSchoolsInput!) { upsertSchools(input: $input) {
  applied results { status school { code enrolment countyCode } errors { code path } } errors { code path } } }`);
const UPSERT_TEACHERS = graphql(
  `mutation OrganisationCityRunUpsertTeachers($input: UpsertTeachersInput!) { upsertTeachers(input: $input) { applied results { errors { code path } } errors { code path } } }`,
);
const WEAK = graphql(
  `mutation OrganisationCityRunWeak($input: DesignateWeakSchoolInput!) { designateWeakSchool(input: $input) { school { code isWeak } errors { code path message } } }`,
);
const SCHOOL = graphql(
  `query OrganisationCityRunSchool($code: String!) { school(code: $code) { code countyCode cityRun siteCountyCode isCountyHighSchool isWeak county { code name } } }`,
);
const SCHOOLS = graphql(
  `query OrganisationCityRunSchools($f: SchoolFilter) { schools(filter: $f, first: 100) { totalCount nodes { name } } }`,
);
const REGION = graphql(`query OrganisationCityRunRegion { region(code: "430700") { schoolCount } }`);

let s: TestServer;
const tok: Record<string, string> = {};
const db = () => s.db.database.db;
let yizhong: typeof schools.$inferSelect;

beforeAll(async () => {
  s = await startTestServer();
  tok.city = await token({ role: 'CITY_ADMIN', regionCode: DEMO.city });
  tok.wuling = await token({ role: 'COUNTY_ADMIN', regionCode: DEMO.wuling });
  tok.anxiang = await token({ role: 'COUNTY_ADMIN', regionCode: DEMO.anxiang });
  [yizhong] = await db().select().from(schools).where(eq(schools.name, '常德市第一中学'));
});
afterAll(() => s?.close());

const row = (over: Partial<SchoolRowInput> = {}): SchoolRowInput => ({
  code: yizhong.code,
  name: yizhong.name,
  stage: yizhong.stage,
  locality: yizhong.locality,
  countyCode: yizhong.countyCode,
  enrolment: yizhong.enrolment,
  ...over,
});
const state = async () => ({
  school: (await db().select().from(schools).where(eq(schools.id, yizhong.id)))[0],
  audit: await db().$count(auditEvents),
});

describe('市直 schools', () => {
  it('belong to the city, stand in 武陵区 and are no county’s 县中', async () => {
    for (const name of ['常德市第一中学', '常德市第二中学', '常德市第七中学']) {
      const [row] = await db().select().from(schools).where(eq(schools.name, name));
      const { body } = await s.gql(SCHOOL, { code: row.code }, tok.city);
      expect(body.data.school).toMatchObject({
        countyCode: '430700',
        cityRun: true,
        siteCountyCode: '430702',
        isCountyHighSchool: false,
        county: { code: '430700', name: '常德市' },
      });
    }
    // Their teachers follow the school's running region.
    expect(
      await db().$count(teachers, sql`${teachers.schoolId} = ${yizhong.id} and ${teachers.countyCode} <> '430700'`),
    ).toBe(0);
  });

  it('the county they stand in (武陵) may not write them; the city may', async () => {
    const before = await state();
    // Same data, by 武陵's bureau: refused at the running region.
    let res = (
      await s.gql(UPSERT_SCHOOLS, { input: { rows: [row({ enrolment: yizhong.enrolment + 1 })] } }, tok.wuling)
    ).body.data.upsertSchools;
    expect(res.applied).toBe(false);
    expect(res.results[0].errors).toEqual([{ code: 'FORBIDDEN', path: ['input', 'rows', '0', 'countyCode'] }]);
    // Taking it back into 武陵 is refused too (the school's current place is the city's).
    res = (await s.gql(UPSERT_SCHOOLS, { input: { rows: [row({ countyCode: DEMO.wuling })] } }, tok.wuling)).body.data
      .upsertSchools;
    expect(res.results[0].errors).toEqual([{ code: 'FORBIDDEN', path: ['input', 'rows', '0', 'code'] }]);
    // Nor its teachers, nor its weak-school flag.
    const [teacher] = await db().select().from(teachers).where(eq(teachers.schoolId, yizhong.id)).limit(1);
    const t = (
      await s.gql(
        UPSERT_TEACHERS,
        {
          input: {
            rows: [
              {
                staffNo: teacher.staffNo,
                name: teacher.name,
                gender: teacher.gender,
                schoolCode: yizhong.code,
                qualification: teacher.qualification,
              },
            ],
          },
        },
        tok.wuling,
      )
    ).body.data.upsertTeachers;
    expect(t.applied).toBe(false);
    expect(t.results[0].errors.map((e) => e.code)).toContain('FORBIDDEN');
    const w = (await s.gql(WEAK, { input: { schoolCode: yizhong.code, weak: true } }, tok.wuling)).body.data
      .designateWeakSchool;
    expect(w.school).toBeNull();
    expect(w.errors.map((e) => [e.code, e.path.join('.')])).toEqual([['FORBIDDEN', 'input.schoolCode']]);
    expect(await state()).toEqual(before);

    // The city admin's write is allowed and audited.
    res = (await s.gql(UPSERT_SCHOOLS, { input: { rows: [row({ enrolment: yizhong.enrolment + 1 })] } }, tok.city)).body
      .data.upsertSchools;
    expect(res.applied).toBe(true);
    expect(res.results[0]).toMatchObject({
      status: 'UPDATED',
      school: { enrolment: yizhong.enrolment + 1, countyCode: '430700' },
    });
    const after = await state();
    expect(after.school.siteCountyCode).toBe('430702'); // kept when omitted
    expect(after.audit).toBe(before.audit + 1);
  });

  it('lists: 武陵区 lists do not hold them; the city lists them; cityRun filters them', async () => {
    const names = async (f: SchoolFilter) =>
      (await s.gql(SCHOOLS, { f }, tok.city)).body.data.schools.nodes.map((n) => n.name);
    const wuling = await names({ regionCode: DEMO.wuling });
    expect(wuling).not.toContain('常德市第一中学');
    expect(wuling.length).toBeGreaterThan(10);
    const cityRun = await names({ cityRun: true });
    const expected = (
      await db().select({ name: schools.name }).from(schools).where(eq(schools.countyCode, '430700'))
    ).map((r) => r.name);
    expect(cityRun.sort()).toEqual(expected.sort());
    expect(cityRun).toEqual(expect.arrayContaining(['常德市第一中学', '常德市第二中学', '常德市第七中学']));
    expect(await names({ regionCode: DEMO.city, nameContains: '常德市第一中学' })).toEqual(['常德市第一中学']);
    expect(await names({ cityRun: false, nameContains: '常德市第' })).toEqual([]);
    const region = present((await s.gql(REGION, {}, tok.city)).body.data.region);
    expect(region.schoolCount).toBe(expected.length);
    // 武陵区 has no 县中: its senior schools are the city's.
    expect(await names({ regionCode: DEMO.wuling, isCountyHighSchool: true })).toEqual([]);
  });

  it('refuses a 市直 school as a 县中, and a site outside the city', async () => {
    const res = (
      await s.gql(
        UPSERT_SCHOOLS,
        { input: { rows: [row({ isCountyHighSchool: true, siteCountyCode: '430621' })] } },
        tok.city,
      )
    ).body.data.upsertSchools;
    expect(res.applied).toBe(false);
    expect(res.results[0].errors.map((e) => `${e.code} ${e.path.join('.')}`).sort()).toEqual(
      ['NOT_FOUND input.rows.0.siteCountyCode', 'VALIDATION input.rows.0.isCountyHighSchool'].sort(),
    );
  });
});

describe('weak schools (薄弱学校)', () => {
  it(
    'the running region designates and lifts the flag, audited with full snapshots; other ' + 'counties may not',
    async () => {
      const [village] = await db()
        .select()
        .from(schools)
        .where(sql`${schools.countyCode} = ${DEMO.anxiang} and ${schools.locality} = 'RURAL'`)
        .limit(1);
      const refused = (await s.gql(WEAK, { input: { schoolCode: village.code, weak: true } }, tok.wuling)).body.data
        .designateWeakSchool;
      expect(refused.errors.map((e) => e.code)).toEqual(['FORBIDDEN']);
      const bad = (await s.gql(WEAK, { input: { schoolCode: '12', weak: true } }, tok.anxiang)).body.data
        .designateWeakSchool;
      expect(bad.errors.map((e) => [e.code, e.path.join('.')])).toEqual([['VALIDATION', 'input.schoolCode']]);
      const missing = (await s.gql(WEAK, { input: { schoolCode: '2143999999', weak: true } }, tok.anxiang)).body.data
        .designateWeakSchool;
      expect(missing.errors.map((e) => [e.code, e.path.join('.')])).toEqual([['NOT_FOUND', 'input.schoolCode']]);

      const ok = (await s.gql(WEAK, { input: { schoolCode: village.code, weak: true } }, tok.anxiang)).body.data
        .designateWeakSchool;
      expect(ok).toEqual({ school: { code: village.code, isWeak: true }, errors: [] });
      const [event] = await db()
        .select()
        .from(auditEvents)
        .where(sql`${auditEvents.entityType} = 'School' and ${auditEvents.entityKey} = ${village.code}`)
        .orderBy(sql`${auditEvents.id} desc`)
        .limit(1);
      expect((event.before as { isWeak?: boolean }).isWeak).toBe(false);
      expect(event.after).toMatchObject({ ...(event.before as object), isWeak: true });
      const weak = (await s.gql(SCHOOLS, { f: { regionCode: DEMO.anxiang, isWeak: true } }, tok.anxiang)).body.data
        .schools;
      expect(weak.nodes.map((n) => n.name)).toContain(village.name);
      // A later register import leaves the designation alone.
      const again = (
        await s.gql(
          UPSERT_SCHOOLS,
          {
            input: {
              rows: [
                {
                  code: village.code,
                  name: village.name,
                  stage: village.stage,
                  locality: village.locality,
                  countyCode: village.countyCode,
                  enrolment: village.enrolment + 1,
                },
              ],
            },
          },
          tok.anxiang,
        )
      ).body.data.upsertSchools;
      expect(again.applied).toBe(true);
      expect((await db().select().from(schools).where(eq(schools.id, village.id)))[0].isWeak).toBe(true);
      await s.gql(WEAK, { input: { schoolCode: village.code, weak: false } }, tok.anxiang);
    },
  );
});
