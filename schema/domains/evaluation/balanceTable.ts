import { sql } from 'drizzle-orm';
import { check, doublePrecision, index, integer, pgEnum, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
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

/** A school's per-pupil value of one indicator in one year. county_code is copied for filters. */
export const schoolIndicatorValues = pgTable(
  'school_indicator_values',
  {
    schoolId: integer('school_id')
      .notNull()
      .references(() => schools.id),
    year: integer('year').notNull(),
    indicator: balanceIndicator('indicator').notNull(),
    countyCode: text('county_code').notNull(),
    value: doublePrecision('value').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.year, t.indicator] }),
    check('school_indicator_values_nonneg', sql`${t.value} >= 0`),
    index('school_indicator_values_county_idx').on(t.countyCode, t.year),
  ],
);
