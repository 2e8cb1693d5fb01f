import type { Logger } from 'pino';
import { createApp, type App } from './app.js';
import { durationSeconds, type Config } from './config.js';
import type { AuthSettings } from '../schema/domains/access/authenticate.js';
import { migrateDatabase, openDatabase, type Database } from './db.js';
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
  // Each phase of a start is logged with its duration: on a fresh embedded folder, creating
  // the database (PGlite's initdb) and the demo data are most of a cold start.
  let phase = performance.now();
  const lap = () => {
    const now = performance.now();
    const ms = Math.round(now - phase);
    phase = now;
    return ms;
  };
  const database = await openDatabase({
    url: config.DATABASE_URL,
    dataDir: config.inMemory ? 'memory' : config.EDUGOV_DATA_DIR,
    poolSize: config.DATABASE_POOL_SIZE,
    statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS,
    jit: config.DATABASE_JIT,
    connectTimeoutMs: config.DATABASE_CONNECT_TIMEOUT_MS,
    maxReconnectDelayMs: config.DATABASE_RECONNECT_DELAY_MAX_MS,
  });
  log.info({ database: database.kind, ms: lap() }, 'database opened');
  await migrateDatabase(database);
  log.info({ ms: lap() }, 'migrations applied');
  const seeded = config.EDUGOV_DEMO_DATA ? await seedDemoDataIfEmpty(database, log) : false;
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
