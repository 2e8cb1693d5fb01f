import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, token, type TestServer } from '../harness.js';
import { baseOf, post, query, send, serversOnOneDatabase, UUID } from '../http/fixture.js';

/** EDUGOV_ANONYMOUS: `none` refuses callers without a token; the default lets them read public data. */

let dev: TestServer;
let closed: TestServer;
let close: () => Promise<void>;

beforeAll(async () => {
  const started = await serversOnOneDatabase({ dev: {}, closed: { EDUGOV_ANONYMOUS: 'none' } });
  ({ dev, closed } = started.servers);
  close = started.close;
});
afterAll(async () => close?.());

describe('EDUGOV_ANONYMOUS=none', () => {
  it('a request without a token is 401 UNAUTHENTICATED', async () => {
    const r = await post(closed, query('{ regions(first: 1) { nodes { code } } }'));
    expect(r.status).toBe(401);
    expect(r.body?.errors).toHaveLength(1);
    expect(r.body?.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(r.body?.data).toBeUndefined();
    expect(r.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(r.headers.get('x-request-id')).toMatch(UUID);
  });

  it('a token still works, and the probes need none', async () => {
    const t = await token({ role: 'COUNTY_ADMIN', regionCode: DEMO.anxiang });
    const r = await post(closed, query('{ viewer { role regionCode } }'), { authorization: `Bearer ${t}` });
    expect(r.status).toBe(200);
    expect(r.body?.data).toEqual({ viewer: { role: 'COUNTY_ADMIN', regionCode: DEMO.anxiang } });
    expect((await send(`${baseOf(closed)}/healthz`)).status).toBe(200);
    expect((await send(`${baseOf(closed)}/readyz`)).status).toBe(200);
  });

  it('the default (public) still lets anonymous callers read public data', async () => {
    const r = await post(dev, query('{ viewer { role } }'));
    expect(r.status).toBe(200);
    expect(r.body?.data).toEqual({ viewer: { role: 'ANONYMOUS' } });
  });
});
