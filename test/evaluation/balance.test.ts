import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../schema/domains/audit/table.js';
import { schools } from '../../schema/domains/organisation/table.js';
import { schoolIndicatorValues } from '../../schema/domains/evaluation/balanceTable.js';
import { BALANCE_INDICATORS } from '../../schema/domains/evaluation/catalogue.js';
import { studentScores } from '../../schema/domains/evaluation/table.js';
import { graphql } from '../graphql/index.js';
import { DEMO, present, startTestServer, token, type TestServer } from '../harness.js';

const UPSERT =
  graphql(`mutation EvaluationBalanceUpsert($input: UpsertIndicatorValuesInput!) { upsertIndicatorValues(input: $input) {
  applied created updated unchanged failed errors { code path message } } }`);
const REPORT =
  graphql(`query EvaluationBalanceReport($c: String!, $y: Int!, $s: BalanceStage!) { balanceReport(countyCode: $c, year: $y, stage: $s) {
  threshold target minIndicatorsMet compositeCv compositeMet compositeWarning schoolsMeetingStandard
  indicators { indicator cv countyValue schoolsMeetingMinimum met warning }
  schools { school { code } enrolment indicatorsMet meetsStandard }
  exclusions { school { code stage enrolment } reason } } }`);
/** REPORT with the county's verdict. */
const VERDICT =
  graphql(`query EvaluationBalanceVerdict($c: String!, $y: Int!, $s: BalanceStage!) { balanceReport(countyCode: $c, year: $y, stage: $s) {
  threshold target allIndicatorsWithinThreshold minIndicatorsMet compositeCv compositeMet compositeWarning schoolsMeetingStandard
  indicators { indicator cv countyValue schoolsMeetingMinimum met warning }
  schools { school { code } enrolment indicatorsMet meetsStandard }
  exclusions { school { code stage enrolment } reason } } }`);
const FACTS = graphql(
  `mutation EvaluationBalanceFacts($input: UpsertSchoolYearFactsInput!) { upsertSchoolYearFacts(input: $input) { errors { code path message } } }`,
);
const SETTING = graphql(
  `mutation EvaluationBalanceSetting($input: SetRegionSettingInput!) { setRegionSetting(input: $input) { errors { code } } }`,
);
const CYCLES =
  graphql(`query EvaluationBalanceDemoCycles { evaluationCycles(regionCode: "430700", year: 2026, first: 5) { nodes { name status studentCount outcomeMax
      valueAdded(first: 100) { totalCount nodes { band } } evaluationResults { parties { party submissions } } } } }`);

const COUNTY = '430725'; // 桃源县: teaching points, a special and a vocational school
const YEAR = 2031;
let s: TestServer;
let city: string;
let anxiang: string;
let primaries: { id: number; code: string; name: string; enrolment: number; stage: string }[];
let all: { id: number; code: string; name: string; enrolment: number; stage: string }[];
const db = () => s.db.database.db;

/** Deterministic per-school values around each indicator's minimum (factor 0.8…1.4); equipment varies widely. */
function indicatorValue(i: number, k: number, minimum: number) {
  const factor = k === 5 ? 0.2 + (i % 5) * 0.7 : 0.8 + ((i * 3 + k) % 7) * 0.1;
  return Math.round(minimum * factor * 100) / 100;
}

beforeAll(async () => {
  s = await startTestServer();
  city = await token({ role: 'CITY_ADMIN', regionCode: DEMO.city });
  anxiang = await token({ role: 'COUNTY_ADMIN', regionCode: DEMO.anxiang });
  all = await db()
    .select({
      id: schools.id,
      code: schools.code,
      name: schools.name,
      enrolment: schools.enrolment,
      stage: schools.stage,
    })
    .from(schools)
    .where(and(eq(schools.countyCode, COUNTY), eq(schools.status, 'ACTIVE')))
    .orderBy(schools.code);
  primaries = all.filter((x) => x.stage === 'PRIMARY');
  // The year's facts: every primary as registered (教学点 by name), the special school too.
  const facts = [
    ...primaries.map((p) => ({
      schoolCode: p.code,
      year: YEAR,
      enrolment: p.enrolment,
      kind: p.name.endsWith('教学点') ? ('TEACHING_POINT' as const) : ('REGULAR' as const),
    })),
    ...all
      .filter((x) => x.stage === 'SPECIAL')
      .map((x) => ({ schoolCode: x.code, year: YEAR, stage: 'PRIMARY' as const, enrolment: x.enrolment })),
  ];
  expect((await s.gql(FACTS, { input: { rows: facts } }, city)).body.data.upsertSchoolYearFacts.errors).toEqual([]);
});
afterAll(() => s?.close());

describe('upsertIndicatorValues', () => {
  it('reports every bad row with its field and writes nothing', async () => {
    const audits = await db().$count(auditEvents);
    const values = await db().$count(schoolIndicatorValues);
    const good = { schoolCode: primaries[0].code, year: YEAR, indicator: 'SPORTS_SPACE' as const, value: 8 };
    const anxiangSchool = (await db().select().from(schools).where(eq(schools.countyCode, DEMO.anxiang)).limit(1))[0];
    const { body } = await s.gql(
      UPSERT,
      {
        input: {
          rows: [
            { ...good, schoolCode: '2143999999' },
            { ...good, value: -1 },
            good,
            { ...good, value: 9 },
            { ...good, year: 1990 },
          ],
        },
      },
      city,
    );
    expect(body.data.upsertIndicatorValues.errors.map((e) => `${e.code} ${e.path.join('.')}`)).toEqual([
      'NOT_FOUND input.rows.0.schoolCode',
      'VALIDATION input.rows.1.value',
      'DUPLICATE input.rows.3.schoolCode',
      'VALIDATION input.rows.4.year',
    ]);
    const county = await token({ role: 'COUNTY_ADMIN', regionCode: COUNTY });
    const other = (await s.gql(UPSERT, { input: { rows: [{ ...good, schoolCode: anxiangSchool.code }] } }, county)).body
      .data.upsertIndicatorValues;
    expect(other.errors).toEqual([
      expect.objectContaining({ code: 'FORBIDDEN', path: ['input', 'rows', '0', 'schoolCode'] }),
    ]);
    expect(await db().$count(auditEvents)).toBe(audits);
    expect(await db().$count(schoolIndicatorValues)).toBe(values);
  });
});

describe('balanceReport', () => {
  it(
    'computes enrolment-weighted CVs, composite, per-school counts and exclusions like an ' + 'independent calculation',
    async () => {
      const rows = primaries.flatMap((p, i) =>
        BALANCE_INDICATORS.map((d, k) => ({
          schoolCode: p.code,
          year: YEAR,
          indicator: d.code,
          value: indicatorValue(i, k, d.minimum.PRIMARY),
        })),
      );
      const up = (await s.gql(UPSERT, { input: { rows } }, city)).body.data.upsertIndicatorValues;
      expect(up.errors).toEqual([]);
      expect(up.created).toBe(rows.length);
      expect((await s.gql(UPSERT, { input: { rows } }, city)).body.data.upsertIndicatorValues.unchanged).toBe(
        rows.length,
      );

      const r = present(
        (await s.gql(REPORT, { c: COUNTY, y: YEAR, s: 'PRIMARY' })).body.data.balanceReport,
        'balanceReport',
      );
      // Independent calculation: teaching points (教学点) under 50 pupils are left out.
      const isSmallPoint = (p: { name: string; enrolment: number }) => p.name.endsWith('教学点') && p.enrolment < 50;
      const counted = primaries.map((p, i) => ({ ...p, i })).filter((p) => !isSmallPoint(p));
      const expectedCvs = BALANCE_INDICATORS.map((d, k) => {
        const P = counted.reduce((a, p) => a + p.enrolment, 0);
        const xbar = counted.reduce((a, p) => a + p.enrolment * indicatorValue(p.i, k, d.minimum.PRIMARY), 0) / P;
        const v = counted.reduce(
          (a, p) => a + (p.enrolment / P) * (indicatorValue(p.i, k, d.minimum.PRIMARY) - xbar) ** 2,
          0,
        );
        return {
          cv: Math.sqrt(v) / xbar,
          xbar,
          meeting: counted.filter((p) => indicatorValue(p.i, k, d.minimum.PRIMARY) >= d.minimum.PRIMARY).length,
        };
      });
      expect(r.threshold).toBe(0.5);
      expect(r.target).toBe(0.5);
      r.indicators.forEach((ind, k) => {
        expect(ind.indicator).toBe(BALANCE_INDICATORS[k].code);
        expect(ind.cv).toBeCloseTo(expectedCvs[k].cv, 9);
        expect(ind.countyValue).toBeCloseTo(expectedCvs[k].xbar, 9);
        expect(ind.schoolsMeetingMinimum).toBe(expectedCvs[k].meeting);
        expect(ind.warning).toBe(expectedCvs[k].cv <= 0.5 ? 'GREEN' : 'RED');
      });
      const composite = expectedCvs.reduce((a, x) => a + x.cv, 0) / 7;
      expect(r.compositeCv).toBeCloseTo(composite, 9);
      expect(r.compositeMet).toBe(composite <= 0.5);
      // Per school: ≥ 6 of 7 at the minimum and every indicator at ≥ 85 % of it.
      for (const p of counted) {
        const met = BALANCE_INDICATORS.filter(
          (d, k) => indicatorValue(p.i, k, d.minimum.PRIMARY) >= d.minimum.PRIMARY,
        ).length;
        const rest = BALANCE_INDICATORS.every(
          (d, k) => indicatorValue(p.i, k, d.minimum.PRIMARY) >= 0.85 * d.minimum.PRIMARY - 1e-9,
        );
        const got = r.schools.find((x) => x.school.code === p.code);
        expect(got).toMatchObject({ enrolment: p.enrolment, indicatorsMet: met, meetsStandard: met >= 6 && rest });
      }
      expect(r.schools).toHaveLength(counted.length);
      // Exclusions: every 教学点 under 50 and the special school of the county, with its reason.
      const expectedExclusions = all
        .filter((x) => x.stage === 'SPECIAL' || (x.stage === 'PRIMARY' && isSmallPoint(x)))
        .map((x) => [x.code, x.stage === 'SPECIAL' ? 'SPECIAL_EDUCATION' : 'SMALL_TEACHING_POINT']);
      expect(r.exclusions.map((e) => [e.school.code, e.reason]).sort()).toEqual(expectedExclusions.sort());
      expect(expectedExclusions.some(([, why]) => why === 'SMALL_TEACHING_POINT')).toBe(true);
      // The fixture puts counties' indicators on both sides of the threshold.
      expect(new Set(r.indicators.map((i) => i.warning))).toEqual(new Set(['GREEN', 'RED']));
    },
  );

  it('applies a stricter local target: YELLOW between target and threshold', async () => {
    await s.gql(SETTING, { input: { regionCode: DEMO.city, key: 'balance.cvTarget', value: 0.1 } }, city);
    const r = present(
      (await s.gql(REPORT, { c: COUNTY, y: YEAR, s: 'PRIMARY' })).body.data.balanceReport,
      'balanceReport',
    );
    expect(r.target).toBe(0.1);
    for (const ind of r.indicators) {
      const cv = present(ind.cv, 'cv');
      expect(ind.warning).toBe(cv <= 0.1 ? 'GREEN' : cv <= 0.5 ? 'YELLOW' : 'RED');
      expect(ind.met).toBe(cv <= 0.1);
    }
    expect(r.indicators.some((i) => i.warning === 'YELLOW')).toBe(true);
    const junior = present(
      (await s.gql(REPORT, { c: COUNTY, y: YEAR, s: 'JUNIOR' })).body.data.balanceReport,
      'balanceReport',
    );
    expect(junior.threshold).toBe(0.45);
    expect(junior.compositeCv).toBeNull(); // no junior values were loaded
    expect((await s.gql(REPORT, { c: '439999', y: YEAR, s: 'PRIMARY' })).body.data.balanceReport).toBeNull();
    void anxiang;
    await s.gql(SETTING, { input: { regionCode: DEMO.city, key: 'balance.cvTarget', value: null } }, city);
  });
});

describe('demo data', () => {
  it(
    'has a published senior-high cycle of graduating cohorts with every band, three parties, ' +
      'and counties on both sides of the thresholds',
    async () => {
      const portal = await token({ role: 'PORTAL' });
      const cycle = present((await s.gql(CYCLES, {}, portal)).body.data.evaluationCycles.nodes[0], 'cycle');
      expect(cycle.status).toBe('CLOSED');
      expect(cycle.name).toBe('2026年常德市普通高中增值评价（中考→高考）');
      expect(cycle.outcomeMax).toBe(750);
      expect(new Set(cycle.valueAdded.nodes.map((n) => n.band))).toEqual(
        new Set(['ABOVE', 'AVERAGE', 'BELOW', 'SUPPRESSED']),
      );
      const submitted = new Set(
        cycle.evaluationResults.flatMap((r) => r.parties.filter((p) => p.submissions > 0).map((p) => p.party)),
      );
      expect(submitted).toEqual(new Set(['CITY_INSPECTION', 'COUNTY_SELF', 'SOCIAL']));
      for (const year of [2025, 2026]) {
        const verdicts = new Set<boolean>();
        for (const county of ['430702', '430725', '430726', '430781']) {
          const r = present(
            (await s.gql(VERDICT, { c: county, y: year, s: 'PRIMARY' }, portal)).body.data.balanceReport,
            'balanceReport',
          );
          verdicts.add(r.allIndicatorsWithinThreshold);
        }
        expect(verdicts).toEqual(new Set([true, false]));
      }
    },
  );

  it(
    'has no value-added cohort larger than its school’s graduating grade, and 常德市一中 takes ' +
      'the strongest intake',
    async () => {
      const rows = await db()
        .select({
          code: schools.code,
          name: schools.name,
          enrolment: schools.enrolment,
          n: sql<number>`count(*)::int`,
          intake: sql<number>`avg(${studentScores.intakeScore})`,
        })
        .from(studentScores)
        .innerJoin(schools, eq(schools.id, studentScores.schoolId))
        .groupBy(schools.code, schools.name, schools.enrolment);
      expect(rows.length).toBeGreaterThan(15);
      // Three grades: the graduating cohort is at most a third of the school's enrolment (the
      // two first-cohort private schools have only that cohort).
      for (const r of rows)
        expect(r.n).toBeLessThanOrEqual(r.enrolment < 30 ? r.enrolment : Math.ceil(r.enrolment / 3));
      const total = rows.reduce((a, r) => a + r.n, 0);
      const senior = rows.reduce((a, r) => a + r.enrolment, 0);
      expect(total).toBeLessThanOrEqual(senior / 3);
      const best = [...rows].sort((a, b) => b.intake - a.intake)[0]!;
      expect(best.name).toBe('常德市第一中学');
    },
  );
});
