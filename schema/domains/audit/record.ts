import { sql, type SQL } from 'drizzle-orm';
import type { Context, DbOrTx } from '../../context.js';
import type { AuditedEntity } from './entities.js';

/**
 * The shape of every event (the change feed serves it as it is):
 *  - CREATE: `before` null, `after` the full record;
 *  - UPDATE: `before` and `after` full snapshots of the record, with the same keys (never a
 *    patch of the fields that changed: a consumer replaces its copy with `after`);
 *  - DELETE: `before` the full record, `after` null;
 *  - LEAVE: see below.
 *
 * LEAVE is never passed in: it is the event the feed of a record's old region gets when the
 * record moves out of it (see `fromRegionCode`), telling that region's copies to drop it.
 */
export type AuditAction = 'CREATE' | 'UPDATE' | 'DELETE';
export type FeedAction = AuditAction | 'LEAVE';

export interface Change {
  action: AuditAction;
  /** The audit vocabulary (audit/entities.ts): GraphQL type names. */
  entityType: AuditedEntity;
  entityKey: string;
  regionCode: string | null;
  before: unknown;
  after: unknown;
  /**
   * The region the record belonged to before this change, when the writer knows it. When it
   * differs from `regionCode` (a teacher or school moved to another county) a LEAVE event for
   * the old region is recorded first: key only, no content, so a jurisdiction that can no
   * longer read the record learns to remove it without learning anything more about it.
   */
  fromRegionCode?: string | null;
}

/** Events per statement: one JSON parameter each, so a batch costs one round trip per chunk. */
const CHUNK = 5000;

/**
 * The one audit path: every service that changes data calls this with its transaction, so
 * the event commits (or rolls back) together with the change it describes.
 *
 * The events travel as a single JSON document expanded by `jsonb_to_recordset`, which is far
 * cheaper than binding nine parameters per event for large batches (imports, auto-matching).
 */
export async function recordChanges(tx: DbOrTx, ctx: Pick<Context, 'viewer' | 'requestId'>, changes: Change[]) {
  for (let i = 0; i < changes.length; i += CHUNK) {
    await tx.execute(insertEvents(ctx, eventsFromJson(changes.slice(i, i + CHUNK))));
  }
}

/**
 * The changes as a relation `x(action, entity_type, entity_key, region_code, before, after, n)`
 * expanded from one JSON parameter. A bulk writer that stores exactly the after-images of its
 * changes (shared/bulk.ts) makes it a common table expression, reads its rows from `after`
 * and records the events with `insertEvents` in the same statement, so a batch is sent and
 * parsed once rather than once for the rows and again for the trail.
 */
export function eventsFromJson(changes: Change[]): SQL {
  // The Change objects are the document as they are: no copy of a large batch.
  return sql`rows from (jsonb_to_recordset(${JSON.stringify(changes)}::jsonb)
    as ("action" text, "entityType" text, "entityKey" text, "regionCode" text, "before" jsonb, "after" jsonb, "fromRegionCode" text)) with ordinality
    as x(action, entity_type, entity_key, region_code, before, after, from_region_code, n)`;
}

/**
 * Inserts the events of `source` (a relation aliased `x`, shaped as eventsFromJson's), in
 * order; a change that moved its record out of a region is preceded by that region's LEAVE.
 */
export function insertEvents(ctx: Pick<Context, 'viewer' | 'requestId'>, source: SQL): SQL {
  return sql`insert into audit_events (actor, actor_role, request_id, action, entity_type, entity_key, region_code, before, after)
    select ${ctx.viewer.actor}, ${ctx.viewer.role}, ${ctx.requestId}, e.action, x.entity_type, x.entity_key, e.region_code, e.before, e.after
    from ${source}
    cross join lateral (values (0, 'LEAVE', x.from_region_code, null::jsonb, null::jsonb), (1, x.action, x.region_code, x.before, x.after))
      as e(step, action, region_code, before, after)
    where e.step = 1 or x.from_region_code <> x.region_code
    order by x.n, e.step`;
}
