import { index, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { regions } from '../organisation/table.js';

/**
 * Per-region policy settings (e.g. exchange targets, CV thresholds). A county inherits its
 * city's value, a city its province's, and every key has a documented default
 * (settings/registry.ts).
 */
export const regionSettings = pgTable(
  'region_settings',
  {
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    key: text('key').notNull(),
    value: jsonb('value').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.key] }), index('region_settings_key_idx').on(t.key)],
);
