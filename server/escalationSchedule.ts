import type { Logger } from 'pino';
import { systemViewer } from '../schema/domains/access/viewer.js';
import { runEscalationJob } from '../schema/domains/supervision/escalationJob.js';
import { durationSeconds, type Config } from './config.js';
import type { Database } from './db.js';

/**
 * Starts the supervision escalation job on the configured interval (EDUGOV_ESCALATION_INTERVAL).
 * The job is idempotent and takes an advisory lock, so every server process may schedule it.
 * Returns the function that stops it (called when the app closes).
 */
export function scheduleEscalations(config: Config, database: Database, log: Logger): () => void {
  if (config.EDUGOV_ESCALATION_INTERVAL === 'off') return () => {};
  const ms = durationSeconds(config.EDUGOV_ESCALATION_INTERVAL) * 1000;
  let running: Promise<unknown> | null = null;
  const tick = () => {
    if (running) return; // a slow run is never overlapped by this process's next tick
    const ctx = {
      db: database.db,
      viewer: systemViewer('escalation-job'),
      requestId: `escalations-${Date.now()}`,
      log,
      limits: { maxBatchRows: config.EDUGOV_MAX_BATCH_ROWS },
    };
    running = runEscalationJob(ctx, { now: new Date() })
      .then(
        (r) =>
          r.ran && log.info({ listed: r.listed.length, accountability: r.accountability.length }, 'escalation job ran'),
      )
      .catch((err) => log.error({ err }, 'escalation job failed'))
      .finally(() => (running = null));
  };
  const timer = setInterval(tick, ms);
  timer.unref();
  return () => clearInterval(timer);
}
