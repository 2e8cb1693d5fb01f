import type { Context, DbOrTx } from '../../context.js';
import { auditEvents } from './table.js';

export type AuditAction = 'CREATE' | 'UPDATE' | 'DELETE';

export interface Change {
  action: AuditAction;
  entityType: string;
  entityKey: string;
  regionCode: string | null;
  before: unknown;
  after: unknown;
}

/**
 * The one audit path: every service that changes data calls this with its transaction, so
 * the event commits (or rolls back) together with the change it describes.
 */
export async function recordChanges(tx: DbOrTx, ctx: Pick<Context, 'viewer' | 'requestId'>, changes: Change[]) {
  if (changes.length === 0) return;
  const CHUNK = 1000;
  for (let i = 0; i < changes.length; i += CHUNK) {
    await tx.insert(auditEvents).values(
      changes.slice(i, i + CHUNK).map((c) => ({
        actor: ctx.viewer.actor,
        actorRole: ctx.viewer.role,
        requestId: ctx.requestId,
        action: c.action,
        entityType: c.entityType,
        entityKey: c.entityKey,
        regionCode: c.regionCode,
        before: c.before ?? null,
        after: c.after ?? null,
      })),
    );
  }
}
