import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../../server/db.js';
import { onRealPostgres, startTestServer, TEST_DATABASE_URL, type TestServer } from '../harness.js';

/**
 * Startup failures an operator meets in the first hour, each run through `npm start`'s
 * launcher as a user would: one line on stderr that says what to do, exit code 1, no stack.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'edugov-startup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The environment of a fresh shell: none of the test run's edugov settings. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(EDUGOV_|DATABASE_|PORT$|HOST$|npm_)/.test(k)),
  );
  return { ...env, NODE_ENV: 'development', LOG_LEVEL: 'silent', ...extra };
}

function start(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, ['server/launch.mjs'], {
      cwd: root,
      env: cleanEnv(env),
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    proc.stderr!.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => proc.kill('SIGKILL'), 60_000);
    proc.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

function listening(): Promise<Server> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => resolve(s));
  });
}
const portOf = (s: Server) => (s.address() as { port: number }).port;

function expectOneClearLine(r: { code: number | null; stderr: string }, line: string) {
  expect(r.stderr.split('\n')[0]).toBe(line);
  expect(r.code).toBe(1);
  expect(r.stderr).not.toMatch(/^\s+at /m);
}

describe('startup failures print one line with the fix', () => {
  it('a refused database connection names the address', async () => {
    const closed = await listening();
    const port = portOf(closed);
    await new Promise((r) => closed.close(r));
    const r = await start({ DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/edugov`, PORT: '0' });
    expectOneClearLine(
      r,
      `edugov: cannot connect to PostgreSQL at 127.0.0.1:${port} (connection refused); start PostgreSQL there, or fix DATABASE_URL`,
    );
  }, 60_000);

  it.skipIf(!onRealPostgres)(
    'a missing database says how to create it',
    async () => {
      const url = new URL(TEST_DATABASE_URL!);
      url.pathname = '/edugov_no_such_database';
      const r = await start({ DATABASE_URL: url.href, PORT: '0' });
      expectOneClearLine(
        r,
        `edugov: database "edugov_no_such_database" does not exist on ${url.hostname}:${url.port || 5432}; create it (createdb -h ${url.hostname} -p ${url.port || 5432} -U ${url.username || 'postgres'} edugov_no_such_database) or fix DATABASE_URL`,
      );
    },
    60_000,
  );

  it('a port in use is reported before any database work', async () => {
    const taken = await listening();
    const dataDir = join(dir, 'port-in-use');
    try {
      const r = await start({ PORT: String(portOf(taken)), HOST: '127.0.0.1', EDUGOV_DATA_DIR: dataDir });
      expectOneClearLine(
        r,
        `edugov: port ${portOf(taken)} on 127.0.0.1 is already in use; stop the program using it, or choose another port, e.g. PORT=${portOf(taken) + 1}`,
      );
      // Checked before the database was opened: the data folder was never created.
      expect(existsSync(dataDir)).toBe(false);
    } finally {
      await new Promise((r) => taken.close(r));
    }
  }, 60_000);

  it('a data folder held by another process names the process and the way out', async () => {
    const dataDir = join(dir, 'locked');
    mkdirSync(dataDir);
    // This test process is alive, so its pid holds the folder.
    writeFileSync(join(dataDir, 'server.pid'), String(process.pid));
    const r = await start({ PORT: '0', EDUGOV_DATA_DIR: dataDir });
    expectOneClearLine(
      r,
      `edugov: the data folder ${dataDir} is in use by process ${process.pid} (another edugov server or CLI); stop that process, or set EDUGOV_DATA_DIR to another folder`,
    );
  }, 60_000);

  it('a database made by a pre-release build (migrations since squashed) is refused before any DDL', async () => {
    const dataDir = join(dir, 'pre-release');
    const old = await openDatabase({ dataDir });
    await old.db.execute(sql`create schema drizzle`);
    await old.db.execute(
      sql`create table drizzle.__drizzle_migrations (id serial primary key, hash text not null, created_at bigint, name text)`,
    );
    await old.db.execute(
      sql`insert into drizzle.__drizzle_migrations (hash, created_at, name) values ('x', 1763904237000, '20261123132357_foundation')`,
    );
    await old.close();
    const r = await start({ PORT: '0', EDUGOV_DATA_DIR: dataDir });
    expectOneClearLine(
      r,
      'edugov: the database was created by a pre-release edugov whose migrations were later ' +
        'squashed (it records 20261123132357_foundation); ' +
        'export what you need with `edugov export`, then recreate the database (embedded: delete ' +
        'the data folder; PostgreSQL: drop and create the database) and import',
    );
    const after = await openDatabase({ dataDir });
    try {
      const tables = await after.db.execute(
        sql`select count(*)::int as n from information_schema.tables where table_schema = 'public'`,
      );
      expect((Array.isArray(tables) ? tables : (tables as { rows: { n: number }[] }).rows)[0]).toEqual({ n: 0 });
    } finally {
      await after.close();
    }
  }, 60_000);
});

describe('the startup banner', () => {
  it('prints a token command that works with a custom EDUGOV_DATA_DIR, from a subfolder, in a ' +
    "shell without the server's settings", async () => {
    const dataDir = join(dir, 'custom data');
    const proc = spawn(process.execPath, ['server/launch.mjs'], {
      cwd: root,
      env: cleanEnv({ PORT: '0', HOST: '127.0.0.1', EDUGOV_DATA_DIR: dataDir, EDUGOV_DEMO_DATA: 'false' }),
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    try {
      let stderr = '';
      await new Promise<void>((resolve, reject) => {
        proc.stderr!.on('data', (d) => {
          stderr += d;
          if (/TOKEN=\$\(.*\)\n[\s\S]*viewer/.test(stderr)) resolve();
        });
        proc.on('exit', (code) => reject(new Error(`server exited with ${code}: ${stderr}`)));
      });
      const command = stderr.match(/^\s*(TOKEN=\$\(.*\))$/m)![1];
      expect(command).toContain(`EDUGOV_DATA_DIR='${dataDir}'`);
      const url = stderr.match(/serving (http:\/\/\S+)/)![1];
      const { stdout } = await promisify(execFile)('bash', ['-c', `${command}; printf %s "$TOKEN"`], {
        cwd: join(root, 'test'),
        env: cleanEnv({}),
      });
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${stdout.trim()}` },
        body: JSON.stringify({ query: '{ viewer { role regionCode } }' }),
      });
      expect(await res.json()).toMatchObject({ data: { viewer: { role: 'COUNTY_ADMIN', regionCode: '430721' } } });
    } finally {
      proc.kill('SIGTERM');
    }
    // A fresh embedded database takes seconds on a quiet machine, minutes on a loaded one.
  }, 400_000);
});

describe('a browser opening /graphql', () => {
  let dev: TestServer;
  let prod: TestServer;
  beforeAll(async () => {
    [dev, prod] = await Promise.all([
      startTestServer({ env: { NODE_ENV: 'development' } }),
      startTestServer({ env: { NODE_ENV: 'production' } }),
    ]);
  });
  afterAll(() => Promise.all([dev?.close(), prod?.close()]));

  const BROWSER = {
    accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
    'user-agent': 'Mozilla/5.0',
  };
  it.each([
    ['/graphql', BROWSER],
    ['/graphql', { accept: 'application/json' }],
    ['/graphql?query=%7B', BROWSER],
    ['/graphql?query=%7B%20schoolz%20%7D', { accept: 'application/json' }],
    ['/graphql?query=mutation%7B__typename%7D', BROWSER],
  ])('GET %s shows no stack trace', async (path, headers) => {
    for (const server of [dev, prod]) {
      const res = await fetch(server.url.replace('/graphql', path), { headers });
      const text = await res.text();
      expect(res.status).toBeLessThan(500);
      expect(text).not.toMatch(/stacktrace|\.ts:\d+|node_modules|^\s+at /m);
    }
  });
});
