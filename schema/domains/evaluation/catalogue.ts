import type { balanceIndicator } from './balanceTable.js';

export type BalanceIndicator = (typeof balanceIndicator.enumValues)[number];
export type BalanceStage = 'PRIMARY' | 'JUNIOR';
export const BALANCE_STAGES: readonly BalanceStage[] = ['PRIMARY', 'JUNIOR'];

export interface IndicatorDefinition {
  code: BalanceIndicator;
  name: string;
  unit: string;
  /** Minimum per school (每校达标值), primary / junior, from 教督〔2017〕6号. */
  minimum: Record<BalanceStage, number>;
}

/** The seven quality-balance resource indicators, in the order the standard lists them. */
export const BALANCE_INDICATORS: readonly IndicatorDefinition[] = [
  {
    code: 'QUALIFIED_TEACHERS',
    name: '每百名学生拥有高于规定学历教师数',
    unit: '人/百生',
    minimum: { PRIMARY: 4.2, JUNIOR: 5.3 },
  },
  {
    code: 'BACKBONE_TEACHERS',
    name: '每百名学生拥有县级及以上骨干教师数',
    unit: '人/百生',
    minimum: { PRIMARY: 1, JUNIOR: 1 },
  },
  {
    code: 'PE_ARTS_TEACHERS',
    name: '每百名学生拥有体育、艺术专任教师数',
    unit: '人/百生',
    minimum: { PRIMARY: 0.9, JUNIOR: 0.9 },
  },
  { code: 'TEACHING_SPACE', name: '生均教学及辅助用房面积', unit: '平方米', minimum: { PRIMARY: 4.5, JUNIOR: 5.8 } },
  { code: 'SPORTS_SPACE', name: '生均体育运动场馆面积', unit: '平方米', minimum: { PRIMARY: 7.5, JUNIOR: 10.2 } },
  { code: 'EQUIPMENT_VALUE', name: '生均教学仪器设备值', unit: '元', minimum: { PRIMARY: 2000, JUNIOR: 2500 } },
  {
    code: 'MULTIMEDIA_CLASSROOMS',
    name: '每百名学生拥有网络多媒体教室数',
    unit: '间/百生',
    minimum: { PRIMARY: 2.3, JUNIOR: 2.4 },
  },
];

/**
 * Stage sections a school of each registered stage runs, for balance purposes: a
 * 九年一贯制 or 十二年一贯制 school has a primary and a junior section, a 完全中学 (registered
 * SENIOR) a junior section, a special-education school may teach both (and is excluded).
 * Kindergartens and vocational schools have none.
 */
export const SECTIONS_OF: Record<string, readonly BalanceStage[]> = {
  PRIMARY: ['PRIMARY'],
  JUNIOR: ['JUNIOR'],
  NINE_YEAR: ['PRIMARY', 'JUNIOR'],
  TWELVE_YEAR: ['PRIMARY', 'JUNIOR'],
  SENIOR: ['JUNIOR'],
  SPECIAL: ['PRIMARY', 'JUNIOR'],
  KINDERGARTEN: [],
  VOCATIONAL: [],
};

/** 教学点 below this enrolment are left out of the CV (不足50名学生的教学点). */
export const SMALL_SCHOOL_LIMIT = 50;

/**
 * Per-school rule (教督〔2017〕6号 第五条): at least six of the seven indicators reach the
 * minimum and the remaining one reaches at least 85 % of its minimum (余项不低于要求的85%).
 */
export const REMAINING_SHARE = 0.85;

/** 社会认可度 must reach this share of respondents, in percent (社会认可度达到85%以上). */
export const RECOGNITION_MINIMUM = 85;
