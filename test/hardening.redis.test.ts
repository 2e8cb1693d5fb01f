import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisRateLimiter } from '../server/hardening/rateLimit.js';
import { createTestDb, DEMO, silentLog, startTestServer, token, type TestDb, type TestServer } from './harness.js';

/**
 * The cost budget shared through Redis: two server instances, each with its own Redis
 * connection, draw from one bucket per caller. Needs Redis at 127.0.0.1:6379 (development and
 * CI machines); every key is under a prefix unique to this run and deleted afterwards.
 */
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
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
const available = await redisUp();

describe.skipIf(!available)('rate limit shared through Redis', () => {
  let shared: TestDb;
  let one: TestServer;
  let two: TestServer;
  const env = {
    REDIS_URL,
    EDUGOV_REDIS_PREFIX: PREFIX,
    EDUGOV_MAX_COST: '100',
    EDUGOV_RATE_LIMIT_CAPACITY: '100',
    EDUGOV_RATE_LIMIT_REFILL_PER_SECOND: '1',
  };

  beforeAll(async () => {
    shared = await createTestDb();
    [one, two] = await Promise.all([startTestServer({ db: shared, env }), startTestServer({ db: shared, env })]);
  }, 120_000);
  afterAll(async () => {
    for (const s of [one, two]) await s?.app.close().catch(() => {});
    await shared?.drop();
    const r = new Redis(REDIS_URL);
    const keys = await r.keys(`${PREFIX}*`);
    if (keys.length) await r.del(...keys);
    await r.quit();
  });

  const Q = '{ schools(first: 20) { nodes { code } } }'; // 21 points

  it('two server instances draw from one bucket per caller', async () => {
    const t = await token({ role: 'CITY_ADMIN', regionCode: DEMO.city, subject: 'redis-shared' });
    const statuses: number[] = [];
    const budgets: number[] = [];
    for (let i = 0; i < 6; i++) {
      const s = i % 2 === 0 ? one : two;
      const r = await s.gql(Q, undefined, t);
      statuses.push(r.status);
      if (r.status === 200) budgets.push(r.body.extensions.cost.throttleStatus.currentlyAvailable);
    }
    // Alone, each instance would allow four requests (100 / 21); together they allow four in all.
    expect(statuses.slice(0, 4)).toEqual([200, 200, 200, 200]);
    expect(statuses[4]).toBe(429);
    // The budget each instance reports keeps falling across both.
    for (let i = 1; i < budgets.length; i++) expect(budgets[i]).toBeLessThan(budgets[i - 1]);
    // The refusal is typed and says when to come back, whichever instance answers.
    const res = await fetch(two.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${t}` },
      body: JSON.stringify({ query: Q }),
    });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await res.json()).errors[0].extensions.code).toBe('RATE_LIMITED');
    // The bucket lives in Redis under this run's prefix.
    const r = new Redis(REDIS_URL);
    const stored = await r.hgetall(`${PREFIX}bucket:user:redis-shared`);
    await r.quit();
    expect(Number(stored.tokens)).toBeLessThan(21);
  });

  it('another caller has its own bucket in Redis', async () => {
    const t = await token({ role: 'CITY_ADMIN', regionCode: DEMO.city, subject: 'redis-other' });
    expect((await one.gql(Q, undefined, t)).status).toBe(200);
  });

  it('concurrent takes from several connections never overspend the bucket', async () => {
    const limiters = Array.from({ length: 4 }, () => new RedisRateLimiter({ capacity: 1000, refillPerSecond: 0.001 }, REDIS_URL, PREFIX, silentLog));
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
