import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
} from 'drizzle-orm/pg-core';
import { regions, schools } from '../organisation/table.js';

/**
 * Funding (经费): the city's coordinated programmes (市级统筹专项), their allocations to
 * counties, the counties' matching (县级配套), payments, county education budgets and spending
 * reports. Every amount is an integer number of 分 (bigint columns, JS safe integers,
 * strings in the API): no floating point anywhere.
 */
export const fundingProgrammeKind = pgEnum('funding_programme_kind', [
  'COUNTY_HIGH_SCHOOL_DEVELOPMENT',
  'EQUIPMENT_SHARING_CENTRE',
  'TEACHER_DEVELOPMENT',
  'OTHER',
]);
export const fundingPaymentKind = pgEnum('funding_payment_kind', ['DISBURSEMENT', 'MATCHING']);
export const fundingSource = pgEnum('funding_source', ['PROGRAMME', 'COUNTY_BUDGET', 'DONATION', 'SOCIAL_FUND']);

const stamp = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });
const fen = (name: string) => bigint(name, { mode: 'number' });

export const fundingProgrammes = pgTable(
  'funding_programmes',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    code: text('code').notNull().unique(),
    cityCode: text('city_code')
      .notNull()
      .references(() => regions.code),
    year: integer('year').notNull(),
    name: text('name').notNull(),
    kind: fundingProgrammeKind('kind').notNull(),
    totalFen: fen('total_fen').notNull(),
    /** County matching per 分 allocated, in basis points (5000 = 县级配套 50 %). */
    matchingRatioBp: integer('matching_ratio_bp').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: stamp('created_at').notNull().defaultNow(),
  },
  (t) => [
    check('funding_programmes_amounts', sql`${t.totalFen} > 0 and ${t.matchingRatioBp} between 0 and 100000`),
    index('funding_programmes_city_idx').on(t.cityCode, t.year),
  ],
);

export const fundingAllocations = pgTable(
  'funding_allocations',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    programmeId: integer('programme_id')
      .notNull()
      .references(() => fundingProgrammes.id),
    countyCode: text('county_code')
      .notNull()
      .references(() => regions.code),
    amountFen: fen('amount_fen').notNull(),
    /** The county's weak-county weight (pools.countyPriorityWeight) when allocated, as text. */
    priorityWeight: text('priority_weight').notNull(),
    reason: text('reason').notNull(),
    allocatedBy: text('allocated_by').notNull(),
    updatedAt: stamp('updated_at').notNull().defaultNow(),
  },
  (t) => [
    unique('funding_allocations_programme_county').on(t.programmeId, t.countyCode),
    check('funding_allocations_amount', sql`${t.amountFen} >= 0`),
    index('funding_allocations_county_idx').on(t.countyCode),
  ],
);

/** Money moving for an allocation: the city's disbursement to the county, or the county's matching. */
export const fundingPayments = pgTable(
  'funding_payments',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    allocationId: integer('allocation_id')
      .notNull()
      .references(() => fundingAllocations.id),
    countyCode: text('county_code')
      .notNull()
      .references(() => regions.code),
    kind: fundingPaymentKind('kind').notNull(),
    amountFen: fen('amount_fen').notNull(),
    paidOn: date('paid_on', { mode: 'string' }).notNull(),
    evidenceUrl: text('evidence_url').notNull(),
    recordedBy: text('recorded_by').notNull(),
    createdAt: stamp('created_at').notNull().defaultNow(),
  },
  (t) => [
    check('funding_payments_amount', sql`${t.amountFen} > 0`),
    index('funding_payments_allocation_idx').on(t.allocationId, t.kind),
  ],
);

/** A county's general-budget education expenditure for a year (一般公共预算教育支出). */
export const countyEducationBudgets = pgTable(
  'county_education_budgets',
  {
    countyCode: text('county_code')
      .notNull()
      .references(() => regions.code),
    year: integer('year').notNull(),
    amountFen: fen('amount_fen').notNull(),
    updatedAt: stamp('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.year] }),
    check('county_education_budgets_amount', sql`${t.amountFen} >= 0`),
  ],
);

/**
 * What was spent (支出报告), by a county for itself or one of its schools, with evidence. Public
 * money (programme, county budget) and donations / social funds are told apart by `source`.
 */
export const spendingReports = pgTable(
  'spending_reports',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    code: text('code').notNull().unique(),
    countyCode: text('county_code')
      .notNull()
      .references(() => regions.code),
    schoolId: integer('school_id').references(() => schools.id),
    year: integer('year').notNull(),
    source: fundingSource('source').notNull(),
    allocationId: integer('allocation_id').references(() => fundingAllocations.id),
    amountFen: fen('amount_fen').notNull(),
    purpose: text('purpose').notNull(),
    evidenceUrl: text('evidence_url').notNull(),
    spentOn: date('spent_on', { mode: 'string' }).notNull(),
    createdAt: stamp('created_at').notNull().defaultNow(),
    updatedAt: stamp('updated_at').notNull().defaultNow(),
  },
  (t) => [
    check('spending_reports_amount', sql`${t.amountFen} > 0`),
    check('spending_reports_programme', sql`(${t.source} = 'PROGRAMME') = (${t.allocationId} is not null)`),
    index('spending_reports_county_year_idx').on(t.countyCode, t.year),
    index('spending_reports_school_idx').on(t.schoolId, t.year),
    index('spending_reports_allocation_idx').on(t.allocationId),
  ],
);
