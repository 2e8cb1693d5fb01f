import { builder } from '../../../builder.js';

export const EnrolmentPlanStatusEnum = builder.enumType('EnrolmentPlanStatus', {
  description: 'Lifecycle of an enrolment plan version (招生计划状态).',
  values: {
    DRAFT: {
      description:
        'Being prepared: the city sets policy and boundaries, counties their places; visible to ' +
        'the city’s and its counties’ admins (草稿).',
    },
    PUBLISHED: { description: 'The current plan of its city, year and stage; immutable (已发布).' },
    SUPERSEDED: { description: 'Replaced by a later published version (amendment); kept for history (已废止).' },
  },
});

export const EnrolmentStageEnum = builder.enumType('EnrolmentStage', {
  description: 'Stage a plan admits into (招生学段).',
  values: {
    SENIOR: { description: 'Senior high school (普通高中), from junior schools’ graduates (中考).' },
    JUNIOR: { description: 'Junior secondary (初中), where the city sets rules.' },
  },
});

export const AdmissionCategoryEnum = builder.enumType('AdmissionCategory', {
  description: 'Category of places and admissions (招生类别).',
  values: {
    UNIFIED: { description: 'Unified admission by score (统招).' },
    QUOTA: { description: 'Places allocated to junior schools (指标到校).' },
    SPECIALTY: { description: 'Arts, sports and other specialties (特长生).' },
  },
});

export const EnrolmentCheckStatusEnum = builder.enumType('EnrolmentCheckStatus', {
  description: 'Outcome colour of an enrolment check (红黄绿预警); the rule of each check is in EnrolmentCheckKind.',
  values: {
    RED: { description: 'A violation (违规).' },
    YELLOW: { description: 'Needs attention (预警).' },
    GREEN: { description: 'In order (正常).' },
  },
});

export const EnrolmentCheckKindEnum = builder.enumType('EnrolmentCheckKind', {
  description: 'Checks of a school’s admissions against its plan (招生检查).',
  values: {
    BOUNDARY: {
      description:
        'Cross-boundary admission (跨县招生/掐尖): pupils admitted from junior schools of counties ' +
        'outside the school’s boundary. RED when the policy forbids cross-county admission, YELLOW ' +
        'when it allows it, GREEN when there are none.',
    },
    PLAN_EXCEEDED: {
      description:
        'Plan exceeded (超计划招生): RED when more pupils were admitted than planned places in ' +
        'total; YELLOW when the total is within the plan but a category is over its places; else ' +
        'GREEN.',
    },
    QUOTA_SHARE: {
      description:
        '指标到校 share, for 示范性高中 only: RED when quota places are below the policy’s least ' +
        'share of the school’s places (quota × 100 < share × total); YELLOW when the share is met ' +
        'but the quota is not allocated to junior schools in full; GREEN otherwise and for schools ' +
        'that are not 示范性.',
    },
  },
});
