import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, SECRET, token, type TestServer } from '../harness.js';
import { post, query, serversOnOneDatabase } from './fixture.js';

/** What a production server tells a client about failures: no stack traces, suggestions or schema. */

let dev: TestServer;
let prod: TestServer;
let close: () => Promise<void>;

beforeAll(async () => {
  const started = await serversOnOneDatabase({ dev: {}, prod: { NODE_ENV: 'production', EDUGOV_JWT_SECRET: SECRET } });
  ({ dev, prod } = started.servers);
  close = started.close;
});
afterAll(async () => close?.());

describe('error hygiene', () => {
  const SYNTAX = query('{ schools(first: 1) { nodes { name }');
  const TYPO = query('{ schoolz(first: 1) { totalCount } }');
  const INTROSPECTION = query('{ __schema { types { name } } }');

  it('a syntax error carries no stacktrace, in production and in development', async () => {
    for (const app of [prod, dev]) {
      const r = await post(app, SYNTAX);
      // GraphQL over HTTP: under application/json a bad document is a 200 with errors.
      expect(r.status).toBe(200);
      expect(r.body?.errors).toHaveLength(1);
      expect(r.body?.errors?.[0]?.extensions).toEqual({ code: 'GRAPHQL_PARSE_FAILED' });
      expect(r.text).not.toMatch(/stacktrace|\.ts:\d+|node_modules/);
    }
  });

  it('in production an unknown field gets no "Did you mean" suggestion', async () => {
    const r = await post(prod, TYPO);
    expect(r.status).toBe(200);
    expect(r.body?.errors).toHaveLength(1);
    expect(r.body?.errors?.[0]?.message).toBe('Cannot query field "schoolz" on type "Query".');
    expect(r.body?.errors?.[0]?.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
    expect(r.text).not.toContain('Did you mean');
    const d = await post(dev, TYPO);
    expect(d.body?.errors?.[0]?.message).toContain('Did you mean');
  });

  it('introspection is refused in production and works in development', async () => {
    for (const q of [INTROSPECTION, query('{ __type(name: "School") { name fields { name } } }')]) {
      const r = await post(prod, q);
      expect(r.status).toBe(200);
      expect(r.body?.data).toBeUndefined();
      expect(r.body?.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(r.body?.errors?.[0]?.message).toMatch(/introspection/i);
    }
    // Ordinary queries do work on the production server.
    const ok = await post(prod, query('{ __typename regions(first: 1) { nodes { code } } }'));
    expect(ok.status).toBe(200);
    expect(ok.body?.data).toEqual({ __typename: 'Query', regions: { nodes: [] } });

    const d = await post(dev, INTROSPECTION);
    expect(d.status).toBe(200);
    expect(d.body?.errors).toBeUndefined();
    const types = (d.body!.data as { __schema: { types: { name: string }[] } }).__schema.types.map((t) => t.name);
    expect(types).toEqual(expect.arrayContaining(['Query', 'Mutation', 'School', 'ChangePage', 'ChangeEvent']));
  });

  it('a bad token in production is a plain 401 UNAUTHENTICATED', async () => {
    const forged = await token(
      { role: 'CITY_ADMIN', regionCode: DEMO.city },
      'another-secret-another-secret-0123456789',
    );
    const r = await post(prod, query('{ viewer { role } }'), { authorization: `Bearer ${forged}` });
    expect(r.status).toBe(401);
    expect(r.body?.errors).toEqual([
      { message: 'Token is malformed or its signature is invalid.', extensions: { code: 'UNAUTHENTICATED' } },
    ]);
  });
});
