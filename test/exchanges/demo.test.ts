import { asc, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planDemoExchanges } from '../../schema/domains/exchanges/demo.js';
import { exchangeAssignments } from '../../schema/domains/exchanges/table.js';
import { schools, teachers } from '../../schema/domains/organisation/table.js';
import { createClient } from '../../sdk/src/index.js';
import { graphql } from '../graphql/index.js';
import { DEMO, startTestServer, token, type TestServer } from '../harness.js';

/** The seeded demo exchanges of 常德市 and reading them at scale. */
let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s?.close());

// The demo's county profiles are drawn over every school's teachers, so this story is told over all stages.
const STATS = graphql(
  `query ExchangesDemoStats($y: Int!) { exchangeStats(regionCode: "430700", year: $y, stages: [PRIMARY, JUNIOR, NINE_YEAR, SENIOR, TWELVE_YEAR, VOCATIONAL]) { counties { regionName exchangedTeachers ratio ratioMet backboneShareMet met } total { exchangedTeachers eligibleTeachers met } } }`,
);

describe('demo exchanges', () => {
  it(
    'about fifteen hundred over three school years, in every status, some counties meeting the ' +
      'targets and others not',
    async () => {
      const db = s.db.database.db;
      // The register holds every full-time teacher of the city (~30,000); the demo exchanges a
      // few per cent of the eligible ones a year.
      const total = await db.$count(exchangeAssignments);
      expect(total).toBeGreaterThan(1000);
      expect(total).toBeLessThan(2500);
      const statuses = await db
        .selectDistinct({ status: exchangeAssignments.status })
        .from(exchangeAssignments)
        .orderBy(asc(exchangeAssignments.status));
      expect(statuses.map((r) => r.status).sort()).toEqual([
        'ACTIVE',
        'APPROVED',
        'CANCELLED',
        'COMPLETED',
        'PROPOSED',
        'REJECTED',
      ]);
      expect(await db.$count(exchangeAssignments, sql`source_county_code <> target_county_code`)).toBeGreaterThan(10);
      const portal = await token({ role: 'PORTAL' });
      for (const year of [2024, 2025]) {
        const { body } = await s.gql(STATS, { y: year }, portal);
        // The city's own 市直 schools come first (常德市第一中学 …), then the nine counties.
        expect(body.data.exchangeStats!.counties[0].regionName).toBe('常德市市直');
        const rows = body.data.exchangeStats!.counties.slice(1);
        expect(rows).toHaveLength(9);
        expect(rows.filter((r) => r.met).length).toBeGreaterThanOrEqual(1);
        expect(rows.filter((r) => r.met === false).length).toBeGreaterThanOrEqual(5);
        expect(rows.filter((r) => r.ratioMet && !r.backboneShareMet).length).toBeGreaterThanOrEqual(1);
      }
    },
  );

  it('is generated deterministically', async () => {
    const db = s.db.database.db;
    const schoolRows = (await db.select().from(schools).orderBy(asc(schools.code))).map((x) => ({
      ...x,
      strong: x.isCountyHighSchool,
    }));
    const teacherRows = await db.select().from(teachers).orderBy(asc(teachers.staffNo));
    const a = planDemoExchanges(schoolRows, teacherRows, 7);
    expect(planDemoExchanges(schoolRows, teacherRows, 7)).toEqual(a);
    expect(planDemoExchanges(schoolRows, teacherRows, 8)).not.toEqual(a);
  });

  it('a page of 100 assignments with schools and counties is one SQL statement', async () => {
    const city = await token({ role: 'CITY_ADMIN', regionCode: DEMO.city });
    const before = s.db.database.statements.count;
    const { body } = await s.gql(
      graphql(
        `query ExchangesDemoPage { exchangeAssignments(first: 100, filter: { regionCode: "430700" }) { nodes { kind teacherName sourceSchool { name county { name } } targetSchool { name county { name } } steps { status } } } }`,
      ),
      {},
      city,
    );
    expect(body.errors).toBeUndefined();
    expect(body.data.exchangeAssignments.nodes).toHaveLength(100);
    expect(s.db.database.statements.count - before).toBe(1);
  });

  it('works through the typed SDK: stats for a portal, a proposal and its typed errors for a county', async () => {
    const portal = createClient({ url: s.url, token: await token({ role: 'PORTAL' }) });
    const { exchangeStats } = await portal.exchangeStats({ regionCode: DEMO.city, year: 2025 });
    expect(exchangeStats?.counties).toHaveLength(10); // 常德市市直 and nine counties
    expect(exchangeStats?.total.exchangedTeachers).toBe(
      exchangeStats?.counties.reduce((n, c) => n + c.exchangedTeachers, 0),
    );
    const { exchangeAssignments } = await portal.exchangeAssignments({ first: 5 });
    expect(exchangeAssignments.totalCount).toBe(0);

    const county = createClient({ url: s.url, token: await token({ role: 'COUNTY_ADMIN', regionCode: DEMO.anxiang }) });
    const [teacher] = await s.db.database.db
      .select()
      .from(teachers)
      .where(sql`county_code = ${DEMO.anxiang}`)
      .orderBy(asc(teachers.staffNo))
      .limit(1);
    const [target] = await s.db.database.db
      .select()
      .from(schools)
      .where(sql`county_code = ${DEMO.anxiang} and id <> ${teacher.schoolId}`)
      .orderBy(asc(schools.code))
      .limit(1);
    const input = {
      teacherStaffNo: teacher.staffNo,
      targetSchoolCode: target.code,
      kind: 'SHADOWING' as const,
      startDate: '2027-03-01',
      endDate: '2027-04-30',
      reason: '跟岗研修',
    };
    const ok = await county.proposeExchange({ input });
    expect(ok.proposeExchange.errors).toEqual([]);
    expect(ok.proposeExchange.exchangeAssignment).toMatchObject({
      status: 'PROPOSED',
      approvalLevel: 'COUNTY',
      teacherStaffNo: teacher.staffNo,
    });
    const bad = await county.proposeExchange({ input: { ...input, endDate: '2027-02-01' } });
    expect(bad.proposeExchange).toMatchObject({
      exchangeAssignment: null,
      errors: [{ code: 'VALIDATION', path: ['input', 'endDate'] }],
    });
  });
});
