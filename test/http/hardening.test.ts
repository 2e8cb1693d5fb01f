import { readFileSync } from 'node:fs';
import { auditServer } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../schema/domains/access/apiKeyService.js';
import { ConfigError, loadConfig } from '../../server/config.js';
import { openDatabase } from '../../server/db.js';
import { buildManifest } from '../../server/hardening/buildManifest.js';
import { isStatementTimeout } from '../../server/hardening/dbErrors.js';
import { manifestPath } from '../../server/hardening/manifestPath.js';
import { MemoryRateLimiter } from '../../server/hardening/rateLimit.js';
import { queryHash } from '../../server/hardening/trusted.js';
import {
  createTestDb,
  DEMO,
  onRealPostgres,
  startTestServer,
  token,
  type GraphQLErrorBody,
  type TestDb,
  type TestServer,
} from '../harness.js';

/**
 * Hardening: query limits, cost reporting and the per-request maximum, the cost-based rate
 * limit (in memory here; Redis in redisLimits.test.ts), trusted documents and APQ, the
 * GraphQL-over-HTTP audit, the statement timeout and the configuration rules.
 */

/** A reply's JSON as these tests read it (undefined when the reply was not JSON). */
interface Body {
  data?: { regions: { nodes: unknown[] }; region: { code: string; name: string } } | null;
  errors: (GraphQLErrorBody & { extensions: { code: string } })[];
  extensions: {
    cost: { requestedQueryCost: number; actualQueryCost: number; throttleStatus: { currentlyAvailable: number } };
  };
}

interface Reply {
  status: number;
  headers: Headers;
  text: string;
  body: Body;
}

async function post(s: TestServer, payload: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  const res = await fetch(s.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof payload === 'string' ? payload : JSON.stringify(payload),
  });
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.status, headers: res.headers, text, body: body as Body };
}

const bearer = (t: string) => ({ authorization: `Bearer ${t}` });
const GRAPHQL_RESPONSE = { accept: 'application/graphql-response+json' };

let shared: TestDb;
let dev: TestServer; // defaults
let tight: TestServer; // small limits, small bucket
let trustedOnly: TestServer; // EDUGOV_TRUSTED_DOCUMENTS=portal
let prod: TestServer; // production defaults
let cityToken: string;

beforeAll(async () => {
  shared = await createTestDb();
  [dev, tight, trustedOnly, prod] = await Promise.all([
    startTestServer({ db: shared }),
    startTestServer({
      db: shared,
      env: {
        EDUGOV_MAX_DEPTH: '4',
        EDUGOV_MAX_ALIASES: '3',
        EDUGOV_MAX_DIRECTIVES: '2',
        EDUGOV_MAX_TOKENS: '200',
        EDUGOV_MAX_COST: '50',
        EDUGOV_RATE_LIMIT_ANONYMOUS_CAPACITY: '100',
        EDUGOV_RATE_LIMIT_ANONYMOUS_REFILL_PER_SECOND: '1',
        EDUGOV_RATE_LIMIT_USER_CAPACITY: '100',
        EDUGOV_RATE_LIMIT_USER_REFILL_PER_SECOND: '1',
      },
    }),
    startTestServer({ db: shared, env: { EDUGOV_TRUSTED_DOCUMENTS: 'portal' } }),
    startTestServer({ db: shared, env: { NODE_ENV: 'production' } }),
  ]);
  cityToken = await token({ role: 'CITY_ADMIN', regionCode: DEMO.city });
}, 120_000);
afterAll(async () => {
  for (const s of [dev, tight, trustedOnly, prod]) await s?.app.close().catch(() => {});
  await shared?.drop();
});

describe('query limits', () => {
  const deep = '{ region(code: "430700") { parent { parent { parent { parent { code } } } } } }';
  const aliases = `{ ${['a', 'b', 'c', 'd'].map((a) => `${a}: region(code: "430700") { code }`).join(' ')} }`;
  const directives = '{ __typename @skip(if: false) @include(if: true) a: __typename @skip(if: false) }';
  const tokens = `{ ${Array.from({ length: 120 }, (_, i) => `a${i}: __typename`).join(' ')} }`;

  it.each([
    ['depth', deep, 'GRAPHQL_VALIDATION_FAILED', /depth limit of 4/],
    ['aliases', aliases, 'GRAPHQL_VALIDATION_FAILED', /Aliases limit of 3/],
    ['directives', directives, 'GRAPHQL_VALIDATION_FAILED', /Directives limit of 2/],
    ['tokens', tokens, 'GRAPHQL_PARSE_FAILED', /200 tokens/],
  ])('a document over the %s limit is refused before execution', async (_name, query, code, message) => {
    const r = await post(tight, { query });
    // application/json: a well-formed HTTP request with a bad document answers 200 (GraphQL over HTTP).
    expect(r.status).toBe(200);
    expect(r.body.data).toBeUndefined();
    expect(r.body.errors).toHaveLength(1);
    expect(r.body.errors[0].extensions.code).toBe(code);
    expect(r.body.errors[0].message).toMatch(message);
    // application/graphql-response+json keeps 400 for requests that never executed.
    const g = await post(tight, { query }, GRAPHQL_RESPONSE);
    expect(g.status).toBe(400);
    expect(g.body.errors[0].extensions.code).toBe(code);
  });

  it('the same documents pass under the default limits', async () => {
    for (const query of [deep, aliases, directives, tokens]) {
      const r = await post(dev, { query });
      expect(r.status).toBe(200);
      expect(r.body.errors).toBeUndefined();
    }
  });

  it('page size stays capped at 100 with a typed error', async () => {
    const r = await post(dev, { query: '{ schools(first: 101) { nodes { code } } }' });
    expect(r.body.data).toBeNull();
    expect(r.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(r.body.errors[0].message).toMatch(/100/);
  });
});

describe('query cost', () => {
  it('reports requested and actual cost in extensions.cost, Shopify style', async () => {
    const r = await post(dev, { query: '{ regions(first: 5, level: COUNTY) { nodes { code parent { code } } } }' });
    expect(r.status).toBe(200);
    // requested: the connection (1) + 5 × (node 1 + parent 1) = 11; actual: 1 + 5 × 2 = 11.
    expect(r.body.extensions.cost).toEqual({
      requestedQueryCost: 11,
      actualQueryCost: 11,
      maximumQueryCost: 1_000_000,
      throttleStatus: { maximumAvailable: 2_000_000, currentlyAvailable: expect.any(Number), restoreRate: 100_000 },
    });
    // A short last page costs less than asked: 9 counties, first 20 → requested 41, actual 19.
    const all = await post(dev, { query: '{ regions(first: 20, level: COUNTY) { nodes { code parent { code } } } }' });
    expect(all.body.data?.regions.nodes).toHaveLength(9);
    expect(all.body.extensions.cost.requestedQueryCost).toBe(41);
    expect(all.body.extensions.cost.actualQueryCost).toBe(19);
  });

  it('scalars are free, mutations cost 10 more, and a default page is 20', async () => {
    const scalar = await post(dev, { query: '{ __typename }' });
    expect(scalar.body.extensions.cost).toMatchObject({ requestedQueryCost: 0, actualQueryCost: 0 });
    const page = await post(dev, { query: '{ schools { nodes { code } } }' });
    expect(page.body.extensions.cost.requestedQueryCost).toBe(21);
    const m = await post(
      dev,
      { query: 'mutation { upsertRegions(input: { rows: [] }) { errors { code } } }' },
      bearer(cityToken),
    );
    expect(m.status).toBe(200);
    // The payload object (1) + 10 for the mutation, errors a plain list: 10 × 1 assumed, 0 returned.
    expect(m.body.extensions.cost).toMatchObject({ requestedQueryCost: 21, actualQueryCost: 11 });
  });

  it('a request over the per-request maximum is refused with MAX_COST_EXCEEDED and runs nothing', async () => {
    const before = shared.database.statements.count;
    const r = await post(tight, { query: '{ schools(first: 100) { nodes { code } } }' }, bearer(cityToken));
    expect(r.status).toBe(200);
    expect(r.body.data).toBeUndefined();
    expect(r.body.errors).toEqual([
      {
        message:
          "The query's cost is 101, more than the maximum of 50 per request; ask for smaller pages or fewer fields.",
        extensions: expect.objectContaining({
          code: 'MAX_COST_EXCEEDED',
          cost: { requestedQueryCost: 101, maximumQueryCost: 50 },
        }),
      },
    ]);
    // No resolver ran: only the (JWT) authentication happened, which needs no SQL for a city admin.
    expect(shared.database.statements.count).toBe(before);
  });

  it('variables drive the estimate; bad variables are a BAD_USER_INPUT, not a cost error', async () => {
    const q = 'query($n: Int) { schools(first: $n) { nodes { code } } }';
    const ok = await post(dev, { query: q, variables: { n: 3 } });
    expect(ok.body.extensions.cost.requestedQueryCost).toBe(4);
    const bad = await post(dev, { query: q, variables: { n: 'many' } });
    expect(bad.status).toBe(200);
    expect(bad.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('input objects in variables are priced like the same input written inline, and still validated', async () => {
    const inline = await post(
      dev,
      { query: 'mutation { upsertRegions(input: { rows: [] }) { errors { code } } }' },
      bearer(cityToken),
    );
    const viaVariable = await post(
      dev,
      {
        query: 'mutation($input: UpsertRegionsInput!) { upsertRegions(input: $input) { errors { code } } }',
        variables: { input: { rows: [] } },
      },
      bearer(cityToken),
    );
    expect(viaVariable.body.extensions.cost.requestedQueryCost).toBe(inline.body.extensions.cost.requestedQueryCost);
    // A leaf variable next to an input object still drives the estimate.
    const q = 'query($n: Int, $f: SchoolFilter) { schools(first: $n, filter: $f) { nodes { code } } }';
    const page = await post(dev, { query: q, variables: { n: 3, f: { regionCode: DEMO.anxiang } } }, bearer(cityToken));
    expect(page.body.extensions.cost.requestedQueryCost).toBe(4);
    const bad = await post(dev, { query: q, variables: { n: 3, f: { regionCode: 430721 } } }, bearer(cityToken));
    expect(bad.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });
});

describe('rate limit by cost (token bucket, in memory)', () => {
  const Q = '{ schools(first: 20) { nodes { code } } }'; // requested 21; actual 21 with ≥ 20 schools

  it('takes the cost per caller, answers 429 with Retry-After and RATE_LIMITED, and keeps callers apart', async () => {
    const a = await token({ role: 'CITY_ADMIN', regionCode: DEMO.city, subject: 'rl-a' });
    const b = await token({ role: 'CITY_ADMIN', regionCode: DEMO.city, subject: 'rl-b' });
    const statuses: number[] = [];
    let last: Reply | undefined;
    for (let i = 0; i < 6; i++) {
      last = await post(tight, { query: Q }, bearer(a));
      statuses.push(last.status);
    }
    // 100 points, 21 per request, refilling 1/s: four pass, then the bucket is short.
    expect(statuses.slice(0, 4)).toEqual([200, 200, 200, 200]);
    expect(statuses[4]).toBe(429);
    const refused = last!;
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(21);
    expect(refused.body.data).toBeUndefined();
    expect(refused.body.errors).toHaveLength(1);
    expect(refused.body.errors[0].extensions).toMatchObject({
      code: 'RATE_LIMITED',
      retryAfterSeconds: retryAfter,
      cost: { requestedQueryCost: 21, throttleStatus: { maximumAvailable: 100, restoreRate: 1 } },
    });
    // Another user has a bucket of their own.
    const other = await post(tight, { query: Q }, bearer(b));
    expect(other.status).toBe(200);
    expect(other.body.extensions.cost.throttleStatus.currentlyAvailable).toBeGreaterThanOrEqual(78);
  });

  it('anonymous callers share a bucket per IP address; scalar-only requests stay free', async () => {
    let status = 200;
    for (let i = 0; i < 6 && status === 200; i++) status = (await post(tight, { query: Q })).status;
    expect(status).toBe(429);
    expect((await post(tight, { query: '{ __typename }' })).status).toBe(200);
  });

  it('the bucket refills at the configured rate and refunds what a request did not use', async () => {
    let t = 0;
    const rl = new MemoryRateLimiter({ capacity: 100, refillPerSecond: 10 }, () => t);
    expect(await rl.take('k', 80)).toEqual({ allowed: true, available: 20, retryAfterSeconds: 0 });
    expect(await rl.take('k', 50)).toEqual({ allowed: false, available: 20, retryAfterSeconds: 3 });
    t = 3;
    expect((await rl.take('k', 50)).allowed).toBe(true); // 20 + 30 refilled
    expect(await rl.adjust('k', 30)).toBe(30); // refund of an over-estimate
    t = 100;
    expect((await rl.take('k', 0)).available).toBe(100); // never above capacity
    expect(await rl.adjust('k', -1000)).toBe(-100); // an under-estimate can overdraw by one capacity at most
  });
});

describe('trusted documents and persisted queries', () => {
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    operations: { name: string; id: string; body: string }[];
  };
  const regionOp = manifest.operations.find((o) => o.name === 'Region')!;
  let portalKey: string;

  beforeAll(async () => {
    ({ token: portalKey } = await createApiKey(shared.database.db, {
      name: '家长门户（可信文档）',
      role: 'PORTAL',
      regionCode: DEMO.city,
    }));
  });

  it('the committed manifest is exactly what the build script produces from the SDK', () => {
    expect(manifest).toEqual(buildManifest());
    expect(manifest.operations.length).toBeGreaterThan(10);
    for (const op of manifest.operations) expect(op.id).toBe(queryHash(op.body));
  });

  it('a PORTAL key may run the SDK operations, by text or by hash alone', async () => {
    const byText = await post(trustedOnly, { query: regionOp.body, variables: { code: DEMO.city } }, bearer(portalKey));
    expect(byText.status).toBe(200);
    expect(byText.body.data?.region.code).toBe(DEMO.city);
    const byHash = await post(
      trustedOnly,
      { variables: { code: DEMO.anxiang }, extensions: { persistedQuery: { version: 1, sha256Hash: regionOp.id } } },
      bearer(portalKey),
    );
    expect(byHash.status).toBe(200);
    expect(byHash.body.data?.region.code).toBe(DEMO.anxiang);
  });

  it('a PORTAL key is refused any other document with 403 TRUSTED_DOCUMENT_REQUIRED', async () => {
    const before = shared.database.statements.count;
    for (const query of ['{ region(code: "430700") { code } }', `${regionOp.body} `, '{ __typename }']) {
      const r = await post(trustedOnly, { query, variables: { code: DEMO.city } }, bearer(portalKey));
      expect(r.status).toBe(403);
      expect(r.body).toEqual({
        errors: [
          {
            message: expect.stringMatching(/registered operations/),
            extensions: { code: 'TRUSTED_DOCUMENT_REQUIRED' },
          },
        ],
      });
    }
    // An unknown hash is refused too (it cannot be registered by a restricted caller).
    const unknown = await post(
      trustedOnly,
      { extensions: { persistedQuery: { version: 1, sha256Hash: 'ab'.repeat(32) } } },
      bearer(portalKey),
    );
    expect(unknown.status).toBe(403);
    // Only the API-key lookup ran (and its once-a-minute last-used update): no resolver.
    expect(shared.database.statements.count - before).toBeLessThanOrEqual(12);
  });

  it('other callers keep ad-hoc documents and get automatic persisted queries', async () => {
    const q = '{ region(code: "430721") { name } }';
    const hash = queryHash(q);
    const ext = { persistedQuery: { version: 1, sha256Hash: hash } };
    const miss = await post(trustedOnly, { extensions: ext }, bearer(cityToken));
    expect(miss.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const register = await post(trustedOnly, { query: q, extensions: ext }, bearer(cityToken));
    expect(register.body.data?.region.name).toBe('安乡县');
    const hit = await post(trustedOnly, { extensions: ext }, bearer(cityToken));
    expect(hit.body.data?.region.name).toBe('安乡县');
    // A hash that does not match the text is refused.
    const mismatch = await post(trustedOnly, { query: '{ __typename }', extensions: ext }, bearer(cityToken));
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.errors[0].message).toMatch(/provided sha does not match query/);
  });

  it('production restricts PORTAL keys by default; development does not', async () => {
    const q = { query: '{ region(code: "430700") { code } }' };
    expect((await post(prod, q, bearer(portalKey))).status).toBe(403);
    expect((await post(dev, q, bearer(portalKey))).status).toBe(200);
  });
});

describe('GraphQL over HTTP (graphql-http audit)', () => {
  it('every MUST and SHOULD passes; the only notices are GETs refused by CSRF prevention', async () => {
    const results = await auditServer({ url: dev.url });
    const counts = { ok: 0, notice: 0, warn: 0, error: 0 };
    for (const r of results) counts[r.status]++;
    const failed = results.filter((r) => r.status !== 'ok').map((r) => `${r.status} ${r.name}`);
    expect(results.filter((r) => r.name.startsWith('MUST') && r.status !== 'ok')).toEqual([]);
    expect(results.filter((r) => r.name.startsWith('SHOULD') && r.status !== 'ok')).toEqual([]);
    expect(counts).toEqual({ ok: results.length - 3, notice: 3, warn: 0, error: 0 });
    // Each notice is a MAY about simple GET requests, which Apollo's CSRF prevention refuses.
    for (const f of failed) expect(f).toMatch(/^notice MAY .*GET/);
    console.info(`graphql-http audit: ${results.length} audits, ${JSON.stringify(counts)}`);
  });

  it('CSRF prevention stays on: a simple GET without a preflight header is refused', async () => {
    const res = await fetch(`${dev.url}?query=${encodeURIComponent('{ __typename }')}`);
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/CSRF/);
    const preflighted = await fetch(`${dev.url}?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { 'apollo-require-preflight': '1' },
    });
    expect(preflighted.status).toBe(200);
  });
});

describe.skipIf(!onRealPostgres)('statement timeout (PostgreSQL)', () => {
  it('a statement running past DATABASE_STATEMENT_TIMEOUT_MS is cancelled and recognised', async () => {
    const database = await openDatabase({ url: shared.url, poolSize: 1, statementTimeoutMs: 200 });
    try {
      const started = performance.now();
      const err = await database.db.execute('select pg_sleep(3)' as never).then(
        () => null,
        (e: unknown) => e,
      );
      expect(performance.now() - started).toBeLessThan(2000);
      expect(isStatementTimeout(err)).toBe(true);
    } finally {
      await database.close();
    }
  });
});

describe('configuration', () => {
  it('has documented defaults and refuses bad values by name', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      EDUGOV_MAX_DEPTH: 12,
      EDUGOV_MAX_ALIASES: 30,
      EDUGOV_MAX_DIRECTIVES: 50,
      EDUGOV_MAX_TOKENS: 5000,
      EDUGOV_MAX_COST: 1_000_000,
      EDUGOV_RATE_LIMIT: true,
      EDUGOV_RATE_LIMIT_ANONYMOUS_CAPACITY: 1_000,
      EDUGOV_RATE_LIMIT_ANONYMOUS_REFILL_PER_SECOND: 10,
      EDUGOV_RATE_LIMIT_USER_CAPACITY: 20_000,
      EDUGOV_RATE_LIMIT_USER_REFILL_PER_SECOND: 100,
      EDUGOV_RATE_LIMIT_API_KEY_CAPACITY: 200_000,
      EDUGOV_RATE_LIMIT_API_KEY_REFILL_PER_SECOND: 1_000,
      EDUGOV_AUTH_FAILURES_CAPACITY: 20,
      EDUGOV_AUTH_FAILURES_REFILL_PER_SECOND: 0.2,
      EDUGOV_MAX_CONCURRENT_EXECUTIONS: 8,
      EDUGOV_MAX_CONCURRENT_PER_CALLER: 4,
      EDUGOV_TOKEN_MAX_LIFETIME: '7d',
      EDUGOV_TOKEN_CLOCK_SKEW_SECONDS: 30,
      EDUGOV_TRUSTED_DOCUMENTS: 'off',
      EDUGOV_APQ: true,
      DATABASE_STATEMENT_TIMEOUT_MS: 30_000,
      DATABASE_CONNECT_TIMEOUT_MS: 3_000,
    });
    expect(loadConfig({ NODE_ENV: 'production', EDUGOV_JWT_SECRET: 'x'.repeat(32) }).EDUGOV_TRUSTED_DOCUMENTS).toBe(
      'portal',
    );
    let problems: string[] = [];
    try {
      loadConfig({
        REDIS_URL: 'http://127.0.0.1:6379',
        EDUGOV_RATE_LIMIT_USER_CAPACITY: '0',
        EDUGOV_TRUSTED_DOCUMENTS: 'some',
        DATABASE_STATEMENT_TIMEOUT_MS: '5',
      });
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      problems = (err as ConfigError).problems;
    }
    expect(problems).toEqual(
      expect.arrayContaining([
        'REDIS_URL: must start with redis:// or rediss://',
        'DATABASE_STATEMENT_TIMEOUT_MS: must be at least 100 ms',
        expect.stringMatching(/^EDUGOV_RATE_LIMIT_USER_CAPACITY: /),
        expect.stringMatching(/^EDUGOV_TRUSTED_DOCUMENTS: /),
      ]),
    );
    // Rules across fields run once the fields themselves are valid.
    expect(() => loadConfig({ EDUGOV_MAX_CONCURRENT_EXECUTIONS: '4', EDUGOV_MAX_CONCURRENT_PER_CALLER: '5' })).toThrow(
      /EDUGOV_MAX_CONCURRENT_PER_CALLER: must be at most EDUGOV_MAX_CONCURRENT_EXECUTIONS \(4\)/,
    );
    expect(() => loadConfig({ EDUGOV_TOKEN_TTL: '30d' })).toThrow(
      /EDUGOV_TOKEN_TTL: must be at most EDUGOV_TOKEN_MAX_LIFETIME \(7d\)/,
    );
    expect(loadConfig({ EDUGOV_MAX_CONCURRENT_EXECUTIONS: '5' }).EDUGOV_MAX_CONCURRENT_PER_CALLER).toBe(3);
  });
});
