import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../schema/domains/audit/table.js';
import { regions, schools, teachers } from '../../schema/domains/organisation/table.js';
import { DEMO, present, startTestServer, token, type TestServer } from '../harness.js';
import { graphql } from '../graphql/index.js';
import type { SchoolRowInput, TeacherRowInput } from '../graphql/graphql.js';

const UPSERT_REGIONS =
  graphql(`mutation OrganisationUpsertRegions($input: UpsertRegionsInput!) { upsertRegions(input: $input) {
  applied created updated unchanged failed
  results { index key status region { code level parent { code } } errors { code path message } }
  errors { code path message } } }`);
const UPSERT_SCHOOLS =
  graphql(`mutation OrganisationUpsertSchools($input: UpsertSchoolsInput!) { upsertSchools(input: $input) {
  applied created updated unchanged failed
  results { index key status school { code name enrolment } errors { code path message } }
  errors { code path message } } }`);
const UPSERT_TEACHERS =
  graphql(`mutation OrganisationUpsertTeachers($input: UpsertTeachersInput!) { upsertTeachers(input: $input) {
  applied created updated unchanged failed
  results { index key status teacher { staffNo school { code } } errors { code path message } }
  errors { code path message } } }`);

let s: TestServer;
let city: string;
let anxiang: string;
const db = () => s.db.database.db;
const auditCount = async () => db().$count(auditEvents);

beforeAll(async () => {
  s = await startTestServer();
  city = await token({ role: 'CITY_ADMIN', regionCode: DEMO.city });
  anxiang = await token({ role: 'COUNTY_ADMIN', regionCode: DEMO.anxiang });
});
afterAll(() => s?.close());

describe('upsertRegions', () => {
  it('reports every invalid code in one batch and writes nothing', async () => {
    const before = await db().$count(regions);
    const audits = await auditCount();
    const { body } = await s.gql(
      UPSERT_REGIONS,
      {
        input: {
          rows: [
            { code: '43072', name: '五位码' },
            { code: 'abcdef', name: '字母' },
            { code: '030000', name: '零开头' },
            { code: '430799', name: '合法的新县' },
            { code: '430799', name: '重复' },
            { code: '440101', name: '无上级' },
          ],
        },
      },
      city,
    );
    const p = body.data.upsertRegions;
    expect(p.applied).toBe(false);
    expect(p.errors.map((e) => [e.code, e.path.join('.')])).toEqual([
      ['VALIDATION', 'input.rows.0.code'],
      ['VALIDATION', 'input.rows.1.code'],
      ['VALIDATION', 'input.rows.2.code'],
      ['DUPLICATE', 'input.rows.4.code'],
      ['INVALID_PARENT', 'input.rows.5.code'],
    ]);
    expect(p.results.map((r) => r.status)).toEqual(['FAILED', 'FAILED', 'FAILED', 'SKIPPED', 'FAILED', 'FAILED']);
    expect(await db().$count(regions)).toBe(before);
    expect(await auditCount()).toBe(audits);
  });

  it('creates parents and children in one batch, derives level and parent, and is idempotent', async () => {
    const rows = [
      { code: '440000', name: '广东省' },
      { code: '440100', name: '广州市' },
      { code: '440106', name: '天河区' },
    ];
    const system = await token({ role: 'CITY_ADMIN', regionCode: '440000' });
    const first = (await s.gql(UPSERT_REGIONS, { input: { rows } }, system)).body.data.upsertRegions;
    // A CITY_ADMIN of 440000 covers the province's codes.
    expect(first.errors).toEqual([]);
    expect(first.created).toBe(3);
    expect(
      first.results
        .map((r) => present(r.region))
        .map((region) => [region.code, region.level, region.parent?.code ?? null]),
    ).toEqual([
      ['440000', 'PROVINCE', null],
      ['440100', 'CITY', '440000'],
      ['440106', 'COUNTY', '440100'],
    ]);
    const audits = await auditCount();
    const again = (await s.gql(UPSERT_REGIONS, { input: { rows } }, system)).body.data.upsertRegions;
    expect(again.unchanged).toBe(3);
    expect(await auditCount()).toBe(audits);
  });

  it('refuses regions outside the city and from county admins', async () => {
    const { body } = await s.gql(UPSERT_REGIONS, { input: { rows: [{ code: '430800', name: '张家界市' }] } }, city);
    expect(body.data.upsertRegions.errors[0]).toMatchObject({
      code: 'FORBIDDEN',
      path: ['input', 'rows', '0', 'code'],
    });
    const county = await s.gql(UPSERT_REGIONS, { input: { rows: [{ code: '430721', name: '改名' }] } }, anxiang);
    expect(county.body.data.upsertRegions.errors[0]).toMatchObject({ code: 'FORBIDDEN', path: [] });
    const anon = await s.gql(UPSERT_REGIONS, { input: { rows: [{ code: '430721', name: '改名' }] } });
    expect(anon.body.data.upsertRegions.errors[0].code).toBe('UNAUTHENTICATED');
    const [row] = await db().select().from(regions).where(sql`code = '430721'`);
    expect(row.name).toBe('安乡县');
  });
});

describe('upsertSchools', () => {
  const good: SchoolRowInput = {
    code: '2143999001',
    name: '安乡县测试小学',
    stage: 'PRIMARY',
    locality: 'RURAL',
    countyCode: DEMO.anxiang,
    enrolment: 120,
  };

  it('reports all problems of all rows at once, with field paths', async () => {
    const { body } = await s.gql(
      UPSERT_SCHOOLS,
      {
        input: {
          rows: [
            { ...good, code: '3143999001' }, // junior type code for a primary school
            { ...good, code: '2144999002' }, // province digits 44 in a Hunan county
            { ...good, code: '2143999003', countyCode: '430799' }, // county missing
            { ...good, code: '2143999004', countyCode: DEMO.city, isCountyHighSchool: true }, // a 市直 school is no county's 县中
            { ...good, code: '2143999005', enrolment: -1, name: 'x' },
            { ...good, code: '21439990' },
          ],
        },
      },
      city,
    );
    const errs = body.data.upsertSchools.errors.map((e) => `${e.code} ${e.path.join('.')}`);
    expect(new Set(errs)).toEqual(
      new Set([
        'VALIDATION input.rows.0.code',
        'VALIDATION input.rows.1.code',
        'NOT_FOUND input.rows.2.countyCode',
        'VALIDATION input.rows.3.isCountyHighSchool',
        'VALIDATION input.rows.4.name',
        'VALIDATION input.rows.4.enrolment',
        'VALIDATION input.rows.5.code',
      ]),
    );
    expect(body.data.upsertSchools.applied).toBe(false);
    expect(await db().$count(schools, sql`code like '21439990%' or code like '31439990%'`)).toBe(0);
  });

  it('APPLY_VALID writes the valid rows and reports the rest', async () => {
    const { body } = await s.gql(
      UPSERT_SCHOOLS,
      {
        input: { onError: 'APPLY_VALID', rows: [good, { ...good, code: '2143999009', countyCode: '430799' }] },
      },
      anxiang,
    );
    const p = body.data.upsertSchools;
    expect(p.applied).toBe(true);
    expect(p.results.map((r) => r.status)).toEqual(['CREATED', 'FAILED']);
    expect(p.results[0].school).toMatchObject({ code: good.code, enrolment: 120 });
    const events = await db().select().from(auditEvents).where(sql`entity_key = ${good.code}`);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: 'CREATE',
      entityType: 'School',
      actor: 'user:test-county_admin',
      regionCode: DEMO.anxiang,
    });
  });

  it('updates, keeps omitted fields, and audits before/after', async () => {
    const { body } = await s.gql(
      UPSERT_SCHOOLS,
      { input: { rows: [{ ...good, enrolment: 150, name: '安乡县测试完全小学' }] } },
      anxiang,
    );
    expect(body.data.upsertSchools.results[0]).toMatchObject({ status: 'UPDATED', school: { enrolment: 150 } });
    const { enrolment: _e, ...withoutEnrolment } = good;
    const again = await s.gql(
      UPSERT_SCHOOLS,
      { input: { rows: [{ ...withoutEnrolment, name: '安乡县测试完全小学' }] } },
      anxiang,
    );
    expect(again.body.data.upsertSchools.results[0]).toMatchObject({ status: 'UNCHANGED', school: { enrolment: 150 } });
    const [last] = await db()
      .select()
      .from(auditEvents)
      .where(sql`entity_key = ${good.code}`)
      .orderBy(sql`id desc`)
      .limit(1);
    expect(last.action).toBe('UPDATE');
    expect((last.before as { enrolment?: number }).enrolment).toBe(120);
    expect((last.after as { enrolment?: number }).enrolment).toBe(150);
  });

  it('a county admin cannot create or move schools in another county', async () => {
    const other = { ...good, code: '2143999010', countyCode: DEMO.taoyuan };
    const { body } = await s.gql(UPSERT_SCHOOLS, { input: { rows: [other] } }, anxiang);
    expect(body.data.upsertSchools.errors[0]).toMatchObject({
      code: 'FORBIDDEN',
      path: ['input', 'rows', '0', 'countyCode'],
    });
    // Take an existing 桃源县 school and try to pull it into 安乡县.
    const [taoyuanSchool] = await db().select().from(schools).where(sql`county_code = ${DEMO.taoyuan}`).limit(1);
    const move = await s.gql(
      UPSERT_SCHOOLS,
      {
        input: {
          rows: [
            {
              code: taoyuanSchool.code,
              name: taoyuanSchool.name,
              stage: taoyuanSchool.stage,
              locality: taoyuanSchool.locality,
              countyCode: DEMO.anxiang,
            },
          ],
        },
      },
      anxiang,
    );
    expect(move.body.data.upsertSchools.errors[0]).toMatchObject({
      code: 'FORBIDDEN',
      path: ['input', 'rows', '0', 'code'],
    });
    const [still] = await db().select().from(schools).where(sql`id = ${taoyuanSchool.id}`);
    expect(still.countyCode).toBe(DEMO.taoyuan);
  });

  it('rejects oversized batches with LIMIT_EXCEEDED', async () => {
    const rows = Array.from({ length: 5001 }, (_, i) => ({ ...good, code: `21439${String(i).padStart(5, '0')}` }));
    const { body } = await s.gql(UPSERT_SCHOOLS, { input: { rows } }, city);
    expect(body.data.upsertSchools.errors).toEqual([
      expect.objectContaining({ code: 'LIMIT_EXCEEDED', path: ['input', 'rows'] }),
    ]);
  });
});

describe('upsertTeachers', () => {
  let schoolCode: string;
  beforeAll(async () => {
    const [sch] = await db()
      .select()
      .from(schools)
      .where(sql`county_code = ${DEMO.anxiang}`)
      .orderBy(schools.code)
      .limit(1);
    schoolCode = sch.code;
  });
  const teacher = (over: Partial<TeacherRowInput> = {}): TeacherRowInput => ({
    staffNo: 'TEST-0001',
    name: '王晓燕',
    gender: 'FEMALE',
    schoolCode,
    subjects: ['语文'],
    qualification: 'BACHELOR',
    idNumber: '430721199003150022',
    phone: '13907360001',
    ...over,
  });

  it('validates ID numbers, phones, gender consistency and schools, all at once', async () => {
    const { body } = await s.gql(
      UPSERT_TEACHERS,
      {
        input: {
          rows: [
            teacher({ staffNo: 'TEST-A', idNumber: '430721199003150027' }), // wrong check char (should be 2)
            teacher({ staffNo: 'TEST-B', idNumber: '430721199002300025' }), // 30 February
            teacher({ staffNo: 'TEST-C', gender: 'MALE' }), // sex digit is even
            teacher({ staffNo: 'TEST-D', phone: '12345' }),
            teacher({ staffNo: 'TEST-E', schoolCode: '2143000000' }),
            teacher({ staffNo: 'x' }),
          ],
        },
      },
      anxiang,
    );
    const errs = body.data.upsertTeachers.errors.map((e) => `${e.code} ${e.path.slice(2).join('.')}`);
    expect(new Set(errs)).toEqual(
      new Set([
        'VALIDATION 0.idNumber',
        'VALIDATION 1.idNumber',
        'VALIDATION 2.idNumber',
        'VALIDATION 3.phone',
        'NOT_FOUND 4.schoolCode',
        'VALIDATION 5.staffNo',
      ]),
    );
    expect(await db().$count(teachers, sql`staff_no like 'TEST-%'`)).toBe(0);
  });

  it('creates a teacher in the county, denormalising the county code', async () => {
    const { body } = await s.gql(UPSERT_TEACHERS, { input: { rows: [teacher()] } }, anxiang);
    expect(body.data.upsertTeachers.results[0]).toMatchObject({
      status: 'CREATED',
      teacher: { staffNo: 'TEST-0001', school: { code: schoolCode } },
    });
    const [row] = await db().select().from(teachers).where(sql`staff_no = 'TEST-0001'`);
    expect(row.countyCode).toBe(DEMO.anxiang);
  });

  it('a school admin writes only its own school', async () => {
    const [sch] = await db().select().from(schools).where(sql`code = ${schoolCode}`);
    const [otherSchool] = await db()
      .select()
      .from(schools)
      .where(sql`county_code = ${DEMO.anxiang} and code <> ${schoolCode}`)
      .limit(1);
    const head = await token({ role: 'SCHOOL_ADMIN', schoolCode: sch.code });
    const own = await s.gql(UPSERT_TEACHERS, { input: { rows: [teacher({ yearsAtSchool: 7 })] } }, head);
    expect(own.body.data.upsertTeachers.results[0].status).toBe('UPDATED');
    const other = await s.gql(
      UPSERT_TEACHERS,
      { input: { rows: [teacher({ staffNo: 'TEST-0002', schoolCode: otherSchool.code })] } },
      head,
    );
    expect(other.body.data.upsertTeachers.errors[0]).toMatchObject({
      code: 'FORBIDDEN',
      path: ['input', 'rows', '0', 'schoolCode'],
    });
  });

  it('moving a teacher across counties needs the city', async () => {
    const [taoyuanSchool] = await db().select().from(schools).where(sql`county_code = ${DEMO.taoyuan}`).limit(1);
    const byCounty = await s.gql(
      UPSERT_TEACHERS,
      { input: { rows: [teacher({ schoolCode: taoyuanSchool.code })] } },
      anxiang,
    );
    expect(byCounty.body.data.upsertTeachers.errors[0].code).toBe('FORBIDDEN');
    const byCity = await s.gql(
      UPSERT_TEACHERS,
      { input: { rows: [teacher({ schoolCode: taoyuanSchool.code })] } },
      city,
    );
    expect(byCity.body.data.upsertTeachers.results[0].status).toBe('UPDATED');
    const [row] = await db().select().from(teachers).where(sql`staff_no = 'TEST-0001'`);
    expect(row.countyCode).toBe(DEMO.taoyuan);
  });

  it('explicit null clears personal data, absence keeps it', async () => {
    const { idNumber: _i, phone: _p, ...rest } = teacher({ schoolCode: undefined });
    const [row0] = await db().select().from(teachers).where(sql`staff_no = 'TEST-0001'`);
    const [sch] = await db().select().from(schools).where(sql`id = ${row0.schoolId}`);
    await s.gql(UPSERT_TEACHERS, { input: { rows: [{ ...rest, schoolCode: sch.code }] } }, city);
    let [row] = await db().select().from(teachers).where(sql`staff_no = 'TEST-0001'`);
    expect(row.phone).toBe('13907360001');
    await s.gql(UPSERT_TEACHERS, { input: { rows: [{ ...rest, schoolCode: sch.code, phone: null }] } }, city);
    [row] = await db().select().from(teachers).where(sql`staff_no = 'TEST-0001'`);
    expect(row.phone).toBeNull();
    expect(row.idNumber).toBe('430721199003150022');
  });
});
