import { sql } from 'drizzle-orm';
import {
  check,
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { regions, schools } from '../organisation/table.js';

/**
 * Responsibility lists (权责清单): per city and version, the governance matters (事项) and
 * which level (city / county / school) plays which role on each. Rectification tasks
 * (整改任务) hang off the items of a published list.
 */
export const responsibilityListStatus = pgEnum('responsibility_list_status', ['DRAFT', 'PUBLISHED', 'SUPERSEDED']);
export const responsibilityDomain = pgEnum('responsibility_domain', [
  'PLANNING',
  'RESOURCES',
  'STAFFING',
  'ENROLMENT',
  'FUNDING',
  'CURRICULUM',
  'EVALUATION',
  'SUPERVISION',
]);
export const governanceLevel = pgEnum('governance_level', ['CITY', 'COUNTY', 'SCHOOL']);
export const responsibilityRole = pgEnum('responsibility_role', ['LEAD', 'IMPLEMENT', 'COOPERATE', 'SUPERVISE']);

export const responsibilityLists = pgTable(
  'responsibility_lists',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    /** The city (地级市) that publishes the list. */
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    year: integer('year').notNull(),
    /** Version within the year, from 1. */
    sequence: integer('sequence').notNull(),
    title: text('title').notNull(),
    status: responsibilityListStatus('status').notNull().default('DRAFT'),
    /** The list this draft was copied from, for diffs and history. */
    basedOnId: integer('based_on_id').references((): AnyPgColumn => responsibilityLists.id),
    publishedAt: timestamp('published_at', { withTimezone: true, mode: 'string' }),
    supersededAt: timestamp('superseded_at', { withTimezone: true, mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('responsibility_lists_version_uq').on(t.regionCode, t.year, t.sequence),
    // At most one current list per city, even if two publishes race.
    uniqueIndex('responsibility_lists_one_published_uq').on(t.regionCode).where(sql`${t.status} = 'PUBLISHED'`),
    check('responsibility_lists_sequence_pos', sql`${t.sequence} >= 1`),
  ],
);

export const responsibilityItems = pgTable(
  'responsibility_items',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    listId: integer('list_id')
      .notNull()
      .references(() => responsibilityLists.id, { onDelete: 'cascade' }),
    /** Stable key across versions, e.g. ENROLMENT.ADMISSION_QUOTA. */
    key: text('key').notNull(),
    domain: responsibilityDomain('domain').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    /** 实施依据: the law or policy document the matter rests on. */
    policyBasis: text('policy_basis').notNull().default(''),
    /** 追责情形: when and how the responsible level is held to account. */
    accountability: text('accountability').notNull().default(''),
    /** Display order within the list. */
    position: integer('position').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('responsibility_items_key_uq').on(t.listId, t.key),
    index('responsibility_items_key_idx').on(t.key),
  ],
);

/** A level's role on an item; a level may hold several roles (e.g. LEAD and SUPERVISE). */
export const responsibilityAssignments = pgTable(
  'responsibility_assignments',
  {
    itemId: integer('item_id')
      .notNull()
      .references(() => responsibilityItems.id, { onDelete: 'cascade' }),
    level: governanceLevel('level').notNull(),
    role: responsibilityRole('role').notNull(),
  },
  (t) => [primaryKey({ columns: [t.itemId, t.level, t.role] })],
);

export const rectificationStatus = pgEnum('rectification_status', ['IN_PROGRESS', 'AWAITING_ACCEPTANCE', 'ACCEPTED']);

export const rectificationTasks = pgTable(
  'rectification_tasks',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    itemId: integer('item_id')
      .notNull()
      .references(() => responsibilityItems.id),
    /** Copied from the item so tasks are found by matter across list versions. */
    itemKey: text('item_key').notNull(),
    /** Responsible unit: a region, or a school (then its county here, for jurisdiction filters). */
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    schoolId: integer('school_id').references(() => schools.id),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    /** 验收标准: what the supervising level checks before closing the task (销号). */
    acceptanceStandard: text('acceptance_standard').notNull(),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    deadline: date('deadline', { mode: 'string' }).notNull(),
    status: rectificationStatus('status').notNull().default('IN_PROGRESS'),
    /** Latest reported completion, 0–100; kept in step by reportTaskProgress. */
    progress: integer('progress').notNull().default(0),
    lastReportedAt: timestamp('last_reported_at', { withTimezone: true, mode: 'string' }),
    acceptedAt: timestamp('accepted_at', { withTimezone: true, mode: 'string' }),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    check('rectification_tasks_progress_range', sql`${t.progress} between 0 and 100`),
    check('rectification_tasks_dates', sql`${t.deadline} >= ${t.startDate}`),
    index('rectification_tasks_region_idx').on(t.regionCode),
    // Task lists are ordered by deadline: pages stop early instead of sorting every match.
    index('rectification_tasks_deadline_idx').on(t.deadline, t.id),
    index('rectification_tasks_item_key_idx').on(t.itemKey),
    index('rectification_tasks_school_idx').on(t.schoolId),
  ],
);

export const rectificationReports = pgTable(
  'rectification_reports',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    taskId: integer('task_id')
      .notNull()
      .references(() => rectificationTasks.id, { onDelete: 'cascade' }),
    progress: integer('progress').notNull(),
    note: text('note').notNull(),
    evidence: text('evidence').array().notNull().default(sql`'{}'::text[]`),
    reporter: text('reporter').notNull(),
    reportedAt: timestamp('reported_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    check('rectification_reports_progress_range', sql`${t.progress} between 0 and 100`),
    index('rectification_reports_task_idx').on(t.taskId),
  ],
);

export const reviewDecision = pgEnum('review_decision', ['ACCEPTED', 'REJECTED']);

/** Acceptance reviews (验收): each decision of the supervising level, kept as history. */
export const rectificationReviews = pgTable(
  'rectification_reviews',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    taskId: integer('task_id')
      .notNull()
      .references(() => rectificationTasks.id, { onDelete: 'cascade' }),
    decision: reviewDecision('decision').notNull(),
    note: text('note').notNull(),
    reviewer: text('reviewer').notNull(),
    reviewerLevel: governanceLevel('reviewer_level').notNull(),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [index('rectification_reviews_task_idx').on(t.taskId)],
);
