import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, DEMO, SECRET, startTestServer, token, type TestServer } from '../harness.js';
import { baseOf, post, query, send } from '../http/fixture.js';

/**
 * Stopping: close() drains in-flight requests then closes the database, and the server process
 * exits promptly on SIGTERM, answering every request it accepted.
 */

describe('graceful shutdown', () => {
  const HEAVY = `{ schools(first: 100) { nodes { teachers(first: 100) { nodes { name } } } } }`;
  // ~5 MB of JSON: 20 copies of the heavy query with more fields.
  const ONE = `schools(first: 100) { nodes { code name teachers(first: 100) { nodes { name staffNo idNumber phone school { code name county { code name } } } } } }`;
  const HUGE = `{ ${Array.from({ length: 20 }, (_, i) => `a${i}: ${ONE}`).join(' ')} }`;

  let g: TestServer;
  let cityToken: string;
  let huge: Promise<{ status: number; length: number; parsed: boolean }>;

  beforeAll(async () => {
    // A generous grace period: on a loaded machine the large in-flight query can take long.
    g = await startTestServer({ env: { EDUGOV_SHUTDOWN_GRACE_MS: '60000' } }); // its own database: close() closes it
    cityToken = await token({ role: 'CITY_ADMIN', regionCode: DEMO.city });
  });
  afterAll(async () => {
    await huge?.catch(() => {});
    await g?.db.drop(); // the app itself is closed by the test
  });

  function nextRequest(): Promise<void> {
    return new Promise((r) => g.app.server.once('request', () => r()));
  }

  it('close() lets the in-flight request finish with 200 and data, then refuses connections', async () => {
    const auth = { authorization: `Bearer ${cityToken}` };
    const expected = await post(g, query(HEAVY), auth);
    expect(expected.status).toBe(200);
    const schools = (expected.body!.data as { schools: { nodes: { teachers: { nodes: { name: string }[] } }[] } })
      .schools.nodes;
    expect(schools).toHaveLength(100);
    const names = schools.flatMap((n) => n.teachers.nodes.map((t) => t.name));
    expect(names.length).toBeGreaterThan(500);

    // A very large response, in flight as well (checked by the next test).
    let arrived = nextRequest();
    huge = fetch(g.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth },
      body: query(HUGE),
    }).then(async (res) => {
      const text = await res.text();
      let parsed = false;
      try {
        parsed = !JSON.parse(text).errors;
      } catch {
        /* truncated */
      }
      return { status: res.status, length: text.length, parsed };
    });
    await arrived;

    arrived = nextRequest();
    const inFlight = post(g, query(HEAVY), auth);
    await arrived; // the server has accepted the request: it is in flight
    const started = performance.now();
    const closing = g.app.close();

    const r = await inFlight;
    expect(r.status).toBe(200);
    expect(r.body?.data).toEqual(expected.body?.data); // extensions.cost reflects the rate-limit bucket, which moves

    await closing;
    // Resolved by the drain, not by the 60 s grace period running out.
    expect(performance.now() - started).toBeLessThan(30_000);

    await expect(fetch(`${baseOf(g)}/healthz`)).rejects.toThrow();
    await expect(
      fetch(g.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: query('{ __typename }') }),
    ).rejects.toThrow();
  });

  it('close() closed the database: a server on it reports /readyz 503 while /healthz stays 200', async () => {
    const again = await startTestServer({ db: g.db });
    try {
      const ready = await send(`${baseOf(again)}/readyz`);
      expect(ready.status).toBe(503);
      expect(ready.body).toEqual({ ok: false, database: 'down' });
      expect((await send(`${baseOf(again)}/healthz`)).status).toBe(200);
    } finally {
      await again.app.close().catch(() => {}); // its database is already closed
    }
  });

  // BUG (server/app.ts, close()): once the last handler returns, close() calls
  // server.closeAllConnections() at once, destroying sockets whose response is still being
  // flushed; a large in-flight response is cut off ("other side closed"). Flip to `it` once
  // close() waits for responses to finish (res 'finish'/'close') before forcing connections.
  it('a large in-flight response is delivered in full', async () => {
    const r = await huge;
    expect(r).toMatchObject({ status: 200, parsed: true });
    expect(r.length).toBeGreaterThan(4_000_000);
  });
});

/** `server/main.ts` in its own process on a port the OS picks, once it logs that it is ready. */
async function spawnServerProcess(env: NodeJS.ProcessEnv) {
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...env, PORT: '0', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not become ready: ${output.slice(-2000)}`));
    }, 90_000);
    child.stdout!.on('data', (d) => {
      output += d;
      const ready = /"msg":"edugov ready"/.test(output) && /"url":"http:\/\/[^:]+:(\d+)\//.exec(output);
      if (ready) {
        clearTimeout(timer);
        resolve(Number(ready[1]));
      }
    });
    void exited.then(() => reject(new Error(`server exited: ${output.slice(-2000)}`)));
  });
  return { child, port, exited, output: () => output };
}

describe('the server process', () => {
  it('in production, SIGTERM with nothing in flight stops it at once (exit code 0), not after a ' +
    'grace period', async () => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'production',
      EDUGOV_DATA_DIR: 'memory',
      EDUGOV_DEMO_DATA: 'false',
      EDUGOV_JWT_SECRET: 'x'.repeat(40),
      EDUGOV_SHUTDOWN_GRACE_MS: '60000',
    };
    delete env.DATABASE_URL;
    const { child, port, exited, output } = await spawnServerProcess(env);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', connection: 'close' },
        body: '{"query":"{ __typename }"}',
      });
      expect(res.status).toBe(200);
      const stopAsked = Date.now();
      child.kill('SIGTERM');
      const code = await Promise.race([exited, new Promise<'hung'>((r) => setTimeout(() => r('hung'), 30_000))]);
      expect(code, output()).toBe(0);
      // It takes milliseconds; with a 60 s grace period, this long means something waited for it.
      expect(Date.now() - stopAsked).toBeLessThan(15_000);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 120_000);
});

// On PostgreSQL requests overlap, so several can be accepted and waiting in the execution gate
// when SIGTERM arrives. Every one of them must still be answered: nothing may stop the GraphQL
// executor before the requests already accepted are done.
describe.runIf(process.env.TEST_DATABASE_URL)('the server process on PostgreSQL', () => {
  it('SIGTERM with requests executing and queued: every accepted request is answered 200 with ' +
    'data, then exit 0', async () => {
    const db = await createTestDb();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: db.url,
      EDUGOV_DEMO_DATA: 'false',
      EDUGOV_JWT_SECRET: SECRET,
      EDUGOV_RATE_LIMIT: 'false',
      EDUGOV_MAX_CONCURRENT_EXECUTIONS: '1',
      EDUGOV_SHUTDOWN_GRACE_MS: '60000',
    };
    const { child, port, exited, output } = await spawnServerProcess(env).catch(async (err) => {
      await db.drop();
      throw err;
    });
    try {
      const city = await token({ role: 'CITY_ADMIN', regionCode: DEMO.city });
      const query = `{ schools(first: 100) { nodes { code teachers(first: 100) { nodes { name staffNo school { name } } } } } }`;
      const ask = () =>
        fetch(`http://127.0.0.1:${port}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${city}` },
          body: JSON.stringify({ query }),
        }).then(async (r) => ({
          status: r.status,
          body: (await r.json()) as { data: { schools: { nodes: unknown[] } } },
          at: Date.now(),
        }));
      const asked = Array.from({ length: 6 }, ask);
      // With one execution at a time, the others are executing or waiting when the first is answered.
      await Promise.race(asked);
      const stopAsked = Date.now();
      child.kill('SIGTERM');
      const answers = await Promise.all(asked);
      for (const r of answers) {
        expect(r.status, JSON.stringify(r.body).slice(0, 300)).toBe(200);
        expect(r.body.data.schools.nodes.length).toBeGreaterThan(0);
      }
      // The case under test happened: requests were still executing or waiting at SIGTERM.
      expect(answers.filter((r) => r.at > stopAsked).length).toBeGreaterThanOrEqual(2);
      expect(await exited, output()).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await db.drop();
    }
  }, 120_000);
});
