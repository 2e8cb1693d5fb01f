import { builder } from '../../../builder.js';

export const ExchangeKindEnum = builder.enumType('ExchangeKind', {
  description: 'Kind of teacher exchange (教师交流方式).',
  values: {
    ROTATION: {
      description: 'Rotation (交流轮岗): the teacher serves at the target school for a term of months or ' + 'years.',
    },
    ITINERANT: {
      description:
        'Itinerant teaching (走教): a number of hours per week at the target school, alongside the ' + 'home school.',
    },
    SUPPORT: { description: 'Teaching support (支教) at a weak or rural school.' },
    SHADOWING: {
      description:
        'Shadowing placement (跟岗): training at the target school; not counted as an exchange in ' + 'the statistics.',
    },
  },
});

export const ExchangeStatusEnum = builder.enumType('ExchangeStatus', {
  description:
    'Lifecycle status of an exchange assignment (交流状态): PROPOSED → APPROVED → ACTIVE → ' +
    'COMPLETED, or REJECTED / CANCELLED.',
  values: {
    PROPOSED: { description: 'Proposed, awaiting a decision (已申报).' },
    APPROVED: { description: 'Approved by the responsible level (已批准).' },
    ACTIVE: { description: 'The teacher has taken up the post (在岗).' },
    COMPLETED: { description: 'Finished, on or before the planned end date (已结束).' },
    REJECTED: { description: 'Not approved (未批准).' },
    CANCELLED: { description: 'Withdrawn before it began (已撤销).' },
  },
});

export const ExchangeApprovalLevelEnum = builder.enumType('ExchangeApprovalLevel', {
  description: 'Level whose bureau decides an exchange (审批层级), from the responsibility list (权责清单).',
  values: {
    CITY: { description: 'The city bureau (市教育局); by default for cross-county exchanges.' },
    COUNTY: { description: 'The county bureau (县教育局); by default within one county.' },
    SCHOOL: { description: 'The school (学校); only if a published list says so.' },
  },
});
