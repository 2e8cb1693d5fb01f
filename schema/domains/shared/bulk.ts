import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import type { Context, Tx } from '../../context.js';
import { fail, toUserErrors, UserError } from '../../errors.js';
import type { WriteEntity } from '../access/jurisdiction.js';
import type { AuditedEntity } from '../audit/entities.js';
import { recordChanges, type Change } from '../audit/record.js';
import { upsertAudited, type BulkTable, type Upsert } from './bulkSql.js';
import { assertPermission, type Verb } from './verb.js';
import { parseInput, zodErrors } from './zodErrors.js';

/**
 * The engine behind every bulk upsert by natural key (upsertRegions, upsertSchools, …).
 * One behaviour for all of them: every problem in the batch is reported at once with the
 * path of the offending field; by default nothing is written when any row fails
 * (REJECT_BATCH), or the valid rows are applied (APPLY_VALID); unchanged rows are not
 * written; every change is audited in the same transaction.
 */
export type BulkErrorPolicy = 'REJECT_BATCH' | 'APPLY_VALID';
export type RowStatus = 'CREATED' | 'UPDATED' | 'UNCHANGED' | 'FAILED' | 'SKIPPED';

export interface RowResult<E> {
  index: number;
  key: string;
  status: RowStatus;
  entity: E | null;
  errors: UserError[];
}

export interface BulkResult<E> {
  results: RowResult<E>[];
  errors: UserError[];
  applied: boolean;
}

/** Input of a bulk upsert: the rows, the error policy and the spec's own fields (`input`). */
export type BulkInput<Extra = unknown> = { rows: unknown[]; onError?: BulkErrorPolicy | null } & Extra;

/**
 * What one bulk upsert is. `Parent` and `Extra` are for batches that belong to one record
 * named beside the rows (student scores of one evaluation cycle): `input` parses the extra
 * fields (ids with zRowId), `parent` loads that record before any row is parsed, and `schema`
 * may depend on it (score ranges of the cycle).
 */
export interface BulkSpec<
  Row,
  Rec extends Record<string, unknown>,
  Ent,
  Refs,
  Parent = undefined,
  Extra = unknown,
  ExtraIn = unknown,
> {
  /** The permission (jurisdiction.ts entity kind), checked before anything else. */
  entity: WriteEntity;
  entityType: AuditedEntity;
  /** Fields of the input besides `rows` and `onError`, parsed after the permission check. */
  input?: z.ZodType<Extra, ExtraIn>;
  /** Loads the record the batch belongs to (NOT_FOUND, INVALID_STATE, jurisdiction: typed errors). */
  parent?(ctx: Context, extra: Extra): Promise<Parent>;
  schema: z.ZodType<Row> | ((parent: Parent) => z.ZodType<Row>);
  /**
   * Fills in what a caller may leave out of a row's natural key (a school's only stage
   * section), reading what it needs; runs after the permission, batch-size and parent checks
   * and before any row is parsed, so a refused caller costs no SQL. Rows it cannot complete
   * are returned as they are and reported by the schema or `resolve`.
   */
  completeRows?(ctx: Context, rows: unknown[]): Promise<unknown[]>;
  /** Name of the natural-key field in the input row, for DUPLICATE errors. */
  keyField: string;
  key(row: Row): string;
  /** Loads, inside the transaction, the existing rows (locked) and whatever rows refer to. */
  load(tx: Tx, rows: Row[], parent: Parent): Promise<Refs>;
  existing(refs: Refs, key: string): Ent | undefined;
  /** Referential and jurisdiction checks; the full record to store, or errors (paths relative to the row). */
  resolve(row: Row, refs: Refs, ctx: Context, existing: Ent | undefined): Rec | UserError[];
  /** The stored row in the record's shape, to detect no-op updates and for the audit trail. */
  snapshot(ent: Ent): Rec;
  regionOf(rec: Rec): string;
  /**
   * How the records are stored. Records that are exactly rows of one table name the table and
   * the natural-key column(s) they conflict on: one statement writes and audits the batch
   * (upsertAudited), then `afterWrite` runs. Anything else (a consortium and its member list)
   * has its own `write`, and the changes are audited after it. Either way a record whose key
   * was absent when `load` ran but exists at write time is not written: it must not come back
   * from `write` (upsertRecords does this), and is loaded, resolved and written again.
   */
  store:
    | {
        table: BulkTable;
        target: AnyPgColumn | AnyPgColumn[];
        afterWrite?(tx: Tx, written: Ent[], ctx: Context): Promise<void>;
      }
    | { write(tx: Tx, upserts: Upsert<Rec>[], refs: Refs): Promise<Ent[]> };
  entityKey(ent: Ent): string;
  /**
   * The audit events of the changes written (with a `write` store), when they are not one event
   * per record: student scores are audited as one event per school and batch (which keys were
   * imported), not as copies of every student's scores.
   */
  audit?(changes: Change[], refs: Refs): Change[];
}

/** A bulk upsert as a service verb: the permission declared (printed by bulkUpsertMutation), then the engine. */
export function bulkVerb<
  Row,
  Rec extends Record<string, unknown>,
  Ent,
  Refs,
  Parent = undefined,
  Extra = unknown,
  ExtraIn = unknown,
>(spec: BulkSpec<Row, Rec, Ent, Refs, Parent, Extra, ExtraIn>): Verb<BulkInput<ExtraIn>, BulkResult<Ent>> {
  return Object.assign((ctx: Context, input: BulkInput<ExtraIn>) => runBulkUpsert(ctx, spec, input), {
    permission: spec.entity,
  });
}

/**
 * Runs a bulk upsert: the permission, the batch size, the extra input and the parent record
 * (each refusing the whole call with typed errors), then every row.
 */
export async function runBulkUpsert<Row, Rec extends Record<string, unknown>, Ent, Refs, Parent, Extra, ExtraIn>(
  ctx: Context,
  spec: BulkSpec<Row, Rec, Ent, Refs, Parent, Extra, ExtraIn>,
  input: BulkInput<unknown>,
): Promise<BulkResult<Ent>> {
  let parent: Parent;
  try {
    assertPermission(ctx, spec.entity);
    if (input.rows.length > ctx.limits.maxBatchRows) {
      fail(
        'LIMIT_EXCEEDED',
        `A batch holds at most ${ctx.limits.maxBatchRows} rows; split the ${input.rows.length} rows.`,
        ['input', 'rows'],
      );
    }
    const { rows: _rows, onError: _onError, ...fields } = input;
    const extra = spec.input ? parseInput(spec.input, fields) : (fields as Extra);
    parent = spec.parent ? await spec.parent(ctx, extra) : (undefined as Parent);
  } catch (err) {
    const errors = toUserErrors(err);
    if (!errors) throw err;
    return { results: [], errors, applied: false };
  }
  const rows = spec.completeRows ? await spec.completeRows(ctx, input.rows) : input.rows;
  return runRows(ctx, spec, { ...input, rows }, parent);
}

async function runRows<Row, Rec extends Record<string, unknown>, Ent, Refs, Parent>(
  ctx: Context,
  spec: BulkSpec<Row, Rec, Ent, Refs, Parent, any, any>,
  input: BulkInput<unknown>,
  parent: Parent,
): Promise<BulkResult<Ent>> {
  const policy = input.onError ?? 'REJECT_BATCH';
  const schema = typeof spec.schema === 'function' ? spec.schema(parent) : spec.schema;
  const results: RowResult<Ent>[] = [];
  const valid: { index: number; row: Row }[] = [];
  const firstIndexOfKey = new Map<string, number>();
  input.rows.forEach((raw, index) => {
    const rowPath = ['input', 'rows', index];
    const parsed = schema.safeParse(raw);
    const rawKey = String((raw as Record<string, unknown>)?.[spec.keyField] ?? '');
    if (!parsed.success) {
      results.push(failed(index, rawKey, zodErrors(parsed.error, rowPath)));
      return;
    }
    const key = spec.key(parsed.data);
    const seen = firstIndexOfKey.get(key);
    if (seen !== undefined) {
      const e = new UserError('DUPLICATE', `${key} also appears at row ${seen} of this batch.`, [
        ...rowPath,
        spec.keyField,
      ]);
      results.push(failed(index, key, [e]));
      return;
    }
    firstIndexOfKey.set(key, index);
    results.push({ index, key, status: 'SKIPPED', entity: null, errors: [] });
    valid.push({ index, row: parsed.data });
  });

  let applied: boolean;
  try {
    applied = await ctx.db.transaction(async (tx) => {
      let pending = valid;
      // Rows another transaction created after this one read their keys come back as
      // pending: read again (now locked by the upsert), checked again — jurisdiction over
      // the row that exists — and written as updates. So at most two passes.
      for (let pass = 1; pass === 1 || pending.length; pass++) {
        if (pass > 2)
          throw new Error(`${spec.entityType} upsert: rows still unwritten after a second pass (${pending.length}).`);
        const refs = await spec.load(
          tx,
          pending.map((v) => v.row),
          parent,
        );
        const toWrite = decide(ctx, spec, refs, pending, results);
        if (policy === 'REJECT_BATCH' && results.some((r) => r.status === 'FAILED')) throw REJECTED;
        const written = toWrite.length ? await store(tx, ctx, spec, refs, toWrite) : [];
        const byKey = new Map(written.map((e) => [spec.entityKey(e), e]));
        for (const w of toWrite) {
          const entity = byKey.get(w.key);
          if (entity)
            results[w.index] = {
              index: w.index,
              key: w.key,
              status: w.before ? 'UPDATED' : 'CREATED',
              entity,
              errors: [],
            };
        }
        pending = toWrite.filter((w) => !byKey.has(w.key)).map(({ index, row }) => ({ index, row }));
      }
      return true;
    });
  } catch (err) {
    if (err !== REJECTED) throw err;
    applied = false;
    for (const r of results) if (r.status !== 'FAILED') Object.assign(r, { status: 'SKIPPED', entity: null });
  }
  return { results, errors: results.flatMap((r) => r.errors), applied };
}

/** Thrown inside the transaction to roll back a batch rejected as a whole (rows may already be written). */
const REJECTED = Symbol('batch rejected');

interface ToWrite<Row, Rec> {
  index: number;
  row: Row;
  key: string;
  rec: Rec;
  before: Rec | null;
}

/**
 * Checks each row against what is stored (`refs`, read in this transaction): failed and
 * unchanged rows get their results; the rest are returned to be written.
 */
function decide<Row, Rec extends Record<string, unknown>, Ent, Refs>(
  ctx: Context,
  spec: BulkSpec<Row, Rec, Ent, Refs, any, any, any>,
  refs: Refs,
  rows: { index: number; row: Row }[],
  results: RowResult<Ent>[],
): ToWrite<Row, Rec>[] {
  const toWrite: ToWrite<Row, Rec>[] = [];
  for (const { index, row } of rows) {
    const key = spec.key(row);
    const existing = spec.existing(refs, key);
    const resolved = spec.resolve(row, refs, ctx, existing);
    if (Array.isArray(resolved)) {
      results[index] = failed(
        index,
        key,
        resolved.map((e) => e.under(['input', 'rows', index])),
      );
      continue;
    }
    const before = existing ? spec.snapshot(existing) : null;
    if (existing && sameRecord(before!, resolved)) {
      results[index] = { index, key, status: 'UNCHANGED', entity: existing, errors: [] };
    } else {
      toWrite.push({ index, row, key, rec: resolved, before });
    }
  }
  return toWrite;
}

/**
 * Writes the records and records their changes, in the caller's transaction. Returns the
 * entities written: a record whose key another transaction created after the batch read it
 * is not written (nor audited) and is missing from the answer.
 */
async function store<Row, Rec extends Record<string, unknown>, Ent, Refs>(
  tx: Tx,
  ctx: Context,
  spec: BulkSpec<Row, Rec, Ent, Refs, any, any, any>,
  refs: Refs,
  toWrite: ToWrite<Row, Rec>[],
): Promise<Ent[]> {
  const changes: Change[] = toWrite.map((w) => ({
    action: w.before ? 'UPDATE' : 'CREATE',
    entityType: spec.entityType,
    entityKey: w.key,
    regionCode: spec.regionOf(w.rec),
    before: w.before,
    after: w.rec,
    // A record moved to another region: the old region's feed is told to drop it.
    fromRegionCode: w.before ? spec.regionOf(w.before) : null,
  }));
  const how = spec.store;
  if ('write' in how) {
    const written = await how.write(
      tx,
      toWrite.map((w) => ({ record: w.rec, exists: w.before != null })),
      refs,
    );
    const keys = new Set(written.map((e) => spec.entityKey(e)));
    const done = changes.filter((c) => keys.has(c.entityKey));
    await recordChanges(tx, ctx, spec.audit ? spec.audit(done, refs) : done);
    return written;
  }
  const written = (await upsertAudited(tx, ctx, how.table, how.target, changes)) as Ent[];
  await how.afterWrite?.(tx, written, ctx);
  return written;
}

function failed<E>(index: number, key: string, errors: UserError[]): RowResult<E> {
  return { index, key, status: 'FAILED', entity: null, errors };
}

function sameRecord(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  for (const k in b) {
    const x = a[k] ?? null;
    const y = b[k] ?? null;
    // Scalars compare directly; only arrays and objects (subjects, member lists) need a deep look.
    if (x !== y && (typeof x !== 'object' || typeof y !== 'object' || JSON.stringify(x) !== JSON.stringify(y)))
      return false;
  }
  return true;
}
