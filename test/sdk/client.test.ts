import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, EdugovError, parseRetryAfter, type FetchLike } from '../../sdk/src/index.js';
import { DEMO, startTestServer, token, type TestServer } from '../harness.js';

let server: TestServer;
let countyToken: string;
let cityToken: string;
let portalToken: string;

beforeAll(async () => {
  server = await startTestServer();
  countyToken = await token({ role: 'COUNTY_ADMIN', regionCode: DEMO.anxiang });
  cityToken = await token({ role: 'CITY_ADMIN', regionCode: DEMO.city });
  portalToken = await token({ role: 'PORTAL' });
});

afterAll(async () => {
  await server?.close();
});

/** Real fetch, counting calls. */
function countingFetch(respond?: (call: number) => Response | undefined) {
  const calls: { body: string }[] = [];
  const fetchImpl: FetchLike = async (input, init) => {
    calls.push({ body: String(init.body) });
    const fake = respond?.(calls.length);
    return fake ?? fetch(input, init);
  };
  return { fetch: fetchImpl, calls };
}

const unavailable = (headers: Record<string, string> = {}) =>
  new Response(JSON.stringify({ errors: [{ message: 'busy', extensions: { code: 'UNAVAILABLE' } }] }), {
    status: 503,
    headers: { 'content-type': 'application/json', ...headers },
  });

describe('SDK against a real server', () => {
  it('viewer: a COUNTY_ADMIN token', async () => {
    const edu = createClient({ url: server.url, token: countyToken });
    const { viewer } = await edu.viewer();
    expect(viewer.role).toBe('COUNTY_ADMIN');
    expect(viewer.regionCode).toBe(DEMO.anxiang);
    expect(viewer.kind).toBe('user');
    expect(viewer.scopes).toEqual(expect.arrayContaining(['read', 'write', 'personal', 'sync']));
  });

  it('CountySchoolsTeachers: 常德市 → its nine counties → schools → teachers (portal page)', async () => {
    const edu = createClient({ url: server.url, token: portalToken });
    const { region } = await edu.countySchoolsTeachers({ regionCode: DEMO.city, schools: 3, teachers: 2 });
    expect(region?.name).toBe('常德市');
    expect(region?.level).toBe('CITY');
    const counties = region!.children;
    expect(counties).toHaveLength(9);
    expect(counties.map((c) => c.code)).toContain(DEMO.anxiang);
    for (const county of counties) {
      expect(county.level).toBe('COUNTY');
      expect(county.parent?.code).toBe(DEMO.city);
      expect(county.schools.nodes.length).toBeLessThanOrEqual(3);
      expect(county.schools.totalCount).toBe(county.schoolCount);
      for (const school of county.schools.nodes) {
        expect(school.countyCode).toBe(county.code);
        expect(school.teachers.nodes.length).toBeLessThanOrEqual(2);
        for (const t of school.teachers.nodes) {
          expect(t.school.code).toBe(school.code);
          // PORTAL keys never see personal data; the fields are there, just null.
          expect(t.idNumber).toBeNull();
          expect(t.phone).toBeNull();
        }
      }
    }
    const withTeachers = counties.flatMap((c) => c.schools.nodes).filter((s) => s.teachers.nodes.length > 0);
    expect(withTeachers.length).toBeGreaterThan(0);
  });

  it('personal fields come back for an admin within the jurisdiction', async () => {
    const edu = createClient({ url: server.url, token: countyToken });
    const { teachers } = await edu.teachers({ filter: { regionCode: DEMO.anxiang }, first: 3 });
    expect(teachers.nodes.length).toBeGreaterThan(0);
    expect(teachers.nodes.every((t) => typeof t.idNumber === 'string')).toBe(true);
  });

  it('paginate.schools yields every school of the county exactly once', async () => {
    const edu = createClient({ url: server.url, token: countyToken });
    const { schools } = await edu.schools({ filter: { regionCode: DEMO.anxiang }, first: 1 });
    expect(schools.totalCount).toBeGreaterThan(10);

    for (const first of [undefined, 7]) {
      const { fetch: f, calls } = countingFetch();
      const client = createClient({ url: server.url, token: countyToken, fetch: f });
      const codes: string[] = [];
      for await (const school of client.paginate.schools({ filter: { regionCode: DEMO.anxiang }, first })) {
        expect(school.countyCode).toBe(DEMO.anxiang);
        codes.push(school.code);
      }
      expect(codes).toHaveLength(schools.totalCount);
      expect(new Set(codes).size).toBe(codes.length);
      expect(calls).toHaveLength(first ? Math.ceil(schools.totalCount / first) : 1);
      expect(JSON.parse(calls[0].body).variables.first).toBe(first ?? 100);
    }
  });

  it('paginate.regions and paginate.consortia follow the cursor too', async () => {
    const edu = createClient({ url: server.url, token: cityToken });
    const counties: string[] = [];
    for await (const r of edu.paginate.regions({ parentCode: DEMO.city, level: 'COUNTY', first: 4 }))
      counties.push(r.code);
    expect(counties).toHaveLength(9);
    const consortia = [];
    for await (const c of edu.paginate.consortia({ regionCode: DEMO.city, first: 2 })) consortia.push(c);
    const { consortia: page } = await edu.consortia({ regionCode: DEMO.city });
    expect(page.totalCount).toBeGreaterThan(2);
    expect(consortia).toHaveLength(page.totalCount);
  });

  it('upsertSchools: a bad row comes back as data (VALIDATION + path), not as a throw', async () => {
    const edu = createClient({ url: server.url, token: countyToken });
    const { upsertSchools } = await edu.upsertSchools({
      input: {
        rows: [{ code: 'not-a-code', name: '测试学校', stage: 'PRIMARY', locality: 'RURAL', countyCode: DEMO.anxiang }],
      },
    });
    expect(upsertSchools.applied).toBe(false);
    expect(upsertSchools.failed).toBe(1);
    expect(upsertSchools.created).toBe(0);
    expect(upsertSchools.results[0]).toMatchObject({ index: 0, key: 'not-a-code', status: 'FAILED' });
    const err = upsertSchools.errors.find((e) => e.code === 'VALIDATION');
    expect(err).toBeDefined();
    expect(err!.message).toBeTruthy();
    expect(err!.path).toEqual(['input', 'rows', '0', 'code']);
    expect(upsertSchools.results[0].errors).toEqual([err]);
  });

  it('changes: resumable change feed with a stored cursor', async () => {
    const edu = createClient({ url: server.url, token: countyToken });
    const first = await edu.changes({ first: 2 });
    expect(first.changes.events).toHaveLength(2); // the demo seed is audited
    expect(first.changes.hasNextPage).toBe(true);
    expect(first.changes.endCursor).toBe(first.changes.events[1].cursor);
    const next = await edu.changes({ after: first.changes.endCursor, first: 2 });
    const seen = new Set(first.changes.events.map((e) => e.cursor));
    expect(next.changes.events.length).toBeGreaterThan(0);
    expect(next.changes.events.some((e) => seen.has(e.cursor))).toBe(false);
    expect(next.changes.events.every((e) => e.regionCode === DEMO.anxiang)).toBe(true);
  });

  it('a bad token throws EdugovError 401 UNAUTHENTICATED', async () => {
    const edu = createClient({ url: server.url, token: 'not-a-valid-token' });
    const err = await edu.viewer().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EdugovError);
    expect(err).toMatchObject({ status: 401, code: 'UNAUTHENTICATED', operationName: 'Viewer' });
    expect((err as EdugovError).errors[0].message).toBeTruthy();
  });

  it('GraphQL errors without data throw with the server code', async () => {
    // 200 with errors and data: null (the change feed needs the sync scope, PORTAL has none).
    const portal = createClient({ url: server.url, token: portalToken });
    const denied = await portal.changes({ first: 1 }).catch((e: unknown) => e);
    expect(denied).toBeInstanceOf(EdugovError);
    expect((denied as EdugovError).status).toBe(200);
    expect((denied as EdugovError).code).toBe('FORBIDDEN');
    expect((denied as EdugovError).errors[0].extensions?.code).toBe('FORBIDDEN');

    // 400 from validation: a custom document sent through client.request.
    const edu = createClient({ url: server.url, token: countyToken });
    const invalid = await edu.request(parse('query Bad { noSuchField }')).catch((e: unknown) => e);
    expect(invalid).toMatchObject({ status: 400, code: 'GRAPHQL_VALIDATION_FAILED', operationName: 'Bad' });
  });
});

describe('retries, timeouts and aborts', () => {
  const fast = { baseDelayMs: 1 };

  it('a query is retried after 503 twice and succeeds on the third call', async () => {
    const { fetch: f, calls } = countingFetch((n) => (n <= 2 ? unavailable() : undefined));
    const edu = createClient({ url: server.url, token: countyToken, fetch: f, retry: fast });
    const { viewer } = await edu.viewer();
    expect(viewer.role).toBe('COUNTY_ADMIN');
    expect(calls).toHaveLength(3);
  });

  it('a 429 with Retry-After: 0 is retried', async () => {
    const { fetch: f, calls } = countingFetch((n) =>
      n === 1 ? new Response('slow down', { status: 429, headers: { 'retry-after': '0' } }) : undefined,
    );
    const edu = createClient({ url: server.url, token: countyToken, fetch: f, retry: { baseDelayMs: 60_000 } });
    const { viewer } = await edu.viewer();
    expect(viewer.regionCode).toBe(DEMO.anxiang);
    expect(calls).toHaveLength(2);
  });

  it('network errors are retried for queries', async () => {
    const { fetch: f, calls } = countingFetch((n) => {
      if (n === 1) throw new TypeError('fetch failed');
      return undefined;
    });
    const edu = createClient({ url: server.url, token: countyToken, fetch: f, retry: fast });
    await edu.viewer();
    expect(calls).toHaveLength(2);
  });

  it('gives up after `retries` and reports the last status', async () => {
    const { fetch: f, calls } = countingFetch(() => unavailable());
    const edu = createClient({ url: server.url, token: countyToken, fetch: f, retry: { retries: 2, baseDelayMs: 1 } });
    const err = await edu.viewer().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EdugovError);
    expect(err).toMatchObject({ status: 503, code: 'UNAVAILABLE' });
    expect(calls).toHaveLength(3);
  });

  it('a Retry-After longer than maxDelayMs is not shortened: the call fails with retryAfterMs', async () => {
    const { fetch: f, calls } = countingFetch(() => unavailable({ 'retry-after': '120' }));
    const edu = createClient({
      url: server.url,
      token: countyToken,
      fetch: f,
      retry: { baseDelayMs: 1, maxDelayMs: 1000 },
    });
    const err = await edu.viewer().catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 503, retryAfterMs: 120_000 });
    expect(calls).toHaveLength(1);
  });

  it('a mutation receiving 503 is not retried', async () => {
    const { fetch: f, calls } = countingFetch(() => unavailable());
    const edu = createClient({ url: server.url, token: countyToken, fetch: f, retry: fast });
    const err = await edu.upsertRegions({ input: { rows: [] } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EdugovError);
    expect(err).toMatchObject({ status: 503 });
    expect(calls).toHaveLength(1);
  });

  it('a mutation hitting a network error is not retried', async () => {
    const { fetch: f, calls } = countingFetch(() => {
      throw new TypeError('fetch failed');
    });
    const edu = createClient({ url: server.url, token: countyToken, fetch: f, retry: fast });
    const err = await edu.upsertRegions({ input: { rows: [] } }).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 0, code: 'NETWORK_ERROR' });
    expect(calls).toHaveLength(1);
  });

  /** A fetch that never answers but rejects when its signal aborts, as real fetch does. */
  const hangingFetch: FetchLike = (_input, init) =>
    new Promise((_resolve, reject) => {
      const signal = init.signal!;
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
    });

  it('timeoutMs rejects a call whose fetch never resolves', async () => {
    const edu = createClient({ url: server.url, fetch: hangingFetch, timeoutMs: 50 });
    const started = Date.now();
    const err = await edu.viewer().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EdugovError);
    expect(err).toMatchObject({ status: 0, code: 'TIMEOUT' });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('a per-call signal aborts the call with the signal reason', async () => {
    const edu = createClient({ url: server.url, fetch: hangingFetch, timeoutMs: 0 });
    const controller = new AbortController();
    const pending = edu.viewer(undefined, { signal: controller.signal });
    controller.abort(new Error('user navigated away'));
    await expect(pending).rejects.toThrow('user navigated away');
  });

  it('sends the bearer token, custom headers and the operation name', async () => {
    let seen: { headers: Headers; body: { operationName: string; query: string } } | undefined;
    const f: FetchLike = async (input, init) => {
      seen = { headers: new Headers(init.headers), body: JSON.parse(String(init.body)) };
      return fetch(input, init);
    };
    const edu = createClient({
      url: server.url,
      token: () => countyToken,
      fetch: f,
      headers: { 'x-request-id': 'sdk-test' },
    });
    await edu.school({ code: '0000000000' });
    expect(seen!.headers.get('authorization')).toBe(`Bearer ${countyToken}`);
    expect(seen!.headers.get('x-request-id')).toBe('sdk-test');
    expect(seen!.body.operationName).toBe('School');
    expect(seen!.body.query).toContain('fragment SchoolFields on School');
  });

  it('parses Retry-After in seconds and as an HTTP date', () => {
    const now = Date.parse('2026-09-01T00:00:00Z');
    expect(parseRetryAfter('0', now)).toBe(0);
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter('Tue, 01 Sep 2026 00:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('Mon, 31 Aug 2026 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});
