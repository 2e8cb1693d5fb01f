import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../harness.js';
import { baseOf, send, serversOnOneDatabase } from './fixture.js';

/** Liveness and readiness probes, and the paths outside /graphql. */

let dev: TestServer;
let close: () => Promise<void>;

beforeAll(async () => {
  const started = await serversOnOneDatabase({ dev: {} });
  ({ dev } = started.servers);
  close = started.close;
});
afterAll(async () => close?.());

describe('probes', () => {
  it('GET /healthz answers 200 {ok:true}', async () => {
    const r = await send(`${baseOf(dev)}/healthz`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^application\/json/);
    expect(r.body).toEqual({ ok: true });
  });

  it('GET /readyz answers 200 with the database up', async () => {
    const r = await send(`${baseOf(dev)}/readyz`);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ ok: true, database: 'up' });
  });

  it('unknown paths are 404 and / redirects to /graphql', async () => {
    const r = await send(`${baseOf(dev)}/nope`);
    expect(r.status).toBe(404);
    const root = await fetch(`${baseOf(dev)}/`, { redirect: 'manual' });
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/graphql');
  });
});
