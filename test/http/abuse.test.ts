import { execFile } from 'node:child_process';
import { request } from 'node:http';
import { promisify } from 'node:util';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../schema/domains/access/apiKeyService.js';
import {
  DEMO,
  ISSUER,
  PRODUCT_RATE_LIMITS,
  SECRET,
  startTestServer,
  token,
  type TestServer,
  type GraphQLErrorBody,
} from '../harness.js';

/** A reply as these tests read it (errors and cost extensions where a test expects them). */
interface Reply<D> {
  data: D;
  errors: GraphQLErrorBody[];
  extensions: { cost: { throttleStatus: unknown } };
}
/** A page of schools, with their teachers when asked. */
type Schools = { schools: { nodes: { teachers: { nodes: unknown[] } }[] } };

/**
 * Abuse protection at the shipped defaults.
 *
 * Tokens and keys: people's tokens must carry exp (and iat), may not be issued in the future
 * beyond a small clock skew, and may not live longer than EDUGOV_TOKEN_MAX_LIFETIME (7 days by
 * default); failed authentications are throttled per address (20 at once, then one every 5 s),
 * before any key is looked up.
 *
 * Rate limits per caller class: anonymous callers 1,000 points per address refilling 10/s,
 * people's tokens 20,000 refilling 100/s, API keys 200,000 refilling 1,000/s (README, "Rate
 * limits"). A request takes its requested cost and is refused (429) when the bucket holds
 * less; afterwards the bucket gets back what the response did not use, so the expected counts
 * come from the objects actually returned (counted from the response data).
 */

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ env: PRODUCT_RATE_LIMITS });
}, 120_000);
afterAll(async () => {
  await s?.close();
});

const now = () => Math.floor(Date.now() / 1000);
const DAY = 86_400;

/** A correctly signed CITY_ADMIN token with exactly the given time claims. */
function sign(times: { iat?: number; exp?: number }): Promise<string> {
  const jwt = new SignJWT({ role: 'CITY_ADMIN', region: DEMO.city, scopes: ['read'] })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject('token-test')
    .setIssuer(ISSUER);
  if (times.iat !== undefined) jwt.setIssuedAt(times.iat);
  if (times.exp !== undefined) jwt.setExpirationTime(times.exp);
  return jwt.sign(new TextEncoder().encode(SECRET));
}

/** POST `{ viewer { role } }` from a chosen local address (127.0.0.0/8 all reach the server). */
function ask(
  auth: string | undefined,
  localAddress = '127.0.0.1',
): Promise<{ status: number; body: Reply<{ viewer: { role: string } }>; retryAfter?: string }> {
  const url = new URL(s.url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        localAddress,
        headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${auth}` } : {}) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (text += c));
        res.on('end', () =>
          resolve({
            status: res.statusCode!,
            body: JSON.parse(text),
            retryAfter: res.headers['retry-after'] as string | undefined,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify({ query: '{ viewer { role } }' }));
  });
}

describe('token lifetime', () => {
  it('refuses a token without exp, or without iat', async () => {
    const noExp = await ask(await sign({ iat: now() }), '127.0.0.11');
    expect(noExp.status).toBe(401);
    expect(noExp.body.errors[0]).toMatchObject({
      message: expect.stringContaining('"exp"'),
      extensions: { code: 'UNAUTHENTICATED' },
    });
    const noIat = await ask(await sign({ exp: now() + 3600 }), '127.0.0.11');
    expect(noIat.status).toBe(401);
    expect(noIat.body.errors[0].message).toContain('"iat"');
  });

  it('refuses a token issued in the future beyond 30 s of clock skew, and accepts one within it', async () => {
    const future = await ask(await sign({ iat: now() + 3600, exp: now() + 7200 }), '127.0.0.12');
    expect(future.status).toBe(401);
    expect(future.body.errors[0].message).toBe('Token is issued in the future.');
    const skewed = await ask(await sign({ iat: now() + 10, exp: now() + 3600 }), '127.0.0.12');
    expect(skewed.status).toBe(200);
    expect(skewed.body.data.viewer.role).toBe('CITY_ADMIN');
  });

  it('refuses a lifetime over 7 days (a 100-year token), accepts 7 days', async () => {
    const century = await ask(await sign({ iat: now(), exp: now() + 100 * 365 * DAY }), '127.0.0.13');
    expect(century.status).toBe(401);
    expect(century.body.errors[0].message).toBe(`Token lifetime exceeds the maximum of ${7 * DAY} s.`);
    const week = await ask(await sign({ iat: now(), exp: now() + 7 * DAY }), '127.0.0.13');
    expect(week.status).toBe(200);
    // Backdating iat to shorten the apparent lifetime does not help: too old is refused as expired.
    const backdated = await ask(await sign({ iat: now() - 8 * DAY, exp: now() + 3600 }), '127.0.0.13');
    expect(backdated.status).toBe(401);
  });
});

describe('failed authentication throttle', () => {
  it('300 wrong API keys in 5 s from one address: 20 are checked, the rest get 429 without a lookup', async () => {
    const { token: goodKey } = await createApiKey(s.db.database.db, {
      name: '数据平台（节流测试）',
      role: 'PORTAL',
      regionCode: DEMO.city,
    });
    const wrong = (i: number) => `egk_${'abcdefghij'}_${String(i).padStart(43, 'x')}`;
    const started = Date.now();
    const statementsBefore = s.db.database.statements.count;
    const replies = await Promise.all(Array.from({ length: 300 }, (_, i) => ask(wrong(i), '127.0.0.21')));
    const elapsed = (Date.now() - started) / 1000;
    const unauthorised = replies.filter((r) => r.status === 401).length;
    const throttled = replies.filter((r) => r.status === 429);
    // A bucket of 20 failures refilling one per 5 s: 20 checked, plus at most one refilled during the burst.
    expect(unauthorised).toBeGreaterThanOrEqual(20);
    expect(unauthorised).toBeLessThanOrEqual(20 + Math.floor(elapsed / 5));
    expect(throttled.length).toBe(300 - unauthorised);
    expect(throttled[0].body.errors[0].extensions).toMatchObject({ code: 'RATE_LIMITED' });
    expect(Number(throttled[0].retryAfter)).toBeGreaterThanOrEqual(1);
    // Only the checked keys were looked up (one statement each): refused ones cost no SQL.
    expect(s.db.database.statements.count - statementsBefore).toBe(unauthorised);

    // While throttled, even the right key from that address is refused unchecked.
    expect((await ask(goodKey, '127.0.0.21')).status).toBe(429);
    // Other addresses are unaffected: the right key works, a wrong one is an ordinary 401.
    const elsewhere = await ask(goodKey, '127.0.0.22');
    expect(elsewhere.status).toBe(200);
    expect(elsewhere.body.data.viewer.role).toBe('PORTAL');
    expect((await ask(wrong(0), '127.0.0.22')).status).toBe(401);
    // Anonymous requests (no credentials) from the throttled address are still served.
    expect((await ask(undefined, '127.0.0.21')).status).toBe(200);
  }, 60_000);
});

async function post(query: string, auth?: string) {
  const res = await fetch(s.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${auth}` } : {}) },
    body: JSON.stringify({ query }),
  });
  return { status: res.status, body: (await res.json()) as Reply<Schools> };
}

/**
 * Sends `query` until refused (at most `limit` times). Returns how many passed, how long it
 * took, and the objects in the first response (connection, its nodes and theirs).
 */
async function untilRefused(query: string, limit: number, auth?: string, objectsOf?: (data: Schools) => number) {
  const started = Date.now();
  let passed = 0;
  let objects = 0;
  let refused: Reply<Schools> | undefined;
  for (let i = 0; i < limit; i++) {
    const r = await post(query, auth);
    if (r.status === 429) {
      refused = r.body;
      break;
    }
    expect(r.status).toBe(200);
    if (i === 0) objects = objectsOf!(r.body.data);
    passed++;
  }
  return { passed, objects, refused, seconds: (Date.now() - started) / 1000 };
}

/**
 * How many requests pass: each takes `requested` up front and finally costs `actual`, so the
 * n-th still passes while capacity − (n − 1) × actual + refilled ≥ requested.
 */
function passesBetween(capacity: number, refillPerSecond: number, requested: number, actual: number, seconds: number) {
  return {
    min: Math.floor((capacity - requested) / actual) + 1,
    max: Math.floor((capacity - requested + refillPerSecond * seconds) / actual) + 1,
  };
}

describe('rate-limit defaults per caller class', () => {
  const PAGE = '{ schools(first: 100) { nodes { code } } }'; // requested 1 + 100 = 101
  // The connection object plus one object per school returned.
  const pageObjects = (d: Schools) => 1 + d.schools.nodes.length;

  it('anonymous callers: 400 costly requests in a row meet a 429 after about ten', async () => {
    const run = await untilRefused(PAGE, 400, undefined, pageObjects);
    expect(run.refused, 'refused within 400').toBeDefined();
    const expected = passesBetween(1_000, 10, 101, run.objects, run.seconds);
    expect(run.passed).toBeGreaterThanOrEqual(expected.min);
    expect(run.passed).toBeLessThanOrEqual(expected.max);
    expect(run.refused?.errors[0].extensions).toMatchObject({
      code: 'RATE_LIMITED',
      cost: { requestedQueryCost: 101, throttleStatus: { maximumAvailable: 1_000, restoreRate: 10 } },
    });
  });

  it('a person’s token: the same run is served, and costly pages meet a 429 at 20,000 points', async () => {
    const person = await token({ role: 'CITY_ADMIN', regionCode: DEMO.city, subject: 'rate-limit-person' });
    for (let i = 0; i < 15; i++) expect((await post(PAGE, person)).status).toBe(200);
    const first = await post(PAGE, person);
    expect(first.body.extensions.cost.throttleStatus).toMatchObject({ maximumAvailable: 20_000, restoreRate: 100 });

    const person2 = await token({ role: 'CITY_ADMIN', regionCode: DEMO.city, subject: 'rate-limit-person-2' });
    // 1 + 100 × (school 1 + teachers page 1 + 50 × 1) = 5,201 requested.
    const HEAVY = '{ schools(first: 100) { nodes { teachers(first: 50) { nodes { name } } } } }';
    const heavyObjects = (d: Schools) =>
      1 + d.schools.nodes.reduce((n: number, school) => n + 2 + school.teachers.nodes.length, 0);
    const run = await untilRefused(HEAVY, 200, person2, heavyObjects);
    expect(run.refused, 'refused within 200').toBeDefined();
    const expected = passesBetween(20_000, 100, 5_201, run.objects, run.seconds);
    expect(run.passed).toBeGreaterThanOrEqual(expected.min);
    expect(run.passed).toBeLessThanOrEqual(expected.max);
  });

  it('an API key: generous, a portal backend keeps being served well past a person’s limit', async () => {
    const { token: key } = await createApiKey(s.db.database.db, {
      name: '家长门户（限流测试）',
      role: 'PORTAL',
      regionCode: DEMO.city,
    });
    const first = await post(PAGE, key);
    expect(first.body.extensions.cost.throttleStatus).toMatchObject({ maximumAvailable: 200_000, restoreRate: 1_000 });
    // 60 pages: ~6,000 points, six times an anonymous address's whole bucket.
    for (let i = 0; i < 60; i++) expect((await post(PAGE, key)).status).toBe(200);
  });
});

describe('the CLI mints only tokens the server accepts', () => {
  const run = promisify(execFile);
  const mint = (ttl: string) =>
    run(
      process.execPath,
      ['--import', 'tsx', 'server/cli/index.ts', 'token', '--role', 'CITY_ADMIN', '--region', DEMO.city, '--ttl', ttl],
      {
        env: { ...process.env, EDUGOV_JWT_SECRET: SECRET, EDUGOV_DATA_DIR: 'memory' },
      },
    ).then(
      (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
      (err) => ({ code: err.code as number, stdout: err.stdout as string, stderr: err.stderr as string }),
    );

  it('refuses --ttl above EDUGOV_TOKEN_MAX_LIFETIME; a 7-day token works', async () => {
    const century = await mint('36500d');
    expect(century.code).not.toBe(0);
    expect(century.stderr).toContain('EDUGOV_TOKEN_MAX_LIFETIME (7d)');
    const week = await mint('7d');
    expect(week.code).toBe(0);
    expect((await ask(week.stdout.trim(), '127.0.0.31')).body.data.viewer.role).toBe('CITY_ADMIN');
  }, 60_000);
});
