import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSamples, mutationCall, mutations, queries, queryCall, type Samples } from '../access/matrix.js';
import { DEMO, startTestServer, token, type TestServer } from '../harness.js';

/**
 * Compiled execution (server/apollo/compiledExecution.ts, the default) answers exactly as
 * graphql-js's interpreter (EDUGOV_EXECUTOR=reference): both servers read one database, and
 * every query of the schema, selected a few levels deep, is sent to both by callers of every
 * reach — status and whole body (data, errors, paths, codes, locations) must be equal. So are
 * refused mutations and the errors of bad documents and variables.
 */
let compiled: TestServer;
let reference: TestServer;
let samples: Samples;
const callers: Record<string, string | undefined> = {};

beforeAll(async () => {
  compiled = await startTestServer({ env: { EDUGOV_RATE_LIMIT: 'false' } });
  reference = await startTestServer({
    // The same database; closing this server leaves it to the other.
    db: { ...compiled.db, database: { ...compiled.db.database, close: async () => {} }, drop: async () => {} },
    env: { EDUGOV_RATE_LIMIT: 'false', EDUGOV_EXECUTOR: 'reference' },
  });
  callers.anonymous = undefined;
  callers.portal = await token({ role: 'PORTAL', regionCode: DEMO.city });
  callers.city = await token({ role: 'CITY_ADMIN', regionCode: DEMO.city });
  callers.county = await token({ role: 'COUNTY_ADMIN', regionCode: DEMO.anxiang });
  samples = await createSamples(compiled);
}, 120_000);
afterAll(async () => {
  await reference?.close();
  await compiled?.close();
});

/** The answer without stack traces (test servers include them; the frames differ by design). */
function comparable(reply: { status: number; body: { errors?: { extensions?: Record<string, unknown> }[] } }) {
  const errors = reply.body.errors?.map((e) => {
    const { stacktrace: _, ...extensions } = e.extensions ?? {};
    return { ...e, extensions };
  });
  return { status: reply.status, body: { ...reply.body, ...(errors ? { errors } : {}) } };
}

async function same(query: string, variables: Record<string, unknown>, bearer: string | undefined, label: string) {
  const [a, b] = [await compiled.gql(query, variables, bearer), await reference.gql(query, variables, bearer)];
  expect(comparable(a), label).toEqual(comparable(b));
  // A server fault is a defect whichever executor meets it.
  const codes = (a.body.errors ?? []).map((e: { extensions?: { code?: string } }) => e.extensions?.code);
  expect(codes, label).not.toContain('INTERNAL_SERVER_ERROR');
  return a;
}

describe('compiled execution answers as graphql-js does', () => {
  it(`every one of the ${queries.length} queries, for anonymous, portal, city and county callers`, async () => {
    let withData = 0;
    let withErrors = 0;
    for (const q of queries) {
      const { query, variables } = queryCall(q, samples);
      for (const [who, bearer] of Object.entries(callers)) {
        const r = await same(query, variables, bearer, `${q.name} as ${who}`);
        if (r.body.data?.[q.name] != null) withData++;
        if (r.body.errors?.length) withErrors++;
      }
    }
    // The comparison must cover real data and real refusals, or it proves little.
    expect(withData).toBeGreaterThan(queries.length * 2);
    expect(withErrors).toBeGreaterThan(10);
  }, 300_000);

  it('mutations refused before they run, and mutations with malformed ids', async () => {
    for (const m of mutations) {
      const { query, variables } = mutationCall(m, samples);
      await same(query, variables, callers.portal, `${m.name} as portal`);
      const malformed = mutationCall(m, samples, true);
      await same(malformed.query, malformed.variables, callers.anonymous, `${m.name} malformed, anonymous`);
    }
  }, 300_000);

  it('bad variables, unknown operations and invalid documents', async () => {
    const cases: [string, Record<string, unknown>][] = [
      ['query($f: Int) { schools(first: $f) { nodes { code } } }', { f: 'many' }],
      ['query($f: Int!) { schools(first: $f) { nodes { code } } }', {}],
      ['query($f: Int) { schools(first: $f) { nodes { code } } }', { f: 1000 }],
      ['query($c: String!) { school(code: $c) { name county { name } } }', { c: 'x'.repeat(80) }],
      ['query A { __typename } query B { schools(first: 1) { nodes { code } } }', {}],
      ['{ schools(first: 2) { nodes { code nope } } }', {}],
      ['{ node(id: "zzz") { id } }', {}],
      ['{ nodes(ids: ["zzz", "U2Nob29sOjE="]) { id } }', {}],
      // Coercion rules where two coercers could disagree: each is refused (or accepted) alike.
      ['query($f: Int) { schools(first: $f) { nodes { code } } }', { f: 1.5 }],
      ['query($f: Int) { schools(first: $f) { nodes { code } } }', { f: 2 ** 31 }],
      ['query($f: Int) { schools(first: $f) { nodes { code } } }', { f: '3' }],
      ['query($f: Int) { schools(first: $f) { nodes { code } } }', { f: true }],
      ['query($f: Int) { schools(first: $f) { nodes { code } } }', { f: [3] }],
      ['query($f: Int) { schools(first: $f) { nodes { code } } }', { f: null }],
      ['query($f: Int!) { schools(first: $f) { nodes { code } } }', { f: null }],
      ['query($t: TeacherFilter) { teachers(filter: $t, first: 2) { nodes { staffNo } } }', { t: { nope: 1 } }],
      ['query($t: TeacherFilter) { teachers(filter: $t, first: 2) { nodes { staffNo } } }', { t: 'CITY' }],
      [
        'query($t: TeacherFilter) { teachers(filter: $t, first: 2) { nodes { staffNo } } }',
        { t: { backboneLevel: 'CITY' } }, // a single value where a list is declared: coerced to [CITY]
      ],
      [
        'query($t: TeacherFilter) { teachers(filter: $t, first: 2) { nodes { staffNo } } }',
        { t: { backboneLevel: ['PROVINCIAL_OR_ABOVE', 'nope'] } },
      ],
      [
        'query($t: TeacherFilter) { teachers(filter: $t, first: 2) { nodes { staffNo } } }',
        { t: { backboneLevel: [null] } },
      ],
      [
        'query($t: TeacherFilter) { teachers(filter: $t, first: 2) { nodes { staffNo } } }',
        { t: { minYearsAtSchool: '6' } },
      ],
      [
        'mutation($i: UpsertTeachersInput!) { upsertTeachers(input: $i) { applied errors { code path } } }',
        { i: { rows: [{ staffNo: 'X1' }] } },
      ],
      [
        'mutation($i: UpsertTeachersInput!) { upsertTeachers(input: $i) { applied errors { code path } } }',
        { i: { rows: {}, onError: 'NOPE' } },
      ],
    ];
    for (const [query, variables] of cases) await same(query, variables, callers.city, query);
  });
});
