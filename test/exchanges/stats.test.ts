import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approveExchange } from '../../schema/domains/exchanges/services/approveExchange.js';
import { cancelExchange } from '../../schema/domains/exchanges/services/cancelExchange.js';
import { completeExchange } from '../../schema/domains/exchanges/services/completeExchange.js';
import { proposeExchange, type ProposeExchangeInput } from '../../schema/domains/exchanges/services/proposeExchange.js';
import { rejectExchange } from '../../schema/domains/exchanges/services/rejectExchange.js';
import { startExchange } from '../../schema/domains/exchanges/services/startExchange.js';
import { recordExchangeRegister } from '../../schema/domains/exchanges/services/recordExchangeRegister.js';
import { designateWeakSchool } from '../../schema/domains/organisation/services/designateWeakSchool.js';
import { teachers } from '../../schema/domains/organisation/table.js';
import { eq } from 'drizzle-orm';
import { present, serviceContext, startTestServer, token, type TestServer } from '../harness.js';
import { graphql } from '../graphql/index.js';
import type { SchoolStage } from '../graphql/graphql.js';
import { loadFixture, type Fixture } from './fixture.js';

/**
 * exchangeStats against a fixture small enough to count by hand (永州市, two districts and an
 * empty county). The expected numbers below are worked out in the comments, not computed.
 */
const L = '431102'; // 零陵区: threshold 6 (default), city target ratio 0.2, backbone 0.2
const K = '431103'; // 冷水滩区: threshold 5, target ratio 0.3, backbone 0.3
const D = '431124'; // 道县: no teachers

const YONGZHOU: Fixture = {
  regions: [
    { code: '430000', name: '湖南省' },
    { code: '431100', name: '永州市' },
    { code: L, name: '零陵区' },
    { code: K, name: '冷水滩区' },
    { code: D, name: '道县' },
  ],
  schools: [
    {
      code: '3443110001',
      name: '永州市零陵区第一中学',
      stage: 'SENIOR',
      locality: 'URBAN',
      countyCode: L,
      isCountyHighSchool: true,
    }, // L1 strong
    { code: '2143110002', name: '零陵区接履桥镇中心小学', stage: 'PRIMARY', locality: 'TOWN', countyCode: L }, // L2
    { code: '2143110003', name: '零陵区大庆坪乡小学', stage: 'PRIMARY', locality: 'RURAL', countyCode: L }, // L3 (member)
    { code: '2143110004', name: '零陵区芝山小学', stage: 'PRIMARY', locality: 'URBAN', countyCode: L }, // L4 strong: leads a consortium
    { code: '2143110011', name: '冷水滩区梧桐小学', stage: 'PRIMARY', locality: 'URBAN', countyCode: K }, // K1
    { code: '2143110012', name: '冷水滩区上岭桥镇中心小学', stage: 'PRIMARY', locality: 'TOWN', countyCode: K }, // K2
  ],
  // L years: 10 8 6 6 12 3 2 7 1 9 → ≥ 6: 10 8 6 6 12 7 9 = 7 eligible.
  // K years: 5 5 4 9 2 6 → ≥ 5: 5 5 9 6 = 4 eligible.
  teachers: [
    ['LL-01', '蒋文华', '3443110001', 10, 'CITY'],
    ['LL-02', '唐小芳', '2143110004', 8, 'NONE'],
    ['LL-03', '邓国平', '2143110002', 6, 'NONE'],
    ['LL-04', '彭丽娟', '2143110002', 6, 'COUNTY'],
    ['LL-05', '谭志明', '2143110003', 12, 'NONE'],
    ['LL-06', '曾雅婷', '2143110003', 3, 'NONE'],
    ['LL-07', '龚建军', '3443110001', 2, 'NONE'],
    ['LL-08', '熊春燕', '3443110001', 7, 'NONE'],
    ['LL-09', '易晓东', '3443110001', 1, 'NONE'],
    ['LL-10', '贺玉兰', '2143110004', 9, 'NONE'],
    ['LS-01', '黎海波', '2143110011', 5, 'NONE'],
    ['LS-02', '文静', '2143110012', 5, 'NONE'],
    ['LS-03', '罗俊', '2143110011', 4, 'PROVINCIAL'],
    ['LS-04', '周红', '2143110012', 9, 'NONE'],
    ['LS-05', '吴斌', '2143110011', 2, 'NONE'],
    ['LS-06', '孙丽', '2143110012', 6, 'NONE'],
  ],
  consortia: [
    {
      code: 'YZ-LL-01',
      name: '芝山小学教育共同体',
      kind: 'COMMUNITY',
      regionCode: L,
      leadSchoolCode: '2143110004',
      memberSchoolCodes: ['2143110003'],
    },
  ],
  settings: [
    ['431100', 'exchange.targetRatio', 0.2],
    [K, 'exchange.eligibilityYears', 5],
    [K, 'exchange.targetRatio', 0.3],
    [K, 'exchange.backboneShareTarget', 0.3],
    ['431100', 'exchange.localTargetRatio', 0.5],
    ['431100', 'exchange.localBackboneShareTarget', 0.3],
  ],
};

type Step = 'approve' | 'start' | 'complete' | 'reject' | 'cancel';
const A = (
  staffNo: string,
  from: string,
  to: string,
  kind: ProposeExchangeInput['kind'],
  startDate: string,
  endDate: string,
  steps: Step[],
  weeklyHours?: number,
) => ({
  input: { teacherStaffNo: staffNo, targetSchoolCode: to, kind, startDate, endDate, weeklyHours, reason: '城乡交流' },
  steps,
  from,
});

// School year 2025 = 2025-09-01 … 2026-08-31.
const ASSIGNMENTS = [
  A('LL-01', 'L1', '2143110003', 'ROTATION', '2025-09-01', '2027-08-31', ['approve', 'start']), // a1 counts 2025 only: urban→rural, strong→weak
  A('LL-02', 'L4', '2143110012', 'SUPPORT', '2026-02-20', '2026-07-10', ['approve', 'start', 'complete']), // a2 counts: urban→town, strong→weak, cross-county
  A('LL-02', 'L4', '2143110002', 'ITINERANT', '2025-09-01', '2026-01-31', ['approve'], 4), // a3 counts; same teacher as a2: urban→town, strong→weak
  A('LL-03', 'L2', '3443110001', 'ROTATION', '2025-08-31', '2026-08-30', ['approve']), // a4 counts in 2024, not 2025
  A('LL-04', 'L2', '2143110003', 'ROTATION', '2026-08-31', '2027-07-10', ['approve']), // a5 counts 2025 (last day): town→rural, not urban
  A('LL-05', 'L3', '3443110001', 'SHADOWING', '2025-10-01', '2025-12-31', ['approve']), // a6 never counts (kind)
  A('LL-06', 'L3', '2143110002', 'ROTATION', '2025-11-01', '2026-07-10', []), // a7 never counts (PROPOSED)
  A('LL-08', 'L1', '2143110002', 'ROTATION', '2025-12-01', '2026-07-10', ['reject']), // a8 never counts (REJECTED)
  A('LL-10', 'L4', '2143110003', 'SUPPORT', '2025-09-15', '2026-07-10', ['approve', 'cancel']), // a9 never counts (CANCELLED)
  A('LL-09', 'L1', '2143110002', 'ITINERANT', '2026-03-01', '2026-07-10', ['approve', 'start'], 3), // a10 counts though ineligible: urban→town, strong→weak
  A('LS-01', 'K1', '2143110012', 'ROTATION', '2025-09-01', '2026-07-10', ['approve']), // b1 counts: urban→town; K1 is not strong
  A('LS-02', 'K2', '3443110001', 'ROTATION', '2025-10-01', '2026-07-10', ['approve']), // b2 counts for K (sending county): cross-county
];

const Q =
  graphql(`query ExchangesStatsAll($r: String!, $y: Int!, $st: [SchoolStage!]) { exchangeStats(regionCode: $r, year: $y, stages: $st) {
  regionCode regionName year from to stages
  counties { ...ExchangesStatsRow } total { ...ExchangesStatsRow } } }
  fragment ExchangesStatsRow on ExchangeStatsRow { regionCode regionName eligibleTeachers eligibilityYears exchangedTeachers ratio targetRatio ratioMet
    backboneExchanged backboneShare backboneShareTarget backboneShareMet met assignments urbanToRural strongToWeak backboneToWeak crossCounty }`);

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ seed: false });
  await loadFixture(s.db.database, YONGZHOU);
  const ctx = serviceContext(s.db.database);
  // 大庆坪乡小学 (L3) and 上岭桥镇中心小学 (K2) are designated weak schools (薄弱学校) before any proposal.
  for (const code of ['2143110003', '2143110012']) await designateWeakSchool(ctx, { schoolCode: code, weak: true });
  for (const a of ASSIGNMENTS) {
    const row = await proposeExchange(ctx, a.input);
    for (const step of a.steps) {
      if (step === 'approve') await approveExchange(ctx, { id: row.id });
      if (step === 'start') await startExchange(ctx, { id: row.id });
      if (step === 'complete') await completeExchange(ctx, { id: row.id });
      if (step === 'reject') await rejectExchange(ctx, { id: row.id, reason: '学校教学任务重' });
      if (step === 'cancel') await cancelExchange(ctx, { id: row.id, reason: '教师病休' });
    }
  }
});
afterAll(() => s?.close());

// The fixture's original tests count every stage (the senior school L1 included).
const EVERY_STAGE: SchoolStage[] = ['PRIMARY', 'JUNIOR', 'NINE_YEAR', 'SENIOR'];
const maybeStats = async (r: string, y: number, who?: string, st: SchoolStage[] | null = EVERY_STAGE) => {
  const { body } = await s.gql(Q, { r, y, st }, who);
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data.exchangeStats;
};
const stats = async (r: string, y: number, who?: string) => present(await maybeStats(r, y, who));

describe('exchangeStats', () => {
  it('a county, school year 2025, by hand', async () => {
    // L counts a1 (LL-01), a2 + a3 (LL-02), a5 (LL-04), a10 (LL-09): 4 teachers, 5 assignments.
    // Backbone when proposed: LL-01 CITY, LL-04 COUNTY → 2 of 4 = 0.5.
    const l = await stats(L, 2025);
    expect(l).toMatchObject({ regionCode: L, regionName: '零陵区', year: 2025, from: '2025-09-01', to: '2026-08-31' });
    const row = {
      regionCode: L,
      regionName: '零陵区',
      eligibleTeachers: 7,
      eligibilityYears: 6,
      exchangedTeachers: 4,
      ratio: 4 / 7,
      targetRatio: 0.2,
      ratioMet: true,
      backboneExchanged: 2,
      backboneShare: 0.5,
      backboneShareTarget: 0.2,
      backboneShareMet: true,
      met: true,
      // 城镇→乡村: a1 (URBAN→RURAL) and a5 (TOWN→RURAL); a2, a3, a10 go URBAN→TOWN and do not count.
      // To weak schools (L3, K2): a1 (strong L1 → L3, backbone), a2 (strong L4 → K2, not backbone), a5 (L2 not strong → L3, backbone).
      assignments: 5,
      urbanToRural: 2,
      strongToWeak: 2,
      backboneToWeak: 2,
      crossCounty: 1,
    };
    expect(l.counties).toEqual([row]);
    expect(l.total).toEqual(row);
  });

  it('a city: one row per county and the total, each county with its own targets', async () => {
    const c = await stats('431100', 2025);
    expect(c.counties.map((r) => r.regionCode)).toEqual([L, K, D]);
    // K: b1 + b2 → 2 of 4 eligible = 0.5 ≥ 0.3; no backbone → 0 < 0.3 → not met overall.
    expect(c.counties[1]).toEqual({
      regionCode: K,
      regionName: '冷水滩区',
      eligibleTeachers: 4,
      eligibilityYears: 5,
      exchangedTeachers: 2,
      ratio: 0.5,
      targetRatio: 0.3,
      ratioMet: true,
      backboneExchanged: 0,
      backboneShare: 0,
      backboneShareTarget: 0.3,
      backboneShareMet: false,
      met: false,
      // b1 URBAN→TOWN does not count as 城镇→乡村; b2 goes TOWN→URBAN. K1 is not strong; L1 is not weak.
      assignments: 2,
      urbanToRural: 0,
      strongToWeak: 0,
      backboneToWeak: 0,
      crossCounty: 1,
    });
    // D: nobody eligible → no ratio, nothing to meet.
    expect(c.counties[2]).toMatchObject({
      eligibleTeachers: 0,
      exchangedTeachers: 0,
      ratio: null,
      ratioMet: null,
      backboneShare: null,
      backboneShareMet: null,
      met: null,
    });
    // Total: 11 eligible, 6 exchanged (6/11), 2 backbone of 6; the city's own targets 0.2 / 0.2.
    expect(c.total).toEqual({
      regionCode: '431100',
      regionName: '永州市',
      eligibleTeachers: 11,
      eligibilityYears: null,
      exchangedTeachers: 6,
      ratio: 6 / 11,
      targetRatio: 0.2,
      ratioMet: true,
      backboneExchanged: 2,
      backboneShare: 2 / 6,
      backboneShareTarget: 0.2,
      backboneShareMet: true,
      met: true,
      assignments: 7,
      urbanToRural: 2,
      strongToWeak: 2,
      backboneToWeak: 2,
      crossCounty: 2,
    });
  });

  it('a multi-year rotation counts only in its starting year; other years stand alone', async () => {
    // 2024: only a4 (LL-03, started 2025-08-31): 1 of 7 < 0.2; not backbone.
    const y2024 = (await stats(L, 2024)).total;
    expect(y2024).toMatchObject({
      exchangedTeachers: 1,
      ratio: 1 / 7,
      ratioMet: false,
      backboneExchanged: 0,
      backboneShare: 0,
      met: false,
      assignments: 1,
    });
    // 2026: a1 is still active but started in 2025 → nothing counts; eligible teachers but none exchanged.
    const y2026 = (await stats(L, 2026)).total;
    expect(y2026).toMatchObject({
      eligibleTeachers: 7,
      exchangedTeachers: 0,
      ratio: 0,
      ratioMet: false,
      backboneShare: null,
      backboneShareMet: null,
      met: false,
      assignments: 0,
    });
  });

  it(
    'is a public aggregate: portals and anonymous callers read it; unknown regions are null; ' + 'the year is checked',
    async () => {
      const portal = await token({ role: 'PORTAL' });
      expect((await stats(L, 2025, portal)).total.exchangedTeachers).toBe(4);
      expect((await stats(L, 2025)).total.exchangedTeachers).toBe(4);
      expect(await maybeStats('431199', 2025)).toBeNull();
      const { body } = await s.gql(Q, { r: L, y: 1990 });
      expect(present(body.errors)[0].extensions?.code).toBe('BAD_USER_INPUT');
    },
  );

  it('a provincial request lists every county under it', async () => {
    const p = await stats('430000', 2025);
    expect(p.counties.map((r) => r.regionCode)).toEqual([L, K, D]);
    expect(p.total).toMatchObject({ exchangedTeachers: 6, targetRatio: 0.1, backboneShareTarget: 0.2 });
  });
});

describe('exchangeStats: population by stage, local targets, as of the school year', () => {
  const QS =
    graphql(`query ExchangesStatsByStage($r: String!, $y: Int!, $st: [SchoolStage!]) { exchangeStats(regionCode: $r, year: $y, stages: $st) { stages total {
    regionCode eligibleTeachers exchangedTeachers assignments backboneExchanged urbanToRural strongToWeak backboneToWeak crossCounty
    ratio localTargetRatio localRatioMet backboneShare localBackboneShareTarget localBackboneShareMet populationSource } } }`);
  const row = async (r: string, y: number, st?: SchoolStage[]) => {
    const { body } = await s.gql(QS, { r, y, st });
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return present(body.data.exchangeStats);
  };

  it(
    'counts the compulsory-education population by default: the senior school L1 and its ' + 'exchanges are left out',
    async () => {
      const l = await row(L, 2025);
      expect(l.stages).toEqual(['PRIMARY', 'JUNIOR', 'NINE_YEAR']);
      // Eligible (≥ 6 years) outside L1: LL-02 8, LL-03 6, LL-04 6, LL-05 12, LL-10 9 → 5.
      // Counted exchanges from non-senior schools: a2, a3 (LL-02 from L4), a5 (LL-04 from L2) → 2 teachers, 3 assignments.
      // a5 is TOWN→RURAL (counts), a2/a3 URBAN→TOWN (do not); a2 strong L4 → weak K2; a5 backbone → weak L3; a2 crosses counties.
      // Local targets of the city: 0.5 ratio (2/5 = 0.4: not met), 0.3 backbone (LL-04 of 2 = 0.5: met).
      expect(l.total).toEqual({
        regionCode: L,
        eligibleTeachers: 5,
        exchangedTeachers: 2,
        assignments: 3,
        backboneExchanged: 1,
        urbanToRural: 1,
        strongToWeak: 1,
        backboneToWeak: 1,
        crossCounty: 1,
        ratio: 0.4,
        localTargetRatio: 0.5,
        localRatioMet: false,
        backboneShare: 0.5,
        localBackboneShareTarget: 0.3,
        localBackboneShareMet: true,
        populationSource: 'CURRENT_REGISTER',
      });
    },
  );

  it('counts only senior-school teachers when asked for SENIOR', async () => {
    // L1 teachers: LL-01 10, LL-07 2, LL-08 7, LL-09 1 → 2 eligible; exchanges a1 (LL-01, URBAN→RURAL, backbone → weak L3) and a10 (LL-09, URBAN→TOWN).
    const l = await row(L, 2025, ['SENIOR']);
    expect(l.total).toMatchObject({
      eligibleTeachers: 2,
      exchangedTeachers: 2,
      assignments: 2,
      backboneExchanged: 1,
      urbanToRural: 1,
      strongToWeak: 1,
      backboneToWeak: 1,
      crossCounty: 0,
    });
  });

  it('a recorded register keeps a past year’s population when teachers change later', async () => {
    const ctx = serviceContext(s.db.database);
    expect(await recordExchangeRegister(ctx, { regionCode: L, year: 2025 })).toEqual({
      regionCode: L,
      year: 2025,
      teachers: 10,
    });
    // LL-06 (3 years at L3) is later recorded with 10 years: today's register has 6 eligible outside L1.
    await s.db.database.db.update(teachers).set({ yearsAtSchool: 10 }).where(eq(teachers.staffNo, 'LL-06'));
    try {
      expect((await row(L, 2025)).total).toMatchObject({ eligibleTeachers: 5, populationSource: 'REGISTER_OF_YEAR' });
      expect((await row(L, 2026)).total).toMatchObject({ eligibleTeachers: 6, populationSource: 'CURRENT_REGISTER' });
      // The city's total mixes L's recorded register with K's and D's current ones.
      expect((await row('431100', 2025)).total.populationSource).toBe('MIXED');
    } finally {
      await s.db.database.db.update(teachers).set({ yearsAtSchool: 3 }).where(eq(teachers.staffNo, 'LL-06'));
    }
  });
});
