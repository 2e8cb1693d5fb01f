import { connectionOf } from '../../shared/graphql/connectionTypes.js';
import { groupedPerRequest } from '../../shared/loaders.js';
import { builder } from '../../../builder.js';
import { readScope, scopeFilter } from '../../access/jurisdiction.js';
import { BackboneLevelEnum } from '../../organisation/graphql/enums.js';
import { SchoolRef, TeacherRef } from '../../organisation/graphql/types.js';
import { canReadAssignment, readableAssignments } from '../access.js';
import { activeExchangeCounts } from '../../organisation/activeExchangeCount.js';
import { ExchangeApprovalLevelEnum, ExchangeKindEnum, ExchangeStatusEnum } from './enums.js';
import type { ExchangeStatus } from '../rules.js';
import type { ExchangeAssignment } from '../table.js';

interface Step {
  status: ExchangeStatus;
  actor: string;
  at: string;
  note: string | null;
}

const ExchangeStepRef = builder.objectRef<Step>('ExchangeStep').implement({
  description: 'One step of an assignment’s lifecycle (流程记录): who moved it to which status, and when.',
  fields: (t) => ({
    status: t.field({
      type: ExchangeStatusEnum,
      description: 'Status reached by this step.',
      resolve: (s) => s.status,
    }),
    actor: t.exposeString('actor', { description: 'Who took the step, as in the audit trail (操作人).' }),
    at: t.field({ type: 'DateTime', description: 'When (时间).', resolve: (s) => s.at }),
    note: t.exposeString('note', { nullable: true, description: 'Decision note or reason given (意见/原因), if any.' }),
  }),
});

function steps(a: ExchangeAssignment): Step[] {
  const out: Step[] = [{ status: 'PROPOSED', actor: a.proposedBy, at: a.proposedAt, note: a.reason }];
  if (a.decidedBy && a.decidedAt) {
    out.push({
      status: a.status === 'REJECTED' ? 'REJECTED' : 'APPROVED',
      actor: a.decidedBy,
      at: a.decidedAt,
      note: a.decisionNote,
    });
  }
  if (a.startedBy && a.startedAt) out.push({ status: 'ACTIVE', actor: a.startedBy, at: a.startedAt, note: null });
  if (a.completedBy && a.completedAt)
    out.push({ status: 'COMPLETED', actor: a.completedBy, at: a.completedAt, note: null });
  if (a.cancelledBy && a.cancelledAt)
    out.push({ status: 'CANCELLED', actor: a.cancelledBy, at: a.cancelledAt, note: a.cancelReason });
  return out;
}

export const ExchangeAssignmentRef = builder.drizzleNode('exchangeAssignments', {
  name: 'ExchangeAssignment',
  description:
    'A teacher’s posting to another school (教师交流安排): rotation, itinerant teaching, ' +
    'support or shadowing. Restricted: visible to the jurisdictions of the sending or the ' +
    'receiving school, never to portals (they get exchangeStats).',
  id: { column: (a) => a.id },
  readRule: (a, ctx) => canReadAssignment(ctx.viewer, a),
  fields: (t) => ({
    kind: t.expose('kind', { type: ExchangeKindEnum, description: 'Kind of exchange (交流方式).' }),
    status: t.expose('status', { type: ExchangeStatusEnum, description: 'Lifecycle status (状态).' }),
    teacherName: t.string({
      description: 'Name of the teacher (教师姓名).',
      select: {
        extras: {
          teacherName: (a, { sql }) => sql<string>`(select name from teachers where teachers.id = ${a.teacherId})`,
        },
      },
      resolve: (a) => (a as { teacherName: string }).teacherName,
    }),
    teacherStaffNo: t.string({
      description: 'Staff number of the teacher (教职工号).',
      select: {
        extras: {
          teacherStaffNo: (a, { sql }) =>
            sql<string>`(select staff_no from teachers where teachers.id = ${a.teacherId})`,
        },
      },
      resolve: (a) => (a as { teacherStaffNo: string }).teacherStaffNo,
    }),
    teacher: t.relation('teacher', {
      nullable: true,
      description:
        'The teacher’s full record (教师档案); null when the teacher’s home school lies outside ' +
        'your jurisdiction (e.g. an inbound cross-county teacher).',
      query: (_args, ctx) => ({
        where: scopeFilter(readScope(ctx.viewer, 'teacher'), { region: 'countyCode', school: 'schoolId' }),
      }),
    }),
    sourceSchool: t.relation('sourceSchool', {
      description: 'Sending school: the teacher’s home school when proposed (派出学校).',
    }),
    targetSchool: t.relation('targetSchool', { description: 'Receiving school (接收学校).' }),
    crossCounty: t.boolean({
      description:
        'Whether the schools are in different counties (跨县交流); such exchanges are approved at ' +
        'city level by default.',
      resolve: (a) => a.sourceCountyCode !== a.targetCountyCode,
    }),
    startDate: t.field({
      type: 'Date',
      description: 'First day of the posting (开始日期).',
      resolve: (a) => a.startDate,
    }),
    endDate: t.field({
      type: 'Date',
      description: 'Planned last day, inclusive (计划结束日期).',
      resolve: (a) => a.endDate,
    }),
    endedOn: t.field({
      type: 'Date',
      nullable: true,
      description: 'Actual last day once completed (实际结束日期); earlier than endDate when ended early.',
      resolve: (a) => a.endedOn,
    }),
    subject: t.exposeString('subject', {
      nullable: true,
      description: 'Subject taught at the target school (任教学科).',
    }),
    weeklyHours: t.exposeInt('weeklyHours', {
      nullable: true,
      description: 'ITINERANT only: hours per week at the target school (周课时).',
    }),
    reason: t.exposeString('reason', { description: 'Why the exchange is proposed (交流原因).' }),
    yearsAtSchoolAtProposal: t.exposeInt('yearsAtSchoolAtProposal', {
      description: 'Years at the home school when proposed (申报时本校任教年限).',
    }),
    backboneLevelAtProposal: t.expose('backboneLevelAtProposal', {
      type: BackboneLevelEnum,
      description: 'Backbone level when proposed (申报时骨干级别); the statistics use this.',
    }),
    eligibleAtProposal: t.exposeBoolean('eligibleAtProposal', {
      description: 'Met the region’s eligibility threshold (exchange.eligibilityYears) when proposed (符合交流条件).',
    }),
    approvalLevel: t.expose('approvalLevel', {
      type: ExchangeApprovalLevelEnum,
      description: 'Level that decides (审批层级), from the responsibility list; re-checked, and stored, when decided.',
    }),
    approvalListId: t.exposeInt('approvalListId', {
      nullable: true,
      description:
        'Id of the published responsibility list that set the approval level; null when the ' +
        'documented default did.',
    }),
    steps: t.field({
      type: [ExchangeStepRef],
      description:
        'Lifecycle so far, oldest first (流程记录): who proposed, decided, started, completed or ' +
        'cancelled it, and when.',
      resolve: steps,
    }),
  }),
});

builder.drizzleObjectField(TeacherRef, 'exchanges', (t) =>
  t.relatedConnection(
    'exchangeAssignments',
    {
      type: ExchangeAssignmentRef,
      description: 'The teacher’s exchange history (交流经历), latest start first. Empty for portals.',
      query: (_args, ctx) => ({
        where: { RAW: (a) => readableAssignments(ctx.viewer)(a) },
        orderBy: { startDate: 'desc' },
      }),
      totalCount: true,
    },
    connectionOf(ExchangeAssignmentRef),
  ),
);

/** Active exchange counts for teacher rows that came without them: one batched statement per request. */
const activeCountLoader = groupedPerRequest<number, number>(
  (ctx, ids) => activeExchangeCounts(ctx.db, ids),
  () => 0,
);

builder.objectField(TeacherRef, 'activeExchangeCount', (t) =>
  t.int({
    description:
      'Exchanges this teacher is serving now (进行中的交流, status ACTIVE); a public aggregate, also for portals.',
    // Loaded with the teacher row (see organisation/activeExchangeCount.ts); batched by id for rows loaded elsewhere.
    resolve: (teacher, _args, ctx) => {
      const loaded = (teacher as { activeExchangeCount?: number }).activeExchangeCount;
      return typeof loaded === 'number' ? loaded : activeCountLoader(ctx).load(teacher.id);
    },
  }),
);

builder.drizzleObjectFields(SchoolRef, (t) => ({
  outboundExchanges: t.relatedConnection(
    'outboundExchanges',
    {
      type: ExchangeAssignmentRef,
      description:
        'Exchanges sending this school’s teachers elsewhere (派出交流), latest start first. Empty ' +
        'outside your jurisdiction and for portals.',
      query: (_args, ctx) => ({
        where: { RAW: (a) => readableAssignments(ctx.viewer)(a) },
        orderBy: { startDate: 'desc' },
      }),
      totalCount: true,
    },
    connectionOf(ExchangeAssignmentRef),
  ),
  inboundExchanges: t.relatedConnection(
    'inboundExchanges',
    {
      type: ExchangeAssignmentRef,
      description:
        'Exchanges bringing teachers to this school (接收交流), latest start first. Empty outside ' +
        'your jurisdiction and for portals.',
      query: (_args, ctx) => ({
        where: { RAW: (a) => readableAssignments(ctx.viewer)(a) },
        orderBy: { startDate: 'desc' },
      }),
      totalCount: true,
    },
    connectionOf(ExchangeAssignmentRef),
  ),
}));
