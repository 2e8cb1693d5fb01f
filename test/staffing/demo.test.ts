import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../graphql/index.js';
import { present, startTestServer, token, type TestServer } from '../harness.js';

/** The demo data set of 常德市 shows every lever: establishment with vacancies and a transfer, funding with flags. */
describe('staffing and funding demo data (常德市)', () => {
  let s: TestServer;
  let city: string;
  beforeAll(async () => {
    s = await startTestServer();
    city = await token({ role: 'CITY_ADMIN', regionCode: '430700' });
  });
  afterAll(() => s?.close());

  it(
    'establishment per county with vacancies, the city pool, and one approved cross-county ' + 'transfer (津市 → 安乡)',
    async () => {
      const { body } = await s.gql(
        graphql(`query StaffingDemoLevers {
      establishmentHoldings(regionCode: "430700") { holderCode category approved }
      establishmentTransfers(first: 10) { totalCount nodes { fromCode toCode quantity } }
      establishmentRequests(first: 10) { nodes { countyCode kind status } }
      anxiang: countyProfile(regionCode: "430721") { staffing { approved filled vacancies countyHighSchools { subjects { subject vacancies } } } }
      shimen: countyProfile(regionCode: "430726") { staffing { vacancies overstaffing } }
    }`),
        {},
        city,
      );
      expect(body.errors).toBeUndefined();
      const d = body.data;
      const anxiangStaffing = present(d.anxiang?.staffing);
      expect(
        present(d.establishmentHoldings.find((h) => h.holderCode === '430700' && h.category === 'TEACHING')).approved,
      ).toBe(120);
      expect(d.establishmentTransfers).toEqual({
        totalCount: 1,
        nodes: [{ fromCode: '430781', toCode: '430721', quantity: 6 }],
      });
      expect(d.establishmentRequests.nodes).toEqual(
        expect.arrayContaining([
          { countyCode: '430721', kind: 'REQUEST', status: 'PARTLY_SETTLED' },
          { countyCode: '430781', kind: 'OFFER', status: 'SETTLED' },
          { countyCode: '430726', kind: 'REQUEST', status: 'SUBMITTED' },
        ]),
      );
      // 安乡 holds its register + 6 (margin) + 6 (transfer): 12 posts unfilled.
      expect(anxiangStaffing.approved - anxiangStaffing.filled).toBe(12);
      expect(anxiangStaffing.vacancies).toBe(12);
      const subjects = anxiangStaffing.countyHighSchools.flatMap((h) => h.subjects);
      expect(subjects.find((x) => x.subject === '物理')?.vacancies).toBe(2);
      expect(d.shimen?.staffing).toEqual({ vacancies: 0, overstaffing: 4 });
    },
  );

  it('two funding programmes; matching paid, partly paid and unpaid; 临澧 budget fell and is flagged', async () => {
    const q = graphql(
      `query StaffingDemoFunding($c: String!) { countyProfile(regionCode: $c) { funding(year: 2026) { status budget { status } matching { programmeCode state } donationsFen } } }`,
    );
    const at = async (c: string) => present(present((await s.gql(q, { c }, city)).body.data.countyProfile).funding);
    const programmes = await s.gql(
      graphql(
        `query StaffingDemoProgrammes { fundingProgrammes(regionCode: "430700", first: 10) { totalCount nodes { code totalFen allocatedFen } } }`,
      ),
    );
    expect(programmes.body.data.fundingProgrammes.totalCount).toBe(2);
    for (const p of programmes.body.data.fundingProgrammes.nodes) expect(p.allocatedFen).toBe(p.totalFen);
    const anxiang = await at('430721');
    expect(anxiang.matching).toEqual([{ programmeCode: 'CD-2026-XZFZ', state: 'PAID_IN_FULL' }]);
    expect(anxiang.budget.status).toBe('GREEN');
    expect(anxiang.donationsFen).toBe('5000000');
    expect((await at('430722')).matching).toEqual([{ programmeCode: 'CD-2026-XZFZ', state: 'PARTLY_PAID' }]);
    expect((await at('430726')).matching[0].state).toBe('UNPAID');
    const linli = await at('430724');
    expect(linli.budget.status).toBe('RED');
    expect(linli.status).toBe('RED');
  });
});
