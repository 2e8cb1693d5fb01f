import type { ServerResponse } from 'node:http';
import type { Database } from '../db.js';
import type { ReplicaRouter } from '../replicas/router.js';
import { json } from './respond.js';

/**
 * The probes of process managers and load balancers: /healthz (the process answers) and
 * /readyz (the database answers; replicas are reported but do not decide readiness).
 */

/** /readyz answers within this long even when the database hangs. */
const READY_TIMEOUT_MS = 2000;

/** Answers a health probe; returns whether the path was one. */
export async function serveHealth(
  pathname: string,
  res: ServerResponse,
  database: Database,
  replicas: ReplicaRouter | null,
): Promise<boolean> {
  if (pathname === '/healthz') {
    json(res, 200, { ok: true });
    return true;
  }
  if (pathname !== '/readyz') return false;
  const ready = await Promise.race([
    database.ping(),
    new Promise<boolean>((r) => setTimeout(() => r(false), READY_TIMEOUT_MS).unref()),
  ]);
  // Replicas are reported but do not decide readiness: without them reads use the primary.
  json(res, ready ? 200 : 503, {
    ok: ready,
    database: ready ? 'up' : 'down',
    ...(replicas ? { replicas: replicas.status() } : {}),
  });
  return true;
}
