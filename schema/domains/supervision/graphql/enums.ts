import { builder } from '../../../builder.js';

export const InspectionKindEnum = builder.enumType('InspectionKind', {
  description: 'Kind of inspection (督查类型).',
  values: {
    SPECIAL: { description: 'Thematic supervision (专项督导), e.g. of county high-school policy.' },
    SPOT_CHECK: { description: 'Random or unannounced check (随机抽查/飞行检查).' },
    FOLLOW_UP: { description: 'Look-back re-check of accepted tasks (回头看); may reopen them.' },
  },
});

export const InspectorKindEnum = builder.enumType('InspectorKind', {
  description: 'Who an inspector is (督查人员类别).',
  values: {
    STAFF: { description: 'Bureau or 督导 office staff (督学/工作人员).' },
    THIRD_PARTY: { description: 'Third-party assessor (第三方评估机构).' },
    OBSERVER: { description: 'Education observer (教育观察员).' },
  },
});

export const FindingSeverityEnum = builder.enumType('FindingSeverity', {
  description: 'Severity of a finding (问题等级).',
  values: {
    MINOR: { description: 'Minor (一般问题).' },
    MAJOR: { description: 'Major (较重问题).' },
    SERIOUS: { description: 'Serious (严重问题).' },
  },
});

export const EscalationStageEnum = builder.enumType('EscalationStage', {
  description: 'Stage of escalation of a lagging task (升级阶段).',
  values: {
    LISTED: { description: 'Listed supervision (挂牌督办) under a supervising leader.' },
    ACCOUNTABILITY: { description: 'Accountability record (问责): who, what, decision, date.' },
  },
});

export const ReportingRhythmEnum = builder.enumType('ReportingRhythm', {
  description: 'Reporting rhythm (调度频次).',
  values: {
    WEEKLY: { description: 'Weekly (周调度).' },
    MONTHLY: { description: 'Monthly (月调度).' },
    QUARTERLY: { description: 'Quarterly (季调度).' },
    YEARLY: { description: 'Yearly (年度考核).' },
  },
});

export const ReportStatusEnum = builder.enumType('PeriodReportStatus', {
  description: 'A unit’s report for a period (报送状态), judged at request time against 24:00 (CST) of the due date.',
  values: {
    ON_TIME: { description: 'Submitted by the due date (按时报送).' },
    LATE: { description: 'Submitted after the due date (逾期报送).' },
    MISSING: { description: 'Not submitted and the due date has passed (未报送).' },
    PENDING: { description: 'Not submitted yet, not yet due (待报送).' },
    NOT_REQUIRED: { description: 'The unit had no open task in the period (无需报送).' },
  },
});

export const MeetingKindEnum = builder.enumType('MeetingKind', {
  description: 'Kind of coordination meeting (会议类型).',
  values: {
    QUARTERLY_COORDINATION: { description: 'Quarterly coordination meeting (季度协调会).' },
    CONSULTATION: { description: 'Consultation (会商).' },
  },
});

export const RapidRequestStatusEnum = builder.enumType('RapidRequestStatus', {
  description: 'State of a 快速响应 request.',
  values: {
    OPEN: { description: 'Awaiting the city’s answer (待答复).' },
    ANSWERED: { description: 'Answered (已答复).' },
  },
});
