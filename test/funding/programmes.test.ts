import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allocateFunding } from '../../schema/domains/funding/services/allocateFunding.js';
import { createFundingProgramme } from '../../schema/domains/funding/services/createFundingProgramme.js';
import { recordFundingPayment } from '../../schema/domains/funding/services/recordFundingPayment.js';
import { rectifyFundingCheck } from '../../schema/domains/funding/services/rectifyFundingCheck.js';
import { setCountyBudget } from '../../schema/domains/funding/services/setCountyBudget.js';
import { upsertSpendingReports } from '../../schema/domains/funding/services/upsertSpendingReports.js';
import { setRegionSetting } from '../../schema/domains/settings/services/setRegionSetting.js';
import { toUserErrors } from '../../schema/errors.js';
import { actingAs } from '../exchanges/fixture.js';
import { createTestDb, present, serviceContext, startTestServer, token, type TestServer } from '../harness.js';
import { graphql } from '../graphql/index.js';
import { loadLeversWorld, snapshotTables, W } from '../staffing/fixture.js';
import { publishLeadList } from '../responsibility/fixture.js';

const TABLES = [
  'funding_programmes',
  'funding_allocations',
  'funding_payments',
  'county_education_budgets',
  'spending_reports',
  'rectification_tasks',
];
const XZ = 'CD-2026-XZFZ';
const SB = 'CD-2027-SBGX';

const CHECKS =
  graphql(`query FundingProgrammesChecks($code: String!) { countyProfile(regionCode: $code) { funding(year: 2026) {
    status budget { amountFen previousFen status } donationsFen socialFundsFen
    perPupil { urbanFen ruralFen gapBasisPoints limitBasisPoints status }
    matching { programmeCode allocationFen disbursedFen requiredFen paidFen state status } } } }`);
const PROGRAMMES = graphql(
  `query FundingProgrammesList($r: String) { fundingProgrammes(regionCode: $r, first: 10) { nodes { code totalFen allocatedFen matchingRatioBp allocations { countyCode amountFen requiredMatchingFen } suggestedSplit { countyCode weight amountFen } } } }`,
);
const PORTAL = graphql(
  `query FundingProgrammesPortal($c: String!) { countyProfile(regionCode: $c) { funding(year: 2026) { status donationsFen } } spendingReports(first: 5) { totalCount } }`,
);
const SCHOOL_OWN = graphql(
  `query FundingProgrammesSchoolOwn($c: String!) { schoolProfile(code: $c) { funding(year: 2026) { publicFen perPupilFen donationsFen } } spendingReports(first: 10) { nodes { code } } }`,
);
const SCHOOL_OTHER = graphql(
  `query FundingProgrammesSchoolOther($c: String!) { schoolProfile(code: $c) { funding(year: 2026) { publicFen } } }`,
);
const OTHER_COUNTY = graphql(
  `query FundingProgrammesOtherCounty($c: String!) { countyProfile(regionCode: $c) { funding(year: 2026) { status } } spendingReports(first: 5, regionCode: $c) { totalCount } }`,
);

async function errorsOf(p: Promise<unknown>) {
  try {
    await p;
  } catch (err) {
    const e = toUserErrors(err);
    if (e) return e.map(({ code, path }) => ({ code, path }));
    throw err;
  }
  return [];
}

describe('funding (经费): programmes, allocations, matching, budgets, spending', () => {
  let s: TestServer;
  let county: string;
  const db = () => s.db.database;
  const asCity = () => actingAs(db(), 'CITY_ADMIN', W.city);
  const asAnxiang = () => actingAs(db(), 'COUNTY_ADMIN', W.anxiang);
  const asHanshou = () => actingAs(db(), 'COUNTY_ADMIN', W.hanshou);
  const url = 'https://czj.changde.gov.cn/pz/2026-001.pdf';

  beforeAll(async () => {
    const test = await createTestDb({ seed: false });
    await loadLeversWorld(test.database);
    // A published list of 常德市 holding the funding matters (rectification tasks need one).
    await publishLeadList(test.database, W.city, {
      'FUNDING.CITY_COORDINATION': 'CITY',
      'FUNDING.COUNTY_MATCHING': 'COUNTY',
      'FUNDING.PER_STUDENT_FUNDING': 'COUNTY',
    });
    s = await startTestServer({ db: test });
    county = await token({ role: 'COUNTY_ADMIN', regionCode: W.anxiang });
    await setRegionSetting(serviceContext(test.database), {
      regionCode: W.anxiang,
      key: 'pools.countyPriorityWeight',
      value: 2,
    });
    await createFundingProgramme(asCity(), {
      code: XZ,
      cityCode: W.city,
      year: 2026,
      name: '县中发展提升专项',
      kind: 'COUNTY_HIGH_SCHOOL_DEVELOPMENT',
      totalFen: '500000000',
      matchingRatioBp: 5000,
    });
    await createFundingProgramme(asCity(), {
      code: SB,
      cityCode: W.city,
      year: 2027,
      name: '实验设备共享中心建设',
      kind: 'EQUIPMENT_SHARING_CENTRE',
      totalFen: '1000000001',
      matchingRatioBp: 3333,
    });
    await allocateFunding(asCity(), {
      programmeCode: XZ,
      countyCode: W.anxiang,
      amountFen: '250000000',
      reason: '薄弱县倾斜',
    });
    await allocateFunding(asCity(), {
      programmeCode: XZ,
      countyCode: W.hanshou,
      amountFen: '150000000',
      reason: '按规模',
    });
    await allocateFunding(asCity(), {
      programmeCode: XZ,
      countyCode: W.lixian,
      amountFen: '100000000',
      reason: '按规模',
    });
    await allocateFunding(asCity(), { programmeCode: SB, countyCode: W.anxiang, amountFen: '1000', reason: '试点' });
    await recordFundingPayment(asCity(), {
      programmeCode: XZ,
      countyCode: W.anxiang,
      kind: 'DISBURSEMENT',
      amountFen: '250000000',
      paidOn: '2026-03-01',
      evidenceUrl: url,
    });
    await recordFundingPayment(asAnxiang(), {
      programmeCode: XZ,
      countyCode: W.anxiang,
      kind: 'MATCHING',
      amountFen: '125000000',
      paidOn: '2026-04-01',
      evidenceUrl: url,
    });
    await recordFundingPayment(asHanshou(), {
      programmeCode: XZ,
      countyCode: W.hanshou,
      kind: 'MATCHING',
      amountFen: '30000000',
      paidOn: '2026-04-01',
      evidenceUrl: url,
    });
    await setCountyBudget(asAnxiang(), { countyCode: W.anxiang, year: 2025, amountFen: '80000000000' });
    await setCountyBudget(asAnxiang(), { countyCode: W.anxiang, year: 2026, amountFen: '82000000000' });
    await setCountyBudget(asHanshou(), { countyCode: W.hanshou, year: 2025, amountFen: '90000000000' });
    await setCountyBudget(asHanshou(), { countyCode: W.hanshou, year: 2026, amountFen: '85000000000' });
    const spent = await upsertSpendingReports(asAnxiang(), {
      rows: [
        {
          code: 'AX-2026-001',
          countyCode: W.anxiang,
          schoolCode: W.anxiangHigh,
          year: 2026,
          source: 'PROGRAMME',
          programmeCode: XZ,
          amountFen: '100000000',
          purpose: '理化生实验室改造',
          evidenceUrl: url,
          spentOn: '2026-05-01',
        },
        {
          code: 'AX-2026-002',
          countyCode: W.anxiang,
          schoolCode: W.anxiangJunior,
          year: 2026,
          source: 'COUNTY_BUDGET',
          amountFen: '40000000',
          purpose: '公用经费',
          evidenceUrl: url,
          spentOn: '2026-05-01',
        },
        {
          code: 'AX-2026-003',
          countyCode: W.anxiang,
          schoolCode: W.anxiangPrimary,
          year: 2026,
          source: 'COUNTY_BUDGET',
          amountFen: '30000000',
          purpose: '公用经费',
          evidenceUrl: url,
          spentOn: '2026-05-01',
        },
        {
          code: 'AX-2026-004',
          countyCode: W.anxiang,
          schoolCode: W.anxiangJunior,
          year: 2026,
          source: 'DONATION',
          amountFen: '5000000',
          purpose: '校友捐赠图书',
          evidenceUrl: url,
          spentOn: '2026-06-01',
        },
      ],
    });
    expect(spent.errors).toEqual([]);
  });
  afterAll(() => s?.close());

  const checks = async (code: string, bearer: string) =>
    present(present((await s.gql(CHECKS, { code }, bearer)).body.data.countyProfile).funding);

  it(
    'matching paid in full, partly and not at all; budget 只增不减 flagged; per-pupil gap from ' +
      'hand-counted figures',
    async () => {
      const a = await checks(W.anxiang, county);
      expect(a.budget).toEqual({ amountFen: '82000000000', previousFen: '80000000000', status: 'GREEN' });
      // 250 000 000 × 50 % = 125 000 000 required, all paid.
      expect(a.matching).toEqual([
        {
          programmeCode: XZ,
          allocationFen: '250000000',
          disbursedFen: '250000000',
          requiredFen: '125000000',
          paidFen: '125000000',
          state: 'PAID_IN_FULL',
          status: 'GREEN',
        },
      ]);
      // Urban: 100 000 000 / 1250 = 80 000; rural: 70 000 000 / 920 = 76 086.95… → 76 086 (the donation is not public money).
      const urban = 100_000_000 / 1250;
      const rural = Math.floor(70_000_000 / 920);
      const gap = Math.floor((Math.abs(100_000_000 * 920 - 70_000_000 * 1250) * 10_000) / (100_000_000 * 920));
      expect(gap).toBe(489);
      expect(a.perPupil).toEqual({
        urbanFen: String(urban),
        ruralFen: String(rural),
        gapBasisPoints: gap,
        limitBasisPoints: 1000,
        status: 'GREEN',
      });
      expect(a.donationsFen).toBe('5000000');
      expect(a.status).toBe('GREEN');

      const city = await token({ role: 'CITY_ADMIN', regionCode: W.city });
      const h = await checks(W.hanshou, city);
      expect(h.budget).toEqual({ amountFen: '85000000000', previousFen: '90000000000', status: 'RED' });
      expect(h.matching[0]).toMatchObject({
        requiredFen: '75000000',
        paidFen: '30000000',
        state: 'PARTLY_PAID',
        status: 'RED',
      });
      expect(h.status).toBe('RED');
      const l = await checks(W.lixian, city);
      expect(l.matching[0]).toMatchObject({ requiredFen: '50000000', paidFen: '0', state: 'UNPAID' });
      expect(present(l.budget).status).toBe('YELLOW');
    },
  );

  it('the gap limit is a setting: at 4 % the same figures are RED', async () => {
    await setRegionSetting(serviceContext(db()), {
      regionCode: W.anxiang,
      key: 'funding.perPupilGapLimit',
      value: 0.04,
    });
    const a = await checks(W.anxiang, county);
    expect(a.perPupil).toMatchObject({ gapBasisPoints: 489, limitBasisPoints: 400, status: 'RED' });
    await setRegionSetting(serviceContext(db()), {
      regionCode: W.anxiang,
      key: 'funding.perPupilGapLimit',
      value: 0.1,
    });
  });

  it(
    'money reconciles: allocations sum to at most the total; the weighted split sums exactly ' +
      '(largest remainder); matching rounds up',
    async () => {
      const { body } = await s.gql(PROGRAMMES, { r: W.city });
      const [xz, sb] = body.data.fundingProgrammes.nodes;
      expect(xz.allocatedFen).toBe('500000000');
      expect(xz.allocations.reduce((n: bigint, a) => n + BigInt(a.amountFen), 0n)).toBe(BigInt(xz.totalFen));
      // Weights 2 : 1 : 1 of 1 000 000 001: 500 000 000.5, 250 000 000.25 ×2 → the one 分 left goes to the largest remainder.
      expect(sb.suggestedSplit).toEqual([
        { countyCode: W.anxiang, weight: 2, amountFen: '500000001' },
        { countyCode: W.hanshou, weight: 1, amountFen: '250000000' },
        { countyCode: W.lixian, weight: 1, amountFen: '250000000' },
      ]);
      // ceil(1000 × 3333 / 10000) = ceil(333.3) = 334.
      expect(sb.allocations).toEqual([{ countyCode: W.anxiang, amountFen: '1000', requiredMatchingFen: '334' }]);
      expect(xz.allocations).toEqual([
        { countyCode: W.anxiang, amountFen: '250000000', requiredMatchingFen: '125000000' },
        { countyCode: W.hanshou, amountFen: '150000000', requiredMatchingFen: '75000000' },
        { countyCode: W.lixian, amountFen: '100000000', requiredMatchingFen: '50000000' },
      ]);
    },
  );

  it('every bad input is a typed error at its field and changes nothing', async () => {
    const before = await snapshotTables(db(), TABLES);
    const pay = {
      programmeCode: XZ,
      countyCode: W.hanshou,
      kind: 'DISBURSEMENT' as const,
      amountFen: '1',
      paidOn: '2026-05-01',
      evidenceUrl: url,
    };
    expect(
      await errorsOf(
        allocateFunding(asCity(), { programmeCode: XZ, countyCode: W.lixian, amountFen: '100000001', reason: '超额' }),
      ),
    ).toEqual([{ code: 'OVER_CAPACITY', path: ['input', 'amountFen'] }]);
    expect(
      await errorsOf(
        allocateFunding(asCity(), { programmeCode: XZ, countyCode: W.lixian, amountFen: '1.5', reason: '小数' }),
      ),
    ).toEqual([{ code: 'VALIDATION', path: ['input', 'amountFen'] }]);
    expect(
      await errorsOf(
        allocateFunding(asCity(), { programmeCode: XZ, countyCode: W.lixian, amountFen: '-5', reason: '负数' }),
      ),
    ).toEqual([{ code: 'VALIDATION', path: ['input', 'amountFen'] }]);
    expect(
      await errorsOf(
        allocateFunding(asCity(), { programmeCode: 'NOPE', countyCode: W.lixian, amountFen: '5', reason: '不存在' }),
      ),
    ).toEqual([{ code: 'NOT_FOUND', path: ['input', 'programmeCode'] }]);
    expect(
      await errorsOf(
        allocateFunding(asCity(), { programmeCode: XZ, countyCode: '431002', amountFen: '5', reason: '外市' }),
      ),
    ).toEqual([{ code: 'VALIDATION', path: ['input', 'countyCode'] }]);
    // Below what was disbursed already.
    expect(
      await errorsOf(
        allocateFunding(asCity(), { programmeCode: XZ, countyCode: W.anxiang, amountFen: '1', reason: '压减' }),
      ),
    ).toEqual([{ code: 'CONFLICT', path: ['input', 'amountFen'] }]);
    // Allocation is city-led: a county may not allocate; disbursement is the city's, matching the county's.
    expect(
      await errorsOf(
        allocateFunding(asAnxiang(), { programmeCode: XZ, countyCode: W.anxiang, amountFen: '5', reason: '自分' }),
      ),
    ).toEqual([{ code: 'FORBIDDEN', path: ['input', 'programmeCode'] }]);
    expect(await errorsOf(recordFundingPayment(asHanshou(), pay))).toEqual([
      { code: 'FORBIDDEN', path: ['input', 'countyCode'] },
    ]);
    expect(await errorsOf(recordFundingPayment(asCity(), { ...pay, kind: 'MATCHING' }))).toEqual([
      { code: 'FORBIDDEN', path: ['input', 'countyCode'] },
    ]);
    expect(
      await errorsOf(recordFundingPayment(asAnxiang(), { ...pay, countyCode: W.hanshou, kind: 'MATCHING' })),
    ).toEqual([{ code: 'FORBIDDEN', path: ['input', 'countyCode'] }]);
    expect(await errorsOf(recordFundingPayment(asCity(), { ...pay, amountFen: '150000001' }))).toEqual([
      { code: 'OVER_CAPACITY', path: ['input', 'amountFen'] },
    ]);
    expect(
      await errorsOf(recordFundingPayment(asHanshou(), { ...pay, kind: 'MATCHING', amountFen: '45000001' })),
    ).toEqual([{ code: 'OVER_CAPACITY', path: ['input', 'amountFen'] }]);
    expect(await errorsOf(recordFundingPayment(asCity(), { ...pay, evidenceUrl: '凭证' }))).toEqual([
      { code: 'VALIDATION', path: ['input', 'evidenceUrl'] },
    ]);
    expect(await errorsOf(setCountyBudget(asAnxiang(), { countyCode: W.hanshou, year: 2026, amountFen: '1' }))).toEqual(
      [{ code: 'FORBIDDEN', path: ['input', 'countyCode'] }],
    );
    expect(
      await errorsOf(
        createFundingProgramme(asAnxiang(), {
          code: 'X-1',
          cityCode: W.city,
          year: 2026,
          name: '县自设',
          kind: 'OTHER',
          totalFen: '1',
          matchingRatioBp: 0,
        }),
      ),
    ).toEqual([{ code: 'FORBIDDEN', path: [] }]);
    expect(
      await errorsOf(
        createFundingProgramme(asCity(), {
          code: XZ,
          cityCode: W.city,
          year: 2026,
          name: '重复',
          kind: 'OTHER',
          totalFen: '1',
          matchingRatioBp: 0,
        }),
      ),
    ).toEqual([{ code: 'DUPLICATE', path: ['input', 'code'] }]);
    // A check that is not RED cannot be rectified.
    expect(
      await errorsOf(
        rectifyFundingCheck(asCity(), {
          countyCode: W.anxiang,
          year: 2026,
          check: 'BUDGET_NOT_LOWER',
          deadline: '2026-12-31',
        }),
      ),
    ).toEqual([{ code: 'INVALID_STATE', path: ['input', 'check'] }]);
    const rows = await upsertSpendingReports(asAnxiang(), {
      rows: [
        // Received 250 000 000 + 125 000 000 = 375 000 000; 100 000 000 spent; 275 000 001 more is one 分 too many.
        {
          code: 'AX-2026-010',
          countyCode: W.anxiang,
          year: 2026,
          source: 'PROGRAMME',
          programmeCode: XZ,
          amountFen: '275000001',
          purpose: '超支',
          evidenceUrl: url,
          spentOn: '2026-07-01',
        },
        {
          code: 'AX-2026-011',
          countyCode: W.anxiang,
          year: 2026,
          source: 'DONATION',
          programmeCode: XZ,
          amountFen: '1',
          purpose: '捐赠挂项目',
          evidenceUrl: url,
          spentOn: '2026-07-01',
        },
        {
          code: 'AX-2026-012',
          countyCode: W.anxiang,
          year: 2026,
          source: 'PROGRAMME',
          amountFen: '1',
          purpose: '缺项目',
          evidenceUrl: url,
          spentOn: '2026-07-01',
        },
        {
          code: 'AX-2026-013',
          countyCode: W.hanshou,
          year: 2026,
          source: 'COUNTY_BUDGET',
          amountFen: '1',
          purpose: '外县',
          evidenceUrl: url,
          spentOn: '2026-07-01',
        },
        {
          code: 'AX-2026-014',
          countyCode: W.anxiang,
          schoolCode: W.hanshouHigh,
          year: 2026,
          source: 'COUNTY_BUDGET',
          amountFen: '1',
          purpose: '外县学校',
          evidenceUrl: url,
          spentOn: '2026-07-01',
        },
        {
          code: 'AX-2026-015',
          countyCode: W.anxiang,
          year: 2026,
          source: 'COUNTY_BUDGET',
          amountFen: '0.5',
          purpose: '小数',
          evidenceUrl: url,
          spentOn: '2026-07-01',
        },
        {
          code: 'AX-2026-016',
          countyCode: W.anxiang,
          year: 2026,
          source: 'PROGRAMME',
          programmeCode: XZ,
          amountFen: '275000000',
          purpose: '恰好用完',
          evidenceUrl: url,
          spentOn: '2026-07-01',
        },
      ],
    });
    expect(rows.applied).toBe(false);
    expect(rows.errors.map(({ code, path }) => ({ code, path }))).toEqual([
      { code: 'OVER_CAPACITY', path: ['input', 'rows', 0, 'amountFen'] },
      { code: 'VALIDATION', path: ['input', 'rows', 1, 'programmeCode'] },
      { code: 'REQUIRED', path: ['input', 'rows', 2, 'programmeCode'] },
      { code: 'FORBIDDEN', path: ['input', 'rows', 3, 'countyCode'] },
      { code: 'VALIDATION', path: ['input', 'rows', 4, 'schoolCode'] },
      { code: 'VALIDATION', path: ['input', 'rows', 5, 'amountFen'] },
    ]);
    expect(await snapshotTables(db(), TABLES)).toEqual(before);
  });

  it('a RED check opens a rectification task for the county (只增不减 of 汉寿)', async () => {
    const task = await rectifyFundingCheck(asCity(), {
      countyCode: W.hanshou,
      year: 2026,
      check: 'BUDGET_NOT_LOWER',
      deadline: '2026-12-31',
    });
    expect(task).toMatchObject({ regionCode: W.hanshou });
    expect(task.title).toContain('只增不减');
    const matching = await rectifyFundingCheck(asCity(), {
      countyCode: W.hanshou,
      year: 2026,
      check: 'MATCHING_PAID',
      deadline: '2026-12-31',
    });
    expect(matching.title).toContain('县中发展提升专项');
  });

  it('reads: portals get aggregates only; a school reads its own spending; another county reads nothing', async () => {
    const portal = await token({ role: 'PORTAL', regionCode: W.city });
    const p = await s.gql(PORTAL, { c: W.anxiang }, portal);
    expect(present(p.body.data.countyProfile).funding).toEqual({ status: 'GREEN', donationsFen: '5000000' });
    expect(p.body.data.spendingReports.totalCount).toBe(0);
    const school = await token({ role: 'SCHOOL_ADMIN', schoolCode: W.anxiangJunior } as never);
    const own = await s.gql(SCHOOL_OWN, { c: W.anxiangJunior }, school);
    expect(own.body.errors).toBeUndefined();
    // 40 000 000 / 540 = 74 074.07… → 74 074.
    expect(present(own.body.data.schoolProfile).funding).toEqual({
      publicFen: '40000000',
      perPupilFen: String(Math.floor(40_000_000 / 540)),
      donationsFen: '5000000',
    });
    expect(own.body.data.spendingReports.nodes.map((n) => n.code)).toEqual(['AX-2026-002', 'AX-2026-004']);
    const other = await s.gql(SCHOOL_OTHER, { c: W.anxiangHigh }, school);
    expect(present(other.body.data.schoolProfile).funding).toBeNull();
    const hanshou = await token({ role: 'COUNTY_ADMIN', regionCode: W.hanshou });
    const h = await s.gql(OTHER_COUNTY, { c: W.anxiang }, hanshou);
    expect(present(h.body.data.countyProfile).funding).toBeNull();
    expect(h.body.data.spendingReports.totalCount).toBe(0);
  });
});
