// btree_gist: exclusion constraints mixing = and && (e.g. one teacher, overlapping date ranges); pg_trgm: substring search on names.
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { PgAsyncDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { relations, type Relations } from '../schema/relations.js';
import { cacheRelationalQueries } from './relationalQueryCache.js';
import { clusterTemplate, discardTemplate } from './embedded/clusterTemplate.js';

/** One type for both drivers, so every service runs unchanged on PGlite and PostgreSQL. */
export type Db = PgAsyncDatabase<PgQueryResultHKT, Relations>;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** True when the database answers a trivial query. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
  /** Embedded only: the whole data folder as a tarball (tests clone a seeded database from it). */
  dumpDataDir?(compression?: 'none' | 'gzip'): Promise<Blob>;
  /**
   * Embedded only: how the data folder came to be — an existing cluster, the pre-initialised
   * template (server/embedded/clusterTemplate.ts), a fresh initdb (no template yet), or a
   * tarball the caller gave.
   */
  initialisedFrom?: 'existing' | 'template' | 'initdb' | 'given';
  /** Counts statements sent to the database (used by tests that prove batching). */
  statements: { count: number; log: string[] };
}

export const migrationsFolder = fileURLToPath(new URL('../migrations', import.meta.url));

export interface OpenOptions {
  url?: string;
  /** PGlite data folder, or 'memory'. */
  dataDir?: string;
  poolSize?: number;
  /** Milliseconds; PostgreSQL cancels a statement that runs longer. */
  statementTimeoutMs?: number;
  /** PostgreSQL's JIT compiler for this pool's sessions (default off; see DATABASE_JIT). */
  jit?: boolean;
  /** Embedded only: start from this data-folder tarball (from dumpDataDir) instead of an empty database. */
  loadDataDir?: Blob;
  /** Embedded only: where the pre-initialised cluster is kept (default: the install's cache). */
  templateDir?: string;
  /** Milliseconds to wait for a new connection before failing the query (postgres.js default: 30 s). */
  connectTimeoutMs?: number;
  /**
   * Longest pause before reconnecting after connections failed. postgres.js backs off up to
   * 20 s by default and queued queries wait all that time; a short cap makes them fail fast
   * while the database is down and recover quickly when it returns.
   */
  maxReconnectDelayMs?: number;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  const statements = { count: 0, log: [] as string[] };
  const logger = {
    logQuery(query: string) {
      statements.count++;
      // The most recent 1,000 statements, so a test can always read the ones it caused.
      if (statements.log.length >= 1000) statements.log.shift();
      statements.log.push(query);
    },
  };
  if (opts.url) {
    const client = postgres(opts.url, {
      max: opts.poolSize ?? 10,
      onnotice: () => {},
      ...(opts.connectTimeoutMs ? { connect_timeout: opts.connectTimeoutMs / 1000 } : {}),
      ...(opts.maxReconnectDelayMs !== undefined
        ? {
            backoff: (retries: number) =>
              Math.min(((0.5 + Math.random() / 2) * 3 ** retries) / 100, opts.maxReconnectDelayMs! / 1000),
          }
        : {}),
      connection: {
        application_name: 'edugov',
        statement_timeout: opts.statementTimeoutMs ?? 30_000,
        jit: opts.jit ? 'on' : 'off',
      },
    });
    const db = drizzlePostgres({ client, relations, logger }) as unknown as Db;
    cacheRelationalQueries(db);
    return {
      db,
      kind: 'postgres',
      statements,
      ping: () => ping(db),
      close: () => client.end({ timeout: 5 }),
    };
  }
  const dir = opts.dataDir ?? 'memory';
  if (dir !== 'memory') mkdirSync(dir, { recursive: true });
  // Loaded only for the embedded database: on PostgreSQL the WebAssembly build is ~40 MB of memory for nothing.
  const [{ PGlite }, { btree_gist }, { pg_trgm }, { drizzle: drizzlePglite }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('@electric-sql/pglite/contrib/btree_gist'),
    import('@electric-sql/pglite/contrib/pg_trgm'),
    import('drizzle-orm/pglite'),
  ]);
  const create = (dataDir: string | undefined, loadDataDir?: Blob) =>
    PGlite.create(dataDir, { extensions: { btree_gist, pg_trgm }, ...(loadDataDir ? { loadDataDir } : {}) });
  let client: InstanceType<typeof PGlite>;
  let initialisedFrom: Database['initialisedFrom'];
  if (opts.loadDataDir) {
    client = await create(dir === 'memory' ? undefined : dir, opts.loadDataDir);
    initialisedFrom = 'given';
  } else if (dir !== 'memory' && existsSync(join(dir, 'PG_VERSION'))) {
    client = await create(dir);
    initialisedFrom = 'existing';
  } else {
    // A new database starts from the pre-initialised cluster instead of running initdb.
    const template = await clusterTemplate(() => create(undefined), opts.templateDir);
    try {
      client = await create(dir === 'memory' ? undefined : dir, template.blob);
    } catch (err) {
      if (template.made) throw err;
      // A template PGlite cannot read (truncated, or written by another build): make a new one.
      discardTemplate(opts.templateDir);
      if (dir !== 'memory') rmSync(dir, { recursive: true, force: true });
      if (dir !== 'memory') mkdirSync(dir, { recursive: true });
      client = await create(
        dir === 'memory' ? undefined : dir,
        (await clusterTemplate(() => create(undefined), opts.templateDir)).blob,
      );
    }
    initialisedFrom = template.made ? 'initdb' : 'template';
  }
  const db = drizzlePglite({ client, relations, logger }) as unknown as Db;
  cacheRelationalQueries(db);
  return {
    db,
    kind: 'pglite',
    initialisedFrom,
    statements,
    ping: () => ping(db),
    close: () => client.close(),
    dumpDataDir: (compression = 'none') => client.dumpDataDir(compression),
  };
}

async function ping(db: Db): Promise<boolean> {
  try {
    await db.execute(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}

/**
 * A database that recorded a migration this build does not ship: it was created by a
 * pre-release build whose migrations have since been squashed into `initial_schema`.
 * Migrating it would fail half-way on tables that already exist, so refuse before any DDL.
 */
export class UnknownMigrations extends Error {
  constructor(readonly names: string[]) {
    super(
      `the database was created by a pre-release edugov whose migrations were later squashed (it records ${names[0]}` +
        `${names.length > 1 ? ` and ${names.length - 1} more` : ''}); export what you need with \`edugov export\`, then recreate the database ` +
        '(embedded: delete the data folder; PostgreSQL: drop and create the database) and import',
    );
  }
}

/** Migrations recorded in the database that are not folders of `migrations/`. */
async function unknownMigrations(database: Database): Promise<string[]> {
  // postgres.js answers an array of rows, PGlite an object holding them.
  const rows = <T>(result: unknown): T[] => (Array.isArray(result) ? result : (result as { rows: T[] }).rows);
  const [table] = rows<{ t: string | null }>(
    await database.db.execute(sql`select to_regclass('drizzle.__drizzle_migrations')::text as t`),
  );
  if (!table?.t) return [];
  const recorded = rows<{ name: string | null }>(
    await database.db.execute(sql`select name from drizzle.__drizzle_migrations`),
  );
  const shipped = new Set(
    readdirSync(migrationsFolder, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name),
  );
  return recorded.flatMap((r) => (r.name && !shipped.has(r.name) ? [r.name] : []));
}

/** Applies the committed migrations; safe to run on every start. */
export async function migrateDatabase(database: Database): Promise<void> {
  const unknown = await unknownMigrations(database);
  if (unknown.length) throw new UnknownMigrations(unknown);
  const config = { migrationsFolder };
  if (database.kind === 'postgres') {
    await migratePostgres(database.db as never, config);
  } else {
    const { migrate: migratePglite } = await import('drizzle-orm/pglite/migrator');
    await migratePglite(database.db as never, config);
  }
}
