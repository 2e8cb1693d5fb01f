import type { Logger } from 'pino';
import { createApp, type App } from './app.js';
import { durationSeconds, type Config } from './config.js';
import type { AuthSettings } from '../schema/domains/access/authenticate.js';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { migrateDatabase, openDatabase, type Database, type OpenOptions } from './db.js';
import { discardDemoTemplate, readDemoTemplate, saveDemoTemplate } from './embedded/demoTemplate.js';
import { acquire } from './pidLock.js';
import { resolveJwtSecret } from './secret.js';
import { openReplicaRouter } from './replicas/open.js';
import { seedDemoDataIfEmpty } from './seed/index.js';

/** How people's tokens and anonymous callers are treated, from the configuration. */
export function authSettings(config: Config, jwtSecret: string): AuthSettings {
  return {
    jwtSecret,
    jwtIssuer: config.EDUGOV_JWT_ISSUER,
    anonymousRead: config.EDUGOV_ANONYMOUS === 'public',
    maxLifetimeSeconds: durationSeconds(config.EDUGOV_TOKEN_MAX_LIFETIME),
    clockSkewSeconds: config.EDUGOV_TOKEN_CLOCK_SKEW_SECONDS,
  };
}

/** Opens the database, migrates, seeds when empty and builds the app; shared by main and tests. */
export async function startServer(
  config: Config,
  log: Logger,
): Promise<{ app: App; database: Database; seeded: boolean }> {
  const embeddedDir = !config.DATABASE_URL && !config.inMemory ? config.EDUGOV_DATA_DIR : null;
  const release = embeddedDir ? acquire(embeddedDir) : () => {};
  // Logged with its duration: on a fresh embedded folder, the database is most of a cold start.
  const started = performance.now();
  const { database, seeded, fromDemoTemplate } = await openMigratedDatabase(config, log);
  log.info(
    { database: database.kind, seeded, fromDemoTemplate, ms: Math.round(performance.now() - started) },
    'database ready',
  );
  const replicas = await openReplicaRouter(config, database, log);
  const app = await createApp({
    config,
    database,
    replicas,
    log,
    auth: authSettings(config, resolveJwtSecret(config)),
  });
  const close = app.close;
  app.close = async () => {
    await close();
    release();
  };
  return { app, database, seeded };
}

/**
 * Opens the database, applies the migrations and, when wanted, loads the demo data into an
 * empty one. A new embedded database that wants the demo data is copied from the demo
 * template (server/embedded/demoTemplate.ts) when this build has one, and otherwise seeded
 * through the services and kept as the template for the next new folder.
 */
export async function openMigratedDatabase(
  config: Config,
  log: Logger,
  templateDir?: string,
): Promise<{ database: Database; seeded: boolean; fromDemoTemplate: boolean }> {
  const options: OpenOptions = {
    url: config.DATABASE_URL,
    dataDir: config.inMemory ? 'memory' : config.EDUGOV_DATA_DIR,
    poolSize: config.DATABASE_POOL_SIZE,
    statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS,
    jit: config.DATABASE_JIT,
    connectTimeoutMs: config.DATABASE_CONNECT_TIMEOUT_MS,
    maxReconnectDelayMs: config.DATABASE_RECONNECT_DELAY_MAX_MS,
    templateDir,
  };
  const folder = config.inMemory ? null : config.EDUGOV_DATA_DIR;
  const newEmbedded = !config.DATABASE_URL && (!folder || !existsSync(join(folder, 'PG_VERSION')));
  const demo = newEmbedded && config.EDUGOV_DEMO_DATA ? readDemoTemplate(templateDir) : undefined;
  if (demo) {
    // The folder may already hold the server's lock and the development secret: keep those.
    const present = new Set(folder && existsSync(folder) ? readdirSync(folder) : []);
    try {
      const database = await openDatabase({ ...options, loadDataDir: demo });
      await migrateDatabase(database);
      return { database, seeded: true, fromDemoTemplate: true };
    } catch (err) {
      log.warn({ err }, 'the demo database template could not be opened; loading the demo data instead');
      discardDemoTemplate(templateDir);
      if (folder && existsSync(folder))
        for (const entry of readdirSync(folder))
          if (!present.has(entry)) rmSync(join(folder, entry), { recursive: true, force: true });
    }
  }
  const database = await openDatabase(options);
  await migrateDatabase(database);
  const seeded = config.EDUGOV_DEMO_DATA ? await seedDemoDataIfEmpty(database, log) : false;
  // Taken before the server answers any request, so the template holds the demo data only.
  if (seeded && newEmbedded && database.dumpDataDir)
    await saveDemoTemplate(await database.dumpDataDir('gzip'), templateDir);
  return { database, seeded, fromDemoTemplate: false };
}
