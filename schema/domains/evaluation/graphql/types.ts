import { connectionOf } from '../../shared/graphql/connectionTypes.js';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { growthLevel } from '../growth.js';
import { builder } from '../../../builder.js';
import { SchoolRef } from '../../organisation/graphql/types.js';
import { SchoolStageEnum } from '../../organisation/graphql/enums.js';
import { schools } from '../../organisation/table.js';
import { EvaluationCycleStatusEnum, GrowthLevelEnum, ValueAddedBandEnum, ValueAddedMethodEnum } from './enums.js';
import { SchoolEvaluationRef } from './frameworkTypes.js';
import { aggregateEvaluations, withSchoolRows, type SchoolEvaluation } from '../aggregateEvaluations.js';
import { batchedPerRequest } from '../../shared/loaders.js';
import { resultCondition } from '../visibility.js';
import { publishedEvaluations, rankShown } from '../publication.js';
import { readScope } from '../../access/jurisdiction.js';
import { evaluationInvitations } from '../table.js';

export const ValueAddedFilterInput = builder.inputType('ValueAddedFilter', {
  description: 'Filter for value-added rows (增值结果筛选).',
  fields: (t) => ({
    band: t.field({ type: [ValueAddedBandEnum], description: 'Any of these bands.' }),
    countyCode: t.string({ description: 'Schools of this county only.' }),
    schoolCode: t.string({ description: 'One school.' }),
  }),
});

const IntervalRef = builder.objectRef<{ low: number; high: number }>('ConfidenceInterval').implement({
  description: '95% confidence interval (95%置信区间): estimate ± 1.96 standard errors.',
  fields: (t) => ({
    low: t.exposeFloat('low', { description: 'Lower bound (下限).' }),
    high: t.exposeFloat('high', { description: 'Upper bound (上限).' }),
  }),
});

const RankIntervalRef = builder.objectRef<{ best: number; worst: number }>('RankInterval').implement({
  description: 'The range of ranks the confidence intervals allow (名次区间): a rank is never shown without it.',
  fields: (t) => ({
    best: t.exposeInt('best', { description: 'Best plausible rank: 1 + schools whose interval lies wholly above.' }),
    worst: t.exposeInt('worst', {
      description: 'Worst plausible rank: schools ranked − those whose interval lies wholly below.',
    }),
  }),
});

export { growthLevel } from '../growth.js';

export const ValueAddedResultRef = builder.drizzleObject('valueAddedResults', {
  name: 'ValueAddedResult',
  description:
    'A school’s value added in a cycle (学校增值评价结果): how far its students went beyond ' +
    'what their intake predicted, with uncertainty. Estimates are null when SUPPRESSED.',
  fields: (t) => ({
    school: t.relation('school', { description: 'The school (学校).' }),
    cohortSize: t.exposeInt('cohortSize', { description: 'Students of the school in the cycle (样本人数).' }),
    band: t.expose('band', {
      type: ValueAddedBandEnum,
      description: 'Above, in line with or below expectation, or suppressed (增值等级).',
    }),
    intakeMean: t.exposeFloat('intakeMean', { nullable: true, description: 'Mean intake score (入口平均分).' }),
    outcomeMean: t.exposeFloat('outcomeMean', { nullable: true, description: 'Mean outcome score (出口平均分).' }),
    expectedOutcome: t.exposeFloat('expectedOutcome', {
      nullable: true,
      description: 'Outcome the regional model predicts from the mean intake (预期出口分).',
    }),
    valueAdded: t.exposeFloat('valueAdded', {
      nullable: true,
      description: 'Value added: mean residual, outcome mean − expected (增值分).',
    }),
    standardError: t.exposeFloat('standardError', {
      nullable: true,
      description: 'Standard error: residual SD ÷ √cohort (标准误).',
    }),
    interval: t.field({
      type: IntervalRef,
      nullable: true,
      description: '95% confidence interval of the value added (95%置信区间).',
      resolve: (r) => (r.ciLow == null || r.ciHigh == null ? null : { low: r.ciLow, high: r.ciHigh }),
    }),
    growthIndex: t.exposeFloat('growthIndex', {
      nullable: true,
      description: 'Growth index: value added ÷ standard error (增长指数, as PVAAS).',
    }),
    growthLevel: t.field({
      type: GrowthLevelEnum,
      nullable: true,
      description:
        'Level of the growth index (增长指数等级); a boundary belongs to the higher level, as ' +
        'PVAAS: ≥ 2 WELL_ABOVE, [1, 2) ABOVE, [−1, 1) MEETS, [−2, −1) BELOW, < −2 WELL_BELOW.',
      resolve: (r) => (r.growthIndex == null ? null : growthLevel(r.growthIndex)),
    }),
    rank: t.int({
      nullable: true,
      description:
        'Rank by value added among estimated schools, 1 highest (名次); read with rankInterval. ' +
        'Outside the school’s jurisdiction null unless the region sets evaluation.publishRank ' +
        '(不得以排名公布).',
      resolve: async (r, _a, ctx) => ((await rankShown(ctx, r)) ? r.rank : null),
    }),
    rankInterval: t.field({
      type: RankIntervalRef,
      nullable: true,
      description: 'Range of plausible ranks (名次区间); shown as rank is.',
      resolve: async (r, _a, ctx) =>
        r.rankBest == null || r.rankWorst == null || !(await rankShown(ctx, r))
          ? null
          : { best: r.rankBest, worst: r.rankWorst },
    }),
    cycle: t.relation('cycle', { description: 'The evaluation cycle (评价周期).' }),
  }),
});

/** Multi-party results of every cycle a request shows, batched: one aggregation for all of them. */
const evaluationResultsLoader = batchedPerRequest<number, SchoolEvaluation[]>(async (ctx, cycleIds) => {
  const all = await withSchoolRows(
    ctx.db,
    await publishedEvaluations(
      ctx,
      await aggregateEvaluations(
        ctx.db,
        resultCondition(ctx.viewer, {
          cycleId: evaluationInvitations.cycleId,
          countyCode: evaluationInvitations.countyCode,
          schoolId: evaluationInvitations.schoolId,
        }),
        inArray(evaluationInvitations.cycleId, [...cycleIds]),
      ),
    ),
  );
  return cycleIds.map((id) => all.filter((r) => r.cycleId === id));
});

export const EvaluationCycleRef = builder.drizzleNode('evaluationCycles', {
  name: 'EvaluationCycle',
  description:
    'An evaluation cycle (评价周期) of a region, year and stage: student scores in, value ' +
    'added and multi-party results out. Its results are public once CLOSED.',
  id: { column: (c) => c.id },
  fields: (t) => ({
    cycleId: t.exposeInt('id', { description: 'Row id (周期编号); mutations also accept the global id.' }),
    name: t.exposeString('name', { description: 'Name (名称), e.g. 2026年高中增值评价.' }),
    region: t.relation('region', { description: 'Region that runs the cycle (组织区域).' }),
    year: t.exposeInt('year', { description: 'Year (年度).' }),
    stage: t.expose('stage', { type: SchoolStageEnum, description: 'Stage evaluated (学段).' }),
    method: t.expose('method', { type: ValueAddedMethodEnum, description: 'Value-added method (增值评价方法).' }),
    status: t.expose('status', { type: EvaluationCycleStatusEnum, description: 'Status (状态).' }),
    intakeMin: t.exposeFloat('intakeMin', { description: 'Lowest valid intake score (入口分下限).' }),
    intakeMax: t.exposeFloat('intakeMax', { description: 'Highest valid intake score (入口分上限).' }),
    outcomeMin: t.exposeFloat('outcomeMin', { description: 'Lowest valid outcome score (出口分下限).' }),
    outcomeMax: t.exposeFloat('outcomeMax', { description: 'Highest valid outcome score (出口分上限).' }),
    slope: t.exposeFloat('slope', {
      nullable: true,
      description: 'Fitted slope of outcome on intake (回归斜率); null until computed.',
    }),
    intercept: t.exposeFloat('intercept', { nullable: true, description: 'Fitted intercept (回归截距).' }),
    residualSd: t.exposeFloat('residualSd', {
      nullable: true,
      description: 'Residual standard deviation of the model (残差标准差).',
    }),
    studentCount: t.exposeInt('studentCount', { nullable: true, description: 'Students in the fit (参评学生数).' }),
    minCohort: t.exposeInt('minCohort', { nullable: true, description: 'Suppression threshold used (最小样本量).' }),
    computedAt: t.expose('computedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When value added was last computed (计算时间).',
    }),
    closedAt: t.expose('closedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the cycle was closed and published (关闭时间).',
    }),
    framework: t.relation('framework', {
      nullable: true,
      description: 'Multi-party evaluation framework (多元评价指标体系).',
    }),
    valueAdded: t.relatedConnection(
      'valueAdded',
      {
        description:
          'Per-school value added (学校增值结果), by rank (suppressed schools last) for callers with ' +
          'evaluation rights, by school for everyone else (results are not published as a league ' +
          'table). Before the cycle is CLOSED only schools in the caller’s jurisdiction; never ' +
          'student rows.',
        args: { filter: t.arg({ type: ValueAddedFilterInput }) },
        totalCount: true,
        query: (args, ctx) => ({
          where: {
            RAW: (r) =>
              and(
                resultCondition(ctx.viewer, { cycleId: r.cycleId, countyCode: r.countyCode, schoolId: r.schoolId }),
                args.filter?.band?.length ? inArray(r.band, args.filter.band) : undefined,
                args.filter?.countyCode ? eq(r.countyCode, args.filter.countyCode) : undefined,
                args.filter?.schoolCode
                  ? sql`${r.schoolId} = (select ${schools.id} from ${schools} where ${schools.code} = ${args.filter.schoolCode})`
                  : undefined,
              )!,
          },
          // Readers of published results only (portals, evaluators, anonymous) get no ranked list.
          orderBy: readScope(ctx.viewer, 'evaluation').kind === 'none' ? { schoolId: 'asc' } : { position: 'asc' },
        }),
      },
      connectionOf(ValueAddedResultRef),
    ),
    evaluationResults: t.field({
      type: [SchoolEvaluationRef],
      description:
        'Multi-party results per school (多元评价汇总), weighted; same visibility as valueAdded. ' +
        'Outside the school’s jurisdiction a party score resting on fewer than ' +
        'evaluation.minPartySubmissions submissions is withheld (suppressed) and left out of ' +
        'overall.',
      resolve: (c, _args, ctx) => evaluationResultsLoader(ctx).load(c.id),
    }),
  }),
});

builder.objectField(SchoolEvaluationRef, 'school', (t) =>
  t.field({
    type: SchoolRef,
    description: 'The school (学校).',
    resolve: async (e, _args, ctx) =>
      e.school ?? (await ctx.db.query.schools.findFirst({ where: { id: e.schoolId } }))!,
  }),
);
