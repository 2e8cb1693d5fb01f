import { inArray } from 'drizzle-orm';
import { builder } from '../../../builder.js';
import type { Context } from '../../../context.js';
import { schools } from '../../organisation/table.js';
import { SchoolRef } from '../../organisation/graphql/types.js';
import { BALANCE_INDICATORS, REMAINING_SHARE, type IndicatorDefinition } from '../catalogue.js';
import {
  BalanceIndicatorEnum,
  BalanceSchoolKindEnum,
  BalanceStageEnum,
  BalanceWarningEnum,
  ExclusionReasonEnum,
  SchoolYearStatusEnum,
} from './enums.js';
import type { BalanceReport, BalanceVerdict, Exclusion, IndicatorCv, SchoolBalance } from '../balanceReport.js';
import type { IndicatorValue } from '../services/upsertIndicatorValues.js';
import type { SchoolYearFact } from '../services/upsertSchoolYearFacts.js';

export const BalanceIndicatorDefinitionRef = builder
  .objectRef<IndicatorDefinition>('BalanceIndicatorDefinition')
  .implement({
    description: 'Catalogue entry of a quality-balance indicator (均衡指标目录) with its per-school minimums.',
    fields: (t) => ({
      indicator: t.field({ type: BalanceIndicatorEnum, description: 'Indicator (指标).', resolve: (d) => d.code }),
      name: t.exposeString('name', { description: 'Official name (指标名称).' }),
      unit: t.exposeString('unit', { description: 'Unit (单位).' }),
      primaryMinimum: t.float({
        description: 'Per-school minimum for primary schools (小学达标值).',
        resolve: (d) => d.minimum.PRIMARY,
      }),
      juniorMinimum: t.float({
        description: 'Per-school minimum for junior schools (初中达标值).',
        resolve: (d) => d.minimum.JUNIOR,
      }),
    }),
  });

export const IndicatorValueRef = builder.objectRef<IndicatorValue>('SchoolIndicatorValue').implement({
  description:
    'A school’s per-pupil value of one balance indicator in one year and stage section (学校办学条件指标值).',
  fields: (t) => ({
    schoolCode: t.string({ description: 'School identifier (学校标识码).', resolve: (v) => v.schoolCode ?? '' }),
    year: t.exposeInt('year', { description: 'Year (年度).' }),
    stage: t.field({
      type: BalanceStageEnum,
      description: 'Stage section the value is about (学段).',
      resolve: (v) => v.stage,
    }),
    indicator: t.field({ type: BalanceIndicatorEnum, description: 'Indicator (指标).', resolve: (v) => v.indicator }),
    value: t.exposeFloat('value', { description: 'Value per pupil or per 100 pupils (指标值).' }),
  }),
});

export const SchoolYearFactRef = builder.objectRef<SchoolYearFact>('SchoolYearFact').implement({
  description:
    'A school’s facts for one year and stage section (学校年度学段基础数据): enrolment of the ' +
    'section, status and kind that year. Balance reports read these, not the current school ' +
    'record, so a past year’s report stays the same.',
  fields: (t) => ({
    schoolCode: t.string({ description: 'School identifier (学校标识码).', resolve: (f) => f.schoolCode ?? '' }),
    year: t.exposeInt('year', { description: 'Year (年度).' }),
    stage: t.field({ type: BalanceStageEnum, description: 'Stage section (学段).', resolve: (f) => f.stage }),
    countyCode: t.exposeString('countyCode', { description: 'County the school belonged to that year (所属县区).' }),
    enrolment: t.exposeInt('enrolment', {
      description: 'Pupils of this section that year (该学段在校生数), the CV weight.',
    }),
    status: t.field({
      type: SchoolYearStatusEnum,
      description: 'Standing that year (办学状态).',
      resolve: (f) => f.status,
    }),
    kind: t.field({
      type: BalanceSchoolKindEnum,
      description: 'Kind of school that year (学校类别).',
      resolve: (f) => f.kind,
    }),
  }),
});

const IndicatorCvRef = builder.objectRef<IndicatorCv>('IndicatorVariation').implement({
  description:
    'Inter-school variation of one indicator in a county (校际差异系数), with its national and local verdicts.',
  fields: (t) => ({
    indicator: t.field({ type: BalanceIndicatorEnum, description: 'Indicator (指标).', resolve: (i) => i.indicator }),
    cv: t.exposeFloat('cv', {
      nullable: true,
      description: 'Enrolment-weighted coefficient of variation (差异系数); null without data.',
    }),
    countyValue: t.exposeFloat('countyValue', {
      nullable: true,
      description: 'County value Σ(resource)/Σ(pupils) (全县均值).',
    }),
    schoolsMeetingMinimum: t.exposeInt('schoolsMeetingMinimum', {
      description: 'Schools at or above the minimum (达标学校数).',
    }),
    withinThreshold: t.exposeBoolean('withinThreshold', {
      description: 'CV at or below the national threshold (≤ 0.50 primary, ≤ 0.45 junior) (达到国家标准).',
    }),
    withinLocalTarget: t.exposeBoolean('withinLocalTarget', {
      nullable: true,
      description: 'CV at or below the local target of the year (达到本地目标); null when the region sets ' + 'none.',
    }),
    met: t.exposeBoolean('met', {
      description: 'CV within the stricter of the threshold and the local target (达到目标).',
    }),
    warning: t.field({
      type: BalanceWarningEnum,
      description:
        'Traffic light (预警): GREEN within the local target (or the threshold without one), ' +
        'YELLOW within the threshold only, RED above it.',
      resolve: (i) => i.warning,
    }),
  }),
});

type WithSchool<T> = T & { school?: typeof schools.$inferSelect };

const SchoolBalanceRef = builder.objectRef<WithSchool<SchoolBalance>>('SchoolBalance').implement({
  description:
    'One school’s section in a balance report (学校达标情况). It meets the standard when at ' +
    'least six of the seven indicators reach the minimum and the remaining one reaches at ' +
    'least 85 % of its minimum (至少6项达到要求，余项不低于要求的85%).',
  fields: (t) => ({
    school: t.field({ type: SchoolRef, description: 'School (学校).', resolve: (s) => s.school! }),
    enrolment: t.exposeInt('enrolment', {
      description: 'Pupils of this stage section in the report year, the CV weight (该学段在校生数).',
    }),
    indicatorsMet: t.exposeInt('indicatorsMet', {
      description: 'Indicators at or above the minimum (达标项数), of 7.',
    }),
    remainingAtLeast85Percent: t.boolean({
      description: `Every indicator reaches at least ${REMAINING_SHARE * 100} % of its minimum (余项不低于要求的85%), exactly 85 % included.`,
      resolve: (s) => s.restAboveShare,
    }),
    meetsStandard: t.exposeBoolean('meetsStandard', {
      description:
        'All seven reported, at least the required number (6 by default) at the minimum, and the ' +
        'rest at ≥ 85 % of it (学校达标).',
    }),
    values: t.field({
      type: [IndicatorValueRef],
      description: 'Its values this year (指标值).',
      resolve: (s) => s.values.map((v) => ({ ...v, schoolCode: s.school?.code })) as never,
    }),
  }),
});

const ExclusionRef = builder.objectRef<WithSchool<Exclusion>>('BalanceExclusion').implement({
  description: 'A school left out of the calculation for the year and why (不纳入计算的学校).',
  fields: (t) => ({
    school: t.field({ type: SchoolRef, description: 'School (学校).', resolve: (s) => s.school! }),
    reason: t.field({ type: ExclusionReasonEnum, description: 'Reason (原因).', resolve: (e) => e.reason }),
    enrolment: t.exposeInt('enrolment', {
      nullable: true,
      description: 'Pupils of the section that year (在校生数); null without facts.',
    }),
  }),
});

/** Fields shared by a full report and a dashboard row: the verdicts. */
function verdictFields(t: any) {
  return {
    countyCode: t.exposeString('countyCode', { description: 'County (县区).' }),
    countyName: t.exposeString('countyName', { description: 'County name (县区名称).' }),
    year: t.exposeInt('year', {
      description: 'Report year (年度); enrolment, status and kind are those of this year.',
    }),
    stage: t.field({ type: BalanceStageEnum, description: 'Stage (学段).', resolve: (r: BalanceVerdict) => r.stage }),
    threshold: t.exposeFloat('threshold', {
      description: 'National CV threshold (国家标准): 0.50 primary, 0.45 junior unless set.',
    }),
    localTarget: t.exposeFloat('localTarget', {
      nullable: true,
      description:
        'Local CV target of the year (本地目标), from balance.cvTargetByYear or balance.cvTarget; ' +
        'null when none is set.',
    }),
    target: t.exposeFloat('target', { description: 'The stricter of the threshold and the local target (有效目标).' }),
    minIndicatorsMet: t.exposeInt('minIndicatorsMet', {
      description: 'Indicators each school must reach (每校应达标项数, 6 of 7).',
    }),
    indicators: t.field({
      type: [IndicatorCvRef],
      description: 'Per indicator, in catalogue order (分指标差异系数).',
      resolve: (r: BalanceVerdict) => r.indicators,
    }),
    allIndicatorsWithinThreshold: t.exposeBoolean('allIndicatorsWithinThreshold', {
      description:
        'THE national verdict of the CV rule (国家标准判定): every one of the seven indicators’ ' +
        'enrolment-weighted CV is at or below the threshold (所有指标校际差异系数小学均≤0.50、' +
        '初中均≤0.45). The mean of the seven never decides it.',
    }),
    allIndicatorsWithinLocalTarget: t.exposeBoolean('allIndicatorsWithinLocalTarget', {
      nullable: true,
      description:
        'The local verdict (本地目标判定), a separate verdict: every CV at or below the local ' +
        'target of the year; null when none is set.',
    }),
    warning: t.field({
      type: BalanceWarningEnum,
      description:
        'The report’s colour (预警), from the per-indicator verdicts: RED unless all seven are ' +
        'within the threshold, YELLOW if one is above the local target, else GREEN.',
      resolve: (r: BalanceVerdict) => r.warning,
    }),
    compositeCv: t.exposeFloat('compositeCv', {
      nullable: true,
      description:
        'Secondary figure only: 综合差异系数, the mean of the seven CVs, the 基本均衡 (2012) ' +
        'measure. Not a 优质均衡 verdict and not the colour. Null unless all seven are known.',
    }),
    compositeMet: t.exposeBoolean('compositeMet', {
      description: 'The 基本均衡 composite within the target; not a 优质均衡 verdict.',
      deprecationReason:
        'The composite is not a 优质均衡 verdict: use allIndicatorsWithinThreshold and ' +
        'allIndicatorsWithinLocalTarget.',
    }),
    compositeWarning: t.field({
      type: BalanceWarningEnum,
      description: 'Traffic light of the 基本均衡 composite; not the report’s colour.',
      deprecationReason: 'The composite is not a 优质均衡 verdict: use warning.',
      resolve: (r: BalanceVerdict) => r.compositeWarning,
    }),
    schoolsCounted: t.exposeInt('schoolsCounted', { description: 'School sections counted (参评学校数).' }),
    schoolsMeetingStandard: t.exposeInt('schoolsMeetingStandard', {
      description:
        'Schools meeting the per-school standard: ≥ 6 of 7 at the minimum and the rest ≥ 85 % of ' + 'it (达标学校数).',
    }),
    allSchoolsMeetStandard: t.exposeBoolean('allSchoolsMeetStandard', {
      description: 'Every counted school meets the per-school standard (每所学校均达标).',
    }),
    resourceAllocationMet: t.exposeBoolean('resourceAllocationMet', {
      description:
        'Resource allocation (资源配置) met by the national standard: all seven CVs within the ' +
        'threshold and every counted school meeting the per-school standard.',
    }),
  };
}

export const BalanceVerdictRef = builder.objectRef<BalanceVerdict>('BalanceVerdict').implement({
  description: 'Verdicts of one county, year and stage (县域优质均衡判定), as listed on the city dashboard.',
  fields: (t) => verdictFields(t),
});

export const BalanceReportRef = builder.objectRef<BalanceReport>('BalanceReport').implement({
  description:
    'Quality-balance report of a county for a year and stage (县域义务教育优质均衡 ' +
    '资源配置监测, 教督〔2017〕6号): per-indicator CVs with the national and local verdicts, ' +
    'each counted school, and every exclusion with its reason. 市直 schools (run by the city) ' +
    'are never part of it.',
  fields: (t) => ({
    ...verdictFields(t),
    schools: t.field({
      type: [SchoolBalanceRef],
      description: 'Schools counted (参评学校).',
      resolve: (r) => r.schools as WithSchool<SchoolBalance>[],
    }),
    exclusions: t.field({
      type: [ExclusionRef],
      description: 'Schools left out and why (不纳入计算).',
      resolve: (r) => r.exclusions as WithSchool<Exclusion>[],
    }),
  }),
});

/** Attaches school rows to a report in one query, for the School fields above. */
export async function withSchools(ctx: Context, report: BalanceReport): Promise<BalanceReport> {
  const ids = [...report.schools.map((s) => s.schoolId), ...report.exclusions.map((e) => e.schoolId)];
  const rows = ids.length ? await ctx.db.select().from(schools).where(inArray(schools.id, ids)) : [];
  const byId = new Map(rows.map((s) => [s.id, s]));
  for (const s of report.schools as WithSchool<SchoolBalance>[]) s.school = byId.get(s.schoolId);
  for (const e of report.exclusions as WithSchool<Exclusion>[]) e.school = byId.get(e.schoolId);
  return report;
}

export { BALANCE_INDICATORS };
