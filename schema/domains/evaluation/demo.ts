/**
 * Deterministic demo data for evaluation (增值评价、多元评价、优质均衡监测) in 常德市, loaded
 * through the evaluation services like any other change. Pure given the seed: the demo
 * PRNG (`shared/demoRandom.ts`), no clock, no Math.random.
 *
 * - Two small private senior high schools (民办高中) whose first cohorts are too small to
 *   estimate, so the demo shows SUPPRESSED beside ABOVE / AVERAGE / BELOW.
 * - One 2026 value-added cycle of the city's senior high schools: the 2023级 cohort, about a
 *   third of each school's enrolment (never more than the grade holds), from 中考 (0–720) to
 *   高考 (0–750); 常德市第一中学 takes the strongest intake. Computed and published.
 * - A multi-party framework with submissions from all three parties.
 * - Per-year, per-stage school facts for 2025 and 2026 (nine-year schools split into their
 *   primary and junior sections; 教学点 and special schools marked; a few village schools
 *   closed or merged in 2026), balance indicator values for every section, the city's phased
 *   local targets (0.4 in 2025, 0.3 in 2026), and 2026 readiness records for some counties.
 */
import type { Context } from '../../context.js';
import { BALANCE_INDICATORS } from './catalogue.js';
import { closeEvaluationCycle } from './services/closeEvaluationCycle.js';
import { computeValueAdded } from './services/computeValueAdded.js';
import { createEvaluationCycle } from './services/createEvaluationCycle.js';
import { createEvaluationFramework } from './services/createEvaluationFramework.js';
import { importStudentScores } from './services/importStudentScores.js';
import { inviteEvaluators } from './services/inviteEvaluators.js';
import { submitEvaluation } from './services/submitEvaluation.js';
import { upsertIndicatorValues } from './services/upsertIndicatorValues.js';
import { upsertSchoolYearFacts } from './services/upsertSchoolYearFacts.js';
import { upsertCountyAssessmentItems } from './services/upsertCountyAssessmentItems.js';
import { setRegionSetting } from '../settings/services/setRegionSetting.js';
import { ASSESSMENT_ITEMS } from './assessmentCatalogue.js';
import { SECTIONS_OF, type BalanceStage } from './catalogue.js';
import { upsertSchools } from '../organisation/services/upsertSchools.js';
import type { BulkResult } from '../shared/bulk.js';
import type { SchoolInput } from '../organisation/demoRecords.js';
import { Rng } from '../shared/demoRandom.js';

/** Share of a senior school's enrolment in its graduating grade (three grades, a little attrition). */
export const COHORT_SHARE = 0.32;
const CITY = '430700';

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const round1 = (x: number) => Math.round(x * 10) / 10;

/** New private senior high schools with a first, small cohort. */
export const SMALL_SENIORS: SchoolInput[] = [
  {
    code: '3443021901',
    name: '安乡县启航实验高级中学',
    stage: 'SENIOR',
    locality: 'URBAN',
    countyCode: '430721',
    enrolment: 26,
    staffCount: 9,
    isCountyHighSchool: false,
    status: 'ACTIVE',
  },
  {
    code: '3443081901',
    name: '津市市嘉山高级中学',
    stage: 'SENIOR',
    locality: 'TOWN',
    countyCode: '430781',
    enrolment: 19,
    staffCount: 8,
    isCountyHighSchool: false,
    status: 'ACTIVE',
  },
];

/** Students per school: the graduating grade of each school (a third of its enrolment, at most); the new ones bring 8 and 6. */
export function generateStudents(seed: number, seniors: SchoolInput[]) {
  const r = new Rng(seed ^ 0x5eed);
  const large = seniors.filter((s) => !SMALL_SENIORS.some((x) => x.code === s.code));
  const plan = [
    ...large.map((s, i) => ({
      school: s,
      n: Math.floor(s.enrolment * COHORT_SHARE),
      // Intake (中考, of 720): 常德市第一中学 recruits the strongest students, the 县中 next.
      // Effect: a few schools clearly add more or less than expected; most are close to the line.
      intake: s.name === '常德市第一中学' ? 625 : s.isCountyHighSchool ? 565 + (i % 4) * 10 : 470 + (i % 5) * 12,
      effect: [14, -11, 0.2, 6, -0.3, -7, 0.1, 3, -0.2, 9, -4, 0, 0.3, -13, 5, -0.1, 2, -6, 0.4][i % 19],
    })),
    { school: SMALL_SENIORS[0], n: 8, intake: 450, effect: 12 },
    { school: SMALL_SENIORS[1], n: 6, intake: 440, effect: -10 },
  ];
  const students: {
    studentKey: string;
    schoolCode: string;
    cohort: string;
    intakeScore: number;
    outcomeScore: number;
  }[] = [];
  for (const p of plan) {
    for (let i = 0; i < p.n; i++) {
      const intake = clamp(round1(p.intake + 45 * r.normal()), 200, 720);
      // 高考 total of 750.
      const outcome = clamp(round1(95 + 0.82 * intake + p.effect + 38 * r.normal()), 0, 750);
      students.push({
        studentKey: `CD26-${p.school.code.slice(4)}-${String(i).padStart(4, '0')}`,
        schoolCode: p.school.code,
        cohort: '2023级',
        intakeScore: intake,
        outcomeScore: outcome,
      });
    }
  }
  return students;
}

/** Whether a demo school is a 教学点 (its name says so). */
const isTeachingPoint = (s: SchoolInput) => s.name.endsWith('教学点');

/** Share of a two-section school's pupils in each section (six primary grades, three junior). */
const SECTION_SHARE: Record<BalanceStage, number> = { PRIMARY: 0.62, JUNIOR: 0.38 };

/**
 * Facts of every compulsory-education section for 2025 and 2026. 2026 is the school as
 * registered; 2025 a little larger in the countryside (pupils keep moving to town). Every
 * 25th village school closes in 2026 and every 40th is merged into its town's central school,
 * so the 2025 and 2026 reports differ the way 撤点并校 makes them.
 */
export function generateSchoolYearFacts(schools: SchoolInput[]) {
  const rows: {
    schoolCode: string;
    year: number;
    stage: BalanceStage;
    enrolment: number;
    status: 'OPEN' | 'CLOSED' | 'MERGED';
    kind: 'REGULAR' | 'TEACHING_POINT' | 'SPECIAL_EDUCATION';
  }[] = [];
  let village = 0;
  for (const s of schools) {
    const sections = SECTIONS_OF[s.stage] ?? [];
    // Senior schools are not 完全中学 in the demo: no junior section.
    if (!sections.length || s.stage === 'SENIOR') continue;
    const kind = s.stage === 'SPECIAL' ? 'SPECIAL_EDUCATION' : isTeachingPoint(s) ? 'TEACHING_POINT' : 'REGULAR';
    const villageSchool = s.locality === 'RURAL' && s.stage === 'PRIMARY' ? ++village : 0;
    const status2026 =
      villageSchool && villageSchool % 25 === 0
        ? 'CLOSED'
        : villageSchool && villageSchool % 40 === 0
          ? 'MERGED'
          : 'OPEN';
    for (const stage of sections) {
      const share = sections.length === 2 ? SECTION_SHARE[stage] : 1;
      const now = Math.max(1, Math.round(s.enrolment * share));
      const before = s.locality === 'URBAN' ? Math.round(now * 0.97) : Math.round(now * 1.06);
      rows.push({ schoolCode: s.code, year: 2025, stage, enrolment: before, status: 'OPEN', kind });
      rows.push({
        schoolCode: s.code,
        year: 2026,
        stage,
        enrolment: status2026 === 'OPEN' ? now : 0,
        status: status2026,
        kind,
      });
    }
  }
  return rows;
}

/**
 * Per-school balance indicator values. Each county has a level and a dispersion; dispersed
 * counties (rural schools far behind the town centre) exceed the CV thresholds, and every
 * county narrows its gaps a little from 2025 to 2026.
 */
const COUNTY_DISPERSION: Record<string, number> = {
  '430702': 0.22,
  '430703': 0.45,
  '430721': 0.32,
  '430722': 0.7,
  '430723': 0.42,
  '430724': 0.28,
  '430725': 0.85,
  '430726': 0.62,
  '430781': 0.2,
};
export function generateIndicatorValues(seed: number, schools: SchoolInput[]) {
  const r = new Rng(seed ^ 0xba1a);
  const rows: { schoolCode: string; year: number; stage: BalanceStage; indicator: string; value: number }[] = [];
  for (const s of schools) {
    const sections = s.stage === 'SENIOR' || s.stage === 'SPECIAL' ? [] : (SECTIONS_OF[s.stage] ?? []);
    for (const stage of sections) {
      const dispersion = COUNTY_DISPERSION[s.countyCode] ?? 0.3;
      const local = s.locality === 'URBAN' ? 0.25 : s.locality === 'TOWN' ? 0 : -0.35;
      const schoolShift = r.normal();
      BALANCE_INDICATORS.forEach((d) => {
        const own = r.normal();
        for (const year of [2025, 2026]) {
          const spread = dispersion * (year === 2025 ? 1.2 : 1);
          // Log-normal around 1.2 × the minimum: rural schools lower, dispersed counties wider.
          const factor = 1.2 * Math.exp(spread * (local + 0.6 * schoolShift + 0.5 * own));
          rows.push({
            schoolCode: s.code,
            year,
            stage,
            indicator: d.code,
            value: Math.round(Math.max(0.05, factor) * d.minimum[stage] * 100) / 100,
          });
        }
      });
    }
  }
  return rows;
}

/** Phased local CV targets of the city (seed 004: 0.4 by 2025, 0.3 by 2026), beside the national ones. */
export const LOCAL_TARGETS = { '2025': 0.4, '2026': 0.3 };

const EVIDENCE = 'https://jyj.changde.gov.cn/yzjh/2026';

/**
 * 2026 readiness records: 武陵区 and 津市市 have every item met (社会认可度 above 85 %);
 * 石门县 misses 班额 (G05) and 交流轮岗 (G11) and its survey falls short; 桃源县 has recorded
 * only part of its 教育质量 items.
 */
export function generateAssessmentItems() {
  const rows: {
    countyCode: string;
    year: number;
    itemCode: string;
    met?: boolean;
    surveyRate?: number;
    evidence: string[];
    note?: string;
  }[] = [];
  const plan: Record<string, { missing?: string[]; failing?: string[]; rate: number | null }> = {
    '430702': { rate: 93.6 },
    '430781': { rate: 90.2 },
    '430726': { failing: ['G05', 'G11'], rate: 82.4 },
    '430725': { missing: ['Q05', 'Q06', 'Q07', 'Q08', 'Q09'], rate: null },
  };
  for (const [countyCode, p] of Object.entries(plan)) {
    for (const item of ASSESSMENT_ITEMS) {
      if (p.missing?.includes(item.code)) continue;
      const evidence = [`${EVIDENCE}/${countyCode}/${item.code}.pdf`];
      if (item.part === 'SOCIAL_RECOGNITION') {
        if (p.rate != null) rows.push({ countyCode, year: 2026, itemCode: item.code, surveyRate: p.rate, evidence });
        continue;
      }
      const failing = p.failing?.includes(item.code) ?? false;
      rows.push({
        countyCode,
        year: 2026,
        itemCode: item.code,
        met: !failing,
        evidence,
        ...(failing ? { note: '整改中，计划2027年达标。' } : {}),
      });
    }
  }
  return rows;
}

const FRAMEWORK = {
  regionCode: CITY,
  name: '常德市普通高中多元评价指标体系（2026）',
  partyWeights: { cityInspection: 0.4, countySelf: 0.3, social: 0.3 },
  indicators: [
    { code: 'A1', name: '学业质量与增值表现', dimension: 'ACADEMIC', weight: 20, maxScore: 100 },
    { code: 'A2', name: '课程开设与教学常规', dimension: 'ACADEMIC', weight: 15, maxScore: 100 },
    { code: 'H1', name: '体质健康达标率', dimension: 'HEALTH', weight: 15, maxScore: 100 },
    { code: 'H2', name: '心理健康教育', dimension: 'HEALTH', weight: 10, maxScore: 100 },
    { code: 'R1', name: '艺术课程与社团活动', dimension: 'ARTS', weight: 10, maxScore: 100 },
    { code: 'R2', name: '艺术素质测评', dimension: 'ARTS', weight: 10, maxScore: 100 },
    { code: 'L1', name: '劳动教育课程落实', dimension: 'LABOUR', weight: 10, maxScore: 100 },
    { code: 'L2', name: '劳动实践基地与成果', dimension: 'LABOUR', weight: 10, maxScore: 100 },
  ],
} as const;

const SOCIAL_EVALUATORS = ['家长代表', '社区代表', '教育专家'] as const;

export interface EvaluationSeedInput {
  schools: SchoolInput[];
}

type Step = { name: string; run(ctx: Context): Promise<void> };

export function evaluationSteps(seed: number, input: EvaluationSeedInput): Step[] {
  const seniors = [
    ...input.schools.filter((s) => s.stage === 'SENIOR' && s.countyCode.startsWith('4307')),
    ...SMALL_SENIORS,
  ];
  const students = generateStudents(seed, seniors);
  const r = new Rng(seed ^ 0xe7a1);
  return [
    { name: 'evaluation-schools', run: async (ctx) => check(await upsertSchools(ctx, { rows: SMALL_SENIORS })) },
    {
      name: 'balance-indicators',
      run: async (ctx) => {
        const facts = generateSchoolYearFacts(input.schools);
        for (let i = 0; i < facts.length; i += ctx.limits.maxBatchRows)
          check(await upsertSchoolYearFacts(ctx, { rows: facts.slice(i, i + ctx.limits.maxBatchRows) }));
        const rows = generateIndicatorValues(seed, input.schools);
        for (let i = 0; i < rows.length; i += ctx.limits.maxBatchRows)
          check(await upsertIndicatorValues(ctx, { rows: rows.slice(i, i + ctx.limits.maxBatchRows) }));
        await setRegionSetting(ctx, { regionCode: CITY, key: 'balance.cvTargetByYear', value: LOCAL_TARGETS });
        check(await upsertCountyAssessmentItems(ctx, { rows: generateAssessmentItems() }));
      },
    },
    {
      name: 'value-added',
      run: async (ctx) => {
        const fw = await createEvaluationFramework(ctx, FRAMEWORK as never);
        const cycle = await createEvaluationCycle(ctx, {
          regionCode: CITY,
          year: 2026,
          stage: 'SENIOR',
          name: '2026年常德市普通高中增值评价（中考→高考）',
          intakeMin: 0,
          intakeMax: 720,
          outcomeMin: 0,
          outcomeMax: 750,
          frameworkId: fw.id,
        });
        for (let i = 0; i < students.length; i += ctx.limits.maxBatchRows) {
          check(
            await importStudentScores(ctx, { cycleId: cycle.id, rows: students.slice(i, i + ctx.limits.maxBatchRows) }),
          );
        }
        // Every party evaluates every senior school; one social evaluator in three has not yet answered.
        const invitations = seniors.flatMap((s, i) => [
          {
            schoolCode: s.code,
            party: 'CITY_INSPECTION' as const,
            evaluatorSubject: `cd-inspector-${(i % 4) + 1}`,
            evaluatorName: `市督学${['刘建国', '彭丽华', '谭志强', '曾晓燕'][i % 4]}`,
          },
          { schoolCode: s.code, party: 'COUNTY_SELF' as const },
          ...SOCIAL_EVALUATORS.map((who, k) => ({
            schoolCode: s.code,
            party: 'SOCIAL' as const,
            evaluatorSubject: `cd-social-${i}-${k}`,
            evaluatorName: who,
          })),
        ]);
        const { invitations: created } = await inviteEvaluators(ctx, { cycleId: cycle.id, invitations });
        for (const [k, inv] of created.entries()) {
          if (inv.party === 'SOCIAL' && k % 5 === 4 && k % 3 === 0) continue;
          const base = 68 + 20 * r.float();
          await submitEvaluation(ctx, {
            invitationId: inv.id,
            scores: FRAMEWORK.indicators.map((d) => ({
              indicatorCode: d.code,
              score: Math.round(clamp(base + 12 * r.normal(), 30, 100)),
            })),
            comment: inv.party === 'COUNTY_SELF' ? '县教育局自评：办学规范，特色课程逐步完善。' : null,
          });
        }
        await computeValueAdded(ctx, { cycleId: cycle.id });
        await closeEvaluationCycle(ctx, { cycleId: cycle.id });
      },
    },
  ];
}

function check(result: BulkResult<unknown>) {
  if (result.errors.length) {
    const first = result.errors.slice(0, 3).map((e) => `${e.path.join('.')}: ${e.message}`);
    throw new Error(`evaluation demo data rejected: ${first.join('; ')}`);
  }
}
