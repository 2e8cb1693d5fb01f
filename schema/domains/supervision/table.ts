import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { regions, schools } from '../organisation/table.js';
import { rectificationTasks } from '../responsibility/table.js';

/**
 * Supervision (督查): inspections and their findings, escalation of lagging rectification
 * tasks (挂牌督办, 问责), scheduled reporting (调度) and coordination (会商, 快速响应). Tasks
 * themselves are the responsibility domain's; rows here point at them.
 */
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });

export const inspectionKind = pgEnum('inspection_kind', ['SPECIAL', 'SPOT_CHECK', 'FOLLOW_UP']);
export const inspectorKind = pgEnum('inspector_kind', ['STAFF', 'THIRD_PARTY', 'OBSERVER']);
export const findingSeverity = pgEnum('finding_severity', ['MINOR', 'MAJOR', 'SERIOUS']);

export const inspections = pgTable(
  'inspections',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    /** The planner: the city, or a county inspecting its own schools. */
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    kind: inspectionKind('kind').notNull(),
    title: text('title').notNull(),
    /** What is inspected: region codes and school codes inside the planner's jurisdiction. */
    scopeRegionCodes: text('scope_region_codes').array().notNull().default(sql`'{}'::text[]`),
    scopeSchoolCodes: text('scope_school_codes').array().notNull().default(sql`'{}'::text[]`),
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    periodEnd: date('period_end', { mode: 'string' }).notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    check('inspections_period', sql`${t.periodEnd} >= ${t.periodStart}`),
    index('inspections_region_idx').on(t.regionCode),
  ],
);

/** Who inspects: by token subject; their grant reaches this inspection only. */
export const inspectionInspectors = pgTable(
  'inspection_inspectors',
  {
    inspectionId: integer('inspection_id')
      .notNull()
      .references(() => inspections.id, { onDelete: 'cascade' }),
    /** `user:<token subject>`, the viewer's actor id. */
    actor: text('actor').notNull(),
    /** The inspection's planner region, for personal-data reads of the name. */
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    name: text('name').notNull(),
    kind: inspectorKind('kind').notNull(),
  },
  (t) => [primaryKey({ columns: [t.inspectionId, t.actor] }), index('inspection_inspectors_actor_idx').on(t.actor)],
);

export const inspectionFindings = pgTable(
  'inspection_findings',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    inspectionId: integer('inspection_id')
      .notNull()
      .references(() => inspections.id, { onDelete: 'cascade' }),
    /** The inspected unit: a region, or a school (then its county here). */
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    schoolId: integer('school_id').references(() => schools.id),
    severity: findingSeverity('severity').notNull(),
    /** The responsibility-list matter violated (事项编码). */
    itemKey: text('item_key').notNull(),
    description: text('description').notNull(),
    evidence: text('evidence').array().notNull().default(sql`'{}'::text[]`),
    /** The task the finding became (整改任务), once converted; for a 回头看 re-check, the task re-checked. */
    taskId: integer('task_id').references(() => rectificationTasks.id),
    /** 回头看: whether the re-checked task held (null for ordinary findings). */
    recheckPassed: boolean('recheck_passed'),
    recordedBy: text('recorded_by').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('inspection_findings_inspection_idx').on(t.inspectionId),
    index('inspection_findings_region_idx').on(t.regionCode),
    uniqueIndex('inspection_findings_task_uq').on(t.taskId).where(sql`${t.recheckPassed} is null`),
  ],
);

export const escalationStage = pgEnum('escalation_stage', ['LISTED', 'ACCOUNTABILITY']);

/**
 * Escalations of lagging tasks, one per task and stage (the unique key makes the job
 * idempotent): LISTED = 挂牌督办 under a supervising leader; ACCOUNTABILITY = the 问责 record,
 * whose who/decision/date the city fills in with recordAccountabilityDecision.
 */
export const escalations = pgTable(
  'escalations',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    taskId: integer('task_id')
      .notNull()
      .references(() => rectificationTasks.id, { onDelete: 'cascade' }),
    stage: escalationStage('stage').notNull(),
    /** The task's region (a school's county): jurisdiction and roll-ups. */
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    reason: text('reason').notNull(),
    supervisingLeader: text('supervising_leader').notNull(),
    /** 问责: who is held to account, the decision and its date (ACCOUNTABILITY only). */
    accountablePerson: text('accountable_person'),
    decision: text('decision'),
    decidedOn: date('decided_on', { mode: 'string' }),
    escalatedAt: ts('escalated_at').notNull(),
    createdBy: text('created_by').notNull(),
  },
  (t) => [
    uniqueIndex('escalations_task_stage_uq').on(t.taskId, t.stage),
    index('escalations_region_idx').on(t.regionCode),
  ],
);

export const reportingRhythm = pgEnum('reporting_rhythm', ['WEEKLY', 'MONTHLY', 'QUARTERLY', 'YEARLY']);

export const reportingPeriods = pgTable(
  'reporting_periods',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    /** The city whose rhythm it is. */
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    rhythm: reportingRhythm('rhythm').notNull(),
    label: text('label').notNull(),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }).notNull(),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
  },
  (t) => [
    uniqueIndex('reporting_periods_uq').on(t.regionCode, t.rhythm, t.startDate),
    check('reporting_periods_dates', sql`${t.endDate} >= ${t.startDate}`),
  ],
);

/** A responsible unit's report for a period (调度报告); task progress goes through reportTaskProgress. */
export const periodReports = pgTable(
  'period_reports',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    periodId: integer('period_id')
      .notNull()
      .references(() => reportingPeriods.id, { onDelete: 'cascade' }),
    /** The reporting unit: a county (for itself and its schools) or the city. */
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    narrative: text('narrative').notNull(),
    attachments: text('attachments').array().notNull().default(sql`'{}'::text[]`),
    submittedAt: ts('submitted_at').notNull(),
    submittedBy: text('submitted_by').notNull(),
  },
  (t) => [uniqueIndex('period_reports_unit_uq').on(t.periodId, t.regionCode)],
);

export const periodReportTasks = pgTable(
  'period_report_tasks',
  {
    reportId: integer('report_id')
      .notNull()
      .references(() => periodReports.id, { onDelete: 'cascade' }),
    taskId: integer('task_id')
      .notNull()
      .references(() => rectificationTasks.id, { onDelete: 'cascade' }),
    progress: integer('progress').notNull(),
    note: text('note').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.reportId, t.taskId] }),
    check('period_report_tasks_progress', sql`${t.progress} between 0 and 100`),
  ],
);

export const meetingKind = pgEnum('meeting_kind', ['QUARTERLY_COORDINATION', 'CONSULTATION']);

export const coordinationMeetings = pgTable(
  'coordination_meetings',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    /** The convening bureau. */
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    kind: meetingKind('kind').notNull(),
    title: text('title').notNull(),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    /** Participating units and posts (参会单位/职务), not named people. */
    participants: text('participants').array().notNull().default(sql`'{}'::text[]`),
    createdBy: text('created_by').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('coordination_meetings_region_idx').on(t.regionCode)],
);

export const meetingAgendaItems = pgTable(
  'meeting_agenda_items',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => coordinationMeetings.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    taskId: integer('task_id').references(() => rectificationTasks.id),
    findingId: integer('finding_id').references(() => inspectionFindings.id),
    rapidRequestId: integer('rapid_request_id').references(() => rapidRequests.id),
  },
  (t) => [uniqueIndex('meeting_agenda_position_uq').on(t.meetingId, t.position)],
);

/** A decision of a meeting (会议议定事项): owner and deadline; it becomes a rectification task. */
export const meetingDecisions = pgTable(
  'meeting_decisions',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => coordinationMeetings.id, { onDelete: 'cascade' }),
    decision: text('decision').notNull(),
    taskId: integer('task_id')
      .notNull()
      .references(() => rectificationTasks.id),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('meeting_decisions_meeting_idx').on(t.meetingId)],
);

export const rapidRequestStatus = pgEnum('rapid_request_status', ['OPEN', 'ANSWERED']);

/** 快速响应: a county asks the city for a decision or help by a deadline. */
export const rapidRequests = pgTable(
  'rapid_requests',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    /** The asking county. */
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    /** The city asked. */
    cityCode: text('city_code')
      .notNull()
      .references(() => regions.code),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    responseDeadline: date('response_deadline', { mode: 'string' }).notNull(),
    status: rapidRequestStatus('status').notNull().default('OPEN'),
    response: text('response'),
    respondedAt: ts('responded_at'),
    respondedBy: text('responded_by'),
    createdBy: text('created_by').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('rapid_requests_region_idx').on(t.regionCode), index('rapid_requests_city_idx').on(t.cityCode)],
);
