import { FORBIDDEN_CHARACTER } from '../../server/hardening/inputBounds.js';
import fc from 'fast-check';
import { like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schools } from '../../schema/domains/organisation/table.js';
import { DEMO, startTestServer, token, type GraphQLErrorBody, type TestServer } from '../harness.js';

/**
 * Bounded, seeded fuzzing of the HTTP surface of a production-mode server: malformed bodies,
 * wrong types, deep and wide documents, alias bombs, injection-like strings, invalid IDs and
 * cursors, and random rows for a bulk mutation. Properties: never a 5xx, always a JSON answer,
 * never a stack trace or internal detail, no partial write, strings stored verbatim.
 * The seed is fixed so a failure reproduces; FUZZ_RUNS raises the number of cases.
 */
const SEED = 20261123;
const RUNS = Number(process.env.FUZZ_RUNS ?? 60);

let s: TestServer;
let city: string;
let cases = 0;

beforeAll(async () => {
  s = await startTestServer({ env: { NODE_ENV: 'production' } });
  city = await token({ role: 'CITY_ADMIN', regionCode: DEMO.city });
}, 120_000);
afterAll(async () => {
  console.info(`fuzz: ${cases} requests, seed ${SEED}`);
  await s?.close();
});

/** An answer's JSON as these tests read it (undefined when the answer was not JSON). */
interface Answer {
  data?: { upsertSchools?: { applied: boolean; created: number } | null; school: { name: string } } | null;
  errors?: (GraphQLErrorBody & { extensions: { code: string } })[];
}

interface Raw {
  body: string;
  contentType?: string;
  accept?: string;
  auth?: boolean;
}

async function send(r: Raw): Promise<{ status: number; text: string; json: Answer }> {
  cases++;
  const headers: Record<string, string> = {};
  if (r.contentType !== undefined) headers['content-type'] = r.contentType;
  if (r.accept !== undefined) headers.accept = r.accept;
  if (r.auth) headers.authorization = `Bearer ${city}`;
  const res = await fetch(s.url, { method: 'POST', headers, body: r.body });
  const text = await res.text();
  let json: Answer;
  try {
    json = JSON.parse(text) as Answer;
  } catch {
    json = undefined as unknown as Answer; // not JSON: expectSafe reports it
  }
  return { status: res.status, text, json };
}

/** The properties every answer must have, whatever was sent. */
function expectSafe(r: { status: number; text: string; json: Answer }, sent: unknown) {
  const where = JSON.stringify(sent).slice(0, 300);
  expect(r.status, where).toBeLessThan(500);
  expect(r.json, `not JSON for ${where}: ${r.text.slice(0, 200)}`).toBeTypeOf('object');
  expect(r.text, where).not.toMatch(
    /stacktrace|node_modules|\.ts:\d+|at [\w.]+ \(|INTERNAL_SERVER_ERROR|DrizzleQueryError|syntax error at or near/,
  );
}

const injection = fc.constantFrom(
  `'; drop table schools; --`,
  `" or 1=1 --`,
  '${jndi:ldap://x}',
  '<script>alert(1)</script>',
  '{{7*7}}',
  '\u0000',
  '\ud800',
  '../../etc/passwd',
  '%00%27',
  '\\',
  '🏫'.repeat(50),
  'SELECT pg_sleep(10)',
);
const weirdString = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 20 }), injection);
const jsonValue = fc.jsonValue({ maxDepth: 3 });

describe('malformed HTTP requests', () => {
  it('bodies that are not valid GraphQL requests are answered with a typed 4xx, never a 5xx', async () => {
    const raw: fc.Arbitrary<Raw> = fc.oneof(
      fc.record({
        body: fc.string({ maxLength: 200 }),
        contentType: fc.constantFrom(
          'application/json',
          'text/plain',
          'application/graphql',
          'application/x-www-form-urlencoded',
        ),
      }),
      fc.record({ body: jsonValue.map((v) => JSON.stringify(v)), contentType: fc.constant('application/json') }),
      fc.record({
        body: fc
          .record(
            {
              query: fc.oneof(weirdString, jsonValue),
              variables: fc.oneof(jsonValue, weirdString),
              operationName: fc.oneof(weirdString, jsonValue),
            },
            { requiredKeys: [] },
          )
          .map((v) => JSON.stringify(v)),
        contentType: fc.constant('application/json'),
        accept: fc.constantFrom(
          'application/json',
          'application/graphql-response+json',
          '*/*',
          'text/html',
          weirdStringSync(),
        ),
        auth: fc.boolean(),
      }),
      fc.record({ body: fc.constant('{"query": "{ __typename }"'), contentType: fc.constant('application/json') }),
    );
    await fc.assert(
      fc.asyncProperty(raw, async (r) => expectSafe(await send(r), r)),
      { seed: SEED, numRuns: RUNS * 2 },
    );
  });

  it('deep, wide and alias-bomb documents are refused by the limits, not executed', async () => {
    const doc = fc.oneof(
      fc
        .integer({ min: 1, max: 400 })
        .map(
          (n) =>
            `{ ${'region(code: "430700") { parent { '.repeat(1)}${'children { '.repeat(n)}code${' }'.repeat(n)} } } }`,
        ),
      fc
        .integer({ min: 1, max: 3000 })
        .map((n) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: region(code: "430700") { name }`).join(' ')} }`),
      fc.integer({ min: 1, max: 200 }).map((n) => `{ __typename ${'@skip(if: false) '.repeat(n)}}`),
      fc.integer({ min: 1, max: 5000 }).map((n) => `${'{'.repeat(n)}${'}'.repeat(n)}`),
      fc.integer({ min: 1, max: 100 }).map((n) => `fragment F on Query { ...F } { ...F ${'x '.repeat(n)}}`),
    );
    await fc.assert(
      fc.asyncProperty(doc, async (query) => {
        const r = await send({ body: JSON.stringify({ query }), contentType: 'application/json', auth: true });
        expectSafe(r, query.slice(0, 100));
        if (r.json.errors) expect(r.json.errors[0].extensions.code).toMatch(/^[A-Z_]+$/);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('invalid IDs, cursors, codes and wrongly typed variables are typed errors', async () => {
    const q = fc.oneof(
      weirdString.map((id) => ({ query: 'query($id: ID!) { node(id: $id) { id } }', variables: { id } })),
      weirdString.map((after) => ({
        query: 'query($a: String) { schools(first: 3, after: $a) { nodes { code } } }',
        variables: { a: after },
      })),
      weirdString.map((before) => ({
        query: 'query($b: String) { teachers(last: 3, before: $b) { nodes { name } } }',
        variables: { b: before },
      })),
      weirdString.map((code) => ({
        query: 'query($c: String!) { school(code: $c) { name } region(code: $c) { name } }',
        variables: { c: code },
      })),
      fc.tuple(jsonValue, fc.integer({ min: -1000, max: 1000 })).map(([v, n]) => ({
        query: 'query($n: Int) { schools(first: $n) { nodes { code } } }',
        variables: { n: n % 2 ? v : n },
      })),
      weirdString.map((after) => ({
        query: 'query($a: String) { changes(after: $a, first: 5) { events { id } } }',
        variables: { a: after },
      })),
    );
    await fc.assert(
      fc.asyncProperty(q, async (payload) => {
        const r = await send({ body: JSON.stringify(payload), contentType: 'application/json', auth: true });
        expectSafe(r, payload);
      }),
      { seed: SEED, numRuns: RUNS * 2 },
    );
  });
});

describe('mutation inputs', () => {
  const UPSERT = `mutation($input: UpsertSchoolsInput!) { upsertSchools(input: $input) {
    applied created updated failed results { status errors { code path } } errors { code path } } }`;
  const count = () => s.db.database.db.$count(schools, like(schools.code, '214396%'));

  it('random school rows: typed per-row errors, all-or-nothing writes, names stored verbatim', async () => {
    let seq = 0;
    let accepted = 0;
    let refused = 0;
    const row = fc.record(
      {
        code: fc.oneof(
          fc.constant(null),
          weirdString,
          fc.integer({ min: 0, max: 9999 }).map((n) => `214396${String(n).padStart(4, '0')}`),
        ),
        name: fc.oneof(weirdString, fc.constant(''), fc.string({ minLength: 2, maxLength: 30 })),
        stage: fc.oneof(fc.constantFrom('PRIMARY', 'JUNIOR', 'SENIOR', 'NINE_YEAR', 'primary', ''), weirdString),
        locality: fc.constantFrom('URBAN', 'TOWN', 'RURAL', 'MOON'),
        countyCode: fc.oneof(fc.constantFrom(DEMO.anxiang, DEMO.taoyuan, DEMO.city, '999999'), weirdString),
        enrolment: fc.oneof(
          fc.integer({ min: -5, max: 5000 }),
          fc.constant(2 ** 40),
          fc.constant(1.5),
          fc.constant('12'),
        ),
      },
      { requiredKeys: ['code', 'name'] },
    );
    // Mostly well-formed rows with awkward but storable names, so batches do get accepted.
    const storableName = fc
      .oneof(
        fc.string({ minLength: 2, maxLength: 30 }),
        fc.string({ unit: 'grapheme', minLength: 2, maxLength: 12 }),
        injection,
      )
      .filter((n) => !FORBIDDEN_CHARACTER.test(n)); // refused at the boundary (inputBounds.ts)
    const goodRow = fc.record({
      code: fc.constant('2143960000'),
      name: storableName,
      stage: fc.constant('PRIMARY'),
      locality: fc.constantFrom('URBAN', 'TOWN', 'RURAL'),
      countyCode: fc.constantFrom(DEMO.anxiang, DEMO.taoyuan),
      enrolment: fc.integer({ min: 0, max: 5000 }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof({ weight: 3, arbitrary: goodRow }, { weight: 1, arbitrary: row }), {
          minLength: 1,
          maxLength: 3,
        }),
        async (rows) => {
          // Unique codes per case where they look valid, so an accepted batch always creates.
          const input = rows.map((r) =>
            typeof r.code === 'string' && /^214396\d{4}$/.test(r.code)
              ? { ...r, code: `214396${String(seq++ % 10000).padStart(4, '0')}` }
              : r,
          );
          const before = await count();
          const r = await send({
            body: JSON.stringify({ query: UPSERT, variables: { input: { rows: input } } }),
            contentType: 'application/json',
            auth: true,
          });
          expectSafe(r, input);
          const after = await count();
          const result = r.json.data?.upsertSchools;
          if (result?.applied !== true) {
            expect(after, 'a refused batch wrote nothing').toBe(before);
            refused++;
            return;
          }
          // Accepted: every row written, and strings come back exactly as sent.
          expect(after - before).toBe(result.created);
          for (const sent of input) {
            const back = await send({
              body: JSON.stringify({
                query: 'query($c: String!) { school(code: $c) { name } }',
                variables: { c: sent.code },
              }),
              contentType: 'application/json',
              auth: true,
            });
            // Names are trimmed by the organisation services (deliberate normalisation); otherwise verbatim.
            expect(back.json.data?.school.name).toBe(String(sent.name).trim());
          }
          accepted++;
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
    console.info(`fuzz: upsertSchools batches accepted ${accepted}, refused ${refused}`);
    expect(accepted).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
  });

  it('text PostgreSQL cannot store verbatim (NUL, lone surrogates) is refused up front, typed', async () => {
    // JSON escapes, as a client's JSON.stringify would send them.
    for (const name of ['a\\u0000b', 'x\\ud800y', '\\udc00']) {
      const before = await count();
      const body = `{"query":${JSON.stringify(UPSERT)},"variables":{"input":{"rows":[{"code":"2143969999","name":"${name}","stage":"PRIMARY","locality":"RURAL","countyCode":"${DEMO.anxiang}"}]}}}`;
      const r = await send({ body, contentType: 'application/json', auth: true });
      expect(r.status, r.text).toBe(400);
      expect(r.json).toEqual({
        errors: [{ message: expect.stringMatching(/NUL/), extensions: { code: 'BAD_USER_INPUT' } }],
      });
      expect(await count()).toBe(before);
    }
  });
});

/** An Accept header with arbitrary (but header-legal) text. */
function weirdStringSync(): string {
  return 'application/x-fuzz; q=0.5, */*;q=0.1';
}
