import { sql } from 'drizzle-orm';
import { bigint, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * One row per change, written in the same transaction as the change (see audit/record.ts).
 * `txid` is the writing transaction's id: the change feed only serves events whose
 * transaction is older than every transaction still running, so a reader that resumes from
 * its cursor never skips an event committed late by a transaction that started early.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    txid: bigint('txid', { mode: 'string' }).notNull().default(sql`(pg_current_xact_id()::text::bigint)`),
    occurredAt: timestamp('occurred_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    actor: text('actor').notNull(),
    actorRole: text('actor_role').notNull(),
    requestId: text('request_id'),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityKey: text('entity_key').notNull(),
    /** Region the entity belongs to, so the feed can be filtered by jurisdiction. */
    regionCode: text('region_code'),
    before: jsonb('before'),
    after: jsonb('after'),
  },
  (t) => [
    index('audit_events_feed_idx').on(t.txid, t.id),
    index('audit_events_entity_idx').on(t.entityType, t.entityKey),
  ],
);

/**
 * Reads of personal data (teachers' ID numbers and phones): who saw which records' personal
 * fields, when, in which request and through which key. One row per request and entity type,
 * written before the response leaves the server.
 */
export const personalDataReads = pgTable(
  'personal_data_reads',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    occurredAt: timestamp('occurred_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    actor: text('actor').notNull(),
    actorRole: text('actor_role').notNull(),
    requestId: text('request_id'),
    entityType: text('entity_type').notNull(),
    entityKeys: text('entity_keys').array().notNull(),
    fields: text('fields').array().notNull(),
    /** Regions of the records read, so each bureau can review reads of its own people. */
    regionCodes: text('region_codes').array().notNull(),
  },
  (t) => [index('personal_data_reads_time_idx').on(t.occurredAt)],
);
