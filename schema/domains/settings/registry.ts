import { z } from 'zod';

/**
 * Every per-region setting: its value rule, default and meaning. Domains add their keys here
 * (one entry each), so the API can validate and document all of them in one place.
 */
export interface SettingDefinition<T = unknown> {
  schema: z.ZodType<T>;
  default: T;
  description: string;
}

const def = <T>(d: SettingDefinition<T>) => d;

export const SETTINGS = {
  'exchange.eligibilityYears': def({
    schema: z.number().int().min(1).max(30),
    default: 6,
    description: 'Years at one school after which a teacher is eligible for exchange (交流轮岗 eligibility).',
  }),
  'exchange.enforceEligibility': def({
    schema: z.boolean(),
    default: false,
    description: 'Refuse exchange proposals for teachers below the eligibility threshold.',
  }),
  'exchange.targetRatio': def({
    schema: z.number().min(0).max(1),
    default: 0.1,
    description: 'Share of eligible teachers to exchange each year (national expectation ≥ 10%).',
  }),
  'exchange.backboneShareTarget': def({
    schema: z.number().min(0).max(1),
    default: 0.2,
    description: 'Share of backbone teachers among those exchanged (national expectation ≥ 20%).',
  }),
  'exchange.localTargetRatio': def({
    schema: z.number().min(0).max(1).nullable(),
    default: null as number | null,
    description:
      'A stricter local target for the yearly exchange ratio, reported beside the national one ' +
      '(地方交流比例目标, e.g. 0.20 in the seeds’ 2026 plan: 教师县域内交流轮岗比例达20%). Null: ' +
      'none.',
  }),
  'exchange.localBackboneShareTarget': def({
    schema: z.number().min(0).max(1).nullable(),
    default: null as number | null,
    description:
      'A stricter local target for the backbone share of those exchanged, reported beside the ' +
      'national one (地方骨干占比目标, e.g. 0.30 as the seeds cite). Null: none.',
  }),
  'exchange.itinerantHoursCap': def({
    schema: z.number().int().min(1).max(40),
    default: 12,
    description: 'Maximum total itinerant (走教) hours per week for one teacher.',
  }),
  'evaluation.minCohort': def({
    schema: z.number().int().min(2).max(1000),
    default: 10,
    description: 'Smallest cohort whose value added is estimated and shown (增值评价 suppression threshold).',
  }),
  'evaluation.minPartySubmissions': def({
    schema: z.number().int().min(1).max(100),
    default: 3,
    description:
      'Fewest submissions of one party (市级监督 / 县级自评 / 社会参与) whose score a published ' +
      'multi-party result shows to callers outside the school’s jurisdiction; below it the party ' +
      'score is withheld and left out of the overall score, so no single evaluator’s scores can ' +
      'be read back (小样本抑制).',
  }),
  'evaluation.publishRank': def({
    schema: z.boolean(),
    default: false,
    description:
      'Show schools’ value-added rank and rank interval in a closed cycle to callers outside ' +
      'their jurisdiction. Off by default: accountability rules forbid publishing schools by ' +
      'rank (不得以…排名公布); band, value added and interval stay public.',
  }),
  'balance.cvThresholdPrimary': def({
    schema: z.number().gt(0).max(2),
    default: 0.5,
    description:
      'Largest acceptable inter-school coefficient of variation for primary schools ' +
      '(小学校际差异系数, national ≤ 0.50).',
  }),
  'balance.cvThresholdJunior': def({
    schema: z.number().gt(0).max(2),
    default: 0.45,
    description:
      'Largest acceptable inter-school coefficient of variation for junior secondary schools ' +
      '(初中校际差异系数, national ≤ 0.45).',
  }),
  'balance.cvTarget': def({
    schema: z.number().gt(0).max(2).nullable(),
    default: null as number | null,
    description:
      'Stricter local CV target for every year (e.g. 0.30), a verdict reported beside the ' +
      'national one; above it but within the national threshold is YELLOW. Null: no local ' +
      'target. A year listed in balance.cvTargetByYear uses that year’s target instead.',
  }),
  'balance.cvTargetByYear': def({
    schema: z.record(z.string().regex(/^\d{4}$/, 'keys are years, e.g. "2025"'), z.number().gt(0).max(2)),
    default: {} as Record<string, number>,
    description:
      'Local CV targets phased by year (分年度本地目标), e.g. {"2025": 0.4, "2026": 0.3}: the ' +
      'local target of a report year is this year’s entry, else balance.cvTarget. Reported as a ' +
      'verdict separate from the national threshold.',
  }),
  'balance.minIndicatorsMet': def({
    schema: z.number().int().min(1).max(7),
    default: 6,
    description:
      'How many of the seven resource indicators each school must reach (每校至少达标项数, national 6 of 7).',
  }),
  'pools.countyPriorityWeight': def({
    schema: z.number().min(0).max(100),
    default: 1,
    description:
      'How weak a county is for shared-resource matching (薄弱县倾斜权重): within one request ' +
      'priority, autoMatchRequests serves counties with a higher weight first. Set it per county ' +
      '(e.g. 2 for a weak county).',
  }),
  'staffing.pupilsPerStaffSenior': def({
    schema: z.number().min(1).max(100),
    default: 12.5,
    description:
      'Standard pupils per staff post in senior high schools (高中教职工编制标准 生师比; ' +
      'national 中央编办发〔2014〕72号: 1:12.5).',
  }),
  'staffing.pupilsPerStaffJunior': def({
    schema: z.number().min(1).max(100),
    default: 13.5,
    description:
      'Standard pupils per staff post in junior secondary schools (初中; national 1:13.5). ' +
      'Nine-year schools use it too.',
  }),
  'staffing.pupilsPerStaffPrimary': def({
    schema: z.number().min(1).max(100),
    default: 19,
    description: 'Standard pupils per staff post in primary schools (小学; national 1:19).',
  }),
  'funding.perPupilGapLimit': def({
    schema: z.number().min(0).max(1),
    default: 0.1,
    description:
      'Largest acceptable gap between urban and rural per-pupil public spending, as a share of ' +
      'the urban figure (城乡生均经费差距, e.g. ≤ 10 %).',
  }),
  'supervision.escalation': def({
    schema: z.object({
      listAfterRedDays: z.number().int().min(0).max(365),
      accountabilityAfterListedDays: z.number().int().min(0).max(365),
      supervisingLeader: z.string().trim().min(1).max(100),
    }),
    default: { listAfterRedDays: 14, accountabilityAfterListedDays: 30, supervisingLeader: '市教育局分管副局长' },
    description:
      'Escalation of lagging rectification tasks (滞后任务升级), set per city: a task RED for ' +
      'listAfterRedDays days goes on the city’s 挂牌督办 list under supervisingLeader; still RED ' +
      'accountabilityAfterListedDays days after listing it gets an accountability record (问责). ' +
      'See runEscalations.',
  }),
  'supervision.rhythm': def({
    schema: z.enum(['WEEKLY', 'MONTHLY', 'QUARTERLY', 'YEARLY']),
    default: 'MONTHLY' as 'WEEKLY' | 'MONTHLY' | 'QUARTERLY' | 'YEARLY',
    description:
      'Reporting rhythm of a city’s rectification (调度频次, e.g. 周调度 WEEKLY, 月调度 ' +
      'MONTHLY): the length of the reporting periods generateReportingPeriods makes.',
  }),
  'supervision.reportDueDays': def({
    schema: z.number().int().min(0).max(60),
    default: 5,
    description:
      'Days after a reporting period ends by which each responsible unit’s report is due ' +
      '(报送时限); later reports are LATE, none is MISSING.',
  }),
} satisfies Record<string, SettingDefinition<any>>;

export type SettingKey = keyof typeof SETTINGS;
export type SettingValue<K extends SettingKey> = (typeof SETTINGS)[K]['default'];
