import { asc, sql } from 'drizzle-orm';
import type { Context } from '../../context.js';
import { consortia, schools, teachers } from '../organisation/table.js';
import { addYears } from './rules.js';
import { mulberry32 } from '../shared/demoRandom.js';
import { designateWeakSchool } from '../organisation/services/designateWeakSchool.js';
import { setRegionSetting } from '../settings/services/setRegionSetting.js';
import { recordExchangeRegister } from './services/recordExchangeRegister.js';
import { loadExchangeHistory, type HistoryStep } from './demoHistory.js';
import type { ProposeExchangeInput } from './services/proposeExchange.js';

/**
 * Demo exchanges for 常德市 over school years 2024–2026, under the services’ rules. Each county has
 * a profile (share of eligible teachers sent per year, share of backbone teachers among them),
 * so the 2024 and 2025 reports show some counties meeting the national targets (≥ 10%,
 * backbone ≥ 20%) and others not; the demo date 2026-11-23 decides what is completed, active
 * or still pending. Deterministic: a seeded PRNG, fixed dates, rows read in key order.
 */
const AS_OF = '2026-11-23';
const YEARS = [2024, 2025, 2026] as const;

/**
 * [share of eligible teachers exchanged per year, share of backbone teachers among them].
 * The small counties run strong programmes; the large ones lag behind the 10% expectation.
 */
const PROFILES: Record<string, [number, number]> = {
  '430702': [0.03, 0.4], // 武陵区: the city core sends few, but strong, teachers out
  '430703': [0.03, 0.2], // 鼎城区: behind
  '430721': [0.14, 0.3], // 安乡县: meets both
  '430722': [0.04, 0.2], // 汉寿县: behind
  '430723': [0.025, 0.15], // 澧县: behind on both
  '430724': [0.13, 0.1], // 临澧县: enough teachers, too few backbone among them
  '430725': [0.025, 0.25], // 桃源县: behind
  '430726': [0.03, 0.22], // 石门县: behind
  '430781': [0.15, 0.25], // 津市市: meets both
};
/** Volume per school year: 2026 has only its autumn term so far. */
const YEAR_SCALE: Record<(typeof YEARS)[number], number> = { 2024: 0.85, 2025: 1, 2026: 0.7 };

const REASONS: Record<ProposeExchangeInput['kind'], string[]> = {
  ROTATION: [
    '县域内城乡教师交流轮岗',
    '优质学校骨干教师到薄弱学校任教',
    '集团化办学成员校间教师互派',
    '乡村学校补充紧缺学科教师',
  ],
  SUPPORT: ['城镇教师到乡村学校支教', '对口帮扶薄弱学校', '教育共同体结对支教'],
  ITINERANT: ['音体美学科走教', '英语学科跨校走教', '信息技术课程走教', '市级统筹跨县走教'],
  SHADOWING: ['乡村青年教师到城区学校跟岗研修', '新任教师跟岗学习'],
};

interface SchoolRow {
  id: number;
  code: string;
  countyCode: string;
  locality: 'URBAN' | 'TOWN' | 'RURAL';
  stage: string;
  strong: boolean;
}

/** Teachers move between schools of the same section: a primary teacher to a primary school. */
const SECTION: Record<string, string> = {
  PRIMARY: 'P',
  JUNIOR: 'J',
  NINE_YEAR: 'J',
  SENIOR: 'S',
  TWELVE_YEAR: 'S',
  VOCATIONAL: 'V',
};
interface TeacherRow {
  staffNo: string;
  schoolId: number;
  countyCode: string;
  yearsAtSchool: number;
  backboneLevel: string;
  subjects: string[];
}

type Plan = {
  input: ProposeExchangeInput;
  outcome: 'PROPOSED' | 'APPROVED' | 'ACTIVE' | 'COMPLETED' | 'REJECTED' | 'CANCELLED';
};

/** The exchanges to create, in order; pure given the rows and the seed. */
export function planDemoExchanges(schoolRows: SchoolRow[], teacherRows: TeacherRow[], seed: number): Plan[] {
  const rnd = mulberry32(seed ^ 0x5eed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const byId = new Map(schoolRows.map((s) => [s.id, s]));
  const used = new Set<string>();
  const plans: Plan[] = [];
  const sameSection = (a: SchoolRow) => (s: SchoolRow) => SECTION[s.stage] === SECTION[a.stage] && s.id !== a.id;
  const weakIn = (county: string, home: SchoolRow) =>
    schoolRows.filter((s) => s.countyCode === county && !s.strong && s.locality !== 'URBAN').filter(sameSection(home));
  const hostIn = (county: string, home: SchoolRow) =>
    schoolRows.filter((s) => s.countyCode === county && s.locality === 'URBAN').filter(sameSection(home));
  const counties = Object.keys(PROFILES);

  for (const [yi, year] of YEARS.entries()) {
    for (const county of counties) {
      const [rate, backboneShare] = PROFILES[county];
      const pool = teacherRows.filter((t) => t.countyCode === county && !used.has(t.staffNo));
      const eligible = pool.filter((t) => t.yearsAtSchool >= 6);
      const wanted = Math.round(eligible.length * rate * YEAR_SCALE[year]);
      const backbone = eligible.filter((t) => t.backboneLevel !== 'NONE');
      const plain = eligible.filter((t) => t.backboneLevel === 'NONE');
      for (let i = 0; i < wanted; i++) {
        const fromBackbone = rnd() < backboneShare && backbone.length > 0;
        const list = fromBackbone ? backbone : plain.length ? plain : backbone;
        if (!list.length) break;
        const teacher = list.splice(Math.floor(rnd() * list.length), 1)[0];
        used.add(teacher.staffNo);
        plans.push(planOne(teacher, year, county));
      }
      // One that never counts, in turn: shadowing by a young rural teacher, a refusal, a withdrawal.
      const variant = (counties.indexOf(county) + yi) % 3;
      if (variant === 0) {
        const young = pool.find(
          (t) => !used.has(t.staffNo) && t.yearsAtSchool < 4 && byId.get(t.schoolId)?.locality !== 'URBAN',
        );
        const host = young ? pick(hostIn(county, byId.get(young.schoolId)!)) : undefined;
        if (young && host) {
          used.add(young.staffNo);
          plans.push({
            input: input(young, host, 'SHADOWING', `${year}-10-08`, `${year}-12-31`),
            outcome: year === 2026 ? 'ACTIVE' : 'COMPLETED',
          });
        }
      } else {
        const spare = plain.find((t) => !used.has(t.staffNo) && weakIn(county, byId.get(t.schoolId)!).length > 0);
        if (spare) {
          used.add(spare.staffNo);
          const target = pick(weakIn(county, byId.get(spare.schoolId)!));
          plans.push({
            input: input(spare, target, 'ROTATION', `${year}-09-01`, `${year + 1}-08-31`),
            outcome: variant === 1 ? 'REJECTED' : 'CANCELLED',
          });
        }
      }
    }
  }
  return plans;

  function planOne(teacher: TeacherRow, year: number, county: string): Plan {
    const home = byId.get(teacher.schoolId)!;
    const r = rnd();
    const kind: ProposeExchangeInput['kind'] = r < 0.55 ? 'ROTATION' : r < 0.8 ? 'ITINERANT' : 'SUPPORT';
    // Cross-county: mostly itinerant teaching the city organises; the city core also sends teachers out.
    const cross = kind === 'ITINERANT' ? rnd() < 0.35 : county === '430702' ? rnd() < 0.3 : rnd() < 0.05;
    const targetCounty = cross ? pick(counties.filter((c) => c !== county && c !== '430702')) : county;
    const candidates = weakIn(targetCounty, home);
    const target = candidates.length
      ? pick(candidates)
      : pick(schoolRows.filter((s) => s.countyCode === targetCounty && s.id !== home.id && !s.strong));
    let start = `${year}-09-01`;
    let end: string;
    if (kind === 'ROTATION') end = addYears(`${year}-08-31`, rnd() < 0.6 ? 1 : rnd() < 0.7 ? 2 : 3);
    else if (kind === 'SUPPORT') end = `${year + 1}-07-10`;
    else if (rnd() < 0.5) end = `${year + 1}-01-20`;
    else [start, end] = [`${year + 1}-02-20`, `${year + 1}-07-10`];
    const plan = input(teacher, target, kind, start, end, kind === 'ITINERANT' ? 2 + Math.floor(rnd() * 7) : undefined);
    const outcome = end < AS_OF ? 'COMPLETED' : start <= AS_OF ? 'ACTIVE' : rnd() < 0.4 ? 'PROPOSED' : 'APPROVED';
    return { input: plan, outcome };
  }

  function input(
    t: TeacherRow,
    target: SchoolRow,
    kind: ProposeExchangeInput['kind'],
    startDate: string,
    endDate: string,
    weeklyHours?: number,
  ): ProposeExchangeInput {
    return {
      teacherStaffNo: t.staffNo,
      targetSchoolCode: target.code,
      kind,
      startDate,
      endDate,
      weeklyHours,
      subject: t.subjects[0] ?? null,
      reason: pick(REASONS[kind]),
    };
  }
}

/** The lifecycle steps that take a proposal to each outcome, as a bureau would have taken them. */
const APPROVE: HistoryStep = { verb: 'approve', note: '同意' };
const STEPS: Record<Plan['outcome'], HistoryStep[]> = {
  PROPOSED: [],
  REJECTED: [{ verb: 'reject', reason: '派出学校该学科教师紧缺，暂缓交流' }],
  APPROVED: [APPROVE],
  CANCELLED: [APPROVE, { verb: 'cancel', reason: '教师因病申请暂缓' }],
  ACTIVE: [APPROVE, { verb: 'start' }],
  COMPLETED: [APPROVE, { verb: 'start' }, { verb: 'complete' }],
};

/**
 * Loads the demo exchanges: each proposed, then taken through the steps to its outcome, by the
 * exchanges domain's bulk history load (the same rules and audit events as one call per step,
 * in a few statements).
 */
export async function seedExchanges(ctx: Context, seed = 20261123) {
  const schoolRows = await ctx.db
    .select({
      id: schools.id,
      code: schools.code,
      countyCode: schools.countyCode,
      locality: schools.locality,
      stage: schools.stage,
      // Qualified by hand: drizzle leaves columns of a single-table select unqualified, and an
      // unqualified "id" inside the subquery would mean consortia.id.
      strong: sql<boolean>`schools.is_county_high_school or exists (select 1 from ${consortia} c where c.lead_school_id = schools.id)`,
    })
    .from(schools)
    .where(
      sql`${schools.countyCode} like '4307%' and ${schools.status} = 'ACTIVE' and ${schools.stage} not in ('KINDERGARTEN', 'SPECIAL')`,
    )
    .orderBy(asc(schools.code));
  const teacherRows = await ctx.db
    .select({
      staffNo: teachers.staffNo,
      schoolId: teachers.schoolId,
      countyCode: teachers.countyCode,
      yearsAtSchool: teachers.yearsAtSchool,
      backboneLevel: teachers.backboneLevel,
      subjects: teachers.subjects,
    })
    .from(teachers)
    .where(
      sql`${teachers.countyCode} like '4307%' and ${teachers.schoolId} in (${sql.join(
        schoolRows.map((s) => sql`${s.id}`),
        sql`, `,
      )})`,
    )
    .orderBy(asc(teachers.staffNo));
  const entries = planDemoExchanges(schoolRows, teacherRows, seed).map(({ input, outcome }) => ({
    proposal: input,
    steps: STEPS[outcome],
  }));
  await loadExchangeHistory(ctx, { entries });
}

export function exchangeSteps(seed = 20261123) {
  return [
    { name: 'exchange-standards', run: seedExchangeStandards },
    { name: 'exchanges', run: (ctx: Context) => seedExchanges(ctx, seed) },
    { name: 'exchange-registers', run: seedExchangeRegisters },
  ];
}

/**
 * The city's local targets beside the national ones (seed 004: 教师县域内交流轮岗比例达20%,
 * 骨干教师交流 30%), and each county's weak schools (薄弱学校): its two smallest rural
 * compulsory-education schools (教学点 aside), designated before the exchanges are proposed.
 */
async function seedExchangeStandards(ctx: Context): Promise<void> {
  await setRegionSetting(ctx, { regionCode: '430700', key: 'exchange.localTargetRatio', value: 0.2 });
  await setRegionSetting(ctx, { regionCode: '430700', key: 'exchange.localBackboneShareTarget', value: 0.3 });
  const weak = await ctx.db
    .select({ code: schools.code })
    .from(schools)
    .where(
      sql`${schools.id} in (select id from (select id, row_number() over (partition by county_code order by enrolment, code) as n from ${schools}
        where locality = 'RURAL' and stage in ('PRIMARY', 'JUNIOR', 'NINE_YEAR') and status = 'ACTIVE' and enrolment >= 50 and county_code like '4307%') ranked where n <= 2)`,
    )
    .orderBy(asc(schools.code));
  for (const w of weak) await designateWeakSchool(ctx, { schoolCode: w.code, weak: true });
}

/** The registers of the school years already reported (2024, 2025), so those figures stay put. */
async function seedExchangeRegisters(ctx: Context): Promise<void> {
  for (const year of [2024, 2025]) await recordExchangeRegister(ctx, { regionCode: '430700', year });
}
