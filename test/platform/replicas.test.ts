import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { openDatabase, type Database } from '../../server/db.js';
import { formatLsn, parseLsn } from '../../server/replicas/lsn.js';
import { ReplicaRouter } from '../../server/replicas/router.js';
import { authSettings } from '../../server/start.js';
import { MemoryWriteMarks, RedisWriteMarks } from '../../server/replicas/writeMarks.js';
import {
  createTestDb,
  DEMO,
  SECRET,
  silentLog,
  TEST_DATABASE_URL,
  token,
  type GraphQLErrorBody,
  type TestDb,
} from '../harness.js';

/** What these tests read from a reply: a region, a page of schools, an upsert's outcome. */
interface Reply {
  data: {
    region: { code: string; name: string } | null;
    schools: { nodes: unknown[] };
    upsertRegions: Record<string, unknown>;
  };
  errors?: GraphQLErrorBody[];
}

/**
 * Read replicas against a real streaming replica of the test server (.ci/replica.sh starts one
 * on 127.0.0.1:5433; TEST_REPLICA_URL names it). Each test database is created on the primary
 * and reaches the replica through replication like any other write.
 */
const TEST_REPLICA_URL = process.env.TEST_REPLICA_URL;
const MAX_LAG_MS = 1500;
const POLL_MS = 50;

describe('WAL positions', () => {
  it('parse and print both halves, and order across the 32-bit boundary', () => {
    expect(parseLsn('0/3000060')).toBe(0x3000060n);
    expect(parseLsn('16/B374D848')).toBe((0x16n << 32n) + 0xb374d848n);
    expect(parseLsn('1/0') > parseLsn('0/FFFFFFFF')).toBe(true);
    expect(formatLsn(parseLsn('16/B374D848'))).toBe('16/B374D848');
    expect(() => parseLsn('16-B374')).toThrow();
  });
});

describe.skipIf(!TEST_DATABASE_URL || !TEST_REPLICA_URL)('read replicas (streaming replica on PostgreSQL)', () => {
  let db: TestDb;
  let replica: Database;
  let replicaAdmin: postgres.Sql;
  let router: ReplicaRouter;
  let app: App;
  let url: string;
  let cityToken: string;
  let otherCityToken: string;

  const REGION = `query($code: String!) { region(code: $code) { code name } }`;
  const CREATE_REGION = `mutation($input: UpsertRegionsInput!) { upsertRegions(input: $input) { applied created updated errors { code path message } } }`;
  const gql = async (query: string, variables?: Record<string, unknown>, bearer?: string) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as Reply;
  };
  /** Statements each server ran while `fn` ran. */
  const served = async <T>(fn: () => Promise<T>) => {
    const p = db.database.statements.count;
    const r = replica.statements.count;
    const result = await fn();
    return { result, primary: db.database.statements.count - p, replica: replica.statements.count - r };
  };
  const replayPaused = async (paused: boolean) => {
    await replicaAdmin.unsafe(paused ? 'select pg_wal_replay_pause()' : 'select pg_wal_replay_resume()');
  };
  const until = async (what: string, ok: () => Promise<boolean> | boolean, ms = 10_000) => {
    const end = Date.now() + ms;
    while (!(await ok())) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };

  beforeAll(async () => {
    db = await createTestDb();
    const name = new URL(db.url!).pathname;
    const replicaUrl = new URL(TEST_REPLICA_URL!);
    replicaUrl.pathname = name;
    replicaAdmin = postgres(TEST_REPLICA_URL!, { max: 1, onnotice: () => {} });
    // CREATE DATABASE reaches the replica through the WAL like any other write.
    await until('the test database on the replica', async () => {
      const [row] = await replicaAdmin`select count(*)::int as n from pg_database where datname = ${name.slice(1)}`;
      return row!.n === 1;
    });
    replica = await openDatabase({ url: replicaUrl.toString(), poolSize: 4 });
    const config = loadConfig({
      NODE_ENV: 'test',
      EDUGOV_JWT_SECRET: SECRET,
      LOG_LEVEL: 'silent',
      DATABASE_URL: db.url,
      DATABASE_REPLICA_URLS: replicaUrl.toString(),
      DATABASE_REPLICA_MAX_LAG_MS: String(MAX_LAG_MS),
      DATABASE_REPLICA_POLL_MS: String(POLL_MS),
    });
    router = new ReplicaRouter(db.database, db.url!, [{ url: replicaUrl.toString(), database: replica }], {
      pollMs: POLL_MS,
      maxLagMs: MAX_LAG_MS,
      log: silentLog,
      marks: new MemoryWriteMarks(),
    });
    await router.start();
    app = await createApp({
      config,
      database: db.database,
      replicas: router,
      log: silentLog,
      auth: authSettings(config, SECRET),
    });
    url = `http://127.0.0.1:${await app.listen(0, '127.0.0.1')}/graphql`;
    cityToken = await token({ role: 'CITY_ADMIN', regionCode: DEMO.city, subject: 'writer' });
    otherCityToken = await token({ role: 'CITY_ADMIN', regionCode: DEMO.city, subject: 'colleague' });
    await until('the replica to be current', () => router.status()[0]!.state === 'up');
  });

  afterAll(async () => {
    await replayPaused(false).catch(() => {});
    await app?.close(); // stops the router, which closes the replica's pool
    await replicaAdmin?.end();
    await db?.drop();
  });

  it('queries read from the replica; mutations and the change feed use the primary', async () => {
    const read = await served(() =>
      gql(`{ schools(first: 5, filter: { regionCode: "${DEMO.anxiang}" }) { nodes { code } } }`),
    );
    expect(read.result.data.schools.nodes).toHaveLength(5);
    expect(read.replica).toBeGreaterThan(0);
    expect(read.primary).toBe(0);

    const write = await served(() =>
      gql(CREATE_REGION, { input: { rows: [{ code: '430791', name: '复制测试一区' }] } }, cityToken),
    );
    expect(write.result.data.upsertRegions).toMatchObject({ applied: true, created: 1, errors: [] });
    expect(write.replica).toBe(0);
    expect(write.primary).toBeGreaterThan(0);

    const feed = await served(() => gql('{ changes(first: 1) { events { entityKey } } }', undefined, otherCityToken));
    expect(feed.result.errors).toBeUndefined();
    expect(feed.replica).toBe(0);
    expect(feed.primary).toBeGreaterThan(0);
  });

  it(
    'a caller reads their own write at once while the replica lags; others read the replica ' + 'until it replays',
    async () => {
      await replayPaused(true);
      try {
        const created = await gql(
          CREATE_REGION,
          { input: { rows: [{ code: '430792', name: '复制测试二区' }] } },
          cityToken,
        );
        expect(created.data.upsertRegions).toMatchObject({ applied: true, created: 1 });

        // The writer's read goes to the primary: the replica has not replayed the write.
        const own = await served(() => gql(REGION, { code: '430792' }, cityToken));
        expect(own.result.data.region).toEqual({ code: '430792', name: '复制测试二区' });
        expect(own.replica).toBe(0);

        // A colleague who wrote nothing is served by the replica (within the lag bound) and does not see it yet.
        const other = await served(() => gql(REGION, { code: '430792' }, otherCityToken));
        expect(other.result.data.region).toBeNull();
        expect(other.replica).toBeGreaterThan(0);
      } finally {
        await replayPaused(false);
      }
      // Once the replica has replayed the write, the writer's reads use it again.
      await until('the writer to be served by the replica', async () => {
        const again = await served(() => gql(REGION, { code: '430792' }, cityToken));
        return again.replica > 0 && again.result.data.region?.name === '复制测试二区';
      });
    },
  );

  it('a replica further behind than the bound serves nothing; /readyz reports it lagging, then up again', async () => {
    await replayPaused(true);
    try {
      const created = await gql(
        CREATE_REGION,
        { input: { rows: [{ code: '430793', name: '复制测试三区' }] } },
        cityToken,
      );
      expect(created.data.upsertRegions).toMatchObject({ applied: true, created: 1 });
      await until('the replica to count as lagging', () => router.status()[0]!.state === 'lagging', MAX_LAG_MS * 4);
      const readyz = await fetch(url.replace(/\/graphql$/, '/readyz'));
      expect(readyz.status).toBe(200);
      const body = (await readyz.json()) as { replicas: { lagMs: number }[] };
      expect(body).toMatchObject({ ok: true, database: 'up', replicas: [{ state: 'lagging' }] });
      expect(body.replicas[0].lagMs).toBeGreaterThan(MAX_LAG_MS);

      // Even a caller who wrote nothing now reads the primary, and sees the write.
      const anonymous = await served(() => gql(REGION, { code: '430793' }));
      expect(anonymous.result.data.region).toEqual({ code: '430793', name: '复制测试三区' });
      expect(anonymous.replica).toBe(0);
    } finally {
      await replayPaused(false);
    }
    await until('the replica to be current again', () => router.status()[0]!.state === 'up');
    const back = await served(() => gql(REGION, { code: '430793' }));
    expect(back.result.data.region?.name).toBe('复制测试三区');
    expect(back.replica).toBeGreaterThan(0);
  });

  it(
    "behind a load balancer: a write through one server process routes the caller's reads on " +
      'another (marks in Redis)',
    async () => {
      const prefix = `edugov-test-${Date.now()}:`;
      const replicaUrl = new URL(db.url!);
      replicaUrl.port = new URL(TEST_REPLICA_URL!).port;
      const servers: { app: App; url: string; replica: Database }[] = [];
      for (let i = 0; i < 2; i++) {
        const own = await openDatabase({ url: replicaUrl.toString(), poolSize: 2 });
        const r = new ReplicaRouter(db.database, db.url!, [{ url: replicaUrl.toString(), database: own }], {
          pollMs: POLL_MS,
          maxLagMs: MAX_LAG_MS,
          log: silentLog,
          marks: new RedisWriteMarks('redis://127.0.0.1:6379', prefix, silentLog),
        });
        await r.start();
        const config = loadConfig({
          NODE_ENV: 'test',
          EDUGOV_JWT_SECRET: SECRET,
          LOG_LEVEL: 'silent',
          DATABASE_URL: db.url,
        });
        const a = await createApp({
          config,
          database: { ...db.database, close: async () => {} },
          replicas: r,
          log: silentLog,
          auth: authSettings(config, SECRET),
        });
        servers.push({ app: a, url: `http://127.0.0.1:${await a.listen(0, '127.0.0.1')}/graphql`, replica: own });
      }
      const post = async (to: string, query: string, variables: Record<string, unknown>) =>
        (await (
          await fetch(to, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${cityToken}` },
            body: JSON.stringify({ query, variables }),
          })
        ).json()) as Reply;
      await replayPaused(true);
      try {
        const created = await post(servers[0]!.url, CREATE_REGION, {
          input: { rows: [{ code: '430794', name: '复制测试四区' }] },
        });
        expect(created.data.upsertRegions).toMatchObject({ applied: true, created: 1 });
        const before = servers[1]!.replica.statements.count;
        const read = await post(servers[1]!.url, REGION, { code: '430794' });
        expect(read.data.region).toEqual({ code: '430794', name: '复制测试四区' });
        expect(servers[1]!.replica.statements.count).toBe(before);
      } finally {
        await replayPaused(false);
        for (const s of servers) await s.app.close();
      }
    },
  );

  it('with the replica unreachable, reads fall back to the primary and /readyz says the replica is down', async () => {
    const unreachable = new URL(db.url!);
    unreachable.port = '1'; // nothing listens there
    const down = await openDatabase({ url: unreachable.toString(), poolSize: 1, connectTimeoutMs: 500 });
    const downRouter = new ReplicaRouter(db.database, db.url!, [{ url: unreachable.toString(), database: down }], {
      pollMs: POLL_MS,
      maxLagMs: MAX_LAG_MS,
      log: silentLog,
      marks: new MemoryWriteMarks(),
    });
    await downRouter.start();
    const config = loadConfig({
      NODE_ENV: 'test',
      EDUGOV_JWT_SECRET: SECRET,
      LOG_LEVEL: 'silent',
      DATABASE_URL: db.url,
    });
    // This app shares the primary's pool with the main one: it must not close it.
    const primaryView: Database = { ...db.database, close: async () => {} };
    const other = await createApp({
      config,
      database: primaryView,
      replicas: downRouter,
      log: silentLog,
      auth: authSettings(config, SECRET),
    });
    const otherUrl = `http://127.0.0.1:${await other.listen(0, '127.0.0.1')}`;
    try {
      const readyz = await fetch(`${otherUrl}/readyz`);
      expect(readyz.status).toBe(200);
      expect(await readyz.json()).toMatchObject({
        ok: true,
        database: 'up',
        replicas: [{ state: 'down', lagMs: null }],
      });
      const before = db.database.statements.count;
      const res = await fetch(`${otherUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: REGION, variables: { code: DEMO.anxiang } }),
      });
      expect(((await res.json()) as Reply).data.region?.code).toBe(DEMO.anxiang);
      expect(db.database.statements.count).toBeGreaterThan(before);
    } finally {
      await other.close();
    }
  });
});

describe('replica settings', () => {
  it('replicas need a PostgreSQL primary, and each URL must be a postgres:// URL', () => {
    expect(() => loadConfig({ DATABASE_REPLICA_URLS: 'postgres://127.0.0.1:5433/x' })).toThrow(
      /DATABASE_REPLICA_URLS: needs DATABASE_URL/,
    );
    expect(() =>
      loadConfig({ DATABASE_URL: 'postgres://a/b', DATABASE_REPLICA_URLS: 'postgres://a:5433/b, mysql://c/d' }),
    ).toThrow(/DATABASE_REPLICA_URLS/);
    expect(
      loadConfig({ DATABASE_URL: 'postgres://a/b', DATABASE_REPLICA_URLS: 'postgres://a:5433/b, postgres://c:5433/b' })
        .DATABASE_REPLICA_URLS,
    ).toEqual(['postgres://a:5433/b', 'postgres://c:5433/b']);
  });
});
