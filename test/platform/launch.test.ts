import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * `npm start` runs the server from one esbuild bundle (server/launch.mjs). What bundling could
 * break: paths each module resolves from its own import.meta.url (the migrations, the SDK's
 * operation manifest), stack traces naming the sources, and signal handling.
 */
const root = new URL('../..', import.meta.url);
const dataDir = mkdtempSync(join(tmpdir(), 'edugov-launch-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

/** Starts the launcher; resolves with the URL from the "edugov ready" log line. */
function launch(env: Record<string, string>): Promise<{ url: string; stop(): Promise<number | null> }> {
  const proc = spawn(process.execPath, ['server/launch.mjs'], {
    cwd: root,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', NODE_ENV: 'development', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(proc);
  let stderr = '';
  proc.stderr!.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let out = '';
    proc.stdout!.on('data', (d) => {
      out += d;
      const ready = out.split('\n').find((line) => line.includes('"edugov ready"'));
      if (!ready) return;
      const stop = () => {
        proc.kill('SIGTERM');
        return exited;
      };
      resolve({ url: JSON.parse(ready).url.replace('localhost', '127.0.0.1'), stop });
    });
    void exited.then((code) => reject(new Error(`launcher exited with ${code}: ${stderr}`)));
  });
}

describe('npm start (the bundled server)', () => {
  it('migrates a fresh embedded database, serves the SDK operations by hash, and stops on SIGTERM', async () => {
    const { url, stop } = await launch({
      EDUGOV_DATA_DIR: dataDir,
      EDUGOV_DEMO_DATA: 'false',
      EDUGOV_TRUSTED_DOCUMENTS: 'all',
    });
    const post = (body: unknown) =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    // Trusted documents for everyone: only the manifest's operations run, so it was found and read.
    const refused = await post({ query: '{ __typename }' });
    expect(refused.status).toBe(403);
    expect((await refused.json()).errors[0].extensions.code).toBe('TRUSTED_DOCUMENT_REQUIRED');
    const manifest = JSON.parse(readFileSync(new URL('sdk/src/generated/manifest.json', root), 'utf8')) as {
      operations: { id: string; name: string }[];
    };
    const regions = manifest.operations.find((o) => o.name === 'Regions')!;
    const res = await post({
      variables: { first: 1 },
      extensions: { persistedQuery: { version: 1, sha256Hash: regions.id } },
    });
    // The migrated, empty tables answer.
    expect(await res.json()).toMatchObject({ data: { regions: { nodes: [] } } });
    expect(await stop()).toBe(0);
  }, 120_000);

  it('names the TypeScript sources in stack traces', async () => {
    const file = join(dataDir, 'not-a-folder');
    rmSync(file, { force: true });
    writeFileSync(file, '');
    const failed = launch({ EDUGOV_DATA_DIR: join(file, 'data') });
    await expect(failed).rejects.toThrow(/server\/pidLock\.ts:\d+/);
  }, 60_000);
});
