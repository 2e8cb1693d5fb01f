import { getColumns, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Context, Tx } from '../../context.js';
import { eventsFromJson, insertEvents, type Change } from '../audit/record.js';

/**
 * SQL for bulk upserts. A batch (up to thousands of rows) goes to the database as one JSON
 * parameter that the database expands, never as one bind parameter per value: at 12 columns
 * × 5,000 rows, building, describing and planning the parameters cost more than writing the
 * rows, and a statement holds at most 65,535 of them.
 */

/** `column = any(values)`, the values as one JSON parameter (batch-sized key lists). */
export function inJsonList(column: AnyPgColumn, values: readonly (string | number)[]): SQL {
  return sql`${column} = any(array(select json_array_elements_text(${JSON.stringify(values)}::json)::${sqlType(column)}))`;
}

/** The column's type as SQL, arrays included (`text[]`). */
function sqlType(column: AnyPgColumn): SQL {
  return sql.raw(column.getSQLType() + '[]'.repeat(column.dimensions));
}

export type BulkTable = PgTable & { $inferSelect: unknown };
type Row<T extends BulkTable> = T['$inferSelect'];

/**
 * `insert … on conflict (target) do update` of full records (keys are the table's property
 * names, values as stored), returning the stored rows. Unchanged rows never get here, so
 * every returned row was created or changed. One statement for the whole batch.
 */
export function upsertRecords<T extends BulkTable>(tx: Tx, table: T, target: AnyPgColumn | AnyPgColumn[], records: Record<string, unknown>[]): Promise<Row<T>[]> {
  if (records.length === 0) return Promise.resolve([]);
  const keys = Object.keys(records[0]);
  const source = sql`json_to_recordset(${JSON.stringify(records)}::json) as r(${recordType(table, keys)})`;
  return upsertFrom(tx, table, target, records, source);
}

/**
 * upsertRecords for records that are exactly the `after` images of `changes`, with the
 * changes audited by the same statement: the batch is one JSON document, parsed once, that
 * feeds both the rows (from each change's `after`) and the audit trail (insertEvents).
 */
export function upsertAudited<T extends BulkTable>(tx: Tx, ctx: Context, table: T, target: AnyPgColumn | AnyPgColumn[], changes: Change[]): Promise<Row<T>[]> {
  if (changes.length === 0) return Promise.resolve([]);
  const records = changes.map((c) => c.after as Record<string, unknown>);
  const keys = Object.keys(records[0]);
  const events = tx.$with('changes', {}).as(sql`select * from ${eventsFromJson(changes)}`);
  const audited = tx.$with('audited', {}).as(insertEvents(ctx, sql`changes x`));
  const source = sql`changes, jsonb_to_record(changes.after) as r(${recordType(table, keys)})`;
  return upsertFrom(tx.with(events, audited), table, target, records, source);
}

/** The record's fields as a column definition list, typed like the table's columns. */
function recordType(table: PgTable, keys: string[]): SQL {
  const columns = getColumns(table) as Record<string, AnyPgColumn>;
  return sql.join(
    keys.map((k) => sql`${sql.identifier(k)} ${sqlType(columns[k])}`),
    sql`, `,
  );
}

/**
 * The upsert itself, reading the records from `source` (relation `r`, one column per record
 * key). Only what the database adds (id, timestamps) and the key come back: the rest of each
 * stored row is the record just written, so it is not sent back and decoded a second time.
 */
async function upsertFrom<T extends BulkTable>(
  db: Pick<Tx, 'insert'>,
  table: T,
  target: AnyPgColumn | AnyPgColumn[],
  records: Record<string, unknown>[],
  source: SQL,
): Promise<Row<T>[]> {
  const columns = getColumns(table) as Record<string, AnyPgColumn>;
  const targets = [target].flat();
  const keys = Object.keys(records[0]);
  const set: Record<string, SQL> = Object.fromEntries(
    keys.filter((k) => !targets.includes(columns[k])).map((k) => [k, sql`excluded.${sql.identifier(columns[k].name)}`]),
  );
  if (columns.updatedAt) set.updatedAt = sql`now()`;
  const fields = Object.fromEntries(keys.map((k) => [k, sql`r.${sql.identifier(k)}`]));
  const targetKeys = Object.keys(columns).filter((k) => targets.includes(columns[k]));
  const back = Object.fromEntries(Object.keys(columns).filter((k) => targetKeys.includes(k) || !keys.includes(k)).map((k) => [k, columns[k]]));
  const stored: Record<string, unknown>[] = await (db.insert(table) as any)
    .select((qb: any) => qb.select(fields).from(source))
    .onConflictDoUpdate({ target: targets, set })
    .returning(back);
  const keyOf = targetKeys.length === 1 ? (r: Record<string, unknown>) => r[targetKeys[0]] : (r: Record<string, unknown>) => targetKeys.map((k) => r[k]).join('\u0000');
  const added = new Map(stored.map((s) => [keyOf(s), s]));
  return records.map((r) => Object.assign({}, r, added.get(keyOf(r))) as Row<T>);
}
