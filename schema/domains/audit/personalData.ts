import { and, desc, gte, sql } from 'drizzle-orm';
import type { Context, DbOrTx } from '../../context.js';
import { fail } from '../../errors.js';
import { readScope } from '../access/jurisdiction.js';
import type { Viewer } from '../access/viewer.js';
import { personalDataReads } from './table.js';

/**
 * Collects, during one request, which records' personal fields were actually returned;
 * the HTTP layer writes them to `personal_data_reads` before sending the response, so no
 * personal data leaves the server unrecorded.
 */
export class PersonalDataReads {
  private readonly byEntity = new Map<string, { keys: Set<string>; fields: Set<string>; regions: Set<string> }>();

  note(entityType: string, key: string, field: string, regionCode: string) {
    let entry = this.byEntity.get(entityType);
    if (!entry) this.byEntity.set(entityType, (entry = { keys: new Set(), fields: new Set(), regions: new Set() }));
    entry.keys.add(key);
    entry.fields.add(field);
    entry.regions.add(regionCode);
  }

  get empty(): boolean {
    return this.byEntity.size === 0;
  }

  async flush(db: DbOrTx, viewer: Viewer, requestId: string): Promise<void> {
    if (this.empty) return;
    await db.insert(personalDataReads).values(
      [...this.byEntity].map(([entityType, e]) => ({
        actor: viewer.actor,
        actorRole: viewer.role,
        requestId,
        entityType,
        entityKeys: [...e.keys].sort(),
        fields: [...e.fields].sort(),
        regionCodes: [...e.regions].sort(),
      })),
    );
    this.byEntity.clear();
  }
}

/** Reads of personal data whose records lie in the caller's jurisdiction, newest first. */
export async function listPersonalDataReads(ctx: Context, args: { since?: string | null; first?: number | null }) {
  const first = args.first ?? 100;
  if (!Number.isInteger(first) || first < 1 || first > 1000)
    fail('LIMIT_EXCEEDED', 'first must be between 1 and 1000.', ['first']);
  const scope = readScope(ctx.viewer, 'auditEvent');
  if (scope.kind === 'none' || scope.kind === 'school')
    fail('FORBIDDEN', 'Reviewing personal-data reads needs the sync scope.', ['personalDataReads']);
  const inScope =
    scope.kind === 'region'
      ? sql`exists (select 1 from unnest(${personalDataReads.regionCodes}) as r(code) where r.code like ${`${scope.prefix}%`})`
      : undefined;
  return ctx.db
    .select()
    .from(personalDataReads)
    .where(and(inScope, args.since ? gte(personalDataReads.occurredAt, args.since) : undefined))
    .orderBy(desc(personalDataReads.id))
    .limit(first);
}
