// EdugovErrorCode must name every code the server can put in `extensions.code`, so a client's
// `switch (e.code)` can handle each one. The server's codes are gathered here independently of
// the SDK: Apollo's own codes, the codes formatError lets through, and every literal
// `extensions: { code: '…' }` / HttpError code in the server's and schema's source.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApolloServerErrorCode } from '@apollo/server/errors';
import { buildSchema, type GraphQLEnumType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { PASS_THROUGH } from '../../server/formatError.js';
import { CLIENT_ERROR_CODES, SERVER_ERROR_CODES } from '../../sdk/src/errors.js';

const root = new URL('../..', import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.includes('node_modules'))
    .map((f) => join(root, dir, f));
}

function codesInSource(): Set<string> {
  const found = new Set<string>();
  for (const file of [...sourceFiles('server'), ...sourceFiles('schema')]) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/extensions:\s*\{[^{}]*?\bcode:\s*'([A-Z_]+)'/g)) found.add(m[1]!);
    for (const m of text.matchAll(/new HttpError\(\s*\d+\s*,[^,]+,\s*'([A-Z_]+)'/g)) found.add(m[1]!);
  }
  return found;
}

/** UserErrorCode values (EdugovErrorCode includes the generated UserErrorCode type). */
const userErrorCodes = (
  buildSchema(readFileSync(join(root, 'schema/schema.graphql'), 'utf8')).getType('UserErrorCode') as GraphQLEnumType
)
  .getValues()
  .map((v) => v.name);

describe('SDK error codes', () => {
  it('EdugovErrorCode covers every code the server sends; SERVER_ERROR_CODES lists none it does not', () => {
    const fromSource = codesInSource();
    // The scan must see the codes the issue named (a regex gone blind would pass vacuously).
    for (const c of ['DATABASE_UNAVAILABLE', 'RATE_LIMITED', 'UNAVAILABLE', 'TRUSTED_DOCUMENT_REQUIRED'])
      expect(fromSource).toContain(c);
    const server = new Set([...Object.values(ApolloServerErrorCode), ...PASS_THROUGH, ...fromSource]);
    const covered = new Set<string>([...SERVER_ERROR_CODES, ...userErrorCodes]);
    expect([...server].filter((c) => !covered.has(c))).toEqual([]);
    expect(SERVER_ERROR_CODES.filter((c) => !server.has(c))).toEqual([]);
  });

  it('client codes do not collide with server codes', () => {
    for (const c of CLIENT_ERROR_CODES) expect(SERVER_ERROR_CODES as readonly string[]).not.toContain(c);
  });

  it('the SDK README handles a database outage and rate limiting in its documented switch', () => {
    const readme = readFileSync(join(root, 'sdk/README.md'), 'utf8');
    const errors = readme.slice(readme.indexOf('## Errors'));
    const cases = [...errors.matchAll(/case '([A-Z_]+)'/g)].map((m) => m[1]!);
    for (const c of ['DATABASE_UNAVAILABLE', 'RATE_LIMITED', 'UNAUTHENTICATED']) expect(cases).toContain(c);
    for (const c of cases) expect([...SERVER_ERROR_CODES, ...CLIENT_ERROR_CODES, ...userErrorCodes]).toContain(c);
  });
});
