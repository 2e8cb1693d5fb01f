import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { regions, schools } from '../organisation/table.js';

/**
 * Enrolment plans (招生计划) of a city: per year and stage, versioned like responsibility lists.
 * A version holds the city's unified policy (统一招生政策), each school's places and boundary
 * (招生计划与招生范围) and the allocation of 指标到校 places to junior schools. Admissions
 * (录取) are reported per year and stage, independent of the version they are checked against.
 */
export const enrolmentPlanStatus = pgEnum('enrolment_plan_status', ['DRAFT', 'PUBLISHED', 'SUPERSEDED']);
export const enrolmentStage = pgEnum('enrolment_stage', ['SENIOR', 'JUNIOR']);
export const admissionCategory = pgEnum('admission_category', ['UNIFIED', 'QUOTA', 'SPECIALTY']);

export const enrolmentPlans = pgTable(
  'enrolment_plans',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    /** The city (地级市) that sets the policy. */
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    year: integer('year').notNull(),
    stage: enrolmentStage('stage').notNull(),
    /** Version within city, year and stage, from 1. */
    sequence: integer('sequence').notNull(),
    title: text('title').notNull(),
    status: enrolmentPlanStatus('status').notNull().default('DRAFT'),
    /** Least share of a 示范性高中's places allocated to junior schools (指标到校), whole percent. */
    quotaShareMinPercent: integer('quota_share_min_percent').notNull(),
    /** Whether a school may admit from outside its boundary at all (跨县招生). */
    crossCountyAllowed: boolean('cross_county_allowed').notNull().default(false),
    basedOnId: integer('based_on_id').references((): AnyPgColumn => enrolmentPlans.id),
    publishedAt: timestamp('published_at', { withTimezone: true, mode: 'string' }),
    supersededAt: timestamp('superseded_at', { withTimezone: true, mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('enrolment_plans_version_uq').on(t.regionCode, t.year, t.stage, t.sequence),
    // One current (published) version and one open draft per city, year and stage, even if two writers race.
    uniqueIndex('enrolment_plans_one_published_uq')
      .on(t.regionCode, t.year, t.stage)
      .where(sql`${t.status} = 'PUBLISHED'`),
    uniqueIndex('enrolment_plans_one_draft_uq').on(t.regionCode, t.year, t.stage).where(sql`${t.status} = 'DRAFT'`),
    check('enrolment_plans_sequence_pos', sql`${t.sequence} >= 1`),
    check('enrolment_plans_share_range', sql`${t.quotaShareMinPercent} between 0 and 100`),
  ],
);

/** One school's line of a plan version: its boundary (set by the city) and places (set by its county). */
export const enrolmentSchoolPlans = pgTable(
  'enrolment_school_plans',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    planId: integer('plan_id')
      .notNull()
      .references(() => enrolmentPlans.id, { onDelete: 'cascade' }),
    schoolId: integer('school_id')
      .notNull()
      .references(() => schools.id),
    /** Copied from the school so jurisdiction filters need no join. */
    countyCode: text('county_code')
      .notNull()
      .references(() => regions.code),
    /** 示范性高中: the 指标到校 share of the policy applies. */
    demonstration: boolean('demonstration').notNull().default(false),
    /** Counties the school may admit from (招生范围), GB/T 2260 codes. */
    allowedCountyCodes: text('allowed_county_codes').array().notNull(),
    unifiedPlaces: integer('unified_places').notNull().default(0),
    quotaPlaces: integer('quota_places').notNull().default(0),
    specialtyPlaces: integer('specialty_places').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('enrolment_school_plans_uq').on(t.planId, t.schoolId),
    index('enrolment_school_plans_school_idx').on(t.schoolId),
    check(
      'enrolment_school_plans_places_nonneg',
      sql`${t.unifiedPlaces} >= 0 and ${t.quotaPlaces} >= 0 and ${t.specialtyPlaces} >= 0`,
    ),
  ],
);

/** 指标到校: a senior school's quota places allocated to one junior school, by graduating cohort. */
export const quotaAllocations = pgTable(
  'quota_allocations',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    schoolPlanId: integer('school_plan_id')
      .notNull()
      .references(() => enrolmentSchoolPlans.id, { onDelete: 'cascade' }),
    juniorSchoolId: integer('junior_school_id')
      .notNull()
      .references(() => schools.id),
    /** 初中毕业生数: the graduating cohort the share is proportional to. */
    graduates: integer('graduates').notNull(),
    /** Places set by the city instead of the formula, with its reason; null when computed. */
    overridePlaces: integer('override_places'),
    overrideReason: text('override_reason'),
    /** Places allocated (override, or the largest-remainder share of what overrides leave). */
    places: integer('places').notNull(),
  },
  (t) => [
    uniqueIndex('quota_allocations_uq').on(t.schoolPlanId, t.juniorSchoolId),
    check(
      'quota_allocations_nonneg',
      sql`${t.graduates} >= 0 and ${t.places} >= 0 and coalesce(${t.overridePlaces}, 0) >= 0`,
    ),
  ],
);

/**
 * Admissions as reported (录取情况): how many pupils a senior school admitted from one junior
 * school, per category. Counts only — no pupil is named. The natural key carries the school
 * identifiers (学校标识码), which never change, so a batch is keyed without lookups.
 */
export const enrolmentAdmissions = pgTable(
  'enrolment_admissions',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    year: integer('year').notNull(),
    stage: enrolmentStage('stage').notNull(),
    schoolCode: text('school_code').notNull(),
    sourceJuniorSchoolCode: text('source_junior_school_code').notNull(),
    category: admissionCategory('category').notNull(),
    schoolId: integer('school_id')
      .notNull()
      .references(() => schools.id),
    /** The admitting school's county (jurisdiction). */
    countyCode: text('county_code')
      .notNull()
      .references(() => regions.code),
    sourceJuniorSchoolId: integer('source_junior_school_id')
      .notNull()
      .references(() => schools.id),
    /** The junior school's county: what the boundary check compares. */
    sourceCountyCode: text('source_county_code')
      .notNull()
      .references(() => regions.code),
    count: integer('count').notNull(),
  },
  (t) => [
    uniqueIndex('enrolment_admissions_key_uq').on(t.year, t.stage, t.schoolCode, t.sourceJuniorSchoolCode, t.category),
    index('enrolment_admissions_school_idx').on(t.schoolId, t.year),
    index('enrolment_admissions_county_idx').on(t.countyCode),
    check('enrolment_admissions_count_nonneg', sql`${t.count} >= 0`),
  ],
);
