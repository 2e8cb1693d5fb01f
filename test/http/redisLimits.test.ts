import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { Redis } from 'ioredis';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisRateLimiter } from '../../server/hardening/rateLimit.js';
import { organisationSteps } from '../../server/seed/index.js';
import {
  createTestDb,
  DEMO,
  onRealPostgres,
  SECRET,
  serviceContext,
  silentLog,
  TEST_DATABASE_URL,
  token,
  type GraphQLErrorBody,
  type TestDb,
} from '../harness.js';

/**
 * The cost budget shared through Redis: two real server processes (server/main.ts), each
 * with its own Redis connection, draw from one bucket per caller. Needs Redis at
 * 127.0.0.1:6379 and a PostgreSQL server both processes can use (TEST_DATABASE_URL's, else
 * one at 127.0.0.1:5432); every key is under a prefix unique to this run and deleted afterwards.
 */
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const LOCAL_POSTGRES = 'postgres://postgres@127.0.0.1:5432/postgres';
const PREFIX = `edugov-test-${randomBytes(6).toString('hex')}:`;

async function redisUp(): Promise<boolean> {
  const r = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await r.connect();
    return (await r.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    r.disconnect();
  }
}

async function postgresUp(url: string): Promise<boolean> {
  const sql = postgres(url, { max: 1, connect_timeout: 2, onnotice: () => {} });
  try {
    await sql`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 1 });
  }
}

const redisAvailable = await redisUp();
// Both processes need one database: PGlite is embedded in a single process, so PostgreSQL.
const serverPostgres = TEST_DATABASE_URL ?? ((await postgresUp(LOCAL_POSTGRES)) ? LOCAL_POSTGRES : null);
const skipProcesses = !redisAvailable
  ? `Redis is not reachable at ${REDIS_URL}`
  : !serverPostgres
    ? 'no PostgreSQL for two server processes (set TEST_DATABASE_URL or run one at 127.0.0.1:5432)'
    : null;

interface ServerProcess {
  child: ChildProcess;
  url: string;
  stop(): Promise<void>;
}

/** Starts `server/main.ts` as its own OS process and waits for its "edugov ready" log line. */
async function spawnServer(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start within 60 s:\n${stderr}`)), 60_000);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${stderr}`)));
    // Read every log line (one per request) so the pipe never fills and blocks the server.
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const entry = line.startsWith('{') ? JSON.parse(line) : null;
      if (entry?.msg === 'edugov ready') {
        clearTimeout(timer);
        resolve(Number(new URL(entry.url).port));
      }
    });
  });
  return {
    child,
    url: `http://127.0.0.1:${port}/graphql`,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** A reply as these tests read it: the cost extension, or the refusal. */
interface Reply {
  data?: unknown;
  errors: (GraphQLErrorBody & { extensions: { code: string } })[];
  extensions: {
    cost: { requestedQueryCost: number; actualQueryCost: number; throttleStatus: { currentlyAvailable: number } };
  };
}

async function post(server: ServerProcess, query: string, bearer: string) {
  const res = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
    body: JSON.stringify({ query }),
  });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as Reply };
}

async function deleteKeys() {
  const r = new Redis(REDIS_URL);
  const keys = await r.keys(`${PREFIX}*`);
  if (keys.length) await r.del(...keys);
  await r.quit();
}

// 1 for the connection + 1 per region: 11 points requested, and 11 spent (the demo data has 11 regions).
const Q = '{ regions(first: 10) { nodes { code } } }';
const COST = 11;
const CAPACITY = 50; // four such requests fit (44), a fifth does not
const REFILL_PER_SECOND = 2; // slow enough that the fifth is still refused 2.5 s after the first

describe.skipIf(!!skipProcesses)(
  `rate limit shared by two server processes through Redis${skipProcesses ? ` (skipped: ${skipProcesses})` : ''}`,
  () => {
    let db: TestDb;
    const servers: ServerProcess[] = [];

    beforeAll(async () => {
      // With TEST_DATABASE_URL, a clone of the seeded template; else a fresh database with the demo regions.
      db = await createTestDb({ adminUrl: serverPostgres!, seed: onRealPostgres, poolSize: 1 });
      if (!onRealPostgres)
        await organisationSteps(20261123)
          .find((s) => s.name === 'regions')!
          .run(serviceContext(db.database));
      await db.database.close();
      const env = {
        NODE_ENV: 'test',
        HOST: '127.0.0.1',
        PORT: '0',
        DATABASE_URL: db.url!,
        DATABASE_POOL_SIZE: '2',
        EDUGOV_DEMO_DATA: 'false',
        EDUGOV_JWT_SECRET: SECRET,
        EDUGOV_SHUTDOWN_GRACE_MS: '1000',
        LOG_LEVEL: 'info',
        REDIS_URL,
        EDUGOV_REDIS_PREFIX: PREFIX,
        EDUGOV_MAX_COST: String(CAPACITY),
        EDUGOV_RATE_LIMIT_USER_CAPACITY: String(CAPACITY),
        EDUGOV_RATE_LIMIT_USER_REFILL_PER_SECOND: String(REFILL_PER_SECOND),
      };
      servers.push(...(await Promise.all([spawnServer(env), spawnServer(env)])));
      // Warm both up (as another caller, so the shared bucket below starts full).
      const warm = await token({ role: 'CITY_ADMIN', regionCode: DEMO.city, subject: 'redis-warm-up' });
      for (const s of servers) expect((await post(s, Q, warm)).status).toBe(200);
    }, 120_000);

    afterAll(async () => {
      await Promise.all(servers.map((s) => s.stop()));
      await db?.drop();
      await deleteKeys();
    });

    it('requests alternating between the two processes draw from one bucket, which refills', async () => {
      expect(new Set([process.pid, ...servers.map((s) => s.child.pid)]).size).toBe(3);
      const t = await token({ role: 'CITY_ADMIN', regionCode: DEMO.city, subject: 'redis-shared' });
      const answers: Awaited<ReturnType<typeof post>>[] = [];
      for (let i = 0; i < 6; i++) answers.push(await post(servers[i % 2], Q, t));
      // Alone, each process would allow four requests; together they allow four in all.
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 429, 429]);
      const served = answers.slice(0, 4).map((a) => a.body.extensions.cost);
      for (const c of served) expect([c.requestedQueryCost, c.actualQueryCost]).toEqual([COST, COST]);
      // The budget each process reports keeps falling across both: 50 − 11, − 22, − 33, − 44 (plus a little refill).
      const left = served.map((c) => c.throttleStatus.currentlyAvailable);
      left.forEach((n, i) => {
        expect(n).toBeGreaterThanOrEqual(CAPACITY - COST * (i + 1));
        expect(n).toBeLessThan(CAPACITY - COST * (i + 1) + COST);
      });
      // Whichever process refuses, the refusal is typed and says when to come back.
      for (const refused of answers.slice(4)) {
        expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
        expect(refused.body.errors[0].extensions.code).toBe('RATE_LIMITED');
        expect(refused.body.data).toBeUndefined();
      }
      // The bucket lives in Redis under this run's prefix.
      const r = new Redis(REDIS_URL);
      const stored = await r.hgetall(`${PREFIX}bucket:user:redis-shared`);
      await r.quit();
      expect(Number(stored.tokens)).toBeLessThan(COST);
      // After the advertised wait the shared budget has refilled enough, on either process.
      await new Promise((done) => setTimeout(done, Number(answers[5].retryAfter) * 1000));
      expect((await post(servers[0], Q, t)).status).toBe(200);
    }, 30_000);

    it('another caller has its own bucket in Redis', async () => {
      const t = await token({ role: 'CITY_ADMIN', regionCode: DEMO.city, subject: 'redis-other' });
      for (const s of servers) expect((await post(s, Q, t)).status).toBe(200);
    });
  },
);

describe('Redis token bucket', () => {
  afterAll(async () => {
    if (redisAvailable) await deleteKeys();
  });

  it.skipIf(!redisAvailable)('concurrent takes from several connections never overspend the bucket', async () => {
    const limiters = Array.from(
      { length: 4 },
      () => new RedisRateLimiter({ capacity: 1000, refillPerSecond: 0.001 }, REDIS_URL, PREFIX, silentLog),
    );
    try {
      const results = await Promise.all(Array.from({ length: 80 }, (_, i) => limiters[i % 4].take('race', 30)));
      // 1000 / 30 = 33 takes fit (the refill adds nothing in this time).
      expect(results.filter((r) => r.allowed)).toHaveLength(33);
    } finally {
      await Promise.all(limiters.map((l) => l.close()));
    }
  });

  it('with Redis unreachable the API keeps serving (fails open) and logs it', async () => {
    const down = new RedisRateLimiter({ capacity: 10, refillPerSecond: 1 }, 'redis://127.0.0.1:1', PREFIX, silentLog);
    try {
      const r = await down.take('k', 5);
      expect(r.allowed).toBe(true);
    } finally {
      await down.close();
    }
  });
});
