import { builder } from '../../../builder.js';
import { canRead } from '../../access/jurisdiction.js';
import {
  RectificationStatusEnum,
  ReviewDecisionEnum,
  GovernanceLevelEnum,
  TaskWaitingOnEnum,
  TaskWarningEnum,
} from './enums.js';
import { TASK_TYPE } from '../ids.js';
import { expectedProgress, isAcceptanceOverdue, isOverdue, waitingOn, warningOf } from '../warning.js';
import { taskPlace } from '../tasks.js';

export const ReportRef = builder.drizzleObject('rectificationReports', {
  name: 'RectificationReport',
  description: 'A progress report on a rectification task (整改进展报告).',
  fields: (t) => ({
    progress: t.exposeInt('progress', { description: 'Reported completion, 0–100 (完成百分比).' }),
    note: t.exposeString('note', { description: 'What was done (进展说明).' }),
    evidence: t.exposeStringList('evidence', { description: 'Links to evidence: documents, photos (佐证材料).' }),
    reporter: t.exposeString('reporter', { description: 'Who reported (报告人).' }),
    reportedAt: t.expose('reportedAt', { type: 'DateTime', description: 'When (报告时间).' }),
  }),
});

export const ReviewRef = builder.drizzleObject('rectificationReviews', {
  name: 'RectificationReview',
  description: 'An acceptance review of a rectification task by its supervising level (验收记录).',
  fields: (t) => ({
    decision: t.expose('decision', { type: ReviewDecisionEnum, description: 'Accepted or rejected (验收结论).' }),
    note: t.exposeString('note', { description: 'Reviewer’s remarks (验收意见).' }),
    reviewer: t.exposeString('reviewer', { description: 'Who reviewed (验收人).' }),
    reviewerLevel: t.expose('reviewerLevel', {
      type: GovernanceLevelEnum,
      description: 'The supervising level that reviewed (验收层级).',
    }),
    reviewedAt: t.expose('reviewedAt', { type: 'DateTime', description: 'When (验收时间).' }),
  }),
});

export const TaskRef = builder.drizzleNode('rectificationTasks', {
  name: TASK_TYPE,
  description:
    'A rectification task on a responsibility item (整改任务): responsible unit, deadline, ' +
    'acceptance standard, progress reports; closed only by acceptance of the supervising level ' +
    '(销号制). Visible inside the caller’s jurisdiction; never to portals.',
  id: { column: (t) => t.id },
  readRule: (task, ctx) => canRead(ctx.viewer, 'rectificationTask', taskPlace(task)),
  fields: (t) => ({
    itemKey: t.exposeString('itemKey', { description: 'Key of the matter (事项编码), stable across list versions.' }),
    item: t.relation('item', { description: 'The item of the published list the task was opened on (所属事项).' }),
    regionCode: t.exposeString('regionCode', {
      description: 'Responsible region, or the county of the responsible school (责任区划).',
    }),
    region: t.relation('region', { description: 'Responsible region, or the school’s county (责任区划).' }),
    school: t.relation('school', {
      nullable: true,
      description: 'Responsible school, when the unit is a school (责任学校).',
    }),
    title: t.exposeString('title', { description: 'Title (任务名称).' }),
    description: t.exposeString('description', { description: 'What must be rectified (整改内容).' }),
    acceptanceStandard: t.exposeString('acceptanceStandard', { description: 'What acceptance checks (验收标准).' }),
    startDate: t.expose('startDate', { type: 'Date', description: 'Start of the schedule (开始日期).' }),
    deadline: t.expose('deadline', { type: 'Date', description: 'Last day of the schedule, inclusive (完成时限).' }),
    status: t.expose('status', {
      type: RectificationStatusEnum,
      description: 'In progress, awaiting acceptance, or accepted (状态).',
    }),
    progress: t.exposeInt('progress', { description: 'Latest reported completion, 0–100 (当前进度).' }),
    lastReportedAt: t.expose('lastReportedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'Time of the latest report (最近报告时间).',
    }),
    acceptedAt: t.expose('acceptedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When it was accepted and closed (销号时间).',
    }),
    expectedProgress: t.int({
      description: 'Progress a linear schedule expects now, 0–100, rounded down (计划进度).',
      resolve: (task) => Math.floor(expectedProgress(task, new Date())),
    }),
    overdue: t.boolean({
      description:
        'The responsible unit is late (逾期): still IN_PROGRESS past 24:00 (China Standard Time) ' +
        'of the deadline. A task reported complete and awaiting acceptance is not overdue for the ' +
        'unit: see acceptanceOverdue.',
      resolve: (task) => isOverdue(task, new Date()),
    }),
    waitingOn: t.field({
      type: TaskWaitingOnEnum,
      description:
        'Who must act next (待办方): RESPONSIBLE_UNIT while IN_PROGRESS, SUPERVISING_LEVEL while ' +
        'AWAITING_ACCEPTANCE, NONE once ACCEPTED.',
      resolve: (task) => waitingOn(task),
    }),
    acceptanceOverdue: t.boolean({
      description:
        'Waiting on the supervising level past 24:00 (CST) of the deadline (验收逾期): the delay ' +
        'is the supervising level’s, so the task is not RED for the responsible unit.',
      resolve: (task) => isAcceptanceOverdue(task, new Date()),
    }),
    warning: t.field({
      type: TaskWarningEnum,
      description:
        'Warning colour of the responsible unit now (三色预警), computed at read time: ACCEPTED or ' +
        'AWAITING_ACCEPTANCE → GREEN (the latter waits on the supervising level, see waitingOn); ' +
        'overdue (IN_PROGRESS past the deadline) → RED; lag (expected − reported progress) ≥ 30 → ' +
        'RED; ≥ 10 → YELLOW; else GREEN. See TaskWarning.',
      resolve: (task) => warningOf(task, new Date()),
    }),
    reports: t.relation('reports', {
      description: 'Progress reports, newest first (进展报告).',
      query: { orderBy: { reportedAt: 'desc', id: 'desc' } },
    }),
    reviews: t.relation('reviews', {
      description: 'Acceptance reviews, newest first (验收记录).',
      query: { orderBy: { reviewedAt: 'desc', id: 'desc' } },
    }),
    createdBy: t.exposeString('createdBy', { description: 'Who opened the task (下达人).' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was opened (下达时间).' }),
  }),
});
