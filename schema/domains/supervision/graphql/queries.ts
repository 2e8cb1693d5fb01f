import { and, eq, sql } from 'drizzle-orm';
import { builder } from '../../../builder.js';
import { fail } from '../../../errors.js';
import { canRead } from '../../access/jurisdiction.js';
import { cityOf, regionLevelOf, underRegion } from '../../organisation/codes.js';
import { TaskWarningEnum } from '../../responsibility/graphql/enums.js';
import { connectionOf } from '../../shared/graphql/connectionTypes.js';
import { bounded } from '../../shared/bounds.js';
import { rowIdOf, rowIdOrNull } from '../../shared/ids.js';
import { nodeReadRule } from '../../shared/graphql/nodeTypes.js';
import {
  bulletinOf,
  bulletinPeriod,
  dashboardOf,
  type Bulletin,
  type BulletinRegion,
  type CountyStanding,
} from '../bulletin.js';
import { EscalationStageEnum, InspectionKindEnum, RapidRequestStatusEnum, ReportStatusEnum } from './enums.js';
import {
  escalationCondition,
  findingCondition,
  inspectionCondition,
  meetingCondition,
  rapidRequestCondition,
} from '../filters.js';
import { INSPECTION_TYPE, PERIOD_TYPE } from '../ids.js';
import type { RegionCounts } from '../regionColour.js';
import {
  coordinationMeetings,
  escalations,
  inspectionFindings,
  inspections,
  rapidRequests,
  reportingPeriods,
} from '../table.js';
import {
  cityStateOf,
  EscalationRef,
  FindingRef,
  InspectionRef,
  MeetingRef,
  PeriodRef,
  RapidRequestRef,
} from './types.js';

const COLOUR_RULE =
  'Region colour (整改滞后地区): RED when a task of the region is still open under 挂牌督办, ' +
  'or RED tasks are at least a third of its open tasks (and there is one), or its report for ' +
  'the reference period is MISSING; otherwise YELLOW when any open task is RED or YELLOW or ' +
  'that report was LATE; otherwise GREEN (no tasks: GREEN). Task colours follow TaskWarning; ' +
  'accepted tasks are GREEN and not open.';

const countFields = (t: any) => ({
  colour: t.field({ type: TaskWarningEnum, description: COLOUR_RULE, resolve: (r: RegionCounts) => r.colour }),
  red: t.int({ description: 'Tasks RED (红色预警任务数).', resolve: (r: RegionCounts) => r.red }),
  yellow: t.int({ description: 'Tasks YELLOW.', resolve: (r: RegionCounts) => r.yellow }),
  green: t.int({ description: 'Tasks GREEN (accepted ones included).', resolve: (r: RegionCounts) => r.green }),
  open: t.int({ description: 'Tasks not accepted (未销号).', resolve: (r: RegionCounts) => r.open }),
  accepted: t.int({ description: 'Tasks accepted (已销号).', resolve: (r: RegionCounts) => r.accepted }),
  listed: t.int({ description: 'Open tasks under 挂牌督办.', resolve: (r: RegionCounts) => r.listed }),
  report: t.field({
    type: ReportStatusEnum,
    nullable: true,
    description: 'Report status for the reference period; null before any period is due.',
    resolve: (r: RegionCounts) => r.report,
  }),
});

const BulletinRegionRef = builder.objectRef<BulletinRegion>('BulletinRegion').implement({
  description: 'One county in a bulletin (通报): colour and counts at the end of the period, and its events in it.',
  fields: (t) => ({
    regionCode: t.exposeString('regionCode', { description: 'County code.' }),
    regionName: t.exposeString('regionName', { description: 'County name.' }),
    ...countFields(t),
    newlyListed: t.exposeInt('newlyListed', { description: 'Tasks put under 挂牌督办 in the period.' }),
    newlyAccountable: t.exposeInt('newlyAccountable', {
      description: 'Accountability records (问责) opened in the period (count only).',
    }),
    newlyAccepted: t.exposeInt('newlyAccepted', { description: 'Tasks accepted (销号) in the period.' }),
  }),
});

const BulletinTotalsRef = builder.objectRef<Bulletin['totals']>('BulletinTotals').implement({
  description: 'City totals of a bulletin.',
  fields: (t) => ({
    red: t.exposeInt('red', { description: 'RED tasks.' }),
    yellow: t.exposeInt('yellow', { description: 'YELLOW tasks.' }),
    green: t.exposeInt('green', { description: 'GREEN tasks.' }),
    newlyListed: t.exposeInt('newlyListed', { description: 'Newly listed (挂牌督办).' }),
    newlyAccountable: t.exposeInt('newlyAccountable', { description: 'Newly opened 问责 records (count).' }),
    newlyAccepted: t.exposeInt('newlyAccepted', { description: 'Newly accepted (销号).' }),
  }),
});

const BulletinListedRef = builder.objectRef<Bulletin['listed'][number]>('BulletinListedTask').implement({
  description: 'A task newly put under 挂牌督办 (named in the 通报).',
  fields: (t) => ({
    regionCode: t.exposeString('regionCode', { description: 'County code.' }),
    regionName: t.exposeString('regionName', { description: 'County name.' }),
    taskTitle: t.exposeString('taskTitle', { description: 'Task title.' }),
    supervisingLeader: t.exposeString('supervisingLeader', { description: 'Supervising leader (督办领导).' }),
    escalatedAt: t.field({ type: 'DateTime', description: 'When listed.', resolve: (l) => l.escalatedAt }),
  }),
});

const BulletinAcceptedRef = builder.objectRef<Bulletin['accepted'][number]>('BulletinAcceptedTask').implement({
  description: 'A task accepted and closed in the period (销号).',
  fields: (t) => ({
    regionCode: t.exposeString('regionCode', { description: 'County code.' }),
    regionName: t.exposeString('regionName', { description: 'County name.' }),
    taskTitle: t.exposeString('taskTitle', { description: 'Task title.' }),
    acceptedAt: t.field({ type: 'DateTime', description: 'When accepted.', resolve: (l) => l.acceptedAt }),
  }),
});

export const BulletinRef = builder.objectRef<Bulletin>('SupervisionBulletin').implement({
  description:
    'The 通报 of a reporting period, as a portal renders it: counts by colour per county, ' +
    'newly escalated and newly accepted. Circulated to every signed-in reader; never names who ' +
    'is held to account. Also at /bulletins/{periodId}.html and .csv.',
  fields: (t) => ({
    period: t.field({ type: PeriodRef, description: 'The period.', resolve: (b) => b.period as never }),
    regions: t.field({ type: [BulletinRegionRef], description: 'Every county, by code.', resolve: (b) => b.regions }),
    totals: t.field({ type: BulletinTotalsRef, description: 'City totals.', resolve: (b) => b.totals }),
    listed: t.field({
      type: [BulletinListedRef],
      description: 'Tasks newly under 挂牌督办.',
      resolve: (b) => b.listed,
    }),
    accepted: t.field({
      type: [BulletinAcceptedRef],
      description: 'Tasks newly accepted.',
      resolve: (b) => b.accepted,
    }),
  }),
});

type Trend = CountyStanding['trend'][number];
const PeriodColourRef = builder.objectRef<Trend>('PeriodColour').implement({
  description: 'A county’s colour and counts for one past period (趋势).',
  fields: (t) => ({
    period: t.field({ type: PeriodRef, description: 'The period.', resolve: (p) => p.period as never }),
    ...countFields(t),
  }),
});

const CountyStandingRef = builder.objectRef<CountyStanding>('CountyStanding').implement({
  description: 'A county on the city dashboard: colour and counts now, and the trend over the last periods.',
  fields: (t) => ({
    regionCode: t.exposeString('regionCode', { description: 'County code.' }),
    regionName: t.exposeString('regionName', { description: 'County name.' }),
    ...countFields(t),
    trend: t.field({
      type: [PeriodColourRef],
      description: 'Colour per ended period, oldest first.',
      resolve: (c) => c.trend,
    }),
  }),
});

const cityArg = (code: string, path: (string | number)[]) => {
  if (!/^\d{6}$/.test(code) || regionLevelOf(code) !== 'CITY')
    fail('VALIDATION', 'Give a city code (ending 00).', path);
  return code;
};

builder.queryFields((t) => ({
  inspections: t.drizzleConnection(
    {
      type: 'inspections',
      description:
        'Inspections (督查/督导) the caller may see, newest period first: its jurisdiction’s, ' +
        'those covering it, or (inspectors) their own.',
      args: {
        regionCode: t.arg.string({ description: 'Only inspections planned by this region.' }),
        kind: t.arg({ type: [InspectionKindEnum], description: 'Any of these kinds.' }),
      },
      totalCount: (_p, args, ctx) => ctx.db.$count(inspections, inspectionCondition(ctx.viewer, args)(inspections)),
      resolve: async (query, _r, args, ctx) => {
        const c = inspectionCondition(ctx.viewer, args);
        return ctx.db.query.inspections.findMany(
          query({ where: { RAW: (i) => c(i) ?? sql`true` }, orderBy: { periodStart: 'desc', id: 'desc' } }),
        );
      },
    },
    connectionOf(InspectionRef),
  ),

  inspectionFindings: t.drizzleConnection(
    {
      type: 'inspectionFindings',
      description:
        'Findings (督查发现) the caller may see, newest first: about units in its jurisdiction, or ' +
        '(inspectors) of their own inspections.',
      args: {
        regionCode: t.arg.string({ description: 'Only findings on units in this region.' }),
        inspectionId: t.arg.id({ description: 'Only findings of this inspection.' }),
      },
      totalCount: (_p, args, ctx) => ctx.db.$count(inspectionFindings, findingFilter(ctx, args)(inspectionFindings)),
      resolve: async (query, _r, args, ctx) => {
        const c = findingFilter(ctx, args);
        return ctx.db.query.inspectionFindings.findMany(
          query({ where: { RAW: (f) => c(f) ?? sql`true` }, orderBy: { id: 'desc' } }),
        );
      },
    },
    connectionOf(FindingRef),
  ),

  escalations: t.drizzleConnection(
    {
      type: 'escalations',
      description:
        'Escalations (挂牌督办 list and 问责 records) in the caller’s jurisdiction, newest first. ' +
        'Never for portals or evaluators.',
      args: {
        regionCode: t.arg.string({ description: 'Only in this region.' }),
        stage: t.arg({ type: [EscalationStageEnum], description: 'Any of these stages.' }),
      },
      totalCount: (_p, args, ctx) => ctx.db.$count(escalations, escalationCondition(ctx.viewer, args)(escalations)),
      resolve: async (query, _r, args, ctx) => {
        const c = escalationCondition(ctx.viewer, args);
        return ctx.db.query.escalations.findMany(
          query({ where: { RAW: (e) => c(e) ?? sql`true` }, orderBy: { escalatedAt: 'desc', id: 'desc' } }),
        );
      },
    },
    connectionOf(EscalationRef),
  ),

  reportingPeriods: t.drizzleConnection(
    {
      type: 'reportingPeriods',
      description: 'A city’s reporting periods (调度周期), newest first. Public.',
      args: { regionCode: t.arg.string({ required: true, description: 'The city, or one of its counties.' }) },
      totalCount: (_p, args, ctx) =>
        ctx.db.$count(reportingPeriods, sql`${reportingPeriods.regionCode} = ${cityOfArg(args.regionCode)}`),
      resolve: async (query, _r, args, ctx) =>
        ctx.db.query.reportingPeriods.findMany(
          query({ where: { regionCode: cityOfArg(args.regionCode) }, orderBy: { startDate: 'desc', id: 'desc' } }),
        ),
    },
    connectionOf(PeriodRef),
  ),

  supervisionBulletin: t.field({
    type: BulletinRef,
    description: 'The 通报 of a reporting period (one query a portal renders). Every signed-in reader.',
    args: { periodId: t.arg.id({ required: true, description: 'Global id of the period.' }) },
    resolve: async (_r, args, ctx) => {
      const period = await bulletinPeriod(ctx, rowIdOf(String(args.periodId), PERIOD_TYPE, ['periodId']), ['periodId']);
      return bulletinOf(ctx, await cityStateOf(ctx, period.regionCode), period);
    },
  }),

  supervisionDashboard: t.field({
    type: [CountyStandingRef],
    description: `The city’s dashboard (整改进度看板): every county with colour, counts and trend over the last \`periods\` ended periods, in one load. ${COLOUR_RULE} Every signed-in reader.`,
    args: {
      cityCode: t.arg.string({ required: true, description: 'The city (code ending 00).' }),
      periods: t.arg.int({
        defaultValue: 3,
        description: 'How many past periods the trend covers, 0–12.',
        extensions: bounded({ min: 0, max: 12 }),
      }),
    },
    resolve: async (_r, args, ctx) => {
      const city = cityArg(args.cityCode, ['cityCode']);
      if (!canRead(ctx.viewer, 'supervisionBulletin', { regionCode: city }))
        fail('FORBIDDEN', 'The dashboard is for signed-in readers.', ['cityCode']);
      const periods = args.periods ?? 3;
      if (periods < 0 || periods > 12) fail('VALIDATION', 'periods must be between 0 and 12.', ['periods']);
      return dashboardOf(ctx, await cityStateOf(ctx, city), periods);
    },
  }),

  coordinationMeetings: t.drizzleConnection(
    {
      type: 'coordinationMeetings',
      description: 'Coordination meetings (季度协调会, 会商) in the caller’s jurisdiction, newest first.',
      totalCount: (_p, _a, ctx) =>
        ctx.db.$count(coordinationMeetings, meetingCondition(ctx.viewer)(coordinationMeetings)),
      resolve: async (query, _r, _a, ctx) => {
        const c = meetingCondition(ctx.viewer);
        return ctx.db.query.coordinationMeetings.findMany(
          query({ where: { RAW: (m) => c(m) ?? sql`true` }, orderBy: { heldOn: 'desc', id: 'desc' } }),
        );
      },
    },
    connectionOf(MeetingRef),
  ),

  rapidResponseRequests: t.drizzleConnection(
    {
      type: 'rapidRequests',
      description: '快速响应 requests: a county’s own, or every request of the city’s counties; by response deadline.',
      args: {
        regionCode: t.arg.string({ description: 'Only requests of this region.' }),
        status: t.arg({ type: [RapidRequestStatusEnum], description: 'Any of these statuses.' }),
      },
      totalCount: (_p, args, ctx) =>
        ctx.db.$count(rapidRequests, rapidRequestCondition(ctx.viewer, args)(rapidRequests)),
      resolve: async (query, _r, args, ctx) => {
        const c = rapidRequestCondition(ctx.viewer, args);
        return ctx.db.query.rapidRequests.findMany(
          query({ where: { RAW: (r) => c(r) ?? sql`true` }, orderBy: { responseDeadline: 'asc', id: 'asc' } }),
        );
      },
    },
    connectionOf(RapidRequestRef),
  ),
}));

function findingFilter(
  ctx: { viewer: Parameters<typeof findingCondition>[0] },
  args: { regionCode?: string | null; inspectionId?: string | number | null },
) {
  const visible = findingCondition(ctx.viewer);
  const inspection = args.inspectionId != null ? rowIdOrNull(String(args.inspectionId), INSPECTION_TYPE) : null;
  return (f: typeof inspectionFindings) =>
    and(
      visible(f),
      args.regionCode ? underRegion(f.regionCode, args.regionCode) : undefined,
      args.inspectionId != null ? (inspection == null ? sql`false` : eq(f.inspectionId, inspection)) : undefined,
    );
}

function cityOfArg(code: string): string {
  if (!/^\d{6}$/.test(code)) fail('VALIDATION', 'Give a 6-digit region code.', ['regionCode']);
  return cityOf(code);
}

nodeReadRule('Inspection', { table: 'inspections', key: 'id', visible: (ctx) => inspectionCondition(ctx.viewer) });
nodeReadRule('InspectionFinding', {
  table: 'inspectionFindings',
  key: 'id',
  visible: (ctx) => findingCondition(ctx.viewer),
});
nodeReadRule('Escalation', { table: 'escalations', key: 'id', visible: (ctx) => escalationCondition(ctx.viewer) });
nodeReadRule('ReportingPeriod', { table: 'reportingPeriods', key: 'id', visible: () => () => undefined });
nodeReadRule('CoordinationMeeting', {
  table: 'coordinationMeetings',
  key: 'id',
  visible: (ctx) => meetingCondition(ctx.viewer),
});
nodeReadRule('RapidResponseRequest', {
  table: 'rapidRequests',
  key: 'id',
  visible: (ctx) => rapidRequestCondition(ctx.viewer),
});
