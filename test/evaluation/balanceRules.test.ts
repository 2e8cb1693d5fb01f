import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../schema/domains/audit/table.js';
import { countyAssessmentItems, schoolYearFacts } from '../../schema/domains/evaluation/balanceTable.js';
import { BALANCE_INDICATORS } from '../../schema/domains/evaluation/catalogue.js';
import { schools } from '../../schema/domains/organisation/table.js';
import { graphql } from '../graphql/index.js';
import type { BalanceStage, TypedDocumentString } from '../graphql/graphql.js';
import { present, startTestServer, token, type TestServer } from '../harness.js';

/**
 * The rules of 教督〔2017〕6号 on hand-counted fixtures in 临澧县 (430724), in years the demo
 * data does not use (2031–2036), so every expected value below is worked out by hand.
 */
const COUNTY = '430724';
const SCHOOLS = graphql(
  `mutation BalanceRulesSchools($input: UpsertSchoolsInput!) { upsertSchools(input: $input) { errors { code path message } } }`,
);
const FACTS = graphql(
  `mutation BalanceRulesFacts($input: UpsertSchoolYearFactsInput!) { upsertSchoolYearFacts(input: $input) { created updated errors { code path message } } }`,
);
const VALUES = graphql(
  `mutation BalanceRulesValues($input: UpsertIndicatorValuesInput!) { upsertIndicatorValues(input: $input) { created errors { code path message } } }`,
);
const ITEMS = graphql(
  `mutation BalanceRulesItems($input: UpsertCountyAssessmentItemsInput!) { upsertCountyAssessmentItems(input: $input) { created updated errors { code path message } } }`,
);
const REPORT =
  graphql(`query BalanceRulesReport($c: String!, $y: Int!, $s: BalanceStage!) { balanceReport(countyCode: $c, year: $y, stage: $s) {
  countyCode year stage threshold localTarget target allIndicatorsWithinThreshold allIndicatorsWithinLocalTarget warning compositeCv
  schoolsCounted schoolsMeetingStandard allSchoolsMeetStandard resourceAllocationMet
  indicators { indicator cv countyValue withinThreshold withinLocalTarget warning }
  schools { school { code } enrolment indicatorsMet remainingAtLeast85Percent meetsStandard }
  exclusions { school { code } reason enrolment } } }`);
const READINESS =
  graphql(`query BalanceRulesReadiness($c: String!, $y: Int!) { balanceReadiness(countyCode: $c, year: $y) {
  resourceAllocationMet ready surveyRate resourceAllocation { stage allIndicatorsWithinThreshold resourceAllocationMet }
  governmentGuarantee { metCount total allMet items { item { code text } recorded met evidence } }
  educationQuality { metCount total allMet items { item { code } met recorded } }
  socialRecognition { allMet items { surveyRate met } } } }`);

let s: TestServer;
let city: string;
const db = () => s.db.database.db;

/** 临澧 fixture schools: 10-digit codes with the stage's type prefix, sequence 24 9xx. */
const P = (n: number) => `214302490${n}`;
const NINE = '3143024950';
const JUN = '3143024951';
const SENIOR = '3443024952'; // 完全中学: registered SENIOR, with a junior section
const SPECIAL = '5143024953';
const school = (code: string, name: string, stage: string, enrolment: number) => ({
  code,
  name,
  stage,
  locality: 'RURAL',
  countyCode: COUNTY,
  enrolment,
  staffCount: 10,
  isCountyHighSchool: false,
  status: 'ACTIVE',
});

/** Every indicator at 1.2 × the stage minimum, with some replaced. */
function values(
  code: string,
  year: number,
  stage: 'PRIMARY' | 'JUNIOR',
  overrides: Record<string, number> = {},
  withStage = false,
) {
  return BALANCE_INDICATORS.map((d) => ({
    schoolCode: code,
    year,
    indicator: d.code,
    value: overrides[d.code] ?? Math.round(d.minimum[stage] * 1.2 * 100) / 100,
    ...(withStage ? { stage } : {}),
  }));
}

/** Runs a bulk upsert expecting no errors; rows are fixtures checked by the server, not by the compiler. */
async function ok<R extends Record<string, { errors: unknown[] }>, V>(
  query: TypedDocumentString<R, V>,
  rows: unknown[],
) {
  const res = await s.gql(query, { input: { rows } } as V, city);
  const field = Object.keys(res.body.data ?? {})[0];
  expect(res.body.errors).toBeUndefined();
  expect(res.body.data[field!]!.errors).toEqual([]);
}
const report = async (y: number, st: BalanceStage, c = COUNTY) =>
  present((await s.gql(REPORT, { c, y, s: st })).body.data.balanceReport, 'balanceReport');

beforeAll(async () => {
  s = await startTestServer();
  city = await token({ role: 'CITY_ADMIN', regionCode: '430700' });
  await ok(SCHOOLS, [
    school(P(1), '临澧县测试甲小学', 'PRIMARY', 200),
    school(P(2), '临澧县测试乙小学', 'PRIMARY', 200),
    school(P(3), '临澧县测试丙小学', 'PRIMARY', 200),
    school(P(4), '临澧县测试丁村教学点', 'PRIMARY', 30),
    school(P(5), '临澧县测试戊村教学点', 'PRIMARY', 60),
    school(P(6), '临澧县测试己小学', 'PRIMARY', 40),
    school(P(7), '临澧县测试庚小学', 'PRIMARY', 120),
    school(NINE, '临澧县测试九年一贯制学校', 'NINE_YEAR', 450),
    school(JUN, '临澧县测试初级中学', 'JUNIOR', 150),
    school(SENIOR, '临澧县测试完全中学', 'SENIOR', 900),
    school(SPECIAL, '临澧县测试特殊教育学校', 'SPECIAL', 80),
  ]);
});
afterAll(() => s?.close());

describe('the CV rule: every indicator within the threshold', () => {
  it('fails a county whose composite is under 0.50 while one indicator is over it', async () => {
    await ok(
      FACTS,
      [P(1), P(2)].map((code) => ({ schoolCode: code, year: 2031, enrolment: 200 })),
    );
    // Six indicators equal in both schools (CV 0); equipment 500 and 3500 yuan per pupil:
    // X̄ = 2000, σ = 1500, CV = 0.75 > 0.50; composite = 0.75 / 7 = 0.107.
    await ok(VALUES, [
      ...values(P(1), 2031, 'PRIMARY', { EQUIPMENT_VALUE: 500 }),
      ...values(P(2), 2031, 'PRIMARY', { EQUIPMENT_VALUE: 3500 }),
    ]);
    const r = await report(2031, 'PRIMARY');
    expect(r.compositeCv).toBeCloseTo(0.75 / 7, 12);
    expect(r.compositeCv).toBeLessThan(0.5);
    expect(r.allIndicatorsWithinThreshold).toBe(false);
    expect(r.warning).toBe('RED');
    expect(r.resourceAllocationMet).toBe(false);
    const equipment = present(r.indicators.find((i) => i.indicator === 'EQUIPMENT_VALUE'));
    expect(equipment).toMatchObject({ countyValue: 2000, withinThreshold: false, warning: 'RED' });
    expect(equipment.cv).toBeCloseTo(0.75, 12);
    for (const i of r.indicators.filter((x) => x.indicator !== 'EQUIPMENT_VALUE'))
      expect(i).toMatchObject({ cv: 0, withinThreshold: true });
    // Per school: 甲 has equipment at 25 % of 2000 — six met, the seventh under 85 %.
    expect(
      r.schools.map((x) => [x.school.code, x.indicatorsMet, x.remainingAtLeast85Percent, x.meetsStandard]),
    ).toEqual([
      [P(1), 6, false, false],
      [P(2), 7, true, true],
    ]);
  });
});

describe('the per-school rule: six of seven, the remaining one at least 85 % of its minimum', () => {
  it('meets at exactly 85 % and not just below', async () => {
    await ok(
      FACTS,
      [P(1), P(2), P(3)].map((code) => ({ schoolCode: code, year: 2032, enrolment: 200 })),
    );
    await ok(VALUES, [
      // 0.85 × 7.5 m² = 6.375 m² exactly.
      ...values(P(1), 2032, 'PRIMARY', { SPORTS_SPACE: 6.375 }),
      // 6.37 m² is 84.9 % (桃源县第二完全小学's 6.02 m² is 80 %).
      ...values(P(2), 2032, 'PRIMARY', { SPORTS_SPACE: 6.37 }),
      // Two indicators short (at 90 %): five of seven.
      ...values(P(3), 2032, 'PRIMARY', { SPORTS_SPACE: 6.75, TEACHING_SPACE: 4.05 }),
    ]);
    const r = await report(2032, 'PRIMARY');
    expect(
      r.schools.map((x) => [x.school.code, x.indicatorsMet, x.remainingAtLeast85Percent, x.meetsStandard]),
    ).toEqual([
      [P(1), 6, true, true],
      [P(2), 6, false, false],
      [P(3), 5, true, false],
    ]);
    expect(r.schoolsMeetingStandard).toBe(1);
    expect(r.allSchoolsMeetStandard).toBe(false);
  });
});

describe('schools spanning stages', () => {
  it('counts each section in its own stage report with that section’s enrolment', async () => {
    const bad = (
      await s.gql(
        FACTS,
        {
          input: {
            rows: [
              { schoolCode: NINE, year: 2033, enrolment: 300 },
              { schoolCode: P(7), year: 2033, stage: 'JUNIOR', enrolment: 100 },
              { schoolCode: P(7), year: 2033, enrolment: 100, kind: 'SPECIAL_EDUCATION' },
            ],
          },
        },
        city,
      )
    ).body.data.upsertSchoolYearFacts;
    expect(bad.errors.map((e) => `${e.code} ${e.path.join('.')}`)).toEqual([
      'REQUIRED input.rows.0.stage',
      'VALIDATION input.rows.1.stage',
      'VALIDATION input.rows.2.kind',
    ]);
    await ok(FACTS, [
      { schoolCode: NINE, year: 2033, stage: 'PRIMARY', enrolment: 300 },
      { schoolCode: NINE, year: 2033, stage: 'JUNIOR', enrolment: 150 },
      { schoolCode: P(7), year: 2033, enrolment: 100 },
      { schoolCode: JUN, year: 2033, enrolment: 150 },
      { schoolCode: SENIOR, year: 2033, enrolment: 100 },
    ]);
    await ok(VALUES, [
      ...values(NINE, 2033, 'PRIMARY', { TEACHING_SPACE: 6 }, true),
      ...values(NINE, 2033, 'JUNIOR', { TEACHING_SPACE: 7 }, true),
      ...values(P(7), 2033, 'PRIMARY', { TEACHING_SPACE: 4 }),
      ...values(JUN, 2033, 'JUNIOR', { TEACHING_SPACE: 7 }),
      ...values(SENIOR, 2033, 'JUNIOR', { TEACHING_SPACE: 7 }),
    ]);
    const primary = await report(2033, 'PRIMARY');
    expect(primary.schools.map((x) => [x.school.code, x.enrolment])).toEqual(
      [
        [P(7), 100],
        [NINE, 300],
      ].sort(),
    );
    // Teaching space: X̄ = (300·6 + 100·4)/400 = 5.5; σ² = ¾·0.25 + ¼·2.25 = 0.75.
    const space = present(primary.indicators.find((i) => i.indicator === 'TEACHING_SPACE'));
    expect(space.countyValue).toBeCloseTo(5.5, 12);
    expect(space.cv).toBeCloseTo(Math.sqrt(0.75) / 5.5, 12);
    const junior = await report(2033, 'JUNIOR');
    expect(junior.schools.map((x) => [x.school.code, x.enrolment]).sort()).toEqual(
      [
        [JUN, 150],
        [NINE, 150],
        [SENIOR, 100],
      ].sort(),
    );
    expect(junior.indicators.every((i) => i.cv === 0)).toBe(true);
    expect(junior.threshold).toBe(0.45);
    expect(junior.resourceAllocationMet).toBe(true);
  });
});

describe('as of the report year', () => {
  it('keeps a 2034 report unchanged when the school closes in 2035', async () => {
    await ok(
      FACTS,
      [P(1), P(2)].map((code) => ({ schoolCode: code, year: 2034, enrolment: 200 })),
    );
    await ok(VALUES, [
      ...values(P(1), 2034, 'PRIMARY', { BACKBONE_TEACHERS: 1.5 }),
      ...values(P(2), 2034, 'PRIMARY', { BACKBONE_TEACHERS: 0.5 }),
    ]);
    const before = await report(2034, 'PRIMARY');
    expect(before.schools.map((x) => x.school.code)).toEqual([P(1), P(2)]);
    // 乙小学 closes: its 2035 facts say so, and its school record changes too.
    await ok(FACTS, [
      { schoolCode: P(1), year: 2035, enrolment: 260 },
      { schoolCode: P(2), year: 2035, enrolment: 0, status: 'CLOSED' },
    ]);
    await ok(SCHOOLS, [
      { ...school(P(2), '临澧县测试乙小学', 'PRIMARY', 0), status: 'CLOSED' },
      school(P(1), '临澧县测试甲小学', 'PRIMARY', 260),
    ]);
    expect(await report(2034, 'PRIMARY')).toEqual(before);
    const after = await report(2035, 'PRIMARY');
    expect(after.exclusions).toEqual([{ school: { code: P(2) }, reason: 'CLOSED', enrolment: 0 }]);
  });
});

describe('exclusions as the standard words them', () => {
  it(
    'leaves out 教学点 under 50 and special schools with their reason, counts small regular ' +
      'schools, lists no 市直 school',
    async () => {
      // A 市直 school standing in 临澧 (its region is the city): never part of the county's report.
      const [cityRun] = await db()
        .insert(schools)
        .values({
          code: '2143024999',
          name: '常德市直属测试小学',
          stage: 'PRIMARY',
          locality: 'URBAN',
          countyCode: '430700',
          enrolment: 500,
        })
        .returning();
      await db()
        .insert(schoolYearFacts)
        .values({ schoolId: cityRun!.id, year: 2036, stage: 'PRIMARY', countyCode: COUNTY, enrolment: 500 });
      await ok(FACTS, [
        { schoolCode: P(1), year: 2036, enrolment: 200 },
        { schoolCode: P(4), year: 2036, enrolment: 30, kind: 'TEACHING_POINT' },
        { schoolCode: P(5), year: 2036, enrolment: 60, kind: 'TEACHING_POINT' },
        { schoolCode: P(6), year: 2036, enrolment: 40 },
        { schoolCode: SPECIAL, year: 2036, stage: 'PRIMARY', enrolment: 50 },
      ]);
      // 庚小学 reports values for 2036 but has no facts for it.
      await ok(
        VALUES,
        [P(1), P(4), P(5), P(6), P(7)].flatMap((code) => values(code, 2036, 'PRIMARY')),
      );
      const r = await report(2036, 'PRIMARY');
      expect(r.schools.map((x) => [x.school.code, x.enrolment])).toEqual([
        [P(1), 200],
        [P(5), 60],
        [P(6), 40],
      ]);
      expect(r.exclusions.map((e) => [e.school.code, e.reason, e.enrolment]).sort()).toEqual(
        [
          [P(4), 'SMALL_TEACHING_POINT', 30],
          [P(7), 'NO_YEAR_FACTS', null],
          [SPECIAL, 'SPECIAL_EDUCATION', 50],
        ].sort(),
      );
      const listed = [...r.schools.map((x) => x.school.code), ...r.exclusions.map((e) => e.school.code)];
      expect(listed).not.toContain('2143024999');
    },
  );
});

describe('county readiness', () => {
  const rows = (year: number, rate: number, failing: string[] = []) =>
    [
      ...Array.from({ length: 15 }, (_, i) => `G${String(i + 1).padStart(2, '0')}`),
      ...Array.from({ length: 9 }, (_, i) => `Q${String(i + 1).padStart(2, '0')}`),
    ]
      .map((itemCode) => ({
        countyCode: COUNTY,
        year,
        itemCode,
        met: !failing.includes(itemCode),
        evidence: [`https://jyj.example.cn/${year}/${itemCode}.pdf`],
      }))
      .concat([{ countyCode: COUNTY, year, itemCode: 'S01', surveyRate: rate, evidence: [] } as never]);

  it('refuses bad rows at their field and another county’s admin, writing nothing', async () => {
    const audits = await db().$count(auditEvents);
    const stored = await db().$count(countyAssessmentItems);
    const bad = (
      await s.gql(
        ITEMS,
        {
          input: {
            rows: [
              { countyCode: COUNTY, year: 2033, itemCode: 'S01', met: true, surveyRate: 90 },
              { countyCode: COUNTY, year: 2033, itemCode: 'G01' },
              { countyCode: COUNTY, year: 2033, itemCode: 'G16', met: true },
              { countyCode: COUNTY, year: 2033, itemCode: 'G02', met: true, evidence: ['not a link'] },
              { countyCode: '439999', year: 2033, itemCode: 'G03', met: true },
            ],
          },
        },
        city,
      )
    ).body.data.upsertCountyAssessmentItems;
    expect(bad.errors.map((e) => `${e.code} ${e.path.join('.')}`)).toEqual([
      'VALIDATION input.rows.0.met',
      'VALIDATION input.rows.1.met',
      'VALIDATION input.rows.2.itemCode',
      'VALIDATION input.rows.3.evidence.0',
      'NOT_FOUND input.rows.4.countyCode',
    ]);
    const anxiang = await token({ role: 'COUNTY_ADMIN', regionCode: '430721' });
    const other = (
      await s.gql(ITEMS, { input: { rows: [{ countyCode: COUNTY, year: 2033, itemCode: 'G01', met: true }] } }, anxiang)
    ).body.data.upsertCountyAssessmentItems;
    expect(other.errors).toEqual([
      expect.objectContaining({ code: 'FORBIDDEN', path: ['input', 'rows', '0', 'countyCode'] }),
    ]);
    expect(await db().$count(auditEvents)).toBe(audits);
    expect(await db().$count(countyAssessmentItems)).toBe(stored);
  });

  it('combines resource allocation, 15 + 9 items and the survey into one verdict', async () => {
    // 2033: both stages' CVs within the thresholds and every school meeting the standard (above);
    // every item met; survey 90 % → ready.
    await ok(ITEMS, rows(2033, 90));
    let r = present((await s.gql(READINESS, { c: COUNTY, y: 2033 })).body.data.balanceReadiness);
    expect(r.resourceAllocation.map((v) => [v.stage, v.allIndicatorsWithinThreshold, v.resourceAllocationMet])).toEqual(
      [
        ['PRIMARY', true, true],
        ['JUNIOR', true, true],
      ],
    );
    expect(r).toMatchObject({ resourceAllocationMet: true, ready: true, surveyRate: '90.00' });
    expect(r.governmentGuarantee).toMatchObject({ metCount: 15, total: 15, allMet: true });
    expect(r.governmentGuarantee.items[10].item).toEqual({
      code: 'G11',
      text: '全县每年交流轮岗教师的比例不低于符合交流条件教师总数的10%；其中，骨干教师不低于交流轮岗教师总数的20%。',
    });
    expect(r.governmentGuarantee.items[0].evidence).toEqual(['https://jyj.example.cn/2033/G01.pdf']);
    expect(r.educationQuality).toMatchObject({ metCount: 9, total: 9, allMet: true });
    // A survey of 84.99 % misses 85 %; one 教育质量 item not met.
    await ok(ITEMS, rows(2033, 84.99, ['Q08']));
    r = present((await s.gql(READINESS, { c: COUNTY, y: 2033 })).body.data.balanceReadiness);
    expect(r).toMatchObject({ ready: false, surveyRate: '84.99' });
    expect(r.socialRecognition).toMatchObject({ allMet: false, items: [{ surveyRate: '84.99', met: false }] });
    expect(r.educationQuality).toMatchObject({ metCount: 8, allMet: false });
    // 2031: the primary CVs fail (one indicator over 0.50) and junior has no data; nothing recorded.
    r = present((await s.gql(READINESS, { c: COUNTY, y: 2031 })).body.data.balanceReadiness);
    expect(r).toMatchObject({ resourceAllocationMet: false, ready: false, surveyRate: null });
    expect(r.governmentGuarantee).toMatchObject({ metCount: 0, allMet: false });
    expect(r.governmentGuarantee.items.every((i) => !i.recorded && !i.met)).toBe(true);
  });
});

describe('city-wide view', () => {
  const OVERVIEW =
    graphql(`query BalanceRulesOverview($r: String!, $y: [Int!]!) { balanceOverview(regionCode: $r, years: $y) {
    countyCode countyName year stage threshold localTarget allIndicatorsWithinThreshold allIndicatorsWithinLocalTarget warning compositeCv
    indicators { cv withinThreshold withinLocalTarget } } }`);

  it('lists every county × stage × year with the same statements for nine counties as for one', async () => {
    const count = async (r: string) => {
      const before = s.db.database.statements.count;
      const rows = (await s.gql(OVERVIEW, { r, y: [2025, 2026] })).body.data.balanceOverview;
      return { rows, statements: s.db.database.statements.count - before };
    };
    const all = await count('430700');
    const one = await count(COUNTY);
    expect(all.rows).toHaveLength(9 * 2 * 2);
    expect(one.rows).toHaveLength(2 * 2);
    expect(all.statements).toBe(one.statements);
    for (const v of all.rows) {
      // The city's phased local targets, beside the national thresholds.
      expect(v.localTarget).toBe(v.year === 2025 ? 0.4 : 0.3);
      expect(v.threshold).toBe(v.stage === 'PRIMARY' ? 0.5 : 0.45);
      const within = v.indicators.every((i) => i.cv != null && i.cv <= v.threshold);
      const local = v.indicators.every((i) => i.cv != null && i.cv <= v.localTarget!);
      expect(v.allIndicatorsWithinThreshold).toBe(within);
      expect(v.allIndicatorsWithinLocalTarget).toBe(local);
      expect(v.warning).toBe(!within ? 'RED' : !local ? 'YELLOW' : 'GREEN');
    }
    // The demo has counties whose composite is within the threshold while an indicator is not:
    // each is RED.
    const trap = all.rows.filter((v) => v.compositeCv! <= v.threshold && !v.allIndicatorsWithinThreshold);
    expect(trap.length).toBeGreaterThan(0);
    expect(new Set(trap.map((v) => v.warning))).toEqual(new Set(['RED']));
    // Same verdicts as the single-county report.
    const r = await report(2026, 'JUNIOR', '430726');
    const row = present(all.rows.find((v) => v.countyCode === '430726' && v.year === 2026 && v.stage === 'JUNIOR'));
    expect(row).toMatchObject({
      allIndicatorsWithinThreshold: r.allIndicatorsWithinThreshold,
      warning: r.warning,
      countyName: '石门县',
    });
    // Summation order differs between one county and nine: equal to the last few bits.
    expect(row.compositeCv).toBeCloseTo(present(r.compositeCv), 12);
  });
});
