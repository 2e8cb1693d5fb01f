import { banner } from './banner.js';
import { type Config, ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { startServer } from './start.js';
import { buildWebApps } from './web/ensure.js';
import { checkPortFree, explainStartupFailure } from './startupErrors.js';

const started = performance.now();
let config: Config;
try {
  config = loadConfig();
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(2);
  }
  throw err;
}
const log = createLogger(config);
const startup = config;
/** A failure the operator can fix is one line on stderr with the fix, and exit code 1. */
async function orExplain<T>(step: Promise<T>): Promise<T> {
  try {
    return await step;
  } catch (err) {
    const line = explainStartupFailure(err, startup);
    if (!line) throw err;
    process.stderr.write(`edugov: ${line}\n`);
    process.exit(1);
  }
}
// The port is checked before the migrations and the demo data, which take seconds on a fresh folder.
await orExplain(checkPortFree(config.PORT, config.HOST));
// The browser apps build while the database opens; both finish before the port opens.
const [{ app, database, seeded }] = await Promise.all([orExplain(startServer(config, log)), buildWebApps(config, log)]);
const port = await orExplain(app.listen());
const url = `http://localhost:${port}/graphql`;
log.info(
  {
    url,
    database: database.kind,
    dataDir: database.kind === 'pglite' ? config.EDUGOV_DATA_DIR : undefined,
    seeded,
    ms: Math.round(performance.now() - started),
  },
  'edugov ready',
);
if (process.stdout.isTTY || config.NODE_ENV !== 'production') {
  process.stderr.write(banner(config, url, database.kind));
}

// Anything uncaught ends the process (a process manager restarts it). postgres.js's write after
// a dropped connection (porsager/postgres#1154/#1208) no longer throws: the driver is patched at
// install (patches/postgres+3.4.9.patch).
process.on('uncaughtException', (err) => {
  log.fatal({ err }, 'uncaught exception');
  process.exit(1);
});

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: finishing in-flight requests');
    app.close().then(
      () => {
        log.info('stopped');
        process.exit(0);
      },
      (err) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}
