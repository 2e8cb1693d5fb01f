import { sql } from 'drizzle-orm';
import type { Context, DbOrTx } from '../../context.js';

export type AuditAction = 'CREATE' | 'UPDATE' | 'DELETE';

export interface Change {
  action: AuditAction;
  entityType: string;
  entityKey: string;
  regionCode: string | null;
  before: unknown;
  after: unknown;
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
    const rows = changes.slice(i, i + CHUNK).map((c) => ({
      action: c.action,
      entity_type: c.entityType,
      entity_key: c.entityKey,
      region_code: c.regionCode,
      before: c.before ?? null,
      after: c.after ?? null,
    }));
    await tx.execute(sql`
      insert into audit_events (actor, actor_role, request_id, action, entity_type, entity_key, region_code, before, after)
      select ${ctx.viewer.actor}, ${ctx.viewer.role}, ${ctx.requestId}, x.action, x.entity_type, x.entity_key, x.region_code, x.before, x.after
      from rows from (jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        as (action text, entity_type text, entity_key text, region_code text, before jsonb, after jsonb)) with ordinality
        as x(action, entity_type, entity_key, region_code, before, after, n)
      order by x.n`);
  }
}
