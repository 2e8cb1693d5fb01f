import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { migrateDatabase, openDatabase } from '../server/db.js';
import { seedDemoDataIfEmpty } from '../server/seed/index.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** PGlite data-folder tarball of a migrated, seeded database. */
    templateDump: string | null;
    /** Name of a migrated, seeded PostgreSQL database to clone with CREATE DATABASE … TEMPLATE. */
    templateDatabase: string | null;
  }
}

/**
 * Seeds the demo data once per test run; every test file then starts from a copy (a PGlite
 * tarball, or a PostgreSQL template database) instead of seeding again.
 */
export default async function setup(project: TestProject) {
  const log = pino({ level: 'silent' });
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (adminUrl) {
    const name = `edugov_tpl_${randomBytes(6).toString('hex')}`;
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const database = await openDatabase({ url: url.toString(), poolSize: 2 });
    await migrateDatabase(database);
    await seedDemoDataIfEmpty(database, log);
    await database.close();
    project.provide('templateDatabase', name);
    project.provide('templateDump', null);
    return async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
  }
  const database = await openDatabase({ dataDir: 'memory' });
  await migrateDatabase(database);
  await seedDemoDataIfEmpty(database, log);
  const dump = await database.dumpDataDir!();
  await database.close();
  const file = join(tmpdir(), `edugov-template-${randomBytes(6).toString('hex')}.tar`);
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('templateDump', file);
  project.provide('templateDatabase', null);
  return () => rmSync(file, { force: true });
}
