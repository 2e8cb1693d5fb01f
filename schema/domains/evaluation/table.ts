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
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { regions, schoolStage, schools } from '../organisation/table.js';

/**
 * The catalogue of evaluation dimensions (评价维度目录), as data: the five key areas of the
 * national school-quality guides (《义务教育学校办学质量评价指南》 and 《普通高中学校办学质量评价指南》,
 * 教督〔2021〕6号/〔2022〕2号: 办学方向、课程教学、教师发展、学校管理、学生发展) and, under
 * 学生发展, the four student-development dimensions the evaluation reform names (学业水平、
 * 身心健康、艺术素养、劳动实践). Rows are inserted by the migration `evaluation_dimension_catalogue`;
 * more may be added without a schema change.
 */
export const evaluationDimensions = pgTable('evaluation_dimensions', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  /** The official wording of the key area (重点内容), or what the dimension covers. */
  description: text('description').notNull(),
  /** The document that names it (依据). */
  source: text('source').notNull(),
  /** A sub-dimension's parent (学业水平 … under 学生发展); null for a key area of the guides. */
  parentCode: text('parent_code').references((): AnyPgColumn => evaluationDimensions.code),
  position: integer('position').notNull(),
});
/** Who evaluates (市级监督、县级自评、社会参与). */
export const evaluationParty = pgEnum('evaluation_party', ['CITY_INSPECTION', 'COUNTY_SELF', 'SOCIAL']);

export const evaluationFrameworks = pgTable(
  'evaluation_frameworks',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    name: text('name').notNull(),
    cityInspectionWeight: doublePrecision('city_inspection_weight').notNull(),
    countySelfWeight: doublePrecision('county_self_weight').notNull(),
    socialWeight: doublePrecision('social_weight').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    unique('evaluation_frameworks_region_name').on(t.regionCode, t.name),
    check(
      'evaluation_frameworks_weights',
      sql`${t.cityInspectionWeight} >= 0 and ${t.countySelfWeight} >= 0 and ${t.socialWeight} >= 0 and ${t.cityInspectionWeight} + ${t.countySelfWeight} + ${t.socialWeight} > 0`,
    ),
  ],
);

export const frameworkIndicators = pgTable(
  'framework_indicators',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    frameworkId: integer('framework_id')
      .notNull()
      .references(() => evaluationFrameworks.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    name: text('name').notNull(),
    /** Code of a row of the dimension catalogue (evaluation_dimensions). */
    dimension: text('dimension')
      .notNull()
      .references(() => evaluationDimensions.code),
    weight: doublePrecision('weight').notNull(),
    maxScore: doublePrecision('max_score').notNull(),
    position: integer('position').notNull(),
  },
  (t) => [
    unique('framework_indicators_code').on(t.frameworkId, t.code),
    check('framework_indicators_positive', sql`${t.weight} > 0 and ${t.maxScore} > 0`),
  ],
);

/**
 * An invitation to evaluate one school in one cycle as one party; it carries the submission
 * once made. `evaluator` is the invited person's actor id (`user:<subject>`); null for a
 * COUNTY_SELF invitation, which the school's county bureau answers.
 */
export const evaluationInvitations = pgTable(
  'evaluation_invitations',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    cycleId: integer('cycle_id')
      .notNull()
      .references((): AnyPgColumn => evaluationCycles.id, { onDelete: 'cascade' }),
    schoolId: integer('school_id')
      .notNull()
      .references(() => schools.id),
    countyCode: text('county_code').notNull(),
    party: evaluationParty('party').notNull(),
    evaluator: text('evaluator'),
    evaluatorName: text('evaluator_name'),
    submittedAt: timestamp('submitted_at', { withTimezone: true, mode: 'string' }),
    comment: text('comment'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    index('evaluation_invitations_cycle_idx').on(t.cycleId, t.schoolId),
    index('evaluation_invitations_evaluator_idx').on(t.evaluator),
  ],
);

export const evaluationScores = pgTable(
  'evaluation_scores',
  {
    invitationId: integer('invitation_id')
      .notNull()
      .references(() => evaluationInvitations.id, { onDelete: 'cascade' }),
    indicatorId: integer('indicator_id')
      .notNull()
      .references(() => frameworkIndicators.id),
    score: doublePrecision('score').notNull(),
  },
  (t) => [primaryKey({ columns: [t.invitationId, t.indicatorId] })],
);

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
  (t) => [
    primaryKey({ columns: [t.cycleId, t.studentKey] }),
    index('student_scores_school_idx').on(t.cycleId, t.schoolId),
  ],
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
