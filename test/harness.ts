import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { inject } from 'vitest';
import { pino } from 'pino';
import postgres from 'postgres';
import { createApp, type App } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { migrateDatabase, openDatabase, type Database } from '../server/db.js';
import { seedDemoDataIfEmpty } from '../server/seed/index.js';
import { authSettings } from '../server/start.js';
import type { Context } from '../schema/context.js';
import { createClient, type EdugovClient } from '../sdk/src/index.js';
import { signUserToken, type Principal } from '../schema/domains/access/tokens.js';
import { systemViewer, type Viewer } from '../schema/domains/access/viewer.js';
import type { TypedDocumentString } from './graphql/graphql.js';

/**
 * Shared test harness. By default every test file gets its own in-memory PGlite database.
 * With TEST_DATABASE_URL (an admin URL such as postgres://postgres@127.0.0.1:5432/postgres)
 * it gets its own throwaway database on that PostgreSQL server, dropped afterwards.
 */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;
export const onRealPostgres = !!TEST_DATABASE_URL;
export const SECRET = 'test-secret-test-secret-test-secret-0123';
export const ISSUER = 'edugov';
export const silentLog = pino({ level: 'silent' });

export interface TestDb {
  database: Database;
  url?: string;
  drop(): Promise<void>;
}

/**
 * `adminUrl` puts the database on that PostgreSQL server even in an embedded (PGlite) run;
 * the seeded template lives only on TEST_DATABASE_URL's server, so elsewhere pass `seed: false`
 * unless seeding from scratch is intended.
 */
export async function createTestDb(
  opts: { seed?: boolean; poolSize?: number; adminUrl?: string } = {},
): Promise<TestDb> {
  let database: Database;
  let url: string | undefined;
  let drop = async () => {};
  const adminUrl = opts.adminUrl ?? TEST_DATABASE_URL;
  // A seeded copy made once per run by test/globalSetup.ts, when there is one.
  const templateDatabase =
    opts.seed !== false && adminUrl === TEST_DATABASE_URL ? safeInject('templateDatabase') : null;
  const templateDump = opts.seed !== false ? safeInject('templateDump') : null;
  if (adminUrl) {
    const name = `edugov_test_${randomBytes(6).toString('hex')}`;
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(
      templateDatabase ? `create database ${name} template ${templateDatabase}` : `create database ${name}`,
    );
    await admin.end();
    const u = new URL(adminUrl);
    u.pathname = `/${name}`;
    url = u.toString();
    database = await openDatabase({ url, poolSize: opts.poolSize ?? 10 });
    drop = async () => {
      const a = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists ${name} with (force)`);
      await a.end();
    };
  } else {
    const loadDataDir = templateDump ? new Blob([readFileSync(templateDump)]) : undefined;
    database = await openDatabase({ dataDir: 'memory', loadDataDir });
  }
  await migrateDatabase(database);
  if (opts.seed !== false) await seedDemoDataIfEmpty(database, silentLog);
  return {
    database,
    url,
    async drop() {
      await database.close().catch(() => {});
      await drop();
    },
  };
}

/** A GraphQL error as the server sends it. */
export interface GraphQLErrorBody {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; path?: (string | number)[]; [key: string]: unknown };
}

/** The response to a typed document: `data` of the document's result type. */
export interface TypedReply<R> {
  status: number;
  body: { data: R; errors?: GraphQLErrorBody[]; extensions?: Record<string, unknown> };
}

export interface TestServer {
  app: App;
  url: string;
  db: TestDb;
  /**
   * POSTs a GraphQL document; returns status and parsed body. A typed document
   * (`graphql(\`…\`)` from test/graphql/index.js) types the variables and `body.data`; a plain
   * string is for documents that are malformed or generated on purpose.
   */
  gql<R, V>(query: TypedDocumentString<R, V>, variables?: V, token?: string): Promise<TypedReply<R>>;
  gql<T = any>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
  ): Promise<{ status: number; body: T & { errors?: any[] } }>;
  /** The typed SDK against this server, as a portal would use it (typed documents, typed results). */
  client(token?: string): EdugovClient;
  close(): Promise<void>;
}

/**
 * Test servers get rate-limit buckets no suite reaches (a suite sends hundreds of requests from
 * one address and token), unless a test sets its own; PRODUCT_RATE_LIMITS restores the
 * shipped defaults (an empty variable counts as unset).
 */
const GENEROUS_RATE_LIMITS: Record<string, string> = Object.fromEntries(
  ['RATE_LIMIT_ANONYMOUS', 'RATE_LIMIT_USER', 'RATE_LIMIT_API_KEY', 'AUTH_FAILURES'].flatMap((c) => [
    [`EDUGOV_${c}_CAPACITY`, '2000000'],
    [`EDUGOV_${c}_REFILL_PER_SECOND`, '100000'],
  ]),
);
export const PRODUCT_RATE_LIMITS: Record<string, string> = Object.fromEntries(
  Object.keys(GENEROUS_RATE_LIMITS).map((k) => [k, '']),
);

export async function startTestServer(
  opts: { env?: Record<string, string>; db?: TestDb; seed?: boolean } = {},
): Promise<TestServer> {
  const db = opts.db ?? (await createTestDb({ seed: opts.seed }));
  const config = loadConfig({
    NODE_ENV: 'test',
    EDUGOV_JWT_SECRET: SECRET,
    EDUGOV_DATA_DIR: 'memory',
    LOG_LEVEL: 'silent',
    ...GENEROUS_RATE_LIMITS,
    ...opts.env,
  });
  const app = await createApp({
    config,
    database: db.database,
    log: silentLog,
    auth: authSettings(config, SECRET),
  });
  const port = await app.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${port}/graphql`;
  return {
    app,
    url,
    db,
    async gql(query: string | TypedDocumentString<unknown, unknown>, variables?: unknown, token?: string) {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query: String(query), variables }),
      });
      return { status: res.status, body: (await res.json()) as any };
    },
    client(token) {
      return createClient({ url, token, retry: { retries: 0 } });
    },
    async close() {
      await app.close(); // closes the database too
      await db.drop();
    },
  };
}

export function token(p: Principal & { subject?: string; ttl?: string }, secret = SECRET): Promise<string> {
  return signUserToken(secret, ISSUER, {
    subject: p.subject ?? `test-${p.role.toLowerCase()}`,
    ttl: p.ttl ?? '1h',
    ...p,
  });
}

/** A service context acting as `viewer` (system by default), for tests that call services directly. */
export function serviceContext(database: Database, viewer: Viewer = systemViewer('test')): Context {
  return {
    db: database.db,
    viewer,
    requestId: `test-${randomBytes(4).toString('hex')}`,
    log: silentLog,
    limits: { maxBatchRows: 5000 },
  };
}

function safeInject<K extends 'templateDatabase' | 'templateDump'>(key: K): string | null {
  try {
    return inject(key) ?? null;
  } catch {
    return null; // outside vitest (scripts that reuse the harness)
  }
}

/** `value`, failing the test when it is null or undefined (a typed result's nullable field that must be there). */
export function present<T>(value: T | null | undefined, what = 'value'): T {
  if (value === null || value === undefined) throw new Error(`expected ${what}, got ${value}`);
  return value;
}

/** Demo-data facts the tests rely on. */
export const DEMO = {
  city: '430700',
  anxiang: '430721',
  taoyuan: '430725',
  wuling: '430702',
} as const;
