import { createServer, Socket, type Server } from 'node:net';
import { inArray, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../schema/domains/audit/table.js';
import { schools } from '../../schema/domains/organisation/table.js';
import { openDatabase } from '../../server/db.js';
import {
  createTestDb,
  DEMO,
  onRealPostgres,
  startTestServer,
  token,
  type TestDb,
  type TestServer,
} from '../harness.js';
import { graphql } from '../graphql/index.js';

const FIRST_SCHOOL = graphql(`query PlatformFaultsFirstSchool { schools(first: 1) { nodes { code } } }`);

/**
 * Database faults. The app reaches PostgreSQL through a TCP proxy this test controls, so the
 * connection can be cut and restored without touching the machine's PostgreSQL server (other
 * suites use it). While clients keep writing: requests fail fast with DATABASE_UNAVAILABLE and
 * HTTP 503, /readyz turns false, service comes back within 5 s of the database returning,
 * every acknowledged write is present, and no batch is half-applied.
 */

class TcpProxy {
  private server: Server | null = null;
  private sockets = new Set<Socket>();
  port = 0;
  constructor(private target: { host: string; port: number }) {}

  async start(): Promise<void> {
    const server = createServer((client) => {
      const upstream = new Socket();
      this.sockets.add(client).add(upstream);
      const drop = () => {
        client.destroy();
        upstream.destroy();
        this.sockets.delete(client);
        this.sockets.delete(upstream);
      };
      client.on('error', drop).on('close', drop);
      upstream.on('error', drop).on('close', drop);
      upstream.connect(this.target.port, this.target.host, () => {
        client.pipe(upstream);
        upstream.pipe(client);
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    const addr = server.address();
    this.port = typeof addr === 'object' && addr ? addr.port : this.port;
    this.server = server;
  }

  /** The database "goes away": no new connections, and every open one is reset. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    if (server) await new Promise<void>((r) => server.close(() => r()));
  }
}

describe.skipIf(!onRealPostgres)('database faults (PostgreSQL through a proxy)', () => {
  let direct: TestDb;
  let proxy: TcpProxy;
  let s: TestServer;
  let city: string;

  beforeAll(async () => {
    direct = await createTestDb();
    const target = new URL(direct.url!);
    proxy = new TcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    await proxy.start();
    const proxied = new URL(direct.url!);
    proxied.host = `127.0.0.1:${proxy.port}`;
    const database = await openDatabase({
      url: proxied.toString(),
      poolSize: 4,
      connectTimeoutMs: 1000,
      maxReconnectDelayMs: 500,
    });
    s = await startTestServer({ db: { database, url: proxied.toString(), drop: async () => {} } });
    city = await token({ role: 'CITY_ADMIN', regionCode: DEMO.city });
  }, 120_000);
  afterAll(async () => {
    await s?.app.close().catch(() => {});
    await proxy?.cut();
    await direct?.drop();
  });

  const UPSERT = `mutation($input: UpsertSchoolsInput!) { upsertSchools(input: $input) { applied created errors { code } } }`;
  const row = (code: string) => ({
    code,
    name: `故障测试学校${code.slice(-4)}`,
    stage: 'PRIMARY',
    locality: 'RURAL',
    countyCode: DEMO.anxiang,
  });
  const readyz = () => fetch(s.url.replace(/\/graphql$/, '/readyz'));

  /**
   * postgres.js 3.4.9 (and 3.4.10) can throw `Cannot read properties of null (reading 'write')`
   * from a timer after a cut connection closed, and leaves that connection's cancelled write
   * buffered so its next socket starts with the dead one's bytes: connects time out long after the
   * database is back (porsager/postgres#1154, #1208; PRs #1168/#1176/#1209 unmerged). The driver
   * is patched at install (patches/postgres+3.4.9.patch); this test fails on any uncaught
   * exception during the run, so a driver without the patch shows here.
   */
  function collectUncaughtExceptions() {
    const saved = process.listeners('uncaughtException');
    const seen: unknown[] = [];
    process.removeAllListeners('uncaughtException');
    process.on('uncaughtException', (err) => seen.push(err));
    return {
      seen,
      restore() {
        process.removeAllListeners('uncaughtException');
        for (const l of saved) process.on('uncaughtException', l);
      },
    };
  }

  it('cut: typed 503s fast, /readyz false; restored: back within 5 s, no acknowledged write ' +
    'lost, nothing half-applied', async () => {
    // Each write is one batch of two schools: both or neither must exist afterwards.
    let seq = 0;
    const acknowledged: string[][] = [];
    const attempted: string[][] = [];
    const outage: { status: number; code: string | undefined; ms: number; retryAfter: string | null }[] = [];
    let phase: 'before' | 'down' | 'after' = 'before';
    let running = true;

    const writer = async () => {
      while (running) {
        const n = seq++;
        const codes = [`214397${String(2 * n).padStart(4, '0')}`, `214397${String(2 * n + 1).padStart(4, '0')}`];
        attempted.push(codes);
        const started = performance.now();
        const during = phase;
        try {
          const res = await fetch(s.url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${city}` },
            body: JSON.stringify({ query: UPSERT, variables: { input: { rows: codes.map(row) } } }),
          });
          const body = (await res.json()) as {
            data?: { upsertSchools?: { applied: boolean; created: number } } | null;
            errors?: { extensions?: { code?: string } }[];
          };
          const ms = performance.now() - started;
          if (res.status === 200 && body.data?.upsertSchools?.applied === true && body.data.upsertSchools.created === 2)
            acknowledged.push(codes);
          else if (during === 'down' && phase === 'down') {
            outage.push({
              status: res.status,
              code: body.errors?.[0]?.extensions?.code,
              ms,
              retryAfter: res.headers.get('retry-after'),
            });
          }
          if (res.status >= 500 && res.status !== 503)
            throw new Error(`unexpected ${res.status}: ${JSON.stringify(body)}`);
        } finally {
          // (a network error between client and server fails the test: the server stays up)
        }
        if (phase === 'down') await new Promise((r) => setTimeout(r, 20));
      }
    };

    const uncaught = collectUncaughtExceptions();
    const writers = Array.from({ length: 4 }, writer);
    const stopWriters = async () => {
      running = false;
      await Promise.allSettled(writers);
    };
    try {
      await run();
    } finally {
      await stopWriters();
      // Late timers of closed connections fire within a tick or two.
      await new Promise((r) => setTimeout(r, 200));
      uncaught.restore();
    }
    await Promise.all(writers); // a writer that failed fails the test
    expect(uncaught.seen).toEqual([]);

    async function run() {
      await new Promise((r) => setTimeout(r, 800));
      expect(acknowledged.length).toBeGreaterThan(0);

      // Cut the database off.
      await proxy.cut();
      phase = 'down';
      await new Promise((r) => setTimeout(r, 300));
      const notReady = await readyz();
      expect(notReady.status).toBe(503);
      expect(await notReady.json()).toEqual({ ok: false, database: 'down' });
      // Reads fail the same way, typed and fast.
      const readStarted = performance.now();
      const read = await s.gql(FIRST_SCHOOL, {}, city);
      expect(performance.now() - readStarted).toBeLessThan(2000);
      expect(read.status).toBe(503);
      expect(read.body.errors?.[0]).toMatchObject({
        message: 'The database is unavailable; retry shortly.',
        extensions: { code: 'DATABASE_UNAVAILABLE' },
      });
      expect(JSON.stringify(read.body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|stack/);
      await new Promise((r) => setTimeout(r, 1200));

      // The database comes back.
      const restoredAt = performance.now();
      await proxy.start();
      let recoveredMs = Infinity;
      while (performance.now() - restoredAt < 5000) {
        const [ready, q] = await Promise.all([readyz(), s.gql(FIRST_SCHOOL, {}, city)]);
        if (ready.status === 200 && q.status === 200 && !q.body.errors) {
          recoveredMs = performance.now() - restoredAt;
          break;
        }
        await new Promise((r) => setTimeout(r, 50));
      }
      phase = 'after';
      const ackBefore = acknowledged.length;
      await new Promise((r) => setTimeout(r, 800));
      await stopWriters();

      // Failures during the outage: every one a typed 503 with Retry-After, none slow. A request
      // can meet the 1 s connect timeout twice (its own attempt, then the pool's retry after the
      // backoff); on a loaded 2-core CI machine that measured up to 2.7 s. Slow would be the 30 s
      // statement timeout or a hang.
      expect(outage.length).toBeGreaterThan(0);
      for (const o of outage) {
        expect(o).toMatchObject({ status: 503, code: 'DATABASE_UNAVAILABLE', retryAfter: '1' });
        expect(o.ms).toBeLessThan(4000);
      }
      expect(recoveredMs).toBeLessThan(5000);
      expect(acknowledged.length).toBeGreaterThan(ackBefore); // writes succeed again after recovery

      // Every acknowledged write is there; no batch is half-applied; every row has its audit event.
      const rows = await direct.database.db
        .select({ code: schools.code })
        .from(schools)
        .where(like(schools.code, '214397%'));
      const present = new Set(rows.map((r) => r.code));
      const lost = acknowledged.flat().filter((c) => !present.has(c));
      expect(lost).toEqual([]);
      const halfApplied = attempted.filter(([a, b]) => present.has(a) !== present.has(b));
      expect(halfApplied).toEqual([]);
      const audited = await direct.database.db
        .select({ key: auditEvents.entityKey })
        .from(auditEvents)
        .where(inArray(auditEvents.entityKey, [...present]));
      expect(new Set(audited.map((a) => a.key))).toEqual(present);

      const slowest = Math.max(...outage.map((o) => o.ms));
      console.info(
        `faults: ${attempted.length} writes attempted, ${acknowledged.length} acknowledged, ${lost.length} lost, ` +
          `${halfApplied.length} half-applied; ${outage.length} refused during the outage (slowest ${Math.round(slowest)} ms); ` +
          `recovered ${Math.round(recoveredMs)} ms after the database returned`,
      );
    }
  }, 60_000);
});
