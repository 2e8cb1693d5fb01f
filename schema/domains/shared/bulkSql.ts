import { getColumns, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Context, Tx } from '../../context.js';
import { sqlType } from './jsonList.js';
import { eventsFromJson, insertEvents, type Change } from '../audit/record.js';

/**
 * SQL for bulk upserts. A batch (up to thousands of rows) goes to the database as one JSON
 * parameter that the database expands, never as one bind parameter per value: at 12 columns
 * × 5,000 rows, building, describing and planning the parameters cost more than writing the
 * rows, and a statement holds at most 65,535 of them.
 */

export type BulkTable = PgTable & { $inferSelect: unknown };
type Row<T extends BulkTable> = T['$inferSelect'];

/**
 * A record to upsert and whether the batch found its key stored (and locked it) when it read
 * the table. A key found absent may have been created by another transaction since: the
 * upsert then leaves that row alone (locked, unchanged) and does not return it, so the caller
 * can read the row, check it and write again as an update (see shared/bulk.ts).
 */
export interface Upsert<R = Record<string, unknown>> {
  record: R;
  exists: boolean;
}

/**
 * `insert … on conflict (target) do update` of full records (keys are the table's property
 * names, values as stored), returning the rows written. Unchanged rows never get here, so
 * every returned row was created or changed. One statement for the whole batch.
 */
export async function upsertRecords<T extends BulkTable>(
  tx: Tx,
  table: T,
  target: AnyPgColumn | AnyPgColumn[],
  upserts: Upsert[],
): Promise<Row<T>[]> {
  if (upserts.length === 0) return [];
  const records = upserts.map((u) => u.record);
  const source = sql`json_to_recordset(${JSON.stringify(records)}::json) as r(${recordType(table, Object.keys(records[0]))})`;
  return written(table, target, records, await upsertQuery(tx, table, target, upserts, source));
}

/**
 * upsertRecords for records that are exactly the `after` images of `changes` (a change with a
 * `before` updates a stored row), with the changes audited by the same statement: the batch
 * is one JSON document, parsed once, that feeds both the rows (from each change's `after`)
 * and the audit trail (insertEvents). Only the changes whose rows were written are audited.
 */
export async function upsertAudited<T extends BulkTable>(
  tx: Tx,
  ctx: Context,
  table: T,
  target: AnyPgColumn | AnyPgColumn[],
  changes: Change[],
): Promise<Row<T>[]> {
  if (changes.length === 0) return [];
  const upserts = changes.map((c) => ({ record: c.after as Record<string, unknown>, exists: c.before != null }));
  const records = upserts.map((u) => u.record);
  const events = tx.$with('changes', {}).as(sql`select * from ${eventsFromJson(changes)}`);
  const source = sql`changes, jsonb_to_record(changes.after) as r(${recordType(table, Object.keys(records[0]))})`;
  const rows = tx.$with('written').as(upsertQuery(tx, table, target, upserts, source));
  const keys = targetKeys(table, target);
  const match = sql.join(
    keys.map(([k, column]) => sql`w.${sql.identifier(column.name)} = (c.after->>${k})::${sqlType(column)}`),
    sql` and `,
  );
  const audited = tx
    .$with('audited', {})
    .as(insertEvents(ctx, sql`(select c.* from changes c where exists (select from written w where ${match})) x`));
  return written(table, target, records, await tx.with(events, rows, audited).select().from(rows));
}

/** The record's fields as a column definition list, typed like the table's columns. */
function recordType(table: PgTable, keys: string[]): SQL {
  const columns = getColumns(table) as Record<string, AnyPgColumn>;
  return sql.join(
    keys.map((k) => sql`${sql.identifier(k)} ${sqlType(columns[k])}`),
    sql`, `,
  );
}

/** The natural-key columns of `target`, with their property names, in table order. */
function targetKeys(table: PgTable, target: AnyPgColumn | AnyPgColumn[]): [string, AnyPgColumn][] {
  const targets = [target].flat();
  return Object.entries(getColumns(table) as Record<string, AnyPgColumn>).filter(([, c]) => targets.includes(c));
}

/**
 * The upsert itself, reading the records from `source` (relation `r`, one column per record
 * key). A conflict updates the stored row only when the batch expected it (it read and locked
 * it); a row another transaction created in the meantime is locked but left as it is, and not
 * returned. Rows are inserted in key order, so two batches sharing keys wait for each other
 * instead of deadlocking. Only what the database adds (id, timestamps) and the key come back:
 * the rest of each stored row is the record just written.
 */
function upsertQuery<T extends BulkTable>(
  db: Pick<Tx, 'insert'>,
  table: T,
  target: AnyPgColumn | AnyPgColumn[],
  upserts: Upsert[],
  source: SQL,
) {
  const columns = getColumns(table) as Record<string, AnyPgColumn>;
  const keyed = targetKeys(table, target);
  const keys = Object.keys(upserts[0].record);
  const isKey = (k: string) => keyed.some(([t]) => t === k);
  const set: Record<string, SQL> = Object.fromEntries(
    keys.filter((k) => !isKey(k)).map((k) => [k, sql`excluded.${sql.identifier(columns[k].name)}`]),
  );
  if (columns.updatedAt) set.updatedAt = sql`now()`;
  const fields = Object.fromEntries(keys.map((k) => [k, sql`r.${sql.identifier(k)}`]));
  const back = Object.fromEntries(
    Object.keys(columns)
      .filter((k) => isKey(k) || !keys.includes(k))
      .map((k) => [k, columns[k]]),
  );
  return (db.insert(table) as any)
    .select((qb: any) =>
      qb
        .select(fields)
        .from(source)
        .orderBy(...keyed.map(([k]) => sql`r.${sql.identifier(k)}`)),
    )
    .onConflictDoUpdate({ target: keyed.map(([, c]) => c), set, setWhere: expected(keyed, upserts) })
    .returning(back);
}

/** Whether a conflicting stored row is one the batch expected to update: its key is among theirs. */
function expected(keyed: [string, AnyPgColumn][], upserts: Upsert[]): SQL {
  const found = upserts.filter((u) => u.exists).map((u) => keyed.map(([k]) => u.record[k]));
  if (found.length === 0) return sql`false`;
  const fromJson = keyed.map(([, c], i) => sql`(k->>${sql.raw(String(i))})::${sqlType(c)}`);
  return sql`(${sql.join(
    keyed.map(([, c]) => c),
    sql`, `,
  )}) in (select ${sql.join(fromJson, sql`, `)} from json_array_elements(${JSON.stringify(found)}::json) k)`;
}

/** The records whose rows were written, each with what the database added to it. */
function written<T extends BulkTable>(
  table: T,
  target: AnyPgColumn | AnyPgColumn[],
  records: Record<string, unknown>[],
  stored: Record<string, unknown>[],
): Row<T>[] {
  const keys = targetKeys(table, target).map(([k]) => k);
  const keyOf = (r: Record<string, unknown>) => (keys.length === 1 ? r[keys[0]] : keys.map((k) => r[k]).join('\u0000'));
  const added = new Map(stored.map((s) => [keyOf(s), s]));
  return records.filter((r) => added.has(keyOf(r))).map((r) => Object.assign({}, r, added.get(keyOf(r))) as Row<T>);
}
