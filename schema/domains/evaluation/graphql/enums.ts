import { builder } from '../../../builder.js';

export const EvaluationCycleStatusEnum = builder.enumType('EvaluationCycleStatus', {
  description: 'Status of an evaluation cycle (评价周期状态).',
  values: {
    OPEN: { description: 'Scores are being imported (采集中).' },
    COMPUTED: {
      description: 'Value added computed from the current scores (已计算); results visible to the ' + 'jurisdiction.',
    },
    CLOSED: { description: 'Frozen and published (已关闭并发布); aggregated results are public.' },
  },
});

export const ValueAddedMethodEnum = builder.enumType('ValueAddedMethod', {
  description: 'How value added is estimated (增值评价方法).',
  values: {
    OLS_REGION: {
      description:
        'Ordinary least squares of outcome on intake over the whole region; value added = mean ' +
        'residual (区域回归残差法).',
    },
  },
});

export const ValueAddedBandEnum = builder.enumType('ValueAddedBand', {
  description:
    'Where a school stands against expectation (增值等级); decided by the 95% interval, never by rank alone.',
  values: {
    ABOVE: { description: 'Above expectation: the whole 95% interval is above zero (高于预期).' },
    AVERAGE: { description: 'In line with expectation: the interval contains zero (符合预期).' },
    BELOW: { description: 'Below expectation: the whole interval is below zero (低于预期).' },
    SUPPRESSED: { description: 'Cohort smaller than the minimum: not estimated (样本不足, 不予公布).' },
  },
});

export const GrowthLevelEnum = builder.enumType('GrowthLevel', {
  description:
    'Growth index level (增长指数等级), PVAAS bands of value added ÷ standard error. Each ' +
    'boundary belongs to the higher level (an index of exactly 1 is ABOVE, exactly −1 is ' +
    'MEETS, exactly −2 is BELOW).',
  values: {
    WELL_ABOVE: { description: 'Index ≥ 2 (显著高于).' },
    ABOVE: { description: '1 ≤ index < 2 (高于).' },
    MEETS: { description: '−1 ≤ index < 1 (达到).' },
    BELOW: { description: '−2 ≤ index < −1 (低于).' },
    WELL_BELOW: { description: 'Index < −2 (显著低于).' },
  },
});

export const EvaluationDimensionEnum = builder.enumType('EvaluationDimension', {
  description: 'Dimension of a multi-party evaluation indicator (评价维度).',
  values: {
    ACADEMIC: { description: 'Academic level (学业水平).' },
    HEALTH: { description: 'Physical and mental health (身心健康).' },
    ARTS: { description: 'Arts literacy (艺术素养).' },
    LABOUR: { description: 'Labour practice (劳动实践).' },
  },
});

export const EvaluationPartyEnum = builder.enumType('EvaluationParty', {
  description: 'Who evaluates (评价主体).',
  values: {
    CITY_INSPECTION: { description: 'City supervision and inspection (市级监督).' },
    COUNTY_SELF: { description: 'County self-evaluation (县级自评).' },
    SOCIAL: { description: 'Social participation: parents, community, experts (社会参与).' },
  },
});

export const BalanceStageEnum = builder.enumType('BalanceStage', {
  description:
    'Stage of a balance report (均衡评估学段). A school counts in the report of each stage ' +
    'section it runs, with that section’s values and enrolment: a 九年一贯制 or 十二年一贯制 ' +
    'school in both, a 完全中学 (registered SENIOR) with its junior section.',
  values: { PRIMARY: { description: 'Primary (小学).' }, JUNIOR: { description: 'Junior secondary (初中).' } },
});

export const SchoolYearStatusEnum = builder.enumType('SchoolYearStatus', {
  description: 'A school’s standing in a year (学校年度状态); only OPEN schools count in that year’s balance report.',
  values: {
    OPEN: { description: 'Open that year (正常办学).' },
    CLOSED: { description: 'Closed that year (撤销).' },
    MERGED: { description: 'Merged into another school that year (合并).' },
  },
});

export const BalanceSchoolKindEnum = builder.enumType('BalanceSchoolKind', {
  description: 'What the standard calls a school in a year (学校类别), which decides whether it is counted.',
  values: {
    REGULAR: { description: 'A regular primary or junior school (普通学校): counted.' },
    TEACHING_POINT: { description: 'A teaching point (教学点): left out below 50 pupils, counted from 50.' },
    SPECIAL_EDUCATION: { description: 'A special-education school (特殊教育学校): always left out.' },
  },
});

export const AssessmentPartEnum = builder.enumType('AssessmentPart', {
  description: 'Parts of a county’s 优质均衡 assessment besides resource allocation (教督〔2017〕6号).',
  values: {
    GOVERNMENT_GUARANTEE: { description: '政府保障程度: 15 items, each must be met.' },
    EDUCATION_QUALITY: { description: '教育质量: 9 items, each must be met.' },
    SOCIAL_RECOGNITION: { description: '社会认可度: survey result of at least 85 %.' },
  },
});

export const BalanceIndicatorEnum = builder.enumType('BalanceIndicator', {
  description: 'The seven quality-balance resource indicators (优质均衡资源配置指标).',
  values: {
    QUALIFIED_TEACHERS: {
      description: 'Teachers above the required qualification per 100 pupils (每百名学生拥有高于规定学历教师数).',
    },
    BACKBONE_TEACHERS: {
      description: 'County-level-or-above backbone teachers per 100 pupils (每百名学生拥有县级及以上骨干教师数).',
    },
    PE_ARTS_TEACHERS: { description: 'PE and arts teachers per 100 pupils (每百名学生拥有体育、艺术专任教师数).' },
    TEACHING_SPACE: { description: 'Teaching and auxiliary space per pupil, m² (生均教学及辅助用房面积).' },
    SPORTS_SPACE: { description: 'Sports grounds per pupil, m² (生均体育运动场馆面积).' },
    EQUIPMENT_VALUE: { description: 'Teaching equipment value per pupil, yuan (生均教学仪器设备值).' },
    MULTIMEDIA_CLASSROOMS: {
      description: 'Networked multimedia classrooms per 100 pupils (每百名学生拥有网络多媒体教室数).',
    },
  },
});

export const BalanceWarningEnum = builder.enumType('BalanceWarning', {
  description:
    'Traffic light of a balance verdict (三色预警). For a report: RED unless every one of the ' +
    'seven CVs is within the national threshold; YELLOW when all are within it but one is ' +
    'above the local target; GREEN otherwise.',
  values: {
    GREEN: { description: 'Within the national threshold and the local target, if any (达到目标).' },
    YELLOW: { description: 'Within the national threshold but above the local target (达标未达本地目标).' },
    RED: { description: 'Above the national threshold, or not computable (未达标).' },
  },
});

export const ExclusionReasonEnum = builder.enumType('BalanceExclusionReason', {
  description: 'Why a school is left out of a year’s balance calculation (不纳入计算原因), from that year’s facts.',
  values: {
    SPECIAL_EDUCATION: { description: 'Special-education school (特殊教育学校).' },
    VOCATIONAL: {
      description: 'Secondary vocational school (中职学校).',
      deprecationReason:
        'Vocational schools run no compulsory-education section and never appear in a balance ' + 'report.',
    },
    SMALL_TEACHING_POINT: {
      description: 'Teaching point (教学点) with fewer than 50 pupils that year (不足50名学生的教学点).',
    },
    CLOSED: { description: 'Closed that year (撤销).' },
    MERGED: { description: 'Merged into another school that year (合并).' },
    NO_YEAR_FACTS: {
      description:
        'Indicator values reported but no facts (enrolment, status, kind) for that year and stage ' +
        '(缺少年度基础数据).',
    },
  },
});
