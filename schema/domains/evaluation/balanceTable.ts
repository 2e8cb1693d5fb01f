import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { schools } from '../organisation/table.js';

/** The seven quality-balance resource indicators (优质均衡 资源配置指标, 教督〔2017〕6号). */
export const balanceIndicator = pgEnum('balance_indicator', [
  'QUALIFIED_TEACHERS',
  'BACKBONE_TEACHERS',
  'PE_ARTS_TEACHERS',
  'TEACHING_SPACE',
  'SPORTS_SPACE',
  'EQUIPMENT_VALUE',
  'MULTIMEDIA_CLASSROOMS',
]);

/** Compulsory-education stage of a balance report (小学 / 初中). */
export const balanceStage = pgEnum('balance_stage', ['PRIMARY', 'JUNIOR']);

/** A school's standing in one year (学校年度状态): open, closed or merged into another school. */
export const schoolYearStatus = pgEnum('school_year_status', ['OPEN', 'CLOSED', 'MERGED']);

/** What the standard calls the school (学校类别): regular school, 教学点 or special-education school. */
export const balanceSchoolKind = pgEnum('balance_school_kind', ['REGULAR', 'TEACHING_POINT', 'SPECIAL_EDUCATION']);

/**
 * A school's per-pupil value of one indicator in one year and stage section. A nine-year,
 * twelve-year or complete secondary school (九年一贯制 / 十二年一贯制 / 完全中学) has one value per
 * stage section it runs. county_code is copied for filters.
 */
export const schoolIndicatorValues = pgTable(
  'school_indicator_values',
  {
    schoolId: integer('school_id')
      .notNull()
      .references(() => schools.id),
    year: integer('year').notNull(),
    stage: balanceStage('stage').notNull(),
    indicator: balanceIndicator('indicator').notNull(),
    countyCode: text('county_code').notNull(),
    value: doublePrecision('value').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.year, t.stage, t.indicator] }),
    check('school_indicator_values_nonneg', sql`${t.value} >= 0`),
    index('school_indicator_values_county_idx').on(t.countyCode, t.year),
  ],
);

/**
 * Per-year, per-stage facts of a school (学校年度学段基础数据): the enrolment of that stage
 * section, whether the school was open, and what kind of school it was in that year. Balance
 * reports read these, never today's school record, so a past year's report does not change
 * when a school later closes, merges or grows. county_code is the county the school belonged
 * to in that year.
 */
export const schoolYearFacts = pgTable(
  'school_year_facts',
  {
    schoolId: integer('school_id')
      .notNull()
      .references(() => schools.id),
    year: integer('year').notNull(),
    stage: balanceStage('stage').notNull(),
    countyCode: text('county_code').notNull(),
    enrolment: integer('enrolment').notNull(),
    status: schoolYearStatus('status').notNull().default('OPEN'),
    kind: balanceSchoolKind('kind').notNull().default('REGULAR'),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.year, t.stage] }),
    check('school_year_facts_enrolment_nonneg', sql`${t.enrolment} >= 0`),
    index('school_year_facts_county_idx').on(t.countyCode, t.year, t.stage),
  ],
);

/**
 * One item of a county's 优质均衡 assessment outside resource allocation (政府保障程度,
 * 教育质量, 社会认可度), recorded per county and year: met or not, with evidence links.
 * For 社会认可度 the survey rate is recorded and `met` is derived from it (≥ 85 %).
 */
export const countyAssessmentItems = pgTable(
  'county_assessment_items',
  {
    countyCode: text('county_code').notNull(),
    year: integer('year').notNull(),
    itemCode: text('item_code').notNull(),
    met: boolean('met').notNull(),
    /** Survey result in percent (社会认可度), NUMERIC string; null for the other items. */
    surveyRate: numeric('survey_rate', { precision: 5, scale: 2 }),
    evidence: text('evidence').array().notNull().default(sql`'{}'::text[]`),
    note: text('note'),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.year, t.itemCode] }),
    check(
      'county_assessment_items_rate',
      sql`${t.surveyRate} is null or (${t.surveyRate} >= 0 and ${t.surveyRate} <= 100)`,
    ),
  ],
);
