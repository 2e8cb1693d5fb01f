import type { Logger } from 'pino';
import postgres from 'postgres';
import type { Database, Db } from '../db.js';
import { parseLsn } from './lsn.js';
import type { WriteMarks } from './writeMarks.js';

/** What /readyz reports for each replica. */
export interface ReplicaStatus {
  /** The replica's address without credentials (host:port/database). */
  name: string;
  state: 'up' | 'lagging' | 'down';
  /** How far behind the primary it was at the last check, in milliseconds (null when down). */
  lagMs: number | null;
}

interface Replica {
  name: string;
  database: Database;
  monitor: postgres.Sql;
  replayed: bigint | null;
  up: boolean;
  lagMs: number | null;
}

export interface ReplicaRouterOptions {
  /** How often the primary's and replicas' WAL positions are read. */
  pollMs: number;
  /** A replica further behind than this serves no reads until it catches up. */
  maxLagMs: number;
  log: Logger;
  marks: WriteMarks;
}

/**
 * Routes read-only operations to streaming replicas while they are up and current enough,
 * and everything else to the primary.
 *
 * Freshness is measured in the primary's own terms: every poll records the primary's WAL
 * position with the time it was read; a replica's lag is the age of the oldest recorded
 * position it has not yet replayed. A replica lagging more than `maxLagMs` (or not answering)
 * serves nothing; reads fall back to the primary. A caller's own writes are tracked by
 * position (WriteMarks): their reads go to a replica only once it has replayed them.
 */
export class ReplicaRouter {
  private replicas: Replica[];
  private primaryMonitor: postgres.Sql;
  /** Primary WAL positions with the time they were read, oldest first. */
  private samples: { at: number; lsn: bigint }[] = [];
  private timer: NodeJS.Timeout | null = null;
  private polling: Promise<void> | null = null;
  private next = 0;

  constructor(
    private primary: Database,
    primaryUrl: string,
    replicas: { url: string; database: Database }[],
    private opts: ReplicaRouterOptions,
  ) {
    const monitor = (url: string) =>
      postgres(url, {
        max: 1,
        onnotice: () => {},
        connect_timeout: 2,
        idle_timeout: 60,
        connection: { application_name: 'edugov-replica-monitor' },
      });
    this.primaryMonitor = monitor(primaryUrl);
    this.replicas = replicas.map((r) => ({
      name: displayName(r.url),
      database: r.database,
      monitor: monitor(r.url),
      replayed: null,
      up: false,
      lagMs: null,
    }));
  }

  /** Takes a first reading (so the first requests already use current replicas) and starts polling. */
  async start() {
    await this.poll();
    this.timer = setInterval(() => void this.poll(), this.opts.pollMs);
    this.timer.unref();
  }

  async stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.polling;
    await Promise.all([
      this.primaryMonitor.end({ timeout: 1 }),
      ...this.replicas.map((r) => r.monitor.end({ timeout: 1 })),
    ]);
    await Promise.all(this.replicas.map((r) => r.database.close().catch(() => {})));
    await this.opts.marks.close();
  }

  status(): ReplicaStatus[] {
    return this.replicas.map((r) => ({
      name: r.name,
      state: !r.up ? 'down' : (r.lagMs ?? 0) > this.opts.maxLagMs ? 'lagging' : 'up',
      lagMs: r.up ? r.lagMs : null,
    }));
  }

  /**
   * The database a read-only operation by `caller` should use: a current replica that has
   * replayed the caller's last write, taken in turn, or the primary. `caller` is null for
   * callers that cannot write (anonymous), who need no mark lookup.
   */
  async readDbFor(caller: string | null): Promise<Db> {
    const usable = this.replicas.filter((r) => r.up && r.lagMs !== null && r.lagMs <= this.opts.maxLagMs);
    if (usable.length === 0) return this.primary.db;
    let mark: bigint | null = null;
    if (caller) {
      try {
        mark = await this.opts.marks.get(caller);
      } catch (err) {
        // Without the mark the primary is the only place certain to hold the caller's writes.
        this.opts.log.warn({ err }, 'read routing: last-write lookup failed; reading from the primary');
        return this.primary.db;
      }
    }
    const current = mark === null ? usable : usable.filter((r) => r.replayed !== null && r.replayed >= mark!);
    if (current.length === 0) return this.primary.db;
    const chosen = current[this.next++ % current.length]!;
    return chosen.database.db;
  }

  /**
   * Records where the caller's latest write ended, so their next reads wait for a replica that
   * has it. Called after a mutation, before its response is sent.
   */
  async noteWrite(caller: string) {
    // Kept long enough that any replica still serving reads (lag ≤ maxLagMs) has replayed it.
    const ttlMs = this.opts.maxLagMs + 2 * this.opts.pollMs + 1000;
    let position = UNKNOWN_POSITION;
    try {
      const [row] = await this.primaryMonitor<{ lsn: string }[]>`select pg_current_wal_lsn()::text as lsn`;
      position = parseLsn(row!.lsn);
    } catch (err) {
      // Position unknown: a mark no replica can reach sends the caller's reads to the primary.
      this.opts.log.warn({ err }, 'read routing: write position unavailable; caller reads from the primary for now');
    }
    try {
      await this.opts.marks.set(caller, position, ttlMs);
    } catch (err) {
      this.opts.log.warn({ err }, 'read routing: could not record a write position');
    }
  }

  /** One reading of every server; never throws (a failure marks that server down). */
  poll(): Promise<void> {
    this.polling ??= this.readPositions().finally(() => (this.polling = null));
    return this.polling;
  }

  private async readPositions() {
    const now = Date.now();
    try {
      const [row] = await this.primaryMonitor<{ lsn: string }[]>`select pg_current_wal_lsn()::text as lsn`;
      this.samples.push({ at: now, lsn: parseLsn(row!.lsn) });
    } catch (err) {
      this.opts.log.warn({ err }, 'read routing: primary position unavailable');
    }
    // Keep samples a little older than the lag bound, and at least one.
    const horizon = now - this.opts.maxLagMs - 4 * this.opts.pollMs;
    while (this.samples.length > 1 && this.samples[1]!.at < horizon) this.samples.shift();
    await Promise.all(
      this.replicas.map(async (r) => {
        try {
          const [row] = await r.monitor<{ lsn: string | null }[]>`select pg_last_wal_replay_lsn()::text as lsn`;
          if (row?.lsn == null)
            throw new Error(`${r.name} is not a streaming replica (pg_last_wal_replay_lsn() is null)`);
          const wasUp = r.up;
          r.replayed = parseLsn(row.lsn);
          r.up = true;
          r.lagMs = this.lagOf(r.replayed, now);
          if (!wasUp) this.opts.log.info({ replica: r.name }, 'read replica up');
        } catch (err) {
          if (r.up) this.opts.log.warn({ err, replica: r.name }, 'read replica down; reads go to the primary');
          r.up = false;
          r.lagMs = null;
        }
      }),
    );
  }

  /** Age of the oldest primary position the replica has not replayed (0 when it has all). */
  private lagOf(replayed: bigint, now: number): number {
    const missing = this.samples.find((s) => s.lsn > replayed);
    return missing ? now - missing.at : 0;
  }
}

/** Larger than any WAL position: "wait for a replica that can never have it". */
const UNKNOWN_POSITION = (1n << 64n) - 1n;

function displayName(url: string): string {
  const u = new URL(url);
  return `${u.hostname}:${u.port || '5432'}${u.pathname}`;
}
