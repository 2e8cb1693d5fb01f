import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { startServer } from './start.js';
import { buildWebApps } from './web/ensure.js';

const started = performance.now();
let config;
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
// The browser apps build while the database opens; both finish before the port opens.
const [{ app, database, seeded }] = await Promise.all([startServer(config, log), buildWebApps(config, log)]);
const port = await app.listen();
const url = `http://localhost:${port}/graphql`;
log.info(
  { url, database: database.kind, dataDir: database.kind === 'pglite' ? config.EDUGOV_DATA_DIR : undefined, seeded, ms: Math.round(performance.now() - started) },
  'edugov ready',
);
if (process.stdout.isTTY || config.NODE_ENV !== 'production') {
  process.stderr.write(`
  edugov is serving ${url}  (${database.kind === 'pglite' ? `embedded PGlite in ${config.EDUGOV_DATA_DIR}` : 'PostgreSQL'})

  Try it (public data, no token needed):
    curl -s ${url} -H 'content-type: application/json' \\
      -d '{"query":"{ region(code: \\"430700\\") { name children { code name schoolCount } } }"}'

  Get a token for a county bureau (安乡县) and ask who you are:
    TOKEN=$(npm run -s edugov -- token --role COUNTY_ADMIN --region 430721 --subject demo)
    curl -s ${url} -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' \\
      -d '{"query":"{ viewer { role regionCode } teachers(first: 3) { totalCount nodes { name school { name } } } }"}'

`);
}

// postgres.js 3.4.9 can throw from a timer after a dropped connection ("Cannot read
// properties of null (reading 'write')", porsager/postgres#1154/#1208). The request involved
// has already failed with DATABASE_UNAVAILABLE and the pool reconnects, so that one error is
// logged and survived; anything else uncaught still ends the process.
process.on('uncaughtException', (err) => {
  const known = err instanceof TypeError && /reading 'write'/.test(err.message) && /node_modules\/postgres\//.test(err.stack ?? '');
  if (known) {
    log.warn({ err }, 'postgres.js write after a dropped connection (known upstream bug); continuing');
    return;
  }
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
