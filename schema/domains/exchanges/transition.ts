import { eq, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { Context } from '../../context.js';
import { fail } from '../../errors.js';
import { recordChanges } from '../audit/record.js';
import { whoLeads, type LeadAnswer, type MatterKey } from '../responsibility/leads.js';
import { zRowId } from '../shared/ids.js';
import { canReadAssignment } from './access.js';
import type { ExchangeStatus } from './rules.js';
import { exchangeAssignments, type ExchangeAssignment } from './table.js';
import { auditSnapshot } from './auditSnapshot.js';

export type Changes = PgUpdateSetSource<typeof exchangeAssignments>;

/** The `id` field of every step's input: an assignment's global id, or its row id (seed, tests). */
export const exchangeIdField = { id: zRowId('ExchangeAssignment') };

/** Who leads a matter for a region; one lookup per call here, memoised by the bulk history load. */
export type LeadLookup = (regionCode: string, matter: MatterKey) => Promise<LeadAnswer>;

export interface TransitionSpec {
  /** For messages: "approve", "start", … */
  verb: string;
  from: readonly ExchangeStatus[];
  to: ExchangeStatus;
  /** Throws FORBIDDEN (or another UserError) when the viewer may not do this to this row. */
  authorise(ctx: Context, row: ExchangeAssignment, leads: LeadLookup): Promise<Changes | void>;
  /** Further columns to set (who and when are set here). */
  changes(row: ExchangeAssignment): Changes;
}

/**
 * The rules of one step for one row — the viewer's right, then the state it starts from —
 * and the columns it sets. Shared by `transition` and the bulk history load.
 */
export async function stepChanges(
  ctx: Context,
  row: ExchangeAssignment,
  spec: TransitionSpec,
  leads: LeadLookup,
): Promise<Changes> {
  const extra = (await spec.authorise(ctx, row, leads)) ?? {};
  if (!spec.from.includes(row.status)) {
    fail(
      'INVALID_STATE',
      `Cannot ${spec.verb} an assignment that is ${row.status}; only when ${spec.from.join(' or ')}.`,
      ['input', 'id'],
    );
  }
  return { ...extra, ...spec.changes(row), status: spec.to, updatedAt: sql`now()` };
}

/**
 * One lifecycle step (PROPOSED → APPROVED → ACTIVE → COMPLETED, or REJECTED / CANCELLED), the
 * body of each step's verb (its permission checked and its input parsed). The row is locked first, so
 * two concurrent steps on one assignment serialise and the second sees the first's status
 * (approving twice → INVALID_STATE, never two approvals).
 */
export async function transition(ctx: Context, id: number, spec: TransitionSpec): Promise<ExchangeAssignment> {
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.select().from(exchangeAssignments).where(eq(exchangeAssignments.id, id)).for('update');
    // Unreadable rows are reported as missing, so ids outside the jurisdiction reveal nothing.
    if (!row || !canReadAssignment(ctx.viewer, row))
      fail('NOT_FOUND', `Exchange assignment ${id} does not exist.`, ['input', 'id']);
    const set = await stepChanges(ctx, row, spec, (region, matter) => whoLeads(tx, region, matter));
    const [after] = await tx.update(exchangeAssignments).set(set).where(eq(exchangeAssignments.id, row.id)).returning();
    await recordChanges(tx, ctx, [
      {
        action: 'UPDATE',
        entityType: 'ExchangeAssignment',
        entityKey: String(row.id),
        regionCode: row.sourceCountyCode,
        before: auditSnapshot(row),
        after: auditSnapshot(after),
      },
    ]);
    return after;
  });
}
