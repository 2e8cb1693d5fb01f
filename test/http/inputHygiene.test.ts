import { like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schools } from '../../schema/domains/organisation/table.js';
import { DEMO, startTestServer, token, type GraphQLErrorBody, type TestServer } from '../harness.js';

/**
 * Input hygiene on every path (issue 13, item 6): text that hides what it says or that the
 * database cannot store, out-of-domain numbers and LIKE wildcards are refused at the boundary
 * with a typed error naming the argument path, whether written inline (escapes in GraphQL
 * string literals included), in POST variables or in GET variables; nothing is written and no
 * SQL runs. Production error messages carry no "Did you mean" suggestions.
 */

let s: TestServer;
let prod: TestServer;
let city: string;

beforeAll(async () => {
  s = await startTestServer();
  prod = await startTestServer({ env: { NODE_ENV: 'production' } });
  city = await token({ role: 'CITY_ADMIN', regionCode: DEMO.city });
}, 120_000);
afterAll(async () => {
  await prod?.close();
  await s?.close();
});

/** POST through the harness client (JSON body, optional bearer token). */
const post = (server: TestServer, body: { query: string; variables?: Record<string, unknown> }, auth?: string) =>
  server.gql(body.query, body.variables, auth);

const created = () => s.db.database.db.$count(schools, like(schools.code, '214397%'));

/** Sends `run`, and checks it was refused with `code` at `path`, with no SQL and no write. */
async function expectRefused(
  run: () => Promise<{ status: number; body: { data?: unknown; errors: GraphQLErrorBody[] } }>,
  code: string,
  path: string[],
) {
  const rows = await created();
  const before = s.db.database.statements.count;
  const r = await run();
  expect(r.body.data).toBeUndefined();
  expect(r.body.errors[0].extensions).toMatchObject({ code, path });
  expect(r.body.errors[0].message).toMatch(new RegExp(`^${path[path.length - 1]} `));
  expect(s.db.database.statements.count, 'no SQL ran').toBe(before);
  expect(await created()).toBe(rows);
  return r;
}

const UPSERT =
  'mutation($input: UpsertSchoolsInput!) { upsertSchools(input: $input) { applied errors { code path } } }';
const row = (name: string, code = '2143970001') => ({
  code,
  name,
  stage: 'PRIMARY',
  locality: 'RURAL',
  countyCode: DEMO.anxiang,
});

describe('text', () => {
  it('NUL escaped inside a GraphQL string literal is refused, in a mutation and in a filter', async () => {
    // The document text holds the six characters \u0000; GraphQL turns them into NUL.
    const inline = `mutation { upsertSchools(input: { rows: [{ code: "2143970001", name: "测试\\u0000学校", stage: PRIMARY, locality: RURAL, countyCode: "${DEMO.anxiang}" }] }) { applied } }`;
    expect(inline).toContain('\\u0000');
    const r = await expectRefused(() => post(s, { query: inline }, city), 'VALIDATION', ['input', 'rows', '0', 'name']);
    expect(r.status).toBe(200);
    expect(r.body.errors[0].message).toContain('U+0000');
    await expectRefused(
      () => post(s, { query: '{ schools(filter: { nameContains: "a\\u0000" }) { nodes { code } } }' }),
      'VALIDATION',
      ['filter', 'nameContains'],
    );
  });

  it('NUL and lone surrogates in GET variables are refused', async () => {
    const query = 'query($n: String) { schools(filter: { nameContains: $n }) { nodes { code } } }';
    for (const n of ['a\u0000b', 'x\ud800y', '\udc00']) {
      // JSON.stringify escapes NUL and lone surrogates (\u0000, \ud800), as any JSON client would.
      const url = `${s.url}?query=${encodeURIComponent(query)}&variables=${encodeURIComponent(JSON.stringify({ n }))}`;
      await expectRefused(
        async () => {
          const res = await fetch(url, { headers: { 'apollo-require-preflight': 'true' } });
          return { status: res.status, body: await res.json() };
        },
        'VALIDATION',
        ['filter', 'nameContains'],
      );
    }
  });

  it('control characters, bidi overrides and zero-width characters in names are refused, naming the row', async () => {
    const hidden = {
      'BEL (U+0007)': '安乡\u0007小学',
      'right-to-left override (U+202E)': '安乡\u202e学小',
      'zero-width space (U+200B)': '安乡\u200b小学',
      'zero-width joiner (U+200D)': '安乡\u200d小学',
      'byte-order mark (U+FEFF)': '\ufeff安乡小学',
      'left-to-right isolate (U+2066)': '安乡\u2066小学',
      'C1 control (U+0085)': '安乡\u0085小学',
    };
    for (const [what, name] of Object.entries(hidden)) {
      const r = await expectRefused(
        () =>
          post(s, { query: UPSERT, variables: { input: { rows: [row('正常学校', '2143970002'), row(name)] } } }, city),
        'VALIDATION',
        ['input', 'rows', '1', 'name'],
      );
      expect(r.body.errors[0].message, what).toMatch(/U\+[0-9A-F]{4}/);
    }
    // Ordinary Chinese text, punctuation and full-width characters are stored verbatim.
    const ok = await post(
      s,
      { query: UPSERT, variables: { input: { rows: [row('安乡县（实验）小学·东校区')] } } },
      city,
    );
    expect(ok.body.data.upsertSchools).toEqual({ applied: true, errors: [] });
  });

  it('every problem is listed at once, each with its path', async () => {
    const r = await post(
      s,
      { query: UPSERT, variables: { input: { rows: [row('a\u202eb', '2143970003'), row('c\u200bd', '2143970004')] } } },
      city,
    );
    expect((r.body.errors[0].extensions.problems as { path: string[] }[]).map((p) => p.path)).toEqual([
      ['input', 'rows', '0', 'name'],
      ['input', 'rows', '1', 'name'],
    ]);
  });
});

describe('numbers', () => {
  const CYCLE =
    'mutation($input: CreateEvaluationCycleInput!) { createEvaluationCycle(input: $input) { errors { code path } } }';
  const cycle = (intakeMax: number) => ({
    regionCode: DEMO.city,
    year: 2026,
    stage: 'JUNIOR',
    name: '测试增值评价',
    intakeMin: 0,
    intakeMax,
    outcomeMin: 0,
    outcomeMax: 750,
  });

  it('intakeMax: 1e308 is refused at the boundary; 1e6 by the score domain (0–10,000)', async () => {
    await expectRefused(() => post(s, { query: CYCLE, variables: { input: cycle(1e308) } }, city), 'VALIDATION', [
      'input',
      'intakeMax',
    ]);
    const inline = await post(
      s,
      {
        query: `mutation { createEvaluationCycle(input: { regionCode: "${DEMO.city}", year: 2026, stage: JUNIOR, name: "测试", intakeMin: 0, intakeMax: 1e400, outcomeMin: 0, outcomeMax: 750 }) { errors { code } } }`,
      },
      city,
    );
    expect(inline.body.errors[0].extensions).toMatchObject({ code: 'VALIDATION', path: ['input', 'intakeMax'] });
    const domain = await post(s, { query: CYCLE, variables: { input: cycle(1e6) } }, city);
    expect(domain.body.data.createEvaluationCycle.errors).toEqual([
      { code: 'VALIDATION', path: ['input', 'intakeMax'] },
    ]);
  });
});

describe('region codes in filters', () => {
  it('LIKE wildcards and anything but six digits are refused before they reach a pattern', async () => {
    for (const [query, path] of [
      ['{ schools(filter: { regionCode: "43%" }) { nodes { code } } }', ['filter', 'regionCode']],
      ['{ schools(filter: { regionCode: "4307__" }) { nodes { code } } }', ['filter', 'regionCode']],
      ['{ regions(parentCode: "%") { nodes { code } } }', ['parentCode']],
      ['{ consortia(regionCode: "4307\\\\%") { nodes { name } } }', ['regionCode']],
      ['{ teachers(filter: { regionCode: "43070%" }) { nodes { name } } }', ['filter', 'regionCode']],
    ] as const) {
      const r = await expectRefused(() => post(s, { query }, city), 'VALIDATION', [...path]);
      expect(r.body.errors[0].message).toMatch(/6-digit GB\/T 2260 region code/);
    }
    // A real code still filters.
    const ok = await post(
      s,
      { query: `{ schools(first: 3, filter: { regionCode: "${DEMO.anxiang}" }) { nodes { code } } }` },
      city,
    );
    expect(ok.body.data.schools.nodes.length).toBeGreaterThan(0);
  });
});

describe('no suggestions in production', () => {
  const query = 'query($f: SchoolFilter) { schools(filter: $f) { nodes { code } } }';
  for (const [what, f] of [
    ['a misspelt input field', { nameContain: '一中' }],
    ['a misspelt enum value', { stage: ['PRIMRY'] }],
  ] as const) {
    it(`variable coercion with ${what} names no schema names in production`, async () => {
      const production = await post(prod, { query, variables: { f } });
      expect(production.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(production.body)).not.toContain('Did you mean');
      // Outside production the suggestion is there (the check above can fail).
      const development = await post(s, { query, variables: { f } });
      expect(JSON.stringify(development.body)).toContain('Did you mean');
    });
  }

  it('validation errors lose their suggestions too', async () => {
    const r = await post(prod, { query: '{ schools { nodes { nmae } } }' });
    expect(r.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(r.body.errors[0].message).not.toContain('Did you mean');
  });
});
