import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../harness.js';
import { baseOf, post, query, send, serversOnOneDatabase, UUID } from './fixture.js';

/** Every response carries an x-request-id: generated, or the client's, capped. */

let dev: TestServer;
let close: () => Promise<void>;

beforeAll(async () => {
  const started = await serversOnOneDatabase({ dev: {} });
  ({ dev } = started.servers);
  close = started.close;
});
afterAll(async () => close?.());

describe('request ids', () => {
  it('every response carries a generated x-request-id', async () => {
    const replies = await Promise.all([
      send(`${baseOf(dev)}/healthz`),
      send(`${baseOf(dev)}/readyz`),
      send(`${baseOf(dev)}/nope`),
      post(dev, query('{ __typename }')),
      post(dev, query('{ __typename }')),
      post(dev, '{not json'),
      post(dev, query('{ nope }')),
    ]);
    expect(replies.map((r) => r.status)).toEqual([200, 200, 404, 200, 200, 400, 200]);
    const ids = replies.map((r) => r.headers.get('x-request-id'));
    for (const id of ids) expect(id).toMatch(UUID);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('a client-supplied x-request-id is echoed back (capped at 100 characters)', async () => {
    const h = { 'x-request-id': 'trace-7f3a-edugov' };
    expect((await post(dev, query('{ __typename }'), h)).headers.get('x-request-id')).toBe('trace-7f3a-edugov');
    expect((await send(`${baseOf(dev)}/healthz`, { headers: h })).headers.get('x-request-id')).toBe(
      'trace-7f3a-edugov',
    );
    expect((await post(dev, '{oops', h)).headers.get('x-request-id')).toBe('trace-7f3a-edugov');
    const long = 'x'.repeat(150);
    expect((await post(dev, query('{ __typename }'), { 'x-request-id': long })).headers.get('x-request-id')).toBe(
      'x'.repeat(100),
    );
  });
});
