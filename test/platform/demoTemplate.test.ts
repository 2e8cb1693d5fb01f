import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.js';
import type { Database } from '../../server/db.js';
import { demoTemplatePath, isWholeTar, readDemoTemplate } from '../../server/embedded/demoTemplate.js';
import { openMigratedDatabase } from '../../server/start.js';

/**
 * A new embedded folder that wants the demo data is copied from the demo template
 * (server/embedded/demoTemplate.ts) instead of loading the demo data through the services.
 * Each test uses its own template folder, so the install's cache is left alone.
 */
const log = pino({ level: 'silent' });
const configFor = (dataDir: string, demo = true) =>
  loadConfig({ EDUGOV_DATA_DIR: dataDir, EDUGOV_DEMO_DATA: String(demo), NODE_ENV: 'test' });

/** A ustar archive of the given files, as `tar` writes it. */
function tarOf(files: Record<string, string>): Buffer {
  const blocks: Buffer[] = [];
  for (const [name, content] of Object.entries(files)) {
    const header = Buffer.alloc(512);
    header.write(name, 0, 'latin1');
    header.write('0000644\0', 100, 'latin1');
    header.write(`${Buffer.byteLength(content).toString(8).padStart(11, '0')}\0`, 124, 'latin1');
    header.write('0', 156, 'latin1');
    header.write('ustar\u000000', 257, 'latin1');
    header.fill(' ', 148, 156);
    const sum = header.reduce((a, b) => a + b, 0);
    header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
    const data = Buffer.alloc(Math.ceil(Buffer.byteLength(content) / 512) * 512);
    data.write(content, 'latin1');
    blocks.push(header, data);
  }
  return Buffer.concat([...blocks, Buffer.alloc(1024)]);
}

/** Every table's rows, in a stable order: two databases with equal snapshots hold the same data. */
async function snapshot(database: Database): Promise<Record<string, string>> {
  const rows = async (query: ReturnType<typeof sql>) =>
    ((await database.db.execute(query)) as unknown as { rows: Record<string, unknown>[] }).rows;
  const tables = await rows(
    sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
  );
  const result: Record<string, string> = {};
  for (const { table_name } of tables) {
    const [row] = await rows(
      sql.raw(
        `select count(*)::int as n, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as digest from "${table_name}" t`,
      ),
    );
    result[table_name as string] = `${row.n} ${row.digest}`;
  }
  return result;
}

// Loading the demo data through the services takes seconds, and much longer on a busy machine.
describe('demo database template', { timeout: 300_000 }, () => {
  const work = mkdtempSync(join(tmpdir(), 'edugov-demo-template-'));
  const templates = join(work, 'templates');
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('the first new folder is seeded and kept as the template; the next is a copy of it, holding the same rows', async () => {
    const first = await openMigratedDatabase(configFor(join(work, 'a')), log, templates);
    expect(first).toMatchObject({ seeded: true, fromDemoTemplate: false });
    expect(existsSync(demoTemplatePath(templates))).toBe(true);
    const seededRows = await snapshot(first.database);
    await first.database.close();
    expect(Number(seededRows.teachers.split(' ')[0])).toBeGreaterThan(1000);

    const second = await openMigratedDatabase(configFor(join(work, 'b')), log, templates);
    expect(second).toMatchObject({ seeded: true, fromDemoTemplate: true });
    expect(await snapshot(second.database)).toEqual(seededRows);
    // A copy is a database of its own: a change stays in it.
    await second.database.db.execute(sql`update regions set name = '常德市（改）' where code = '430700'`);
    await second.database.close();

    const reopened = await openMigratedDatabase(configFor(join(work, 'b')), log, templates);
    expect(reopened).toMatchObject({ seeded: false, fromDemoTemplate: false });
    const [{ name }] = (
      (await reopened.database.db.execute(sql`select name from regions where code = '430700'`)) as unknown as {
        rows: { name: string }[];
      }
    ).rows;
    expect(name).toBe('常德市（改）');
    await reopened.database.close();

    const third = await openMigratedDatabase(configFor(join(work, 'c')), log, templates);
    expect(await snapshot(third.database)).toEqual(seededRows);
    await third.database.close();
  });

  it('without demo data a new folder stays empty even when a template exists', async () => {
    expect(existsSync(demoTemplatePath(templates))).toBe(true);
    const empty = await openMigratedDatabase(configFor(join(work, 'd'), false), log, templates);
    expect(empty).toMatchObject({ seeded: false, fromDemoTemplate: false });
    expect(await empty.database.db.$count(sql`regions`)).toBe(0);
    await empty.database.close();
  });

  it('a template PGlite cannot read is replaced; the folder keeps its lock and secret and gets the demo data', async () => {
    const dir = join(work, 'broken-templates');
    mkdirSync(dir, { recursive: true });
    // A tarball PGlite refuses: a data folder without its control file.
    writeFileSync(demoTemplatePath(dir), gzipSync(tarOf({ PG_VERSION: '15\n', 'base/1/112': 'x'.repeat(700) })));
    writeFileSync(join(dir, 'pglite-0.0.0-demo-0123456789abcdef.tar.gz'), 'an earlier build');
    const folder = join(work, 'e');
    mkdirSync(folder);
    writeFileSync(join(folder, 'server.pid'), String(process.pid));
    writeFileSync(join(folder, 'jwt-secret'), 'kept\n');

    const opened = await openMigratedDatabase(configFor(folder), log, dir);
    expect(opened).toMatchObject({ seeded: true, fromDemoTemplate: false });
    expect(await opened.database.db.$count(sql`teachers`)).toBeGreaterThan(1000);
    await opened.database.close();
    expect(readFileSync(join(folder, 'jwt-secret'), 'utf8')).toBe('kept\n');
    expect(readFileSync(join(folder, 'server.pid'), 'utf8')).toBe(String(process.pid));
    // The new template is a real one, and the earlier build's is gone.
    expect(readFileSync(demoTemplatePath(dir)).length).toBeGreaterThan(1_000_000);
    expect(existsSync(join(dir, 'pglite-0.0.0-demo-0123456789abcdef.tar.gz'))).toBe(false);
  });

  it('a template that is not a whole gzip tarball is forgotten before PGlite sees it', () => {
    const dir = join(work, 'not-gzip');
    mkdirSync(dir, { recursive: true });
    const whole = tarOf({ PG_VERSION: '15\n', 'base/1/112': 'x'.repeat(700) });
    expect(isWholeTar(whole)).toBe(true);
    for (const bytes of [
      Buffer.from('not a tarball'),
      gzipSync(Buffer.from('not a tarball'.repeat(100))),
      gzipSync(whole.subarray(0, 1024)), // cut inside an entry's data
      gzipSync(whole.subarray(0, whole.length - 1024)), // no end-of-archive block
      gzipSync(whole).subarray(0, 40), // the gzip stream cut short
    ]) {
      writeFileSync(demoTemplatePath(dir), bytes);
      expect(readDemoTemplate(dir)).toBeUndefined();
      expect(existsSync(demoTemplatePath(dir))).toBe(false);
    }
    writeFileSync(demoTemplatePath(dir), gzipSync(whole));
    expect(readDemoTemplate(dir)?.size).toBe(whole.length);
  });
});
