import type { Logger } from 'pino';
import type { Config } from '../config.js';

/**
 * Builds the explorer and portal on start when either is enabled and the sources changed
 * since the last build (server/web/build.mjs). Loaded by URL rather than imported, so the
 * server bundle of `npm start` leaves the build tooling out and it resolves its paths from
 * its own place in the checkout. A failed build is logged and the API serves on; the
 * apps' pages then say how to build them.
 */
export async function buildWebApps(config: Config, log: Logger): Promise<void> {
  if (!config.EDUGOV_EXPLORER && !config.EDUGOV_PORTAL) return;
  const started = performance.now();
  try {
    const { ensureWebBuild } = (await import(
      new URL('./build.mjs', import.meta.url).href
    )) as typeof import('./build.mjs');
    if (await ensureWebBuild())
      log.info({ ms: Math.round(performance.now() - started) }, 'built the explorer and portal');
  } catch (err) {
    log.error({ err }, 'could not build the explorer and portal; run npm run build:web');
  }
}
