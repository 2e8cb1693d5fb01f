import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../schema/domains/evaluation/sqlRows.js';
import { graphql } from '../graphql/index.js';
import { DEMO, present, startTestServer, token, type TestServer } from '../harness.js';
import { enrolmentApi } from './fixture.js';

/**
 * Enrolment plans over HTTP: a 2027 plan of 常德市 drafted by the city (policy, boundary,
 * 指标到校), places filled in by 安乡县, published, refused edits, an amendment with its diff,
 * and every bad input with its code and path and nothing changed. Expected allocations are
 * worked out by hand beside each assertion.
 */
let s: TestServer;
let city: string;
let county: string;
let otherCounty: string;
const api = enrolmentApi(() => s);
const { ok, refused } = api;

let hs: string; // 安乡县's 县中
let juniors: string[]; // three junior schools of 安乡, code order
let lixianJunior: string; // a junior school of 澧县, outside 安乡's boundary
let v1: { id: string };
let v2: { id: string };

beforeAll(async () => {
  s = await startTestServer();
  city = await token({ role: 'CITY_ADMIN', regionCode: DEMO.city });
  county = await token({ role: 'COUNTY_ADMIN', regionCode: DEMO.anxiang });
  otherCounty = await token({ role: 'COUNTY_ADMIN', regionCode: '430722' });
  hs = (await api.schoolsOf(DEMO.anxiang, ['SENIOR'], { countyHighSchool: true }))[0].code;
  juniors = (await api.schoolsOf(DEMO.anxiang, ['JUNIOR', 'NINE_YEAR'])).slice(0, 3).map((x) => x.code);
  lixianJunior = (await api.schoolsOf('430723', ['JUNIOR']))[0].code;
});
afterAll(() => s?.close());

const VERSIONS = graphql(
  `query EnrolmentPlansVersions($id: ID!, $v2: ID!) { old: enrolmentPlan(id: $id) { status } now: enrolmentPlan(id: $v2) { status diff(against: $id) { policyChanged added removed changed { schoolCode fieldsChanged placesBefore placesAfter } } } }`,
);
const CURRENT = graphql(
  `query EnrolmentPlansCurrentId($regionCode: String!) { currentEnrolmentPlan(regionCode: $regionCode, year: 2026, stage: SENIOR) { id } }`,
);
const DIFF = graphql(
  `query EnrolmentPlansDiff($id: ID!, $against: ID!) { enrolmentPlan(id: $id) { diff(against: $against) { added } } }`,
);
/** The fixture's PLAN selection on the current 2027 plan. */
const CURRENT_2027 =
  graphql(`query EnrolmentPlansCurrent2027($regionCode: String!) { currentEnrolmentPlan(regionCode: $regionCode, year: 2027, stage: SENIOR) {
  id version status sequence title quotaShareMinPercent crossCountyAllowed basedOn { id version } schools(first: 50) { totalCount nodes {
    school { code } demonstration allowedCountyCodes unifiedPlaces quotaPlaces specialtyPlaces totalPlaces admittedTotal
    allocations(first: 100) { totalCount nodes { juniorSchool { code } graduates places overridden overrideReason } }
    check { status planned admitted outsideBoundary outsideCountyCodes items { kind status message } } } } } }`);

interface AllocatedLine {
  allocations: { nodes: { juniorSchool: { code: string }; places: number }[] };
}
const allocations = (line: AllocatedLine) => line.allocations.nodes.map((a) => [a.juniorSchool.code, a.places]);

describe('drafting a plan', () => {
  it('the city opens the 2027 draft with its unified policy', async () => {
    const { plan } = await ok(
      'create',
      {
        regionCode: DEMO.city,
        year: 2027,
        stage: 'SENIOR',
        title: '常德市2027年普通高中招生计划',
        quotaShareMinPercent: 50,
      },
      city,
    );
    expect(plan).toMatchObject({
      version: '2027-SENIOR-1',
      status: 'DRAFT',
      quotaShareMinPercent: 50,
      crossCountyAllowed: false,
      basedOn: null,
    });
    v1 = plan;
  });

  it('refuses bad policy input with typed errors at the field, changing nothing', async () => {
    await refused(
      'create',
      { regionCode: '430100', year: 2027, stage: 'SENIOR', title: 'x', quotaShareMinPercent: 50 },
      [['FORBIDDEN', 'input.regionCode']],
      city,
    );
    await refused(
      'create',
      { regionCode: DEMO.anxiang, year: 2027, stage: 'SENIOR', title: 'x', quotaShareMinPercent: 50 },
      [['VALIDATION', 'input.regionCode']],
      city,
    );
    await refused(
      'create',
      { regionCode: DEMO.city, year: 2027, stage: 'SENIOR', title: ' ', quotaShareMinPercent: 101 },
      [
        ['REQUIRED', 'input.title'],
        ['VALIDATION', 'input.quotaShareMinPercent'],
      ],
      city,
    );
    // A second open draft of the same city, year and stage.
    await refused(
      'create',
      { regionCode: DEMO.city, year: 2027, stage: 'SENIOR', title: '重复草稿', quotaShareMinPercent: 50 },
      [['INVALID_STATE', 'input.year']],
      city,
    );
    await refused(
      'policy',
      { planId: v1.id, quotaShareMinPercent: -1 },
      [['VALIDATION', 'input.quotaShareMinPercent']],
      city,
    );
  });

  it('the city sets the boundary; a county cannot, and bad counties are refused at their index', async () => {
    const { schoolPlan } = await ok(
      'boundary',
      { planId: v1.id, schoolCode: hs, allowedCountyCodes: [DEMO.anxiang], demonstration: true },
      city,
    );
    expect(schoolPlan).toMatchObject({ allowedCountyCodes: [DEMO.anxiang], demonstration: true, totalPlaces: 0 });
    await refused(
      'boundary',
      { planId: v1.id, schoolCode: hs, allowedCountyCodes: [DEMO.anxiang], demonstration: true },
      [['FORBIDDEN', '']],
      county,
    );
    await refused(
      'boundary',
      { planId: v1.id, schoolCode: hs, allowedCountyCodes: [DEMO.anxiang, '430100', '430700'], demonstration: true },
      [
        ['VALIDATION', 'input.allowedCountyCodes.1'],
        ['VALIDATION', 'input.allowedCountyCodes.2'],
      ],
      city,
    );
    await refused(
      'boundary',
      { planId: v1.id, schoolCode: juniors[0], allowedCountyCodes: [DEMO.anxiang], demonstration: true },
      [['VALIDATION', 'input.schoolCode']],
      city,
    );
  });

  it('the school’s county fills in its places; another county may not', async () => {
    const { schoolPlan } = await ok(
      'places',
      { planId: v1.id, schoolCode: hs, unifiedPlaces: 90, quotaPlaces: 100, specialtyPlaces: 10 },
      county,
    );
    expect(schoolPlan).toMatchObject({ unifiedPlaces: 90, quotaPlaces: 100, specialtyPlaces: 10, totalPlaces: 200 });
    await refused(
      'places',
      { planId: v1.id, schoolCode: hs, unifiedPlaces: 1, quotaPlaces: 1, specialtyPlaces: 1 },
      [['FORBIDDEN', 'input.schoolCode']],
      otherCounty,
    );
    await refused(
      'places',
      { planId: v1.id, schoolCode: hs, unifiedPlaces: -1, quotaPlaces: 100_001, specialtyPlaces: 1 },
      [
        ['VALIDATION', 'input.unifiedPlaces'],
        ['VALIDATION', 'input.quotaPlaces'],
      ],
      county,
    );
  });

  it('allocates 指标到校 by largest remainder: 100 over three equal cohorts is 34, 33, 33', async () => {
    // 100 × 120 / 360 = 33 r 120 each: 99 given, one left, all tied → the smallest identifier.
    const { schoolPlan } = await ok(
      'allocate',
      { planId: v1.id, schoolCode: hs, cohorts: juniors.map((j) => ({ juniorSchoolCode: j, graduates: 120 })) },
      city,
    );
    expect(allocations(schoolPlan)).toEqual([
      [juniors[0], 34],
      [juniors[1], 33],
      [juniors[2], 33],
    ]);
    expect(schoolPlan.allocations.nodes.every((a: { overridden: boolean }) => !a.overridden)).toBe(true);
  });

  it('refuses cohorts outside the boundary, repeated or unknown, each at its index', async () => {
    await refused(
      'allocate',
      {
        planId: v1.id,
        schoolCode: hs,
        cohorts: [
          { juniorSchoolCode: juniors[0], graduates: 1 },
          { juniorSchoolCode: lixianJunior, graduates: 1 },
          { juniorSchoolCode: juniors[0], graduates: 1 },
          { juniorSchoolCode: '4307219999', graduates: 1 },
        ],
      },
      [
        ['VALIDATION', 'input.cohorts.1.juniorSchoolCode'],
        ['DUPLICATE', 'input.cohorts.2.juniorSchoolCode'],
        ['NOT_FOUND', 'input.cohorts.3.juniorSchoolCode'],
      ],
      city,
    );
  });

  it(
    'an override keeps its places and the rest is shared again: 40 set, 60 over two equal ' + 'cohorts is 30, 30',
    async () => {
      const { schoolPlan } = await ok(
        'override',
        { planId: v1.id, schoolCode: hs, juniorSchoolCode: juniors[2], places: 40, reason: '农村薄弱初中倾斜' },
        city,
      );
      expect(allocations(schoolPlan)).toEqual([
        [juniors[0], 30],
        [juniors[1], 30],
        [juniors[2], 40],
      ]);
      expect(schoolPlan.allocations.nodes[2]).toMatchObject({ overridden: true, overrideReason: '农村薄弱初中倾斜' });
      await refused(
        'override',
        { planId: v1.id, schoolCode: hs, juniorSchoolCode: juniors[1], places: 61, reason: '超额' },
        [['VALIDATION', 'input.places']],
        city,
      );
      await refused(
        'override',
        { planId: v1.id, schoolCode: hs, juniorSchoolCode: juniors[1], places: 5 },
        [['VALIDATION', 'input.reason']],
        city,
      );
      await refused(
        'override',
        { planId: v1.id, schoolCode: hs, juniorSchoolCode: lixianJunior, places: 5, reason: '不在名单' },
        [['NOT_FOUND', 'input.juniorSchoolCode']],
        city,
      );
    },
  );

  it('a lower quota is shared again around the override: 70 − 40 = 30 over two equal cohorts is 15, 15', async () => {
    const { schoolPlan } = await ok(
      'places',
      { planId: v1.id, schoolCode: hs, unifiedPlaces: 120, quotaPlaces: 70, specialtyPlaces: 10 },
      county,
    );
    expect(allocations(schoolPlan)).toEqual([
      [juniors[0], 15],
      [juniors[1], 15],
      [juniors[2], 40],
    ]);
    // A quota below the override cannot be shared: refused at quotaPlaces.
    await refused(
      'places',
      { planId: v1.id, schoolCode: hs, unifiedPlaces: 120, quotaPlaces: 39, specialtyPlaces: 10 },
      [['VALIDATION', 'input.quotaPlaces']],
      county,
    );
    await ok(
      'places',
      { planId: v1.id, schoolCode: hs, unifiedPlaces: 90, quotaPlaces: 100, specialtyPlaces: 10 },
      county,
    );
  });
});

describe('publishing and amending', () => {
  it('a county cannot publish; the city does, and the plan is immutable from then on', async () => {
    await refused('publish', { planId: v1.id }, [['FORBIDDEN', '']], county);
    const { plan } = await ok('publish', { planId: v1.id }, city);
    expect(plan).toMatchObject({ status: 'PUBLISHED', version: '2027-SENIOR-1' });
    await refused(
      'places',
      { planId: v1.id, schoolCode: hs, unifiedPlaces: 1, quotaPlaces: 1, specialtyPlaces: 1 },
      [['INVALID_STATE', 'input.planId']],
      county,
    );
    await refused(
      'boundary',
      { planId: v1.id, schoolCode: hs, allowedCountyCodes: [DEMO.anxiang], demonstration: false },
      [['INVALID_STATE', 'input.planId']],
      city,
    );
    await refused(
      'override',
      { planId: v1.id, schoolCode: hs, juniorSchoolCode: juniors[0], places: 1, reason: '发布后修改' },
      [['INVALID_STATE', 'input.planId']],
      city,
    );
    await refused('policy', { planId: v1.id, crossCountyAllowed: true }, [['INVALID_STATE', 'input.planId']], city);
    await refused('publish', { planId: v1.id }, [['INVALID_STATE', 'input.planId']], city);
  });

  it('an amendment is a new version copied from the published one; publishing it supersedes the first', async () => {
    const { plan } = await ok(
      'create',
      {
        regionCode: DEMO.city,
        year: 2027,
        stage: 'SENIOR',
        title: '常德市2027年普通高中招生计划（修订）',
        quotaShareMinPercent: 50,
        copyFromPlanId: v1.id,
      },
      city,
    );
    expect(plan).toMatchObject({ version: '2027-SENIOR-2', status: 'DRAFT', basedOn: { id: v1.id } });
    expect(allocations(plan.schools.nodes[0])).toEqual([
      [juniors[0], 30],
      [juniors[1], 30],
      [juniors[2], 40],
    ]);
    v2 = plan;
    // 120 quota: 120 − 40 = 80 over two equal cohorts → 40, 40.
    const { schoolPlan } = await ok(
      'places',
      { planId: v2.id, schoolCode: hs, unifiedPlaces: 70, quotaPlaces: 120, specialtyPlaces: 10 },
      county,
    );
    expect(allocations(schoolPlan)).toEqual([
      [juniors[0], 40],
      [juniors[1], 40],
      [juniors[2], 40],
    ]);
    await ok(
      'policy',
      { planId: v2.id, crossCountyAllowed: false, title: '常德市2027年普通高中招生计划（修订版）' },
      city,
    );
    await ok('publish', { planId: v2.id }, city);
    const { body } = await s.gql(VERSIONS, { id: v1.id, v2: v2.id }, city);
    expect(body.data.old?.status).toBe('SUPERSEDED');
    expect(body.data.now?.status).toBe('PUBLISHED');
    expect(body.data.now?.diff).toEqual({
      policyChanged: ['title'],
      added: [],
      removed: [],
      changed: [
        {
          schoolCode: hs,
          fieldsChanged: ['unifiedPlaces', 'quotaPlaces', 'allocations'],
          placesBefore: 200,
          placesAfter: 200,
        },
      ],
    });
  });

  it('refuses an amendment of another year or a draft, and a diff against another plan', async () => {
    await refused(
      'create',
      {
        regionCode: DEMO.city,
        year: 2028,
        stage: 'SENIOR',
        title: '错误修订',
        quotaShareMinPercent: 50,
        copyFromPlanId: v1.id,
      },
      [['VALIDATION', 'input.copyFromPlanId']],
      city,
    );
    const { body } = await s.gql(CURRENT, { regionCode: DEMO.city }, city);
    const demo = present(body.data.currentEnrolmentPlan, 'currentEnrolmentPlan').id;
    const diff = await s.gql(DIFF, { id: v2.id, against: demo }, city);
    expect(present(diff.body.errors, 'errors').map((e) => [e.extensions?.code, e.path?.join('.')])).toEqual([
      ['VALIDATION', 'enrolmentPlan.diff'],
    ]);
  });

  it('the change feed holds full snapshots of the plan and the school line', async () => {
    const { body } = await s.gql(CURRENT_2027, { regionCode: DEMO.anxiang }, city);
    expect(body.data.currentEnrolmentPlan?.version).toBe('2027-SENIOR-2');
    const events = await api
      .db()
      .execute(
        sql`select entity_type, entity_key, after from audit_events where entity_key like '430700:2027-SENIOR-2%' order by id`,
      );
    const rows = rowsOf<{ entity_type: string; entity_key: string; after: unknown }>(events);
    const line = present(rows.filter((r) => r.entity_type === 'SchoolEnrolmentPlan').at(-1), 'school line event');
    expect(line.entity_key).toBe(`430700:2027-SENIOR-2:${hs}`);
    expect(line.after).toMatchObject({
      schoolCode: hs,
      quotaPlaces: 120,
      allocations: [{ juniorSchoolCode: juniors[0], places: 40 }, { places: 40 }, { places: 40, overridePlaces: 40 }],
    });
  });
});
