import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../graphql/index.js';
import type { EnrolmentAdmissionRowInput } from '../graphql/graphql.js';
import { DEMO, present, startTestServer, token, type TestServer } from '../harness.js';
import { enrolmentApi } from './fixture.js';
import { publishLeadList } from '../responsibility/fixture.js';

/**
 * Admissions and checks over HTTP: the 常德市 demo (澧县's 县中 recruiting from 临澧县 is the only
 * RED), the admissions bulk upsert with per-row errors, checks of a fresh plan (share below the
 * policy, boundary violation, plan exceeded), a rectification task from a failed check, the
 * school profile, and who reads what.
 */
let s: TestServer;
let city: string;
let county: string;
let hanshou: string;
let portal: string;
let school: string;
const api = enrolmentApi(() => s);
const { ok, refused, run } = api;

let hs: string;
let juniors: string[];
let lixianHs: string;
let lixianJunior: string;
let plan: { id: string };
/** A check item and a user error as the fixture's payloads carry them. */
interface CheckItem {
  kind: string;
  status: string;
}
interface UserError {
  code: string;
  path: string[];
}

/** The city's current plan of a year, every line with the fixture's LINE selection. */
const CURRENT_PLAN =
  graphql(`query EnrolmentChecksCurrentPlan($regionCode: String!, $year: Int!) { currentEnrolmentPlan(regionCode: $regionCode, year: $year, stage: SENIOR) { id version status schools(first: 50) { totalCount nodes {
  school { code } demonstration allowedCountyCodes unifiedPlaces quotaPlaces specialtyPlaces totalPlaces admittedTotal
  allocations(first: 100) { totalCount nodes { juniorSchool { code } graduates places overridden overrideReason } }
  check { status planned admitted outsideBoundary outsideCountyCodes items { kind status message } } } } } }`);
const current = async (year: number, tok: string) =>
  present(
    (await s.gql(CURRENT_PLAN, { regionCode: DEMO.city, year }, tok)).body.data.currentEnrolmentPlan,
    'currentEnrolmentPlan',
  );
const ADMISSIONS = graphql(
  `query EnrolmentChecksAdmissions($f: EnrolmentAdmissionFilter) { enrolmentAdmissions(first: 100, filter: $f) { totalCount nodes { schoolCode sourceJuniorSchoolCode sourceCountyCode category count } } }`,
);
const DRAFTS = graphql(
  `query EnrolmentChecksDrafts($regionCode: String!) { enrolmentPlans(regionCode: $regionCode, status: [DRAFT], first: 10) { totalCount } }`,
);
const PROFILE = graphql(
  `query EnrolmentChecksSchoolProfile($c: String!) { schoolProfile(code: $c) { enrolmentPlans { plan { version } quotaPlaces admittedTotal } quotaPlacesReceived { places schoolPlan { school { code } } } } }`,
);
const FIRST_DRAFT = graphql(
  `query EnrolmentChecksFirstDraft($regionCode: String!) { enrolmentPlans(regionCode: $regionCode, status: [DRAFT], first: 1) { nodes { id } } }`,
);

beforeAll(async () => {
  s = await startTestServer();
  city = await token({ role: 'CITY_ADMIN', regionCode: DEMO.city });
  county = await token({ role: 'COUNTY_ADMIN', regionCode: DEMO.anxiang });
  hanshou = await token({ role: 'COUNTY_ADMIN', regionCode: '430722' });
  portal = await token({ role: 'PORTAL' });
  hs = (await api.schoolsOf(DEMO.anxiang, ['SENIOR'], { countyHighSchool: true }))[0].code;
  school = await token({ role: 'SCHOOL_ADMIN', schoolCode: hs });
  juniors = (await api.schoolsOf(DEMO.anxiang, ['JUNIOR', 'NINE_YEAR'])).slice(0, 3).map((x) => x.code);
  lixianHs = (await api.schoolsOf('430723', ['SENIOR'], { countyHighSchool: true }))[0].code;
  lixianJunior = (await api.schoolsOf('430723', ['JUNIOR']))[0].code;
});
afterAll(() => s?.close());

describe('demo 2026 plan of 常德市', () => {
  it('lists each 县中 and the 市直 schools, published, with 指标到校 allocated in full', async () => {
    const p = await current(2026, city);
    expect(p).toMatchObject({ version: '2026-SENIOR-2', status: 'PUBLISHED' });
    const counties = ['430703', '430721', '430722', '430723', '430724', '430725', '430726', '430781'];
    const hsCodes = await Promise.all(
      counties.map(async (c) => (await api.schoolsOf(c, ['SENIOR'], { countyHighSchool: true }))[0].code),
    );
    const codes = p.schools.nodes.map((l) => l.school.code);
    for (const code of hsCodes) expect(codes).toContain(code);
    expect(p.schools.totalCount).toBe(counties.length + 3); // + 常德市一中, 二中, 七中
    for (const line of p.schools.nodes) {
      expect(line.allocations.nodes.reduce((a, x) => a + x.places, 0)).toBe(line.quotaPlaces);
      if (line.demonstration) expect(line.quotaPlaces * 100).toBeGreaterThanOrEqual(50 * line.totalPlaces);
    }
    // 安乡县: one junior school's places overridden with a reason.
    const anxiang = present(
      p.schools.nodes.find((l) => l.school.code === hsCodes[1]),
      '安乡 line',
    );
    expect(anxiang.allocations.nodes.filter((a) => a.overridden).map((a) => a.overrideReason)).toEqual([
      '向农村薄弱初中倾斜，市教育局核定增加10个指标到校名额',
    ]);
  });

  it('flags only 澧县’s 县中 RED, for 25 pupils from 临澧县', async () => {
    const red = (await current(2026, city)).schools.nodes.filter((l) => l.check?.status !== 'GREEN');
    expect(
      red.map((l) => [l.school.code, l.check?.status, l.check?.outsideBoundary, l.check?.outsideCountyCodes]),
    ).toEqual([[lixianHs, 'RED', 25, ['430724']]]);
    expect(present(red[0].check, 'check').items.map((i) => [i.kind, i.status])).toEqual([
      ['BOUNDARY', 'RED'],
      ['PLAN_EXCEEDED', 'GREEN'],
      ['QUOTA_SHARE', 'GREEN'],
    ]);
  });
});

describe('admissions as reported', () => {
  const row = (over: Partial<EnrolmentAdmissionRowInput> = {}): EnrolmentAdmissionRowInput => ({
    year: 2027,
    schoolCode: hs,
    sourceJuniorSchoolCode: juniors[0],
    category: 'QUOTA',
    count: 34,
    ...over,
  });
  const bad = () => [
    row(),
    row({ schoolCode: '4307219999' }),
    row({ schoolCode: lixianHs }),
    row({ sourceJuniorSchoolCode: juniors[1], count: -1 }),
    row({ count: 35 }),
    row({ sourceJuniorSchoolCode: lixianHs }),
  ];
  const expected: [string, string][] = [
    ['NOT_FOUND', 'input.rows.1.schoolCode'],
    ['FORBIDDEN', 'input.rows.2.schoolCode'],
    ['VALIDATION', 'input.rows.3.count'],
    ['DUPLICATE', 'input.rows.4.sourceJuniorSchoolCode'],
    ['VALIDATION', 'input.rows.5.sourceJuniorSchoolCode'],
  ];

  it('rejects the whole batch with every row’s problem at its path, changing nothing', async () => {
    const payload = await refused('admissions', { rows: bad() }, expected, county);
    expect(payload).toMatchObject({ applied: false, created: 0, failed: 5 });
  });

  it('APPLY_VALID writes the valid row; the same row again is UNCHANGED', async () => {
    const payload = await run('admissions', { rows: bad(), onError: 'APPLY_VALID' }, county);
    expect(payload.errors.map((e: UserError) => [e.code, e.path.join('.')])).toEqual(expected);
    expect(payload).toMatchObject({ applied: true, created: 1, failed: 5 });
    expect(payload.results[0].key).toBe(`2027:SENIOR:${hs}:${juniors[0]}:QUOTA`);
    expect((await ok('admissions', { rows: [row()] }, county)).unchanged).toBe(1);
  });

  it('a portal may not report; a school admin may not either', async () => {
    for (const tok of [portal, school])
      expect((await run('admissions', { rows: [row()] }, tok)).errors.map((e: UserError) => e.code)).toEqual([
        'FORBIDDEN',
      ]);
  });
});

describe('checks of a fresh plan', () => {
  it('a 示范性 school below the least 指标到校 share is RED on the draft', async () => {
    ({ plan } = await ok(
      'create',
      {
        regionCode: DEMO.city,
        year: 2027,
        stage: 'SENIOR',
        title: '常德市2027年普通高中招生计划',
        quotaShareMinPercent: 50,
      },
      city,
    ));
    await ok(
      'boundary',
      { planId: plan.id, schoolCode: hs, allowedCountyCodes: [DEMO.anxiang], demonstration: true },
      city,
    );
    // 99 of 200 = 49.5 % < 50 %.
    const low = (
      await ok(
        'places',
        { planId: plan.id, schoolCode: hs, unifiedPlaces: 91, quotaPlaces: 99, specialtyPlaces: 10 },
        county,
      )
    ).schoolPlan;
    expect(low.check?.items.find((i: CheckItem) => i.kind === 'QUOTA_SHARE')?.status).toBe('RED');
    // 100 of 200 = 50 %, not yet allocated: YELLOW; allocated in full: GREEN.
    const met = (
      await ok(
        'places',
        { planId: plan.id, schoolCode: hs, unifiedPlaces: 90, quotaPlaces: 100, specialtyPlaces: 10 },
        county,
      )
    ).schoolPlan;
    expect(met.check?.items.find((i: CheckItem) => i.kind === 'QUOTA_SHARE')?.status).toBe('YELLOW');
    const full = (
      await ok(
        'allocate',
        { planId: plan.id, schoolCode: hs, cohorts: juniors.map((j) => ({ juniorSchoolCode: j, graduates: 120 })) },
        city,
      )
    ).schoolPlan;
    expect(full.check?.items.find((i: CheckItem) => i.kind === 'QUOTA_SHARE')?.status).toBe('GREEN');
    await ok('publish', { planId: plan.id }, city);
  });

  it('admissions across the boundary and over the plan are RED: 34 + 95 + 66 + 6 = 201 > 200', async () => {
    await ok(
      'admissions',
      {
        rows: [
          { year: 2027, schoolCode: hs, sourceJuniorSchoolCode: juniors[1], category: 'QUOTA', count: 33 },
          { year: 2027, schoolCode: hs, sourceJuniorSchoolCode: juniors[2], category: 'QUOTA', count: 33 },
          { year: 2027, schoolCode: hs, sourceJuniorSchoolCode: juniors[0], category: 'UNIFIED', count: 95 },
          { year: 2027, schoolCode: hs, sourceJuniorSchoolCode: lixianJunior, category: 'UNIFIED', count: 6 },
        ],
      },
      county,
    );
    const line = present((await current(2027, county)).schools.nodes[0], 'line');
    expect(line.check).toMatchObject({
      status: 'RED',
      planned: 200,
      admitted: 201,
      outsideBoundary: 6,
      outsideCountyCodes: ['430723'],
    });
    expect(present(line.check, 'check').items.map((i) => [i.kind, i.status])).toEqual([
      ['BOUNDARY', 'RED'],
      ['PLAN_EXCEEDED', 'RED'],
      ['QUOTA_SHARE', 'GREEN'],
    ]);
    expect(line.admittedTotal).toBe(201);
  });

  it('a failed check opens a rectification task for the county; a GREEN one is refused', async () => {
    const input = {
      planId: plan.id,
      schoolCode: hs,
      deadline: '2027-12-31',
      acceptanceStandard: '退回跨县录取学生并说明情况',
    };
    const { task } = await ok('rectify', { ...input, check: 'BOUNDARY' }, city);
    expect(task).toMatchObject({ itemKey: 'ENROLMENT.ADMISSION_BOUNDARIES', region: { code: DEMO.anxiang } });
    expect(task.description).toMatch(/^RED: 6 admitted from outside the boundary \(430723\)/);
    await refused('rectify', { ...input, check: 'QUOTA_SHARE' }, [['INVALID_STATE', 'input.check']], city);
    await refused(
      'rectify',
      { ...input, check: 'BOUNDARY', acceptanceStandard: ' ' },
      [['REQUIRED', 'input.acceptanceStandard']],
      city,
    );
    await refused('rectify', { ...input, check: 'BOUNDARY' }, [['FORBIDDEN', '']], portal);
  });
});

describe('who reads what', () => {
  it('portals read published plans and aggregates: no checks, no admissions, no drafts', async () => {
    const lines = (await current(2026, portal)).schools.nodes;
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((l) => l.check === null && l.admittedTotal > 0)).toBe(true);
    expect((await s.gql(ADMISSIONS, {}, portal)).body.data.enrolmentAdmissions.totalCount).toBe(0);
    await ok(
      'create',
      {
        regionCode: DEMO.city,
        year: 2028,
        stage: 'SENIOR',
        title: '常德市2028年普通高中招生计划（草稿）',
        quotaShareMinPercent: 60,
      },
      city,
    );
    expect((await s.gql(DRAFTS, { regionCode: DEMO.city }, portal)).body.data.enrolmentPlans.totalCount).toBe(0);
    expect((await s.gql(DRAFTS, { regionCode: DEMO.city }, school)).body.data.enrolmentPlans.totalCount).toBe(0);
    // The 2028 draft and the demo's 2027 junior-secondary draft.
    expect((await s.gql(DRAFTS, { regionCode: DEMO.city }, hanshou)).body.data.enrolmentPlans.totalCount).toBe(2);
  });

  it('a school reads its own admissions and checks only; a county its own', async () => {
    const mine = (await s.gql(ADMISSIONS, { f: { year: 2026 } }, school)).body.data.enrolmentAdmissions;
    expect(mine.totalCount).toBeGreaterThan(0);
    expect(mine.nodes.every((a) => a.schoolCode === hs)).toBe(true);
    for (const l of (await current(2026, school)).schools.nodes) expect(l.check === null).toBe(l.school.code !== hs);
    const theirs = (await s.gql(ADMISSIONS, { f: { schoolCode: hs } }, hanshou)).body.data.enrolmentAdmissions;
    expect(theirs.totalCount).toBe(0);
  });

  it('the school profile shows its plan line, admissions total and 指标到校 received', async () => {
    const { body } = await s.gql(PROFILE, { c: hs }, portal);
    expect(present(body.data.schoolProfile, 'schoolProfile').enrolmentPlans.map((l) => l.plan.version)).toEqual([
      '2027-SENIOR-1',
      '2026-SENIOR-2',
    ]);
    const junior = present((await s.gql(PROFILE, { c: juniors[0] }, portal)).body.data.schoolProfile, 'schoolProfile');
    // 2027: 34 of 安乡一中's 100 (three equal cohorts, smallest identifier first); 2026: the demo allocation.
    expect(junior.quotaPlacesReceived.map((a) => a.schoolPlan.school.code)).toEqual([hs, hs]);
    expect(junior.quotaPlacesReceived[0].places).toBe(34);
  });
});

describe('who publishes follows the responsibility list', () => {
  it('once the list gives ENROLMENT.ADMISSION_QUOTA to the counties, the city may no longer publish', async () => {
    const { body } = await s.gql(FIRST_DRAFT, { regionCode: DEMO.city }, city);
    const draft = present(body.data.enrolmentPlans.nodes[0], 'draft').id;
    await ok(
      'boundary',
      { planId: draft, schoolCode: hs, allowedCountyCodes: [DEMO.anxiang], demonstration: true },
      city,
    );
    await publishLeadList(s.db.database, DEMO.city, { 'ENROLMENT.ADMISSION_QUOTA': 'COUNTY' });
    const payload = await refused('publish', { planId: draft }, [['FORBIDDEN', 'input.planId']], city);
    expect(payload.errors[0].message).toMatch(/gives ENROLMENT\.ADMISSION_QUOTA to the COUNTY level/);
  });
});
