import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, pgEnum, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { regions, schools, teachers } from '../organisation/table.js';

/**
 * Shared-resource pools (资源共享池): a city's catalogues of what counties and schools offer,
 * the counties' requests, and the allocations tying the two together.
 *
 * The capacity invariant (for any resource and any day, active allocated quantity ≤ capacity)
 * is enforced by the trigger `resource_allocations_guard` (custom migration `resource_allocations_capacity_trigger`),
 * not only by the services: it locks the affected resource rows and checks the peak load
 * within the inserting transaction, so concurrent allocations can never overbook.
 */
export const poolKind = pgEnum('pool_kind', ['TEACHER_EXCHANGE', 'EQUIPMENT', 'COURSE', 'RESEARCH']);
export const capacityUnit = pgEnum('capacity_unit', ['UNITS', 'SEATS', 'HOURS_PER_WEEK', 'ACCESSES']);
export const offerVisibility = pgEnum('offer_visibility', ['PUBLISHED', 'INTERNAL']);
export const requestPriority = pgEnum('request_priority', ['LOW', 'NORMAL', 'HIGH', 'URGENT']);
export const requestStatus = pgEnum('request_status', [
  'SUBMITTED',
  'PARTIALLY_MATCHED',
  'MATCHED',
  'FULFILLED',
  'REJECTED',
  'WITHDRAWN',
]);
export const allocationStatus = pgEnum('allocation_status', ['ACTIVE', 'RELEASED']);
export const allocationMethod = pgEnum('allocation_method', ['MANUAL', 'AUTO']);

const stamp = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });

export const resourcePools = pgTable(
  'resource_pools',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    kind: poolKind('kind').notNull(),
    cityCode: text('city_code')
      .notNull()
      .references(() => regions.code),
    description: text('description').notNull().default(''),
    createdBy: text('created_by').notNull(),
    createdAt: stamp('created_at').notNull().defaultNow(),
  },
  (t) => [index('resource_pools_city_kind_idx').on(t.cityCode, t.kind)],
);

export const poolResources = pgTable(
  'pool_resources',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    poolId: integer('pool_id')
      .notNull()
      .references(() => resourcePools.id),
    title: text('title').notNull(),
    /** Matching key shared with requests: a subject or category such as 物理 or 信息技术. */
    subject: text('subject').notNull(),
    /** The offering county (the school's county when a school offers). */
    countyCode: text('county_code')
      .notNull()
      .references(() => regions.code),
    schoolId: integer('school_id').references(() => schools.id),
    capacity: integer('capacity').notNull(),
    unit: capacityUnit('unit').notNull(),
    availableFrom: date('available_from', { mode: 'string' }).notNull(),
    availableTo: date('available_to', { mode: 'string' }).notNull(),
    /** Kind-specific attributes, validated per pool kind by the offerResource service. */
    attributes: jsonb('attributes').notNull().default({}),
    visibility: offerVisibility('visibility').notNull().default('PUBLISHED'),
    /** Never shown to portals. */
    internalNote: text('internal_note'),
    /** Personal data of the contact person: never shown to portals. */
    contactName: text('contact_name'),
    contactPhone: text('contact_phone'),
    /**
     * TEACHER_EXCHANGE offers only: the teacher whose time is offered, a teacher of the offering
     * school or county. An internal detail, never shown to portals; allocating the offer to a
     * school's request proposes the ITINERANT exchange it implies (exchange_assignments.allocation_id).
     */
    teacherId: integer('teacher_id').references(() => teachers.id),
    offeredBy: text('offered_by').notNull(),
    createdAt: stamp('created_at').notNull().defaultNow(),
  },
  (t) => [
    check('pool_resources_capacity_positive', sql`${t.capacity} > 0`),
    check('pool_resources_window', sql`${t.availableTo} >= ${t.availableFrom}`),
    index('pool_resources_pool_subject_idx').on(t.poolId, t.subject),
    index('pool_resources_county_idx').on(t.countyCode),
  ],
);

export const resourceRequests = pgTable(
  'resource_requests',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    poolId: integer('pool_id')
      .notNull()
      .references(() => resourcePools.id),
    countyCode: text('county_code')
      .notNull()
      .references(() => regions.code),
    /** Set when a school asked through its county. */
    schoolId: integer('school_id').references(() => schools.id),
    subject: text('subject').notNull(),
    specification: text('specification').notNull(),
    quantity: integer('quantity').notNull(),
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    periodEnd: date('period_end', { mode: 'string' }).notNull(),
    priority: requestPriority('priority').notNull().default('NORMAL'),
    reason: text('reason').notNull(),
    status: requestStatus('status').notNull().default('SUBMITTED'),
    /** Units covered by active allocations; kept in step by the services. */
    matchedQuantity: integer('matched_quantity').notNull().default(0),
    needsNewPurchase: boolean('needs_new_purchase').notNull().default(false),
    /** Pool offers the requester saw and acknowledged before asking for a new purchase (避免重复采购). */
    acknowledgedOfferIds: integer('acknowledged_offer_ids').array().notNull().default(sql`'{}'::integer[]`),
    purchaseJustification: text('purchase_justification'),
    requestedBy: text('requested_by').notNull(),
    requestedAt: stamp('requested_at').notNull().defaultNow(),
    /** Who closed it (rejected, withdrew, confirmed fulfilment), when and why. */
    closedBy: text('closed_by'),
    closedAt: stamp('closed_at'),
    closeReason: text('close_reason'),
    updatedAt: stamp('updated_at').notNull().defaultNow(),
  },
  (t) => [
    check('resource_requests_quantity_positive', sql`${t.quantity} > 0`),
    check('resource_requests_period', sql`${t.periodEnd} >= ${t.periodStart}`),
    check('resource_requests_matched_range', sql`${t.matchedQuantity} between 0 and ${t.quantity}`),
    index('resource_requests_pool_status_idx').on(t.poolId, t.status),
    index('resource_requests_county_idx').on(t.countyCode),
  ],
);

export const resourceAllocations = pgTable(
  'resource_allocations',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    requestId: integer('request_id')
      .notNull()
      .references(() => resourceRequests.id),
    resourceId: integer('resource_id')
      .notNull()
      .references(() => poolResources.id),
    /** Copied from request and resource so jurisdiction filters need no join. */
    requestCountyCode: text('request_county_code').notNull(),
    offerCountyCode: text('offer_county_code').notNull(),
    quantity: integer('quantity').notNull(),
    /** Inclusive calendar days. */
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    periodEnd: date('period_end', { mode: 'string' }).notNull(),
    status: allocationStatus('status').notNull().default('ACTIVE'),
    method: allocationMethod('method').notNull(),
    reason: text('reason').notNull(),
    matchedBy: text('matched_by').notNull(),
    matchedAt: stamp('matched_at').notNull().defaultNow(),
    releasedBy: text('released_by'),
    releasedAt: stamp('released_at'),
    releaseReason: text('release_reason'),
  },
  (t) => [
    check('resource_allocations_quantity_positive', sql`${t.quantity} > 0`),
    check('resource_allocations_period', sql`${t.periodEnd} >= ${t.periodStart}`),
    index('resource_allocations_resource_idx').on(t.resourceId, t.status, t.periodStart),
    index('resource_allocations_request_idx').on(t.requestId),
  ],
);
