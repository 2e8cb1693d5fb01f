import { sql } from 'drizzle-orm';
import {
  check,
  doublePrecision,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
} from 'drizzle-orm/pg-core';
import { regions, schoolStage, schools } from '../organisation/table.js';
import { evaluationFrameworks } from './frameworkTable.js';

/** Lifecycle of an evaluation cycle: scores are imported while OPEN, results frozen when CLOSED. */
export const evaluationCycleStatus = pgEnum('evaluation_cycle_status', ['OPEN', 'COMPUTED', 'CLOSED']);
/** How value added is estimated; recorded per cycle so other models can be added later. */
export const valueAddedMethod = pgEnum('value_added_method', ['OLS_REGION']);
export const valueAddedBand = pgEnum('value_added_band', ['ABOVE', 'AVERAGE', 'BELOW', 'SUPPRESSED']);

export const evaluationCycles = pgTable(
  'evaluation_cycles',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    year: integer('year').notNull(),
    stage: schoolStage('stage').notNull(),
    name: text('name').notNull(),
    method: valueAddedMethod('method').notNull().default('OLS_REGION'),
    status: evaluationCycleStatus('status').notNull().default('OPEN'),
    /** Declared score ranges; every imported score must lie within them. */
    intakeMin: doublePrecision('intake_min').notNull(),
    intakeMax: doublePrecision('intake_max').notNull(),
    outcomeMin: doublePrecision('outcome_min').notNull(),
    outcomeMax: doublePrecision('outcome_max').notNull(),
    frameworkId: integer('framework_id').references(() => evaluationFrameworks.id),
    /** The fitted regional model (null until computed): outcome ≈ intercept + slope × intake. */
    slope: doublePrecision('slope'),
    intercept: doublePrecision('intercept'),
    residualSd: doublePrecision('residual_sd'),
    studentCount: integer('student_count'),
    minCohort: integer('min_cohort'),
    computedAt: timestamp('computed_at', { withTimezone: true, mode: 'string' }),
    closedAt: timestamp('closed_at', { withTimezone: true, mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    unique('evaluation_cycles_region_year_stage_name').on(t.regionCode, t.year, t.stage, t.name),
    check('evaluation_cycles_ranges', sql`${t.intakeMin} < ${t.intakeMax} and ${t.outcomeMin} < ${t.outcomeMax}`),
    index('evaluation_cycles_region_idx').on(t.regionCode, t.year),
  ],
);

/**
 * Pseudonymous student records (restricted: never served by the API, only aggregated).
 * county_code is copied from the school so jurisdiction checks need no join.
 */
export const studentScores = pgTable(
  'student_scores',
  {
    cycleId: integer('cycle_id')
      .notNull()
      .references(() => evaluationCycles.id, { onDelete: 'cascade' }),
    studentKey: text('student_key').notNull(),
    schoolId: integer('school_id')
      .notNull()
      .references(() => schools.id),
    countyCode: text('county_code').notNull(),
    cohort: text('cohort').notNull(),
    intakeScore: doublePrecision('intake_score').notNull(),
    outcomeScore: doublePrecision('outcome_score').notNull(),
  },
  (t) => [primaryKey({ columns: [t.cycleId, t.studentKey] }), index('student_scores_school_idx').on(t.cycleId, t.schoolId)],
);

/** Per-school value-added results of a computed cycle; replaced wholesale on recomputation. */
export const valueAddedResults = pgTable(
  'value_added_results',
  {
    cycleId: integer('cycle_id')
      .notNull()
      .references(() => evaluationCycles.id, { onDelete: 'cascade' }),
    schoolId: integer('school_id')
      .notNull()
      .references(() => schools.id),
    countyCode: text('county_code').notNull(),
    cohortSize: integer('cohort_size').notNull(),
    band: valueAddedBand('band').notNull(),
    // Null when SUPPRESSED: small cohorts are neither estimated nor disclosed.
    intakeMean: doublePrecision('intake_mean'),
    outcomeMean: doublePrecision('outcome_mean'),
    expectedOutcome: doublePrecision('expected_outcome'),
    valueAdded: doublePrecision('value_added'),
    standardError: doublePrecision('standard_error'),
    ciLow: doublePrecision('ci_low'),
    ciHigh: doublePrecision('ci_high'),
    growthIndex: doublePrecision('growth_index'),
    rank: integer('rank'),
    rankBest: integer('rank_best'),
    rankWorst: integer('rank_worst'),
    /** Display order: estimated schools by value added, then suppressed ones (non-null, for keyset cursors). */
    position: integer('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.cycleId, t.schoolId] }), index('value_added_results_school_idx').on(t.schoolId)],
);
