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
import { regions, schools } from '../organisation/table.js';
// table.ts imports this file too; the reference below is a lazy callback, so the cycle is harmless.
import { evaluationCycles as evaluationCyclesRef } from './table.js';

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
      .references((): AnyPgColumn => evaluationCyclesRef.id, { onDelete: 'cascade' }),
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
