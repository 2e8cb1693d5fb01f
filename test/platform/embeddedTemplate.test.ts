import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { migrateDatabase, openDatabase } from '../../server/db.js';
import { templatePath } from '../../server/embedded/clusterTemplate.js';

/**
 * New embedded databases start from a pre-initialised cluster (server/embedded/clusterTemplate.ts)
 * instead of running initdb each time. Each test uses its own template folder, so the install's
 * cache is left alone.
 */
// initdb in WebAssembly takes seconds, and much longer on a busy machine.
describe('pre-initialised embedded cluster', { timeout: 240_000 }, () => {
  const work = mkdtempSync(join(tmpdir(), 'edugov-template-'));
  const templates = join(work, 'templates');
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('the first new database makes the template; later ones start from it and work like any other', async () => {
    const first = await openDatabase({ dataDir: join(work, 'a'), templateDir: templates });
    expect(first.initialisedFrom).toBe('initdb');
    await first.close();
    expect(statSync(templatePath(templates)).size).toBeGreaterThan(1_000_000);

    const second = await openDatabase({ dataDir: join(work, 'b'), templateDir: templates });
    expect(second.initialisedFrom).toBe('template');
    await migrateDatabase(second);
    await second.db.execute(sql`insert into regions (code, name, level) values ('430000', '湖南省', 'PROVINCE')`);
    await second.close();

    // The folder is a cluster of its own now: reopened, it keeps its data and is not replaced.
    const reopened = await openDatabase({ dataDir: join(work, 'b'), templateDir: templates });
    expect(reopened.initialisedFrom).toBe('existing');
    const result = (await reopened.db.execute(sql`select name from regions where code = '430000'`)) as unknown as {
      rows: { name: string }[];
    };
    expect(result.rows).toEqual([{ name: '湖南省' }]);
    await reopened.close();

    // In-memory databases use it too.
    const memory = await openDatabase({ dataDir: 'memory', templateDir: templates });
    expect(memory.initialisedFrom).toBe('template');
    await memory.close();
  });

  it('a template PGlite cannot read is replaced, and the database still opens', async () => {
    const dir = join(work, 'broken-templates');
    const first = await openDatabase({ dataDir: 'memory', templateDir: dir });
    await first.close();
    writeFileSync(templatePath(dir), 'not a tarball');
    const db = await openDatabase({ dataDir: join(work, 'c'), templateDir: dir });
    await migrateDatabase(db);
    await db.close();
    expect(readFileSync(templatePath(dir)).length).toBeGreaterThan(1_000_000);
  });
});
