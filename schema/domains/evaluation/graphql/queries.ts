import { connectionOf } from '../../shared/graphql/connectionTypes.js';
import { and, eq, inArray, or, sql } from 'drizzle-orm';
import { builder } from '../../../builder.js';
import { toUserErrors } from '../../../errors.js';
import { readScope, scopeCondition } from '../../access/jurisdiction.js';
import { underRegion } from '../../organisation/codes.js';
import { SchoolStageEnum } from '../../organisation/graphql/enums.js';
import { schools } from '../../organisation/table.js';
import { regionChain } from '../../settings/resolve.js';
import {
  BALANCE_INDICATORS,
  BalanceIndicatorDefinitionRef,
  BalanceReportRef,
  BalanceVerdictRef,
  withSchools,
} from './balanceTypes.js';
import { ASSESSMENT_ITEMS, AssessmentItemDefinitionRef, BalanceReadinessRef } from './readinessTypes.js';
import { balanceReadiness } from '../balanceReadiness.js';
import { BALANCE_STAGES } from '../catalogue.js';
import { fail } from '../../../errors.js';
import { bounded } from '../../shared/bounds.js';
import { BalanceStageEnum, EvaluationCycleStatusEnum } from './enums.js';
import { EvaluationFrameworkRef, EvaluationInvitationRef } from './frameworkTypes.js';
import { rowIdOf } from '../../shared/ids.js';
import { SchoolProfileRef } from './profileTypes.js';
import { balanceReport, balanceVerdicts, countiesOf } from '../balanceReport.js';
import { evaluationCycles, evaluationInvitations } from '../table.js';
import { EvaluationCycleRef } from './types.js';
import { nodeReadRule } from '../../shared/graphql/nodeTypes.js';

/** Cycles run by the region, by any region under it, or by a region above it (a county sees its city's cycles). */
function cycleCondition(
  t: typeof evaluationCycles,
  args: { regionCode: string; year?: number | null; stage?: string | null; status?: string[] | null },
) {
  return and(
    or(underRegion(t.regionCode, args.regionCode), inArray(t.regionCode, regionChain(args.regionCode))),
    args.year != null ? eq(t.year, args.year) : undefined,
    args.stage ? sql`${t.stage} = ${args.stage}` : undefined,
    args.status?.length
      ? sql`${t.status} in (${sql.join(
          args.status.map((s) => sql`${s}`),
          sql`, `,
        )})`
      : undefined,
  )!;
}

/** Invitations the viewer may see: their own, their county's self-evaluations, or all within their evaluation jurisdiction. */
export function invitationCondition(ctx: { viewer: Parameters<typeof readScope>[0] }, t: typeof evaluationInvitations) {
  const admin = scopeCondition(readScope(ctx.viewer, 'evaluation'), { region: t.countyCode, school: t.schoolId });
  const own = sql`${t.evaluator} = ${ctx.viewer.actor}`;
  return or(admin, own)!;
}

builder.queryFields((t) => ({
  evaluationCycles: t.drizzleConnection(
    {
      type: 'evaluationCycles',
      description:
        'Evaluation cycles (评价周期) relevant to a region: its own, those under it and those of ' +
        'the regions above it; newest first.',
      args: {
        regionCode: t.arg.string({ required: true, description: 'Region code.' }),
        year: t.arg.int({ description: 'Only this year.' }),
        stage: t.arg({ type: SchoolStageEnum, description: 'Only this stage.' }),
        status: t.arg({ type: [EvaluationCycleStatusEnum], description: 'Any of these statuses.' }),
      },
      totalCount: (_p, args, ctx) => ctx.db.$count(evaluationCycles, cycleCondition(evaluationCycles, args)),
      resolve: async (query, _root, args, ctx) =>
        ctx.db.query.evaluationCycles.findMany(
          query({ where: { RAW: (c) => cycleCondition(c, args) }, orderBy: { id: 'desc' } }),
        ),
    },
    connectionOf(EvaluationCycleRef),
  ),

  evaluationCycle: t.drizzleField({
    type: 'evaluationCycles',
    nullable: true,
    description: 'An evaluation cycle by its global id or row id (按编号查询评价周期).',
    args: { id: t.arg.id({ required: true }) },
    resolve: async (query, _root, args, ctx) =>
      ctx.db.query.evaluationCycles.findFirst(
        query({ where: { id: rowIdOf(String(args.id), 'EvaluationCycle', ['id']) } }),
      ),
  }),

  evaluationFrameworks: t.drizzleField({
    type: ['evaluationFrameworks'],
    description: 'Multi-party evaluation frameworks of a region and the regions above it (多元评价指标体系).',
    args: { regionCode: t.arg.string({ required: true, description: 'Region code.' }) },
    resolve: async (query, _root, args, ctx) =>
      ctx.db.query.evaluationFrameworks.findMany(
        query({ where: { regionCode: { in: regionChain(args.regionCode) } }, orderBy: { id: 'asc' } }),
      ),
  }),

  evaluationInvitations: t.drizzleConnection(
    {
      type: 'evaluationInvitations',
      description:
        'Evaluation invitations (评价邀请): an evaluator sees only their own; admins those within ' +
        'their jurisdiction.',
      args: {
        cycleId: t.arg.id({ description: 'Only this cycle (global or row id).' }),
        pendingOnly: t.arg.boolean({ description: 'Only those not yet submitted.' }),
      },
      totalCount: (_p, args, ctx) =>
        ctx.db.$count(
          evaluationInvitations,
          and(
            invitationCondition(ctx, evaluationInvitations),
            args.cycleId
              ? eq(evaluationInvitations.cycleId, rowIdOf(String(args.cycleId), 'EvaluationCycle', ['cycleId']))
              : undefined,
            args.pendingOnly ? sql`${evaluationInvitations.submittedAt} is null` : undefined,
          ),
        ),
      resolve: async (query, _root, args, ctx) =>
        ctx.db.query.evaluationInvitations.findMany(
          query({
            where: {
              RAW: (i) =>
                and(
                  invitationCondition(ctx, i),
                  args.cycleId
                    ? eq(i.cycleId, rowIdOf(String(args.cycleId), 'EvaluationCycle', ['cycleId']))
                    : undefined,
                  args.pendingOnly ? sql`${i.submittedAt} is null` : undefined,
                )!,
            },
            orderBy: { id: 'asc' },
          }),
        ),
    },
    connectionOf(EvaluationInvitationRef),
  ),

  balanceIndicators: t.field({
    type: [BalanceIndicatorDefinitionRef],
    description: 'The seven quality-balance indicators and their per-school minimums (优质均衡指标目录).',
    resolve: () => [...BALANCE_INDICATORS],
  }),

  balanceReport: t.field({
    type: BalanceReportRef,
    nullable: true,
    description:
      'Quality-balance report of a county (县域优质均衡监测), as of the report year’s facts: ' +
      'per-indicator enrolment-weighted CVs with the national verdict ' +
      '(allIndicatorsWithinThreshold, the colour) and the local one, the per-school standard (6 ' +
      'of 7, the rest ≥ 85 %), schools and exclusions. Null for an unknown county.',
    args: {
      countyCode: t.arg.string({ required: true, description: 'County code.' }),
      year: t.arg.int({ required: true, description: 'Year.' }),
      stage: t.arg({ type: BalanceStageEnum, required: true, description: 'PRIMARY or JUNIOR.' }),
    },
    resolve: async (_root, args, ctx) => {
      try {
        return await withSchools(ctx, await balanceReport(ctx.db, args.countyCode, args.year, args.stage));
      } catch (err) {
        if (toUserErrors(err)?.[0]?.code === 'NOT_FOUND') return null;
        throw err;
      }
    },
  }),

  balanceOverview: t.field({
    type: [BalanceVerdictRef],
    description:
      'City-wide balance dashboard (全市优质均衡监测总览): the verdicts of every county of the ' +
      'region × year × stage, in one request with a fixed number of statements however many ' +
      'counties. Per indicator the national threshold and the local target are separate ' +
      'verdicts; the colour follows allIndicatorsWithinThreshold, never the composite. A county ' +
      'code gives that county alone.',
    args: {
      regionCode: t.arg.string({ required: true, description: 'City (or county) code, e.g. 430700.' }),
      years: t.arg.intList({
        required: true,
        description: 'Report years (年度), at most 10.',
        extensions: bounded({ maxItems: 10 }),
      }),
      stages: t.arg({ type: [BalanceStageEnum], description: 'Stages; both when left out.' }),
    },
    resolve: async (_root, args, ctx) => {
      if (args.years.some((y) => y < 2000 || y > 2100))
        fail('VALIDATION', 'Years must be between 2000 and 2100.', ['years']);
      const { self, counties } = await countiesOf(ctx.db, args.regionCode);
      if (!self) return [];
      const scope = self.level === 'COUNTY' ? [self] : counties;
      const years = [...new Set(args.years)].sort();
      const stages = args.stages?.length ? [...new Set(args.stages)] : [...BALANCE_STAGES];
      return (
        await balanceVerdicts(
          ctx.db,
          scope.map((c) => ({ code: c.code, name: c.name })),
          years,
          stages,
        )
      ).verdicts;
    },
  }),

  balanceAssessmentItems: t.field({
    type: [AssessmentItemDefinitionRef],
    description:
      'The 政府保障程度 (15), 教育质量 (9) and 社会认可度 items of the 优质均衡 assessment in ' +
      'the official wording (教督〔2017〕6号).',
    resolve: () => [...ASSESSMENT_ITEMS],
  }),

  balanceReadiness: t.field({
    type: BalanceReadinessRef,
    nullable: true,
    description:
      'A county’s 优质均衡 readiness for a year (评估准备情况): resource allocation, ' +
      '政府保障程度, 教育质量 and 社会认可度 combined. Null for an unknown county.',
    args: {
      countyCode: t.arg.string({ required: true, description: 'County code.' }),
      year: t.arg.int({ required: true, description: 'Year.' }),
    },
    resolve: async (_root, args, ctx) => {
      try {
        return await balanceReadiness(ctx.db, args.countyCode, args.year);
      } catch (err) {
        if (toUserErrors(err)?.[0]?.code === 'NOT_FOUND') return null;
        throw err;
      }
    },
  }),

  schoolProfile: t.field({
    type: SchoolProfileRef,
    nullable: true,
    description: 'School development profile by 学校标识码 (学校发展画像); null for an unknown school.',
    args: { code: t.arg.string({ required: true, description: '10-digit school identifier.' }) },
    resolve: async (_root, args, ctx) =>
      (await ctx.db.select().from(schools).where(eq(schools.code, args.code)))[0] ?? null,
  }),
}));

export { EvaluationCycleRef, EvaluationFrameworkRef, EvaluationInvitationRef };

// node(id:) reads by the lists' rules: cycles and frameworks are public (evaluationCycles and
// evaluationFrameworks take any region), invitations as evaluationInvitations.
nodeReadRule('EvaluationCycle', { table: 'evaluationCycles', key: 'id', visible: () => () => undefined });
nodeReadRule('EvaluationFramework', { table: 'evaluationFrameworks', key: 'id', visible: () => () => undefined });
nodeReadRule('EvaluationInvitation', {
  table: 'evaluationInvitations',
  key: 'id',
  visible: (ctx) => (i) => invitationCondition(ctx, i),
});
