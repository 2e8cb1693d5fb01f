import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { startServer } from './start.js';

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
const { app, database, seeded } = await startServer(config, log);
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
