import { builder } from '../../../builder.js';

export const FundingProgrammeKindEnum = builder.enumType('FundingProgrammeKind', {
  description: 'Kind of city-coordinated programme (市级统筹专项).',
  values: {
    COUNTY_HIGH_SCHOOL_DEVELOPMENT: { description: '县中发展提升专项.' },
    EQUIPMENT_SHARING_CENTRE: { description: 'Equipment-sharing centres (实验设备共享中心).' },
    TEACHER_DEVELOPMENT: { description: 'Teacher development (师资建设).' },
    OTHER: { description: 'Other special funds.' },
  },
});

export const FundingPaymentKindEnum = builder.enumType('FundingPaymentKind', {
  description: 'Which money moved on an allocation.',
  values: {
    DISBURSEMENT: { description: 'The city paid the county (市级拨付).' },
    MATCHING: { description: 'The county paid its matching share (县级配套).' },
  },
});

export const FundingSourceEnum = builder.enumType('FundingSource', {
  description: 'Where spent money came from; donations and social funds are kept apart from public money.',
  values: {
    PROGRAMME: { description: 'A city programme allocation (with its matching).' },
    COUNTY_BUDGET: { description: 'The county’s own education budget.' },
    DONATION: { description: 'Donations (社会捐赠).' },
    SOCIAL_FUND: { description: 'Other social funds (社会资金).' },
  },
});

export const CheckStatusEnum = builder.enumType('CheckStatus', {
  description: 'Traffic light of a check (红黄绿).',
  values: {
    GREEN: { description: 'Met.' },
    YELLOW: { description: 'Cannot be judged yet (data missing).' },
    RED: { description: 'Failed.' },
  },
});

export const MatchingStateEnum = builder.enumType('MatchingState', {
  description: 'County matching of one allocation (县级配套到位情况).',
  values: {
    PAID_IN_FULL: { description: 'Paid in full (足额到位).' },
    PARTLY_PAID: { description: 'Partly paid.' },
    UNPAID: { description: 'Nothing paid.' },
    NONE_REQUIRED: { description: 'The programme requires no matching.' },
  },
});
