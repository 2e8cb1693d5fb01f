import { builder } from '../../../builder.js';

export const ResponsibilityListStatusEnum = builder.enumType('ResponsibilityListStatus', {
  description: 'Lifecycle of a responsibility list version (清单状态).',
  values: {
    DRAFT: { description: 'Being drafted by the city bureau; visible to city admins only (草稿).' },
    PUBLISHED: { description: 'The city’s current list; immutable (已发布/现行).' },
    SUPERSEDED: { description: 'Replaced by a later published version; kept for history (已废止).' },
  },
});

export const ResponsibilityDomainEnum = builder.enumType('ResponsibilityDomain', {
  description: 'Governance domain of a matter (事项领域).',
  values: {
    PLANNING: { description: 'Planning and school layout (规划布局).' },
    RESOURCES: { description: 'Resource allocation (资源配置).' },
    STAFFING: { description: 'Staffing quotas and personnel (编制/人事).' },
    ENROLMENT: { description: 'Enrolment and admissions (招生).' },
    FUNDING: { description: 'Funding (经费).' },
    CURRICULUM: { description: 'Curriculum and teaching (课程教学).' },
    EVALUATION: { description: 'Evaluation (评价).' },
    SUPERVISION: { description: 'Inspection and supervision (督导).' },
  },
});

export const GovernanceLevelEnum = builder.enumType('GovernanceLevel', {
  description: 'Level of the city–county joint management system (管理层级).',
  values: {
    CITY: { description: 'City bureau (市级).' },
    COUNTY: { description: 'County or district bureau (县级).' },
    SCHOOL: { description: 'School (学校).' },
  },
});

export const ResponsibilityRoleEnum = builder.enumType('ResponsibilityRole', {
  description: 'Role a level plays on a matter (职责类型).',
  values: {
    LEAD: { description: 'Leads and is accountable (主责/牵头); exactly one level per matter.' },
    IMPLEMENT: { description: 'Carries it out (承办/执行).' },
    COOPERATE: { description: 'Cooperates (配合).' },
    SUPERVISE: { description: 'Supervises and accepts rectification tasks (监督).' },
  },
});

export const ResponsibilityProblemKindEnum = builder.enumType('ResponsibilityProblemKind', {
  description: 'Kind of finding on a list (清单问题类型).',
  values: {
    OVERLAP: { description: 'More than one level leads the matter (权责交叉); blocks publishing.' },
    GAP: { description: 'No level leads the matter (责任真空); blocks publishing.' },
    NO_SUPERVISOR: { description: 'No level supervises the matter; a warning (its tasks are accepted by the city).' },
  },
});

export const TaskWarningEnum = builder.enumType('TaskWarning', {
  description:
    'Red/yellow/green warning of a rectification task (红黄绿三色预警), computed when read, ' +
    'never stored. Days are China Standard Time; the schedule runs from 00:00 of the start ' +
    'date to 24:00 of the deadline and expected progress rises linearly from 0 to 100 over it; ' +
    'lag = expected − reported progress in percentage points. ACCEPTED tasks are GREEN. A task ' +
    'AWAITING_ACCEPTANCE (the unit reported 100 %) is GREEN for the responsible unit, also ' +
    'past its deadline: it waits on the supervising level (RectificationTask.waitingOn, ' +
    'acceptanceOverdue), which the unit cannot hurry. RED: overdue (still IN_PROGRESS past ' +
    '24:00 of the deadline) or lag ≥ 30. YELLOW: lag ≥ 10. GREEN: otherwise.',
  values: {
    RED: { description: 'Overdue, or at least 30 points behind the linear schedule (红色预警).' },
    YELLOW: { description: 'At least 10 (and under 30) points behind the linear schedule (黄色预警).' },
    GREEN: { description: 'On schedule, reported complete and awaiting acceptance, or accepted (绿色).' },
  },
});

export const TaskWaitingOnEnum = builder.enumType('TaskWaitingOn', {
  description:
    'Who a rectification task waits on (待办方): the unit that must rectify, or the level that ' +
    'must accept (验收).',
  values: {
    RESPONSIBLE_UNIT: { description: 'IN_PROGRESS: the responsible unit must rectify and report (责任单位).' },
    SUPERVISING_LEVEL: {
      description:
        'AWAITING_ACCEPTANCE: the unit reported 100 %; the supervising level must accept or reject ' + '(待上级验收).',
    },
    NONE: { description: 'ACCEPTED: closed (已销号).' },
  },
});

export const RectificationStatusEnum = builder.enumType('RectificationStatus', {
  description: 'Status of a rectification task (整改状态); closed only by acceptance (销号制).',
  values: {
    IN_PROGRESS: { description: 'Being worked on (整改中).' },
    AWAITING_ACCEPTANCE: { description: 'Reported 100% complete; awaiting the supervising level (待验收).' },
    ACCEPTED: { description: 'Accepted and closed (已销号).' },
  },
});

export const ReviewDecisionEnum = builder.enumType('ReviewDecision', {
  description: 'Outcome of an acceptance review (验收结论).',
  values: {
    ACCEPTED: { description: 'Passed; the task is closed (通过, 销号).' },
    REJECTED: { description: 'Failed; the task returns to the unit (不通过, 退回整改).' },
  },
});
