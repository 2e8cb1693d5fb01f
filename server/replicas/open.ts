import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { openDatabase, type Database } from '../db.js';
import { ReplicaRouter } from './router.js';
import { MemoryWriteMarks, RedisWriteMarks } from './writeMarks.js';

/**
 * The read router for DATABASE_REPLICA_URLS, or null without replicas. Replicas get the
 * primary's pool and timeout settings; write marks live in Redis when REDIS_URL is set, so
 * every server process behind a load balancer routes a caller's reads the same way.
 */
export async function openReplicaRouter(config: Config, primary: Database, log: Logger): Promise<ReplicaRouter | null> {
  if (!config.DATABASE_URL || config.DATABASE_REPLICA_URLS.length === 0) return null;
  const replicas = await Promise.all(
    config.DATABASE_REPLICA_URLS.map(async (url) => ({
      url,
      database: await openDatabase({
        url,
        poolSize: config.DATABASE_POOL_SIZE,
        statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS,
        jit: config.DATABASE_JIT,
        connectTimeoutMs: config.DATABASE_CONNECT_TIMEOUT_MS,
        maxReconnectDelayMs: config.DATABASE_RECONNECT_DELAY_MAX_MS,
      }),
    })),
  );
  const marks = config.REDIS_URL
    ? new RedisWriteMarks(config.REDIS_URL, config.EDUGOV_REDIS_PREFIX, log)
    : new MemoryWriteMarks();
  const router = new ReplicaRouter(primary, config.DATABASE_URL, replicas, {
    pollMs: config.DATABASE_REPLICA_POLL_MS,
    maxLagMs: config.DATABASE_REPLICA_MAX_LAG_MS,
    log,
    marks,
  });
  await router.start();
  return router;
}
