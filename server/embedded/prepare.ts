/**
 * `npm install` (postinstall): makes what a first `npm start` would otherwise make while the
 * user waits — the pre-initialised PGlite cluster (skips initdb), the demo database template
 * (skips loading the demo data through the services) and the explorer and portal bundles.
 * Never fails the install: whatever is missing, the first start makes instead, only slower.
 */
import { PGlite } from '@electric-sql/pglite';
import { pino } from 'pino';
import { clusterTemplate, templatePath } from './clusterTemplate.js';
import { demoTemplatePath, readDemoTemplate } from './demoTemplate.js';

const say = (line: string) => process.stdout.write(`edugov: ${line}\n`);
const since = (started: number) => `${Math.round(performance.now() - started)} ms`;

async function step(what: string, run: () => Promise<string | null>) {
  const started = performance.now();
  try {
    const where = await run();
    if (where) say(`prepared ${what} in ${since(started)} (${where})`);
  } catch (err) {
    say(`could not prepare ${what} now (${(err as Error).message}); the first start will`);
  }
}

await step('the embedded database cluster', async () =>
  (await clusterTemplate(() => PGlite.create())).made ? templatePath() : null,
);

await step('the demo database', async () => {
  if (readDemoTemplate()) return null;
  // Loaded here only: the server's modules are not needed for the cluster alone.
  const [{ loadConfig }, { openMigratedDatabase }] = await Promise.all([import('../config.js'), import('../start.js')]);
  const config = loadConfig({ EDUGOV_DATA_DIR: 'memory', EDUGOV_DEMO_DATA: 'true' });
  const { database } = await openMigratedDatabase(config, pino({ level: 'silent' }));
  await database.close();
  return demoTemplatePath();
});

await step('the explorer and portal', async () => {
  const { ensureWebBuild } = (await import(
    new URL('../web/build.mjs', import.meta.url).href
  )) as typeof import('../web/build.mjs');
  return (await ensureWebBuild()) ? 'dist/web' : null;
});
