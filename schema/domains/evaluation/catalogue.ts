import type { balanceIndicator } from './balanceTable.js';

export type BalanceIndicator = (typeof balanceIndicator.enumValues)[number];
export type BalanceStage = 'PRIMARY' | 'JUNIOR';

export interface IndicatorDefinition {
  code: BalanceIndicator;
  name: string;
  unit: string;
  /** Minimum per school (每校达标值), primary / junior, from 教督〔2017〕6号. */
  minimum: Record<BalanceStage, number>;
}

/** The seven quality-balance resource indicators, in the order the standard lists them. */
export const BALANCE_INDICATORS: readonly IndicatorDefinition[] = [
  { code: 'QUALIFIED_TEACHERS', name: '每百名学生拥有高于规定学历教师数', unit: '人/百生', minimum: { PRIMARY: 4.2, JUNIOR: 5.3 } },
  { code: 'BACKBONE_TEACHERS', name: '每百名学生拥有县级及以上骨干教师数', unit: '人/百生', minimum: { PRIMARY: 1, JUNIOR: 1 } },
  { code: 'PE_ARTS_TEACHERS', name: '每百名学生拥有体育、艺术专任教师数', unit: '人/百生', minimum: { PRIMARY: 0.9, JUNIOR: 0.9 } },
  { code: 'TEACHING_SPACE', name: '生均教学及辅助用房面积', unit: '平方米', minimum: { PRIMARY: 4.5, JUNIOR: 5.8 } },
  { code: 'SPORTS_SPACE', name: '生均体育运动场馆面积', unit: '平方米', minimum: { PRIMARY: 7.5, JUNIOR: 10.2 } },
  { code: 'EQUIPMENT_VALUE', name: '生均教学仪器设备值', unit: '元', minimum: { PRIMARY: 2000, JUNIOR: 2500 } },
  { code: 'MULTIMEDIA_CLASSROOMS', name: '每百名学生拥有网络多媒体教室数', unit: '间/百生', minimum: { PRIMARY: 2.3, JUNIOR: 2.4 } },
];

/** School stages counted in each balance stage; nine-year schools are assessed with junior schools. */
export const STAGES_OF: Record<BalanceStage, readonly string[]> = {
  PRIMARY: ['PRIMARY'],
  JUNIOR: ['JUNIOR', 'NINE_YEAR'],
};

/** Teaching points (教学点) below this enrolment are left out of the CV. */
export const SMALL_SCHOOL_LIMIT = 50;
