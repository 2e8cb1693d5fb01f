import { createContextCache } from '@pothos/core';
import DataLoader from 'dataloader';
import { sql } from 'drizzle-orm';
import { builder } from '../../../builder.js';
import type { Context } from '../../../context.js';
import { canRead } from '../../access/jurisdiction.js';
import { PERSONAL_FIELD_EXTENSION, personalValue } from '../../access/personalFields.js';
import { TaskWarningEnum } from '../../responsibility/graphql/enums.js';
import { TaskRef } from '../../responsibility/graphql/taskTypes.js';
import { connectionOf } from '../../shared/graphql/connectionTypes.js';
import { globalIdOf } from '../../shared/ids.js';
import { nowOf } from '../clock.js';
import {
  EscalationStageEnum,
  FindingSeverityEnum,
  InspectionKindEnum,
  InspectorKindEnum,
  MeetingKindEnum,
  RapidRequestStatusEnum,
  ReportingRhythmEnum,
  ReportStatusEnum,
} from './enums.js';
import { canReadAccountability, findingCondition } from '../filters.js';
import {
  ESCALATION_TYPE,
  FINDING_TYPE,
  INSPECTION_TYPE,
  MEETING_TYPE,
  PERIOD_TYPE,
  RAPID_REQUEST_TYPE,
} from '../ids.js';
import { endOfDayCst } from '../periods.js';
import { loadCityState, reportStatus, type CityState } from '../rollup.js';
import type { inspectionFindings, periodReports, rapidRequests, reportingPeriods } from '../table.js';
import type { EscalationRun } from '../escalationJob.js';

/** One load of a city's supervision state per request, however many fields need it. */
const cityStates = createContextCache(
  (ctx: Context) =>
    new DataLoader<string, CityState>((codes) => Promise.all(codes.map((c) => loadCityState(ctx.db, c)))),
);
export const cityStateOf = (ctx: Context, cityCode: string) => cityStates(ctx).load(cityCode);

const gid = (type: string, id: number | null) => (id == null ? null : globalIdOf(type, id));

export const InspectorRef = builder.drizzleObject('inspectionInspectors', {
  name: 'Inspector',
  description:
    'An inspector of one inspection (督查人员): staff, a third-party assessor or an education ' +
    'observer; their EVALUATOR token reaches this inspection only.',
  fields: (t) => ({
    subject: t.string({
      description: 'Token subject the grant is bound to (账号标识).',
      resolve: (i) => i.actor.replace(/^user:/, ''),
    }),
    kind: t.expose('kind', { type: InspectorKindEnum, description: 'Staff, third party or observer (类别).' }),
    name: t.string({
      nullable: true,
      description: 'Name (姓名). Personal data: null without the personal scope.',
      extensions: { [PERSONAL_FIELD_EXTENSION]: true },
      resolve: (i, _a, ctx) =>
        personalValue(
          ctx,
          { entityType: 'Inspector', entityKey: `${i.inspectionId}:${i.actor}`, regionCode: i.regionCode },
          'name',
          i.name,
          true,
        ),
    }),
  }),
});

export const FindingRef = builder.drizzleNode('inspectionFindings', {
  name: FINDING_TYPE,
  description:
    'A finding of an inspection on one unit (督查发现): severity, evidence links and the ' +
    'responsibility-list matter violated; convertFindingToTask makes it a rectification task. ' +
    'For a 回头看 re-check, `recheckPassed` says whether the accepted task held. Visible to ' +
    'the bureaus over the unit and to the inspection’s own inspectors; never to portals.',
  id: { column: (f) => f.id },
  fields: (t) => ({
    inspection: t.relation('inspection', { description: 'The inspection (所属督查).' }),
    regionCode: t.exposeString('regionCode', { description: 'Inspected region, or the school’s county (被督查区划).' }),
    school: t.relation('school', { nullable: true, description: 'Inspected school, if a school (被督查学校).' }),
    severity: t.expose('severity', { type: FindingSeverityEnum, description: 'Severity (问题等级).' }),
    itemKey: t.exposeString('itemKey', { description: 'The matter violated (违反的权责事项编码).' }),
    description: t.exposeString('description', { description: 'What was found (问题描述).' }),
    evidence: t.exposeStringList('evidence', { description: 'Evidence links (佐证材料).' }),
    taskId: t.field({
      type: 'ID',
      nullable: true,
      description:
        'Global id of the rectification task it became, or (回头看) the task re-checked; null ' + 'before conversion.',
      resolve: (f) => gid('RectificationTask', f.taskId),
    }),
    recheckPassed: t.exposeBoolean('recheckPassed', {
      nullable: true,
      description: '回头看 result: true held, false reopened; null for ordinary findings.',
    }),
    recordedBy: t.exposeString('recordedBy', { description: 'Who recorded it (记录人, actor id).' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When (记录时间).' }),
  }),
});

export const InspectionRef = builder.drizzleNode('inspections', {
  name: INSPECTION_TYPE,
  description:
    'An inspection (督查/督导) planned by the city, or by a county for its schools: kind, ' +
    'scope, period and inspectors. Visible to the planner’s jurisdiction, to the bureaus of ' +
    'the units in its scope and to its own inspectors; never to portals.',
  id: { column: (i) => i.id },
  fields: (t) => ({
    region: t.relation('region', { description: 'Planning bureau’s region (组织单位).' }),
    kind: t.expose('kind', { type: InspectionKindEnum, description: 'Kind (类型).' }),
    title: t.exposeString('title', { description: 'Title (名称).' }),
    scopeRegionCodes: t.exposeStringList('scopeRegionCodes', { description: 'Regions inspected (督查区县).' }),
    scopeSchoolCodes: t.exposeStringList('scopeSchoolCodes', { description: 'Schools inspected (督查学校).' }),
    periodStart: t.expose('periodStart', { type: 'Date', description: 'First day (开始日期).' }),
    periodEnd: t.expose('periodEnd', { type: 'Date', description: 'Last day (结束日期).' }),
    inspectors: t.relation('inspectors', { description: 'Inspectors (督查人员).' }),
    findings: t.relatedConnection(
      'findings',
      {
        description: 'Findings the caller may see, oldest first (督查发现).',
        query: (_args, ctx) => ({
          where: { RAW: (f) => findingCondition(ctx.viewer)(f as typeof inspectionFindings) ?? sql`true` },
          orderBy: { id: 'asc' },
        }),
        totalCount: true,
      },
      connectionOf(FindingRef),
    ),
    createdBy: t.exposeString('createdBy', { description: 'Who planned it (actor id).' }),
  }),
});

export const EscalationRef = builder.drizzleNode('escalations', {
  name: ESCALATION_TYPE,
  description:
    'An escalation of a lagging rectification task: LISTED (挂牌督办, on the city’s list with ' +
    'the supervising leader) or ACCOUNTABILITY (问责 record: who, what, decision, date). Made ' +
    'by the escalation job (runEscalations); visible to the bureaus over the task’s region; ' +
    'never to portals or evaluators (bulletins carry counts).',
  id: { column: (e) => e.id },
  fields: (t) => ({
    stage: t.expose('stage', { type: EscalationStageEnum, description: 'LISTED or ACCOUNTABILITY (阶段).' }),
    task: t.relation('task', { type: TaskRef, description: 'The lagging task (督办任务).' } as never),
    regionCode: t.exposeString('regionCode', { description: 'Region of the task (a school’s county).' }),
    reason: t.exposeString('reason', { description: 'Why, with the task’s progress and deadline (事由).' }),
    supervisingLeader: t.exposeString('supervisingLeader', {
      description: 'The supervising leader (督办领导), from the city’s setting.',
    }),
    accountablePerson: t.string({
      nullable: true,
      description: 'Who is held to account (问责对象). Personal data.',
      extensions: { [PERSONAL_FIELD_EXTENSION]: true },
      resolve: (e, _a, ctx) =>
        personalValue(
          ctx,
          { entityType: 'Escalation', entityKey: `escalation:${e.taskId}:${e.stage}`, regionCode: e.regionCode },
          'accountablePerson',
          e.accountablePerson,
          canReadAccountability(ctx.viewer, e),
        ),
    }),
    decision: t.string({
      nullable: true,
      description: 'The accountability decision (问责决定); null until recorded.',
      resolve: (e, _a, ctx) => (canReadAccountability(ctx.viewer, e) ? e.decision : null),
    }),
    decidedOn: t.field({
      type: 'Date',
      nullable: true,
      description: 'Date of the decision (决定日期).',
      resolve: (e, _a, ctx) => (canReadAccountability(ctx.viewer, e) ? e.decidedOn : null),
    }),
    escalatedAt: t.expose('escalatedAt', { type: 'DateTime', description: 'When the job escalated it (升级时间).' }),
  }),
});

export const EscalationRunRef = builder.objectRef<EscalationRun>('EscalationRun').implement({
  description: 'Result of one run of the escalation job.',
  fields: (t) => ({
    ran: t.exposeBoolean('ran', {
      description: 'False when another server process was running the job: this call did nothing.',
    }),
    listed: t.field({
      type: [EscalationRef],
      description: 'Tasks newly put under 挂牌督办.',
      resolve: (r) => r.listed as never,
    }),
    accountability: t.field({
      type: [EscalationRef],
      description: 'Newly opened accountability records (问责).',
      resolve: (r) => r.accountability as never,
    }),
  }),
});

type PeriodRow = typeof reportingPeriods.$inferSelect;
type ReportRow = typeof periodReports.$inferSelect;

interface ReportTaskLine {
  taskId: number;
  progress: number;
  note: string;
}
const ReportTaskRef = builder.objectRef<ReportTaskLine>('PeriodReportTask').implement({
  description: 'Progress on one task as given in a period report (任务进展).',
  fields: (t) => ({
    taskId: t.field({
      type: 'ID',
      description: 'Global id of the task.',
      resolve: (l) => globalIdOf('RectificationTask', l.taskId),
    }),
    progress: t.exposeInt('progress', { description: 'Reported completion, 0–100.' }),
    note: t.exposeString('note', { description: 'What was done (进展说明).' }),
  }),
});

export const PeriodReportRef = builder.objectRef<ReportRow & { lines?: ReportTaskLine[] }>('PeriodReport').implement({
  description: 'A responsible unit’s report for a reporting period (调度报告).',
  fields: (t) => ({
    regionCode: t.exposeString('regionCode', { description: 'Reporting unit (报送单位).' }),
    narrative: t.exposeString('narrative', { description: 'Narrative (工作进展情况).' }),
    attachments: t.exposeStringList('attachments', { description: 'Attachment links (附件).' }),
    submittedAt: t.field({
      type: 'DateTime',
      description: 'When it was submitted (报送时间).',
      resolve: (r) => r.submittedAt,
    }),
    submittedBy: t.exposeString('submittedBy', { description: 'Who submitted it (actor id).' }),
    tasks: t.field({
      type: [ReportTaskRef],
      description: 'Progress per task (任务进展).',
      resolve: (r) => r.lines ?? [],
    }),
  }),
});

interface UnitStatus {
  regionCode: string;
  regionName: string;
  status: string;
  report: (ReportRow & { lines: ReportTaskLine[] }) | null;
}
const UnitReportStatusRef = builder.objectRef<UnitStatus>('UnitReportStatus').implement({
  description: 'Whether a county reported for a period (报送情况); late and missing reports are flagged.',
  fields: (t) => ({
    regionCode: t.exposeString('regionCode', { description: 'County code.' }),
    regionName: t.exposeString('regionName', { description: 'County name.' }),
    status: t.field({
      type: ReportStatusEnum,
      description: 'ON_TIME, LATE, MISSING, PENDING or NOT_REQUIRED.',
      resolve: (u) => u.status as never,
    }),
    report: t.field({
      type: PeriodReportRef,
      nullable: true,
      description: 'The report itself, for callers who may read it (the unit’s bureaus); null otherwise.',
      resolve: (u) => u.report,
    }),
  }),
});

export function unitStatuses(ctx: Context, state: CityState, period: PeriodRow): UnitStatus[] {
  const now = nowOf(ctx);
  return state.counties.map((c) => {
    const report = state.reports.find((r) => r.periodId === period.id && r.regionCode === c.code) ?? null;
    const readable = report && canRead(ctx.viewer, 'periodReport', { regionCode: c.code });
    return {
      regionCode: c.code,
      regionName: c.name,
      status: reportStatus(state, c.code, period, now),
      report: readable ? { ...report, lines: state.reportTasks.filter((l) => l.reportId === report.id) } : null,
    };
  });
}

export const PeriodRef = builder.drizzleNode('reportingPeriods', {
  name: PERIOD_TYPE,
  description:
    'A reporting period of a city’s rhythm (调度周期): reports of its responsible units are ' +
    'due by `dueDate`. Public.',
  id: { column: (p) => p.id },
  fields: (t) => ({
    regionCode: t.exposeString('regionCode', { description: 'The city.' }),
    rhythm: t.expose('rhythm', { type: ReportingRhythmEnum, description: 'Rhythm (频次).' }),
    label: t.exposeString('label', { description: 'Label, e.g. 2026年10月.' }),
    startDate: t.expose('startDate', { type: 'Date', description: 'First day.' }),
    endDate: t.expose('endDate', { type: 'Date', description: 'Last day.' }),
    dueDate: t.expose('dueDate', { type: 'Date', description: 'Reports due by 24:00 (CST) of this day (报送截止).' }),
    dueAt: t.field({
      type: 'DateTime',
      description: 'The instant reports become late.',
      resolve: (p) => endOfDayCst(p.dueDate).toISOString(),
    }),
    reporting: t.field({
      type: [UnitReportStatusRef],
      description:
        'Every county of the city with its report status (报送情况) — late and missing flagged; ' +
        'report contents only for their bureaus.',
      resolve: async (p, _a, ctx) => unitStatuses(ctx, await cityStateOf(ctx, p.regionCode), p),
    }),
  }),
});

export const MeetingAgendaItemRef = builder.drizzleObject('meetingAgendaItems', {
  name: 'MeetingAgendaItem',
  description: 'An agenda item (议题), optionally about a task, finding or 快速响应 request (by global id).',
  fields: (t) => ({
    position: t.exposeInt('position', { description: 'Order (序号).' }),
    title: t.exposeString('title', { description: 'Topic (议题).' }),
    taskId: t.field({
      type: 'ID',
      nullable: true,
      description: 'A rectification task discussed.',
      resolve: (a) => gid('RectificationTask', a.taskId),
    }),
    findingId: t.field({
      type: 'ID',
      nullable: true,
      description: 'A finding discussed.',
      resolve: (a) => gid(FINDING_TYPE, a.findingId),
    }),
    rapidRequestId: t.field({
      type: 'ID',
      nullable: true,
      description: 'A 快速响应 request discussed.',
      resolve: (a) => gid(RAPID_REQUEST_TYPE, a.rapidRequestId),
    }),
  }),
});

export const MeetingDecisionRef = builder.drizzleObject('meetingDecisions', {
  name: 'MeetingDecision',
  description:
    'A decision of a meeting (议定事项): its owner and deadline are those of the rectification task it became.',
  fields: (t) => ({
    decision: t.exposeString('decision', { description: 'What was decided (议定内容).' }),
    task: t.relation('task', { description: 'The task it became (转化任务): owner, deadline, progress, warning.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When recorded.' }),
  }),
});

export const MeetingRef = builder.drizzleNode('coordinationMeetings', {
  name: MEETING_TYPE,
  description:
    'A coordination meeting (季度协调会 / 会商): participants, agenda and decisions. Visible ' +
    'inside the convener’s jurisdiction; never to portals.',
  id: { column: (m) => m.id },
  fields: (t) => ({
    region: t.relation('region', { description: 'Convening bureau’s region (召集单位).' }),
    kind: t.expose('kind', { type: MeetingKindEnum, description: 'Kind (类型).' }),
    title: t.exposeString('title', { description: 'Title (会议名称).' }),
    heldOn: t.expose('heldOn', { type: 'Date', description: 'Date (召开日期).' }),
    participants: t.exposeStringList('participants', { description: 'Participating units and posts (参会单位).' }),
    agenda: t.relation('agenda', { description: 'Agenda (议题), in order.', query: { orderBy: { position: 'asc' } } }),
    decisions: t.relation('decisions', { description: 'Decisions (议定事项).', query: { orderBy: { id: 'asc' } } }),
  }),
});

type RapidRow = typeof rapidRequests.$inferSelect;
/** Tracked like a task: answered → GREEN; past 24:00 of the deadline → RED; due within a day → YELLOW. */
export function rapidWarning(r: RapidRow, now: Date): 'RED' | 'YELLOW' | 'GREEN' {
  if (r.status === 'ANSWERED') return 'GREEN';
  const due = endOfDayCst(r.responseDeadline).getTime();
  if (now.getTime() >= due) return 'RED';
  return due - now.getTime() <= 86_400_000 ? 'YELLOW' : 'GREEN';
}

export const RapidRequestRef = builder.drizzleNode('rapidRequests', {
  name: RAPID_REQUEST_TYPE,
  description:
    'A 快速响应 request from a county to its city, with a response deadline; tracked like a ' +
    'task (warning colour). Visible to the county and the city; never to portals.',
  id: { column: (r) => r.id },
  fields: (t) => ({
    region: t.relation('region', { description: 'Asking county (提出单位).' }),
    regionCode: t.exposeString('regionCode', { description: 'Asking county’s code.' }),
    cityCode: t.exposeString('cityCode', { description: 'City asked (答复单位).' }),
    subject: t.exposeString('subject', { description: 'Subject (事项).' }),
    body: t.exposeString('body', { description: 'Request (具体诉求).' }),
    responseDeadline: t.expose('responseDeadline', {
      type: 'Date',
      description: 'Answer due by 24:00 (CST) of this day (答复时限).',
    }),
    status: t.expose('status', { type: RapidRequestStatusEnum, description: 'OPEN or ANSWERED.' }),
    response: t.exposeString('response', { nullable: true, description: 'The city’s answer (答复意见).' }),
    respondedAt: t.expose('respondedAt', { type: 'DateTime', nullable: true, description: 'When answered.' }),
    overdue: t.boolean({
      description: 'Open past its deadline, or answered after it (逾期).',
      resolve: (r) => {
        const due = endOfDayCst(r.responseDeadline).getTime();
        return r.respondedAt ? Date.parse(r.respondedAt) >= due : Date.now() >= due;
      },
    }),
    warning: t.field({
      type: TaskWarningEnum,
      description: 'ANSWERED → GREEN; past the deadline → RED; due within 24 h → YELLOW; else GREEN.',
      resolve: (r, _a, ctx) => rapidWarning(r, nowOf(ctx)),
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When asked.' }),
  }),
});
