import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../harness.js';
import { post, query, send, serversOnOneDatabase, UUID } from './fixture.js';

/** Request bodies: malformed JSON, and the size limit with and without content-length. */

let dev: TestServer;
let small: TestServer;
let close: () => Promise<void>;

beforeAll(async () => {
  const started = await serversOnOneDatabase({ dev: {}, small: { EDUGOV_MAX_BODY_BYTES: '2048' } });
  ({ dev, small } = started.servers);
  close = started.close;
});
afterAll(async () => close?.());

describe('request bodies', () => {
  it('malformed JSON is a 400', async () => {
    const r = await post(dev, '{"query": "{ __typename }"');
    expect(r.status).toBe(400);
    expect(r.body?.errors).toEqual([
      { message: 'Request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } },
    ]);
  });

  it('a body over EDUGOV_MAX_BODY_BYTES is a 413; one at the limit is served', async () => {
    const sized = (bytes: number) => {
      const shell = query('{ __typename }');
      const body = JSON.stringify({ query: `{ __typename }${' '.repeat(bytes - shell.length)}` });
      expect(Buffer.byteLength(body)).toBe(bytes);
      return body;
    };
    const atLimit = await post(small, sized(2048));
    expect(atLimit.status).toBe(200);
    expect(atLimit.body?.data).toEqual({ __typename: 'Query' });

    const over = await post(small, sized(2049));
    expect(over.status).toBe(413);
    expect(over.body?.errors?.[0]?.message).toBe('Request body exceeds 2048 bytes');
    expect(over.headers.get('x-request-id')).toMatch(UUID);

    // The same body is fine on a server with the default limit.
    expect((await post(dev, sized(2049))).status).toBe(200);
  });

  it('a chunked body (no content-length) over the limit is a 413 too', async () => {
    const bytes = new TextEncoder().encode(JSON.stringify({ query: `{ __typename }${' '.repeat(6000)}` }));
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < bytes.length; i += 512) c.enqueue(bytes.slice(i, i + 512));
        c.close();
      },
    });
    const r = await send(small.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(r.status).toBe(413);
    expect(r.body?.errors?.[0]?.message).toBe('Request body exceeds 2048 bytes');
  });
});
