import type { Context } from '../../context.js';
import { canSeePersonalData } from './jurisdiction.js';
import type { Viewer } from './viewer.js';

/**
 * The one marking of personal data (个人信息): per record type, the fields that hold it. The
 * GraphQL fields of these names carry `extensions.personalData` and answer null without the
 * `personal` scope (organisation/graphql/types.ts); record snapshots of these types — change-feed
 * `before`/`after`, and so `sync` output — are redacted by the same list (`redactRecord`).
 * Either way a value that does leave the server is recorded in personal_data_reads.
 */
export const PERSONAL_FIELDS = {
  Teacher: ['idNumber', 'phone'],
  // A pool offer's contact person; kept out of its audit snapshots altogether (offerResource).
  PoolResource: ['contactName', 'contactPhone'],
  // The person held to account by a 问责 record; inspectors' names (not in Inspection snapshots).
  Escalation: ['accountablePerson'],
  Inspector: ['name'],
} as const satisfies Record<string, readonly string[]>;

export type PersonalRecordType = keyof typeof PERSONAL_FIELDS;
export type PersonalField<T extends PersonalRecordType> = (typeof PERSONAL_FIELDS)[T][number];

/** Marks a GraphQL field as personal data, for the schema-generated leak tests and tooling. */
export const PERSONAL_FIELD_EXTENSION = 'personalData';

/** The viewer holds the personal scope at all (portals and anonymous callers never do). */
export function holdsPersonalScope(viewer: Viewer): boolean {
  return (
    viewer.kind === 'system' ||
    (viewer.role !== 'PORTAL' && viewer.role !== 'ANONYMOUS' && viewer.scopes.has('personal'))
  );
}

/**
 * A personal field's value for a record whose own read rule (`readable`) the caller passed:
 * null without the personal scope; otherwise the value, its read noted for personal_data_reads.
 */
export function personalValue<F extends string>(
  ctx: Pick<Context, 'viewer' | 'personalDataReads'>,
  record: { entityType: PersonalRecordType; entityKey: string; regionCode: string },
  field: F,
  value: string | null,
  readable: boolean,
): string | null {
  if (value == null || !readable || !holdsPersonalScope(ctx.viewer)) return null;
  ctx.personalDataReads?.note(record.entityType, record.entityKey, field, record.regionCode);
  return value;
}

function personalFieldsOf(entityType: string): readonly string[] {
  return (PERSONAL_FIELDS as Record<string, readonly string[]>)[entityType] ?? [];
}

/**
 * A record snapshot (audit `before`/`after`) as the viewer may see it: personal fields null
 * unless the viewer holds the personal scope over the record's region, in which case the
 * values returned are noted for personal_data_reads, exactly as field reads are.
 */
export function redactRecord(
  ctx: Pick<Context, 'viewer' | 'personalDataReads'>,
  record: { entityType: string; entityKey: string; regionCode: string | null },
  snapshot: unknown,
): unknown {
  const fields = personalFieldsOf(record.entityType);
  if (fields.length === 0 || snapshot == null || typeof snapshot !== 'object') return snapshot;
  const values = snapshot as Record<string, unknown>;
  const present = fields.filter((f) => values[f] != null);
  if (present.length === 0) return snapshot;
  const allowed = record.regionCode != null && canSeePersonalData(ctx.viewer, { regionCode: record.regionCode });
  if (allowed) {
    for (const f of present) ctx.personalDataReads?.note(record.entityType, record.entityKey, f, record.regionCode!);
    return snapshot;
  }
  return { ...values, ...Object.fromEntries(present.map((f) => [f, null])) };
}
