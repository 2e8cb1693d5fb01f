import { index, integer, pgEnum, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const role = pgEnum('role', ['CITY_ADMIN', 'COUNTY_ADMIN', 'SCHOOL_ADMIN', 'EVALUATOR', 'PORTAL']);

/**
 * API keys for portals and scripts. The secret is shown once at creation; only its SHA-256
 * hash is stored, so a leaked database does not leak usable keys.
 */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    /** Public part of the key (`egk_<prefix>_<secret>`), used to find the row. */
    prefix: text('prefix').notNull().unique(),
    secretHash: text('secret_hash').notNull(),
    name: text('name').notNull(),
    role: role('role').notNull(),
    regionCode: text('region_code'),
    schoolCode: text('school_code'),
    scopes: text('scopes').array().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true, mode: 'string' }),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'string' }),
  },
  (t) => [index('api_keys_created_idx').on(t.createdAt)],
);
