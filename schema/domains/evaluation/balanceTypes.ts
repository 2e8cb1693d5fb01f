import { inArray } from 'drizzle-orm';
import { builder } from '../../builder.js';
import type { Context } from '../../context.js';
import { schools } from '../organisation/table.js';
import { SchoolRef } from '../organisation/types.js';
import { BALANCE_INDICATORS, type IndicatorDefinition } from './catalogue.js';
import { BalanceIndicatorEnum, BalanceStageEnum, BalanceWarningEnum, ExclusionReasonEnum } from './enums.js';
import type { BalanceReport, Exclusion, IndicatorCv, SchoolBalance } from './services/balanceReport.js';
import type { IndicatorValue } from './services/upsertIndicatorValues.js';

export const BalanceIndicatorDefinitionRef = builder.objectRef<IndicatorDefinition>('BalanceIndicatorDefinition').implement({
  description: 'Catalogue entry of a quality-balance indicator (均衡指标目录) with its per-school minimums.',
  fields: (t) => ({
    indicator: t.field({ type: BalanceIndicatorEnum, description: 'Indicator (指标).', resolve: (d) => d.code }),
    name: t.exposeString('name', { description: 'Official name (指标名称).' }),
    unit: t.exposeString('unit', { description: 'Unit (单位).' }),
    primaryMinimum: t.float({ description: 'Per-school minimum for primary schools (小学达标值).', resolve: (d) => d.minimum.PRIMARY }),
    juniorMinimum: t.float({ description: 'Per-school minimum for junior schools (初中达标值).', resolve: (d) => d.minimum.JUNIOR }),
  }),
});

export const IndicatorValueRef = builder.objectRef<IndicatorValue>('SchoolIndicatorValue').implement({
  description: 'A school’s per-pupil value of one balance indicator in one year (学校办学条件指标值).',
  fields: (t) => ({
    schoolCode: t.string({ description: 'School identifier (学校标识码).', resolve: (v) => v.schoolCode ?? '' }),
    year: t.exposeInt('year', { description: 'Year (年度).' }),
    indicator: t.field({ type: BalanceIndicatorEnum, description: 'Indicator (指标).', resolve: (v) => v.indicator }),
    value: t.exposeFloat('value', { description: 'Value per pupil or per 100 pupils (指标值).' }),
  }),
});

const IndicatorCvRef = builder.objectRef<IndicatorCv>('IndicatorVariation').implement({
  description: 'Inter-school variation of one indicator in a county (校际差异系数).',
  fields: (t) => ({
    indicator: t.field({ type: BalanceIndicatorEnum, description: 'Indicator (指标).', resolve: (i) => i.indicator }),
    cv: t.exposeFloat('cv', { nullable: true, description: 'Enrolment-weighted coefficient of variation (差异系数); null without data.' }),
    countyValue: t.exposeFloat('countyValue', { nullable: true, description: 'County value Σ(resource)/Σ(pupils) (全县均值).' }),
    schoolsMeetingMinimum: t.exposeInt('schoolsMeetingMinimum', { description: 'Schools at or above the minimum (达标学校数).' }),
    met: t.exposeBoolean('met', { description: 'CV within the target (达到目标).' }),
    warning: t.field({ type: BalanceWarningEnum, description: 'Traffic light (预警).', resolve: (i) => i.warning }),
  }),
});

type WithSchool<T> = T & { school?: typeof schools.$inferSelect };

const SchoolBalanceRef = builder.objectRef<WithSchool<SchoolBalance>>('SchoolBalance').implement({
  description: 'One school in a balance report (学校达标情况).',
  fields: (t) => ({
    school: t.field({ type: SchoolRef, description: 'School (学校).', resolve: (s) => s.school! }),
    enrolment: t.exposeInt('enrolment', { description: 'Pupils, the CV weight (在校生数).' }),
    indicatorsMet: t.exposeInt('indicatorsMet', { description: 'Indicators at or above the minimum (达标项数), of 7.' }),
    meetsStandard: t.exposeBoolean('meetsStandard', { description: 'At least the required number met (≥ 6 of 7 by default).' }),
    values: t.field({ type: [IndicatorValueRef], description: 'Its values this year (指标值).', resolve: (s) => s.values.map((v) => ({ ...v, schoolCode: s.school?.code })) as never }),
  }),
});

const ExclusionRef = builder.objectRef<WithSchool<Exclusion>>('BalanceExclusion').implement({
  description: 'A school left out of the calculation and why (不纳入计算的学校).',
  fields: (t) => ({
    school: t.field({ type: SchoolRef, description: 'School (学校).', resolve: (s) => s.school! }),
    reason: t.field({ type: ExclusionReasonEnum, description: 'Reason (原因).', resolve: (e) => e.reason }),
  }),
});

export const BalanceReportRef = builder.objectRef<BalanceReport>('BalanceReport').implement({
  description: 'Quality-balance report of a county for a year and stage (县域义务教育优质均衡 资源配置监测).',
  fields: (t) => ({
    countyCode: t.exposeString('countyCode', { description: 'County (县区).' }),
    year: t.exposeInt('year', { description: 'Year (年度).' }),
    stage: t.field({ type: BalanceStageEnum, description: 'Stage (学段).', resolve: (r) => r.stage }),
    threshold: t.exposeFloat('threshold', { description: 'National CV threshold (国家标准): 0.50 primary, 0.45 junior unless set.' }),
    target: t.exposeFloat('target', { description: 'Effective target: the stricter of the threshold and the local target (本地目标).' }),
    minIndicatorsMet: t.exposeInt('minIndicatorsMet', { description: 'Indicators each school must reach (每校应达标项数).' }),
    indicators: t.field({ type: [IndicatorCvRef], description: 'Per indicator, in catalogue order (分指标差异系数).', resolve: (r) => r.indicators }),
    compositeCv: t.exposeFloat('compositeCv', { nullable: true, description: 'Composite: mean of the seven CVs (综合差异系数); null unless all seven are known.' }),
    compositeMet: t.exposeBoolean('compositeMet', { description: 'Composite within the target (综合达标).' }),
    compositeWarning: t.field({ type: BalanceWarningEnum, description: 'Composite traffic light (综合预警).', resolve: (r) => r.compositeWarning }),
    schools: t.field({ type: [SchoolBalanceRef], description: 'Schools counted (参评学校).', resolve: (r) => r.schools as WithSchool<SchoolBalance>[] }),
    schoolsMeetingStandard: t.int({ description: 'Schools meeting the per-school standard (达标学校数).', resolve: (r) => r.schools.filter((s) => s.meetsStandard).length }),
    exclusions: t.field({ type: [ExclusionRef], description: 'Schools left out and why (不纳入计算).', resolve: (r) => r.exclusions as WithSchool<Exclusion>[] }),
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
