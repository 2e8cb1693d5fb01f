import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../schema/domains/evaluation/sqlRows.js';
import { graphql } from '../graphql/index.js';
import { present, startTestServer, token, type TestServer } from '../harness.js';

/**
 * The county profile shows enrolment beside staffing and funding (issue: "a county profile
 * shows enrolment, staffing and funding"). Expected figures are read from the tables here,
 * independently of the resolvers.
 */
const LIXIAN = '430723'; // 澧县: its 县中 admits across the boundary in the demo (RED)
const QUERY = graphql(`query EnrolmentCountyProfileLines($code: String!) { countyProfile(regionCode: $code) {
  region { code }
  staffing { __typename }
  enrolmentPlans(year: 2026) { school { code } plan { year status } totalPlaces admittedTotal check { status } }
} }`);

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s?.close());

async function expectedLines() {
  const rows = await s.db.database.db.execute(sql`
    select sc.code, sp.unified_places + sp.quota_places + sp.specialty_places as places,
      coalesce((select sum(a.count) from enrolment_admissions a
        where a.school_id = sp.school_id and a.year = p.year and a.stage = p.stage), 0)::int as admitted
    from enrolment_school_plans sp join enrolment_plans p on p.id = sp.plan_id join schools sc on sc.id = sp.school_id
    where sp.county_code = ${LIXIAN} and p.status = 'PUBLISHED' and p.year = 2026 order by sp.school_id`);
  return rowsOf<{ code: string; places: number; admitted: number }>(rows);
}

describe('countyProfile.enrolmentPlans', () => {
  it(
    'lists the county’s published plan lines with places and admitted totals; the county sees ' + 'its checks',
    async () => {
      const county = await token({ role: 'COUNTY_ADMIN', regionCode: LIXIAN });
      const { body } = await s.gql(QUERY, { code: LIXIAN }, county);
      expect(body.errors).toBeUndefined();
      const lines = present(body.data.countyProfile, 'countyProfile').enrolmentPlans;
      const expected = await expectedLines();
      expect(expected.length).toBeGreaterThan(0);
      expect(lines.map((l) => [l.school.code, l.totalPlaces, l.admittedTotal])).toEqual(
        expected.map((e) => [e.code, e.places, e.admitted]),
      );
      expect(lines.every((l) => l.plan.year === 2026 && l.plan.status === 'PUBLISHED')).toBe(true);
      expect(lines.some((l) => l.check?.status === 'RED')).toBe(true);
    },
  );

  it('a portal gets the same lines as aggregates, without the checks', async () => {
    const portal = await token({ role: 'PORTAL' });
    const { body } = await s.gql(QUERY, { code: LIXIAN }, portal);
    expect(body.errors).toBeUndefined();
    const lines = present(body.data.countyProfile, 'countyProfile').enrolmentPlans;
    expect(lines.map((l) => l.school.code)).toEqual((await expectedLines()).map((e) => e.code));
    expect(lines.every((l) => l.check === null)).toBe(true);
  });
});
