/**
 * `npm install` (postinstall): makes the pre-initialised PGlite cluster, so the first
 * `npm start` on a new data folder skips initdb. Never fails the install: without the
 * template the server makes it on its first start instead.
 */
import { PGlite } from '@electric-sql/pglite';
import { clusterTemplate, templatePath } from './clusterTemplate.js';

try {
  const started = performance.now();
  const { made } = await clusterTemplate(() => PGlite.create());
  if (made)
    process.stdout.write(
      `edugov: prepared the embedded database cluster in ${Math.round(performance.now() - started)} ms (${templatePath()})\n`,
    );
} catch (err) {
  process.stdout.write(
    `edugov: could not prepare the embedded database cluster now (${(err as Error).message}); the first start will\n`,
  );
}
