import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';

/** `column = any(values)`, the values as one JSON parameter (batch-sized key lists). */
export function inJsonList(column: AnyPgColumn, values: readonly (string | number)[]): SQL {
  return sql`${column} = any(array(select json_array_elements_text(${JSON.stringify(values)}::json)::${sqlType(column)}))`;
}

/** The column's type as SQL, arrays included (`text[]`). */
export function sqlType(column: AnyPgColumn): SQL {
  return sql.raw(column.getSQLType() + '[]'.repeat(column.dimensions));
}
