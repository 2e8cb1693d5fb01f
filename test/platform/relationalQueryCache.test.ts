import { sql } from 'drizzle-orm';
import { PgAsyncRelationalQuery } from 'drizzle-orm/pg-core/async/query';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { relations } from '../../schema/relations.js';
import { cacheRelationalQueries } from '../../server/relationalQueryCache.js';

/**
 * Relational reads reuse the SQL built for a config seen before: what they send must be exactly
 * what Drizzle builds itself, for configs seen again, configs that differ in a value only, and
 * configs that are not plain data (never kept). No query runs: the SQL is read with toSQL().
 */
const client = postgres('postgres://nobody@127.0.0.1:1/none', { max: 1 });
const db = drizzle({ client, relations });
cacheRelationalQueries(db);
afterAll(() => client.end({ timeout: 0 }));

/** What Drizzle's own query class builds for the same read. */
function uncached(query: object) {
  return (PgAsyncRelationalQuery.prototype as unknown as { _toSQL(): { builtQuery: unknown } })._toSQL.call(query)
    .builtQuery;
}

describe('relational query cache', () => {
  const page = (parent: string) => ({
    where: { level: 'COUNTY' as const, code: { like: `${parent.slice(0, 4)}%`, ne: parent } },
    orderBy: { code: 'asc' as const },
    limit: 101,
    with: { schools: { orderBy: { code: 'asc' as const }, limit: 3 } },
  });

  it('a config seen again gets the same SQL and parameters, in a list of its own', () => {
    const a = db.query.regions.findMany(page('430700'));
    const b = db.query.regions.findMany(page('430700'));
    const first = a.toSQL();
    const second = b.toSQL();
    expect(second).toEqual(uncached(b));
    expect(second).toEqual(first);
    expect(second.params).not.toBe(first.params);
  });

  it('does not build a config seen before again', () => {
    const dialect = (db as unknown as { dialect: { buildRelationalQuery: (...a: unknown[]) => unknown } }).dialect;
    const build = dialect.buildRelationalQuery;
    let builds = 0;
    dialect.buildRelationalQuery = (...a: unknown[]) => {
      builds++;
      return build.apply(dialect, a);
    };
    try {
      db.query.regions.findMany(page('431100')).toSQL();
      const once = builds; // the nested read of schools is built by a call of its own
      expect(once).toBeGreaterThan(0);
      for (let i = 0; i < 3; i++) db.query.regions.findMany(page('431100')).toSQL();
      expect(builds).toBe(once);
    } finally {
      dialect.buildRelationalQuery = build;
    }
  });

  it('a config differing in a value gets its own parameters', () => {
    db.query.regions.findMany(page('430700')).toSQL();
    const other = db.query.regions.findMany(page('439900'));
    expect(other.toSQL()).toEqual(uncached(other));
    expect(other.toSQL().params).toContain('439900');
  });

  it('undefined keys, -0 and findFirst are told apart', () => {
    const plain = db.query.schools.findMany({ where: { enrolment: 0 } });
    const negative = db.query.schools.findMany({ where: { enrolment: -0 } });
    const withUndefined = db.query.schools.findMany({ where: { enrolment: 0, name: undefined } });
    const first = db.query.schools.findFirst({ where: { enrolment: 0 } });
    for (const q of [plain, negative, withUndefined, first]) expect(q.toSQL()).toEqual(uncached(q));
    expect(first.toSQL().sql).not.toEqual(plain.toSQL().sql);
  });

  it('configs that are not plain data are built every time', () => {
    let calls = 0;
    const raw = () =>
      db.query.schools.findMany({
        where: {
          RAW: (t) => {
            calls++;
            return sql`${t.enrolment} > ${calls}`;
          },
        },
      });
    const a = raw().toSQL();
    const b = raw().toSQL();
    expect(calls).toBe(2);
    expect(a.params).not.toEqual(b.params);
  });
});
