import type { BuildRelationalQueryResult, Query } from 'drizzle-orm';
import { PgAsyncRelationalQuery } from 'drizzle-orm/pg-core/async/query';

/**
 * Drizzle builds the SQL of a relational query (`db.query.<table>.findMany(config)`) anew for
 * every call: for a small portal page that is a good part of the CPU the request costs. The
 * SQL text, its parameters and the shape of its rows depend on the query's config alone, so
 * reads keep what was built for a config they have seen, keyed by the config written out in
 * full (values included): the same page asked again (every visitor of a city's portal) skips
 * the building. A config holding anything but plain data (a `RAW` callback, an `sql` fragment,
 * a Date) is built every time, as are configs written out in more than MAX_KEY_LENGTH
 * characters (a loader's long id list). Transactions keep Drizzle's own query class.
 */
const MAX_KEY_LENGTH = 4096;
const MAX_ENTRIES = 1000;

type Built = { query: BuildRelationalQueryResult; builtQuery: Query };

/** Built queries per dialect (the SQL depends on nothing else but the config). */
const builtByDialect = new WeakMap<object, Map<string, Built>>();

/** The value written out so that two values get one text only if Drizzle reads them alike; null for anything but plain data. */
function plainKey(value: unknown, out: string[]): boolean {
  if (value === null) out.push('n');
  else if (value === undefined) out.push('u');
  else if (value === true) out.push('t');
  else if (value === false) out.push('f');
  else if (typeof value === 'string') out.push(JSON.stringify(value));
  else if (typeof value === 'number') out.push(Object.is(value, -0) ? '#-0' : `#${value}`);
  else if (Array.isArray(value)) {
    out.push('[');
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out.push(',');
      if (!plainKey(value[i], out)) return false;
    }
    out.push(']');
  } else if (
    typeof value === 'object' &&
    (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null)
  ) {
    out.push('{');
    for (const k in value) {
      out.push(JSON.stringify(k), ':');
      if (!plainKey((value as Record<string, unknown>)[k], out)) return false;
    }
    out.push('}');
  } else return false;
  return true;
}

interface QueryInternals {
  dialect: object;
  tableConfig: { name: string };
  mode: string;
  config: unknown;
}

class CachedRelationalQuery<TResult> extends PgAsyncRelationalQuery<TResult> {
  protected override _toSQL(): Built {
    const self = this as unknown as QueryInternals;
    const out: string[] = [self.mode, ' ', self.tableConfig.name, ' '];
    const key = plainKey(self.config, out) ? out.join('') : null;
    if (key === null || key.length > MAX_KEY_LENGTH) return super._toSQL();
    let built = builtByDialect.get(self.dialect);
    if (!built) builtByDialect.set(self.dialect, (built = new Map()));
    let known = built.get(key);
    if (!known) {
      known = super._toSQL();
      if (built.size >= MAX_ENTRIES) built.delete(built.keys().next().value!);
      built.set(key, known);
    }
    // The parameter list is handed to the driver; each execution gets its own.
    return { query: known.query, builtQuery: { ...known.builtQuery, params: [...known.builtQuery.params] } };
  }
}

/** Lets `db.query.<table>` reads of this database reuse the SQL built for a config seen before. */
export function cacheRelationalQueries(db: { query: object }): void {
  for (const builder of Object.values(db.query) as { builder: unknown }[]) {
    if (builder.builder === PgAsyncRelationalQuery) builder.builder = CachedRelationalQuery;
  }
}
