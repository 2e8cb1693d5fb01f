/**
 * Load test: C concurrent clients for S seconds against one server, mixed reads and writes
 * across the domains, with production settings (limits, cost accounting and the rate limiter
 * on). Reports p50/p99 latency, throughput, errors by status (0 5xx expected) and peak memory,
 * and, as a reference measured in the same run, the throughput of a trivial `{ __typename }`
 * request through the same stack (the ratio shows what the real work costs).
 *
 *   npx tsx test/bench/load.ts [clients=50] [seconds=60] [admin-url=postgres://postgres@127.0.0.1:5432/postgres]
 *   (a short CI run: npx tsx test/bench/load.ts 10 5)
 *
 * Creates (and drops) its own database on the local PostgreSQL, loaded with the demo data set.
 * Exits non-zero when any request answered 5xx, failed on the network or carried a GraphQL error.
 */
import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import postgres from 'postgres';
import { createApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { migrateDatabase, openDatabase } from '../../server/db.js';
import { seedDemoDataIfEmpty } from '../../server/seed/index.js';
import { authSettings } from '../../server/start.js';
import { signUserToken } from '../../schema/domains/access/tokens.js';

const CLIENTS = Number(process.argv[2] ?? 50);
const SECONDS = Number(process.argv[3] ?? 60);
const ADMIN = process.argv[4] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SECRET = 'load-test-secret-load-test-secret-0123456';

type Op = { name: string; weight: number; body: (client: number, i: number) => unknown; write?: boolean };

const OPS: Op[] = [
  {
    name: 'schools page',
    weight: 20,
    body: () => ({ query: '{ schools(first: 20) { totalCount nodes { code name stage county { name } } } }' }),
  },
  {
    name: 'teachers with school',
    weight: 15,
    body: () => ({ query: '{ teachers(first: 50) { nodes { name school { name county { name } } } } }' }),
  },
  {
    name: 'county → schools → teachers',
    weight: 10,
    body: () => ({
      query:
        '{ region(code: "430721") { schools(first: 10) { nodes { name teachers(first: 10) { nodes ' +
        '{ name } } } } } }',
    }),
  },
  {
    name: 'region tree',
    weight: 10,
    body: () => ({ query: '{ region(code: "430700") { name children { code name schoolCount } } }' }),
  },
  {
    name: 'change feed',
    weight: 5,
    body: () => ({ query: '{ changes(first: 50) { events { cursor action entityType entityKey } } }' }),
  },
  { name: 'allocations', weight: 5, body: () => ({ query: '{ allocations(first: 10) { totalCount } }' }) },
  {
    name: 'evaluation cycles',
    weight: 5,
    body: () => ({ query: '{ evaluationCycles(regionCode: "430700", first: 10) { totalCount } }' }),
  },
  {
    name: 'exchange assignments',
    weight: 5,
    body: () => ({ query: '{ exchangeAssignments(first: 10) { totalCount } }' }),
  },
  {
    name: 'rectification tasks',
    weight: 5,
    body: () => ({ query: '{ rectificationTasks(first: 10) { totalCount } }' }),
  },
  {
    name: 'upsert school',
    weight: 20,
    write: true,
    // Each client owns a few schools and keeps updating their enrolment (and creates them first).
    body: (client, i) => ({
      query:
        'mutation($input: UpsertSchoolsInput!) { upsertSchools(input: $input) { applied created ' +
        'updated errors { code } } }',
      variables: {
        input: {
          rows: [
            {
              code: `214395${String(client * 10 + (i % 10)).padStart(4, '0')}`,
              name: `压力测试学校${client}-${i % 10}`,
              stage: 'PRIMARY',
              locality: 'RURAL',
              countyCode: '430721',
              enrolment: 100 + (i % 500),
            },
          ],
        },
      },
    }),
  },
];

const totalWeight = OPS.reduce((s, o) => s + o.weight, 0);
function pick(r: number): Op {
  let x = r * totalWeight;
  for (const o of OPS) if ((x -= o.weight) < 0) return o;
  return OPS[0];
}

/** Deterministic per-client PRNG (mulberry32), so runs pick the same mix. */
function prng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

async function run(url: string, token: string, seconds: number, choose: (rand: () => number) => Op) {
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const errorCodes = new Map<string, number>();
  let networkErrors = 0;
  const deadline = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      const rand = prng(client + 1);
      for (let i = 0; performance.now() < deadline; i++) {
        const op = choose(rand);
        const started = performance.now();
        try {
          const res = await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: JSON.stringify(op.body(client, i)),
          });
          const body = (await res.json()) as { errors?: { extensions?: { code?: string } }[] };
          latencies.push(performance.now() - started);
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          for (const e of body.errors ?? []) {
            const code = `${op.name}: ${e.extensions?.code ?? '?'}`;
            errorCodes.set(code, (errorCodes.get(code) ?? 0) + 1);
          }
        } catch {
          networkErrors++;
        }
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return { latencies, statuses, errorCodes, networkErrors, throughput: latencies.length / seconds };
}

async function main() {
  const name = `edugov_load_${randomBytes(4).toString('hex')}`;
  const admin = postgres(ADMIN, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const dbUrl = new URL(ADMIN);
  dbUrl.pathname = `/${name}`;
  const log = pino({ level: 'silent' });
  const config = loadConfig({
    NODE_ENV: 'production',
    EDUGOV_JWT_SECRET: SECRET,
    DATABASE_URL: dbUrl.toString(),
    LOG_LEVEL: 'silent',
  });
  const database = await openDatabase({
    url: config.DATABASE_URL,
    poolSize: config.DATABASE_POOL_SIZE,
    statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS,
    connectTimeoutMs: config.DATABASE_CONNECT_TIMEOUT_MS,
    maxReconnectDelayMs: config.DATABASE_RECONNECT_DELAY_MAX_MS,
  });
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
  try {
    await migrateDatabase(database);
    await seedDemoDataIfEmpty(database, log);
    const app = await createApp({
      config,
      database,
      log,
      auth: { ...authSettings(config, SECRET), anonymousRead: true },
    });
    const port = await app.listen(0, '127.0.0.1');
    const url = `http://127.0.0.1:${port}/graphql`;
    const token = await signUserToken(SECRET, config.EDUGOV_JWT_ISSUER, {
      subject: 'load',
      role: 'CITY_ADMIN',
      regionCode: '430700',
      ttl: '1h',
    });

    const refSeconds = Math.max(2, Math.min(10, SECONDS / 6));
    const trivial: Op = { name: 'trivial', weight: 1, body: () => ({ query: '{ __typename }' }) };
    const ref = await run(url, token, refSeconds, () => trivial);
    const mixed = await run(url, token, SECONDS, (rand) => pick(rand()));
    clearInterval(sampler);

    const fivexx = [...mixed.statuses].filter(([s]) => s >= 500).reduce((n, [, c]) => n + c, 0);
    const f = (x: number) => x.toFixed(1);
    console.log(
      `load: ${CLIENTS} clients × ${SECONDS} s, mixed reads/writes (${OPS.map((o) => `${o.name} ${o.weight}`).join(', ')})`,
    );
    console.log(`  requests ${mixed.latencies.length}, throughput ${f(mixed.throughput)} req/s`);
    console.log(
      `  latency p50 ${f(pct(mixed.latencies, 50))} ms, p99 ${f(pct(mixed.latencies, 99))} ms, max ${f(mixed.latencies.at(-1) ?? NaN)} ms`,
    );
    console.log(
      `  statuses ${JSON.stringify(Object.fromEntries(mixed.statuses))}, 5xx ${fivexx}, network errors ${mixed.networkErrors}`,
    );
    console.log(`  GraphQL error codes ${JSON.stringify(Object.fromEntries(mixed.errorCodes))}`);
    console.log(`  peak RSS ${(peakRss / 1024 / 1024).toFixed(0)} MB (server and load generator in one process)`);
    console.log(
      `  reference ({ __typename }, ${refSeconds} s): ${f(ref.throughput)} req/s, p50 ${f(pct(ref.latencies, 50))} ms; ` +
        `mixed/reference throughput ratio ${(mixed.throughput / ref.throughput).toFixed(3)}`,
    );
    await app.close(); // closes the database
    if (fivexx > 0 || mixed.networkErrors > 0 || mixed.errorCodes.size > 0) process.exitCode = 1;
  } finally {
    clearInterval(sampler);
    await database.close().catch(() => {});
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

await main();
