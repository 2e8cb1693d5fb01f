import { createServer } from 'node:net';
import { resolve } from 'node:path';
import type { Config } from './config.js';
import { UnknownMigrations } from './db.js';
import { causes } from './hardening/dbErrors.js';
import { DataDirInUse } from './pidLock.js';

/**
 * Startup failures an operator can fix without reading a stack trace: the database missing or
 * unreachable, the port taken, the data folder held by another process. Each becomes one line
 * saying what is wrong and what to do; anything else is left to surface as the bug it is.
 */
export function explainStartupFailure(
  err: unknown,
  config: Pick<Config, 'DATABASE_URL' | 'PORT' | 'HOST' | 'EDUGOV_DATA_DIR'>,
): string | null {
  const db = config.DATABASE_URL ? describeUrl(config.DATABASE_URL) : null;
  for (const e of causes(err)) {
    if (e instanceof UnknownMigrations) return e.message;
    if (e instanceof DataDirInUse) {
      return `the data folder ${resolve(e.dataDir)} is in use by process ${e.pid} (another edugov server or CLI); stop that process, or set EDUGOV_DATA_DIR to another folder`;
    }
    const code = typeof e.code === 'string' ? e.code : '';
    if (code === 'EADDRINUSE') {
      return `port ${config.PORT} on ${config.HOST} is already in use; stop the program using it, or choose another port, e.g. PORT=${config.PORT + 1}`;
    }
    if (code === 'EACCES' && e.syscall === 'listen') {
      return `no permission to listen on port ${config.PORT}; choose a port above 1023, e.g. PORT=4000`;
    }
    if (!db) continue;
    if (code === '3D000') {
      return `database "${db.database}" does not exist on ${db.host}; create it (createdb -h ${db.hostname} -p ${db.port} -U ${db.user} ${db.database}) or fix DATABASE_URL`;
    }
    if (code === 'ECONNREFUSED') {
      return `cannot connect to PostgreSQL at ${db.host} (connection refused); start PostgreSQL there, or fix DATABASE_URL`;
    }
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
      return `cannot connect to PostgreSQL: the host "${db.hostname}" in DATABASE_URL is unknown; fix DATABASE_URL`;
    }
    if (code === 'CONNECT_TIMEOUT' || code === 'ETIMEDOUT' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH') {
      return `cannot connect to PostgreSQL at ${db.host} (no answer); check that it runs and that the network allows it, or raise DATABASE_CONNECT_TIMEOUT_MS`;
    }
    if (code === '28P01' || code === '28000') {
      return `PostgreSQL at ${db.host} refused user "${db.user}" (${String(e.message)}); fix the user or password in DATABASE_URL`;
    }
  }
  return null;
}

/**
 * Fails with EADDRINUSE (or EACCES) now rather than after the migrations and the demo data,
 * which on a fresh folder take many seconds. Port 0 (any free port) needs no check.
 */
export async function checkPortFree(port: number, host: string): Promise<void> {
  if (port === 0) return;
  await new Promise<void>((ok, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => ok()));
  });
}

/** Host, port, user and database of a postgres:// URL, without the password. */
function describeUrl(url: string) {
  const u = new URL(url);
  const hostname = u.hostname || 'localhost';
  const port = u.port || '5432';
  return {
    hostname,
    port,
    host: `${hostname}:${port}`,
    user: decodeURIComponent(u.username) || 'postgres',
    database: decodeURIComponent(u.pathname.replace(/^\//, '')) || decodeURIComponent(u.username) || 'postgres',
  };
}
