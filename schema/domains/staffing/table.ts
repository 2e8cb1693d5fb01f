import { sql } from 'drizzle-orm';
import { check, index, integer, pgEnum, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { regions, schools } from '../organisation/table.js';

/**
 * Staffing establishment (教职工编制) of a city's counties and schools, and the city's
 * cross-county adjustment (跨县域编制调剂).
 *
 * Conservation: the approved establishment of a city (its pool, 市级周转编制, plus every
 * county's holding) changes only when the city sets holdings (核定, `upsertEstablishments`);
 * a transfer moves posts between two holders in one transaction with both rows locked, so the
 * sum stays the same. Holdings can never go negative (check constraint).
 */
export const staffCategory = pgEnum('staff_category', ['TEACHING', 'ADMINISTRATIVE', 'SUPPORT', 'WORKER']);
export const establishmentRequestKind = pgEnum('establishment_request_kind', ['REQUEST', 'OFFER']);
export const establishmentRequestStatus = pgEnum('establishment_request_status', [
  'SUBMITTED',
  'PARTLY_SETTLED',
  'SETTLED',
  'REJECTED',
]);

const stamp = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });

/** Approved posts held by a county, or by the city itself (its pool), per staff category. */
export const establishmentHoldings = pgTable(
  'establishment_holdings',
  {
    holderCode: text('holder_code')
      .notNull()
      .references(() => regions.code),
    category: staffCategory('category').notNull(),
    approved: integer('approved').notNull(),
    updatedAt: stamp('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.holderCode, t.category] }),
    check('establishment_holdings_nonneg', sql`${t.approved} >= 0`),
  ],
);

/**
 * Posts a county assigns to its schools (县管校聘): per category, and per subject for teaching
 * posts ('' for other categories). Their sum per county and category never exceeds the county's holding.
 */
export const schoolEstablishments = pgTable(
  'school_establishments',
  {
    schoolId: integer('school_id')
      .notNull()
      .references(() => schools.id),
    countyCode: text('county_code')
      .notNull()
      .references(() => regions.code),
    category: staffCategory('category').notNull(),
    subject: text('subject').notNull().default(''),
    approved: integer('approved').notNull(),
    updatedAt: stamp('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.category, t.subject] }),
    check('school_establishments_nonneg', sql`${t.approved} >= 0`),
    index('school_establishments_county_idx').on(t.countyCode, t.category),
  ],
);

/** A county asks the city pool for posts (REQUEST) or offers surplus posts to it (OFFER) (县级申报). */
export const establishmentRequests = pgTable(
  'establishment_requests',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    countyCode: text('county_code')
      .notNull()
      .references(() => regions.code),
    kind: establishmentRequestKind('kind').notNull(),
    category: staffCategory('category').notNull(),
    quantity: integer('quantity').notNull(),
    settledQuantity: integer('settled_quantity').notNull().default(0),
    reason: text('reason').notNull(),
    status: establishmentRequestStatus('status').notNull().default('SUBMITTED'),
    requestedBy: text('requested_by').notNull(),
    decisionNote: text('decision_note'),
    createdAt: stamp('created_at').notNull().defaultNow(),
    updatedAt: stamp('updated_at').notNull().defaultNow(),
  },
  (t) => [
    check(
      'establishment_requests_quantity',
      sql`${t.quantity} > 0 and ${t.settledQuantity} between 0 and ${t.quantity}`,
    ),
    index('establishment_requests_county_idx').on(t.countyCode, t.id),
  ],
);

/** One approved movement of posts between two holders of one city (市级统筹调剂): the ledger. */
export const establishmentTransfers = pgTable(
  'establishment_transfers',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    cityCode: text('city_code')
      .notNull()
      .references(() => regions.code),
    fromCode: text('from_code')
      .notNull()
      .references(() => regions.code),
    toCode: text('to_code')
      .notNull()
      .references(() => regions.code),
    category: staffCategory('category').notNull(),
    quantity: integer('quantity').notNull(),
    requestId: integer('request_id').references(() => establishmentRequests.id),
    offerId: integer('offer_id').references(() => establishmentRequests.id),
    reason: text('reason').notNull(),
    approvedBy: text('approved_by').notNull(),
    createdAt: stamp('created_at').notNull().defaultNow(),
  },
  (t) => [
    check('establishment_transfers_quantity', sql`${t.quantity} > 0 and ${t.fromCode} <> ${t.toCode}`),
    index('establishment_transfers_city_idx').on(t.cityCode, t.id),
    index('establishment_transfers_from_idx').on(t.fromCode),
    index('establishment_transfers_to_idx').on(t.toCode),
  ],
);
