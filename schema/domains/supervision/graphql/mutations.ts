import { builder } from '../../../builder.js';
import { entityMutation } from '../../shared/graphql/payloadTypes.js';
import {
  EscalationStageEnum,
  FindingSeverityEnum,
  InspectionKindEnum,
  InspectorKindEnum,
  MeetingKindEnum,
} from './enums.js';
import { convertFindingToTask } from '../services/convertFindingToTask.js';
import { generateReportingPeriods } from '../services/generateReportingPeriods.js';
import { planInspection } from '../services/planInspection.js';
import { respondToRapidRequest } from '../services/respondToRapidRequest.js';
import { submitRapidRequest } from '../services/submitRapidRequest.js';
import { recheckTask } from '../services/recheckTask.js';
import { recordAccountabilityDecision } from '../services/recordAccountabilityDecision.js';
import { recordFinding } from '../services/recordFinding.js';
import { recordMeetingDecision } from '../services/recordMeetingDecision.js';
import { runEscalations } from '../services/runEscalations.js';
import { scheduleMeeting } from '../services/scheduleMeeting.js';
import { submitPeriodReport } from '../services/submitPeriodReport.js';
import {
  EscalationRef,
  EscalationRunRef,
  FindingRef,
  InspectionRef,
  MeetingDecisionRef,
  MeetingRef,
  PeriodRef,
  PeriodReportRef,
  RapidRequestRef,
} from './types.js';

void EscalationStageEnum;

const InspectorInput = builder.inputType('InspectorInput', {
  description: 'An inspector of an inspection (督查人员), bound to a token subject.',
  fields: (t) => ({
    subject: t.string({
      required: true,
      description: 'The inspector’s token subject (EVALUATOR tokens reach only inspections listing it).',
    }),
    name: t.string({ required: true, description: 'Name (姓名); personal data.' }),
    kind: t.field({
      type: InspectorKindEnum,
      required: true,
      description: 'STAFF, THIRD_PARTY or OBSERVER (教育观察员).',
    }),
  }),
});

entityMutation({
  field: 'planInspection',
  description:
    'Plans an inspection (督查/督导): the city of its counties and schools, a county of its ' +
    'own schools; with scope, period and inspectors.',
  entityField: 'inspection',
  entityRef: InspectionRef,
  inputFields: (t) => ({
    regionCode: t.string({ required: true, description: 'The planning city or county.' }),
    kind: t.field({
      type: InspectionKindEnum,
      required: true,
      description: 'SPECIAL (专项督导), SPOT_CHECK (随机抽查/飞行检查) or FOLLOW_UP (回头看).',
    }),
    title: t.string({ required: true, description: 'Title (名称).' }),
    scopeRegionCodes: t.stringList({ description: 'Counties inspected (city inspections).' }),
    scopeSchoolCodes: t.stringList({ description: 'Schools inspected.' }),
    periodStart: t.field({ type: 'Date', required: true, description: 'First day.' }),
    periodEnd: t.field({ type: 'Date', required: true, description: 'Last day.' }),
    inspectors: t.field({
      type: [InspectorInput],
      description: 'Inspectors, including third-party assessors and education observers.',
    }),
  }),
  verb: planInspection,
});

entityMutation({
  field: 'recordFinding',
  description:
    'Records a finding (督查发现) on a unit in an inspection’s scope: severity, evidence links ' +
    'and the responsibility-list matter violated. The planner’s bureau or an inspector of that ' +
    'inspection.',
  entityField: 'finding',
  entityRef: FindingRef,
  inputFields: (t) => ({
    inspectionId: t.id({ required: true, description: 'Global id of the inspection.' }),
    regionCode: t.string({ description: 'Inspected region; or give schoolCode.' }),
    schoolCode: t.string({ description: 'Inspected school; or give regionCode.' }),
    severity: t.field({ type: FindingSeverityEnum, required: true, description: 'Severity (问题等级).' }),
    itemKey: t.string({ required: true, description: 'The matter violated, on the city’s current list.' }),
    description: t.string({ required: true, description: 'What was found (问题描述).' }),
    evidence: t.stringList({ description: 'Evidence links, http(s), at most 20.' }),
  }),
  verb: recordFinding,
});

entityMutation({
  field: 'convertFindingToTask',
  description:
    'Turns a finding into a rectification task (转整改任务) for the inspected unit on the ' +
    'violated matter, with deadline and acceptance standard; the task then follows the ' +
    'ordinary flow. Same rights as createRectificationTask.',
  entityField: 'finding',
  entityRef: FindingRef,
  inputFields: (t) => ({
    findingId: t.id({ required: true, description: 'Global id of the finding.' }),
    title: t.string({ required: true, description: 'Task title.' }),
    description: t.string({ description: 'What must be rectified; defaults to the finding’s description.' }),
    acceptanceStandard: t.string({ required: true, description: 'What acceptance checks (验收标准).' }),
    startDate: t.field({ type: 'Date', description: 'Start; defaults to today (CST).' }),
    deadline: t.field({ type: 'Date', required: true, description: 'Deadline (完成时限).' }),
  }),
  verb: convertFindingToTask,
});

entityMutation({
  field: 'recheckTask',
  description:
    '回头看: a FOLLOW_UP inspection re-checks an accepted task; a failed re-check reopens it ' +
    'with a new deadline and the assessed progress.',
  entityField: 'finding',
  entityRef: FindingRef,
  inputFields: (t) => ({
    inspectionId: t.id({ required: true, description: 'Global id of the FOLLOW_UP inspection.' }),
    taskId: t.id({ required: true, description: 'Global id of the accepted task.' }),
    passed: t.boolean({ required: true, description: 'Whether the rectification held.' }),
    description: t.string({ required: true, description: 'What the re-check found.' }),
    evidence: t.stringList({ description: 'Evidence links.' }),
    reopenDeadline: t.field({ type: 'Date', description: 'New deadline (required when not passed).' }),
    assessedProgress: t.int({ description: 'Assessed progress 0–99 (required when not passed).' }),
  }),
  verb: recheckTask,
});

entityMutation({
  field: 'runEscalations',
  description:
    'Runs the escalation job now for a city (the server also runs it on a schedule): 挂牌督办 ' +
    'for tasks RED long enough, 问责 for listed tasks still RED, by the city’s ' +
    'supervision.escalation setting. Idempotent; returns ran: false while another process runs ' +
    'it.',
  entityField: 'run',
  entityRef: EscalationRunRef,
  inputFields: (t) => ({ cityCode: t.string({ required: true, description: 'The city.' }) }),
  verb: runEscalations,
});

entityMutation({
  field: 'recordAccountabilityDecision',
  description: 'Records who is held to account, the decision and its date on a 问责 record.',
  entityField: 'escalation',
  entityRef: EscalationRef,
  inputFields: (t) => ({
    escalationId: t.id({ required: true, description: 'Global id of the ACCOUNTABILITY escalation.' }),
    accountablePerson: t.string({ required: true, description: 'Who (问责对象); personal data.' }),
    decision: t.string({ required: true, description: 'Decision (问责决定).' }),
    decidedOn: t.field({ type: 'Date', required: true, description: 'Date of the decision.' }),
  }),
  verb: recordAccountabilityDecision,
});

const GeneratedPeriodsRef = builder.objectRef<{ periods: unknown[] }>('GeneratedReportingPeriods').implement({
  description: 'The periods of the requested range.',
  fields: (t) => ({
    periods: t.field({ type: [PeriodRef], description: 'Periods, oldest first.', resolve: (g) => g.periods as never }),
  }),
});

entityMutation({
  field: 'generateReportingPeriods',
  description:
    'Makes a city’s reporting periods (调度周期) over a date range from its rhythm ' +
    '(supervision.rhythm) and due days (supervision.reportDueDays); existing periods are kept.',
  entityField: 'result',
  entityRef: GeneratedPeriodsRef,
  inputFields: (t) => ({
    cityCode: t.string({ required: true, description: 'The city.' }),
    from: t.field({ type: 'Date', required: true, description: 'First day of the range.' }),
    to: t.field({ type: 'Date', required: true, description: 'Last day of the range.' }),
  }),
  verb: generateReportingPeriods,
});

const ReportTaskInput = builder.inputType('PeriodReportTaskInput', {
  description: 'Progress on one of the unit’s tasks in a period report.',
  fields: (t) => ({
    taskId: t.id({ required: true, description: 'Global id of the task.' }),
    progress: t.int({ required: true, description: 'Completion 0–100.' }),
    note: t.string({ required: true, description: 'What was done.' }),
    evidence: t.stringList({ description: 'Evidence links.' }),
  }),
});

entityMutation({
  field: 'submitPeriodReport',
  description:
    'A county (or the city) submits its report for a reporting period (调度报告): narrative, ' +
    'attachment links and progress per task — each passed on as a progress report. After the ' +
    'due date it is LATE.',
  entityField: 'report',
  entityRef: PeriodReportRef,
  inputFields: (t) => ({
    periodId: t.id({ required: true, description: 'Global id of the period.' }),
    regionCode: t.string({ required: true, description: 'The reporting unit (the caller’s own region).' }),
    narrative: t.string({ required: true, description: 'Narrative (工作进展).' }),
    attachments: t.stringList({ description: 'Attachment links, http(s), at most 20.' }),
    tasks: t.field({ type: [ReportTaskInput], required: true, description: 'Progress per task (at most 100).' }),
  }),
  verb: submitPeriodReport,
});

const AgendaInput = builder.inputType('MeetingAgendaItemInput', {
  description: 'An agenda item (议题), optionally about a task, finding or request.',
  fields: (t) => ({
    title: t.string({ required: true, description: 'Topic.' }),
    taskId: t.id({ description: 'A rectification task.' }),
    findingId: t.id({ description: 'A finding.' }),
    rapidRequestId: t.id({ description: 'A 快速响应 request.' }),
  }),
});

entityMutation({
  field: 'scheduleMeeting',
  description: 'Convenes a coordination meeting (季度协调会 / 会商) with participants and agenda.',
  entityField: 'meeting',
  entityRef: MeetingRef,
  inputFields: (t) => ({
    regionCode: t.string({ required: true, description: 'Convening city or county.' }),
    kind: t.field({ type: MeetingKindEnum, required: true, description: 'QUARTERLY_COORDINATION or CONSULTATION.' }),
    title: t.string({ required: true, description: 'Title.' }),
    heldOn: t.field({ type: 'Date', required: true, description: 'Date.' }),
    participants: t.stringList({ required: true, description: 'Participating units and posts (参会单位).' }),
    agenda: t.field({ type: [AgendaInput], description: 'Agenda items, in order.' }),
  }),
  verb: scheduleMeeting,
});

entityMutation({
  field: 'recordMeetingDecision',
  description:
    'Records a meeting decision (议定事项) with owner and deadline; it becomes a rectification ' +
    'task (same rights as createRectificationTask).',
  entityField: 'decision',
  entityRef: MeetingDecisionRef,
  inputFields: (t) => ({
    meetingId: t.id({ required: true, description: 'Global id of the meeting.' }),
    decision: t.string({ required: true, description: 'What was decided.' }),
    itemKey: t.string({ required: true, description: 'The matter, on the current list.' }),
    regionCode: t.string({ description: 'Owner region; or schoolCode.' }),
    schoolCode: t.string({ description: 'Owner school; or regionCode.' }),
    title: t.string({ required: true, description: 'Task title.' }),
    acceptanceStandard: t.string({ required: true, description: 'Acceptance standard.' }),
    deadline: t.field({ type: 'Date', required: true, description: 'Deadline.' }),
  }),
  verb: recordMeetingDecision,
});

entityMutation({
  field: 'submitRapidRequest',
  description: '快速响应: a county bureau asks its city, with a response deadline.',
  entityField: 'request',
  entityRef: RapidRequestRef,
  inputFields: (t) => ({
    regionCode: t.string({ required: true, description: 'The asking county (the caller’s own).' }),
    subject: t.string({ required: true, description: 'Subject.' }),
    body: t.string({ required: true, description: 'Request.' }),
    responseDeadline: t.field({ type: 'Date', required: true, description: 'Answer due by (答复时限).' }),
  }),
  verb: submitRapidRequest,
});

entityMutation({
  field: 'respondToRapidRequest',
  description: 'The city answers a county’s 快速响应 request.',
  entityField: 'request',
  entityRef: RapidRequestRef,
  inputFields: (t) => ({
    rapidRequestId: t.id({ required: true, description: 'Global id of the request.' }),
    response: t.string({ required: true, description: 'The answer (答复意见).' }),
  }),
  verb: respondToRapidRequest,
});
