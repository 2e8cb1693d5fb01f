import { builder } from '../../builder.js';

export const EvaluationCycleStatusEnum = builder.enumType('EvaluationCycleStatus', {
  description: 'Status of an evaluation cycle (评价周期状态).',
  values: {
    OPEN: { description: 'Scores are being imported (采集中).' },
    COMPUTED: { description: 'Value added computed from the current scores (已计算); results visible to the jurisdiction.' },
    CLOSED: { description: 'Frozen and published (已关闭并发布); aggregated results are public.' },
  },
});

export const ValueAddedMethodEnum = builder.enumType('ValueAddedMethod', {
  description: 'How value added is estimated (增值评价方法).',
  values: {
    OLS_REGION: { description: 'Ordinary least squares of outcome on intake over the whole region; value added = mean residual (区域回归残差法).' },
  },
});

export const ValueAddedBandEnum = builder.enumType('ValueAddedBand', {
  description: 'Where a school stands against expectation (增值等级); decided by the 95% interval, never by rank alone.',
  values: {
    ABOVE: { description: 'Above expectation: the whole 95% interval is above zero (高于预期).' },
    AVERAGE: { description: 'In line with expectation: the interval contains zero (符合预期).' },
    BELOW: { description: 'Below expectation: the whole interval is below zero (低于预期).' },
    SUPPRESSED: { description: 'Cohort smaller than the minimum: not estimated (样本不足, 不予公布).' },
  },
});

export const GrowthLevelEnum = builder.enumType('GrowthLevel', {
  description:
    'Growth index level (增长指数等级), PVAAS bands of value added ÷ standard error. Each boundary belongs to the higher level (an index of exactly 1 is ABOVE, exactly −1 is MEETS, exactly −2 is BELOW).',
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
  description: 'Stage of a balance report (均衡评估学段); nine-year schools count with junior schools.',
  values: { PRIMARY: { description: 'Primary (小学).' }, JUNIOR: { description: 'Junior secondary (初中).' } },
});

export const BalanceIndicatorEnum = builder.enumType('BalanceIndicator', {
  description: 'The seven quality-balance resource indicators (优质均衡资源配置指标).',
  values: {
    QUALIFIED_TEACHERS: { description: 'Teachers above the required qualification per 100 pupils (每百名学生拥有高于规定学历教师数).' },
    BACKBONE_TEACHERS: { description: 'County-level-or-above backbone teachers per 100 pupils (每百名学生拥有县级及以上骨干教师数).' },
    PE_ARTS_TEACHERS: { description: 'PE and arts teachers per 100 pupils (每百名学生拥有体育、艺术专任教师数).' },
    TEACHING_SPACE: { description: 'Teaching and auxiliary space per pupil, m² (生均教学及辅助用房面积).' },
    SPORTS_SPACE: { description: 'Sports grounds per pupil, m² (生均体育运动场馆面积).' },
    EQUIPMENT_VALUE: { description: 'Teaching equipment value per pupil, yuan (生均教学仪器设备值).' },
    MULTIMEDIA_CLASSROOMS: { description: 'Networked multimedia classrooms per 100 pupils (每百名学生拥有网络多媒体教室数).' },
  },
});

export const BalanceWarningEnum = builder.enumType('BalanceWarning', {
  description: 'Traffic-light warning of a coefficient of variation (三色预警).',
  values: {
    GREEN: { description: 'Within the local target (达到目标).' },
    YELLOW: { description: 'Within the national threshold but above the local target (达标未达目标).' },
    RED: { description: 'Above the national threshold, or not computable (未达标).' },
  },
});

export const ExclusionReasonEnum = builder.enumType('BalanceExclusionReason', {
  description: 'Why a school is left out of the balance calculation (不纳入计算原因).',
  values: {
    SPECIAL_EDUCATION: { description: 'Special-education school (特殊教育学校).' },
    VOCATIONAL: { description: 'Secondary vocational school (中职学校).' },
    SMALL_TEACHING_POINT: { description: 'Teaching point with fewer than 50 pupils (不足50人的教学点).' },
  },
});
