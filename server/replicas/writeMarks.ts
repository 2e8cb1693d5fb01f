import { Redis } from 'ioredis';
import type { Logger } from 'pino';

/**
 * Where each caller's last write ended in the primary's WAL, kept for as long as a replica
 * may not have replayed it. A caller with a mark reads from a replica only once that replica
 * has replayed past the mark ("read your writes"). With several server processes behind a
 * load balancer the marks live in Redis, so the process that serves the read knows about a
 * write another process made.
 */
export interface WriteMarks {
  set(caller: string, lsn: bigint, ttlMs: number): Promise<void>;
  get(caller: string): Promise<bigint | null>;
  close(): Promise<void>;
}

export class MemoryWriteMarks implements WriteMarks {
  private marks = new Map<string, { lsn: bigint; until: number }>();

  async set(caller: string, lsn: bigint, ttlMs: number) {
    const previous = this.marks.get(caller);
    // A slower, earlier write never moves the mark back.
    const keep = previous && previous.until > Date.now() && previous.lsn > lsn ? previous.lsn : lsn;
    this.marks.set(caller, { lsn: keep, until: Date.now() + ttlMs });
    if (this.marks.size > 10_000) this.sweep();
  }

  async get(caller: string) {
    const mark = this.marks.get(caller);
    if (!mark) return null;
    if (mark.until <= Date.now()) {
      this.marks.delete(caller);
      return null;
    }
    return mark.lsn;
  }

  async close() {}

  private sweep() {
    const now = Date.now();
    for (const [caller, mark] of this.marks) if (mark.until <= now) this.marks.delete(caller);
  }
}

/** Keeps the larger of the stored and the new position, and renews the expiry, in one step. */
const SET_MAX_SCRIPT = `
local old = redis.call('GET', KEYS[1])
local new = ARGV[1]
if old and (string.len(old) > string.len(new) or (string.len(old) == string.len(new) and old > new)) then new = old end
redis.call('SET', KEYS[1], new, 'PX', ARGV[2])
return new
`;

type MarksRedis = Redis & { edugovSetMax(key: string, lsn: string, ttlMs: number): Promise<string> };

export class RedisWriteMarks implements WriteMarks {
  private redis: MarksRedis;

  constructor(
    url: string,
    private prefix: string,
    private log: Logger,
  ) {
    // Like the rate limiter: fail fast (the caller then reads from the primary) rather than queue.
    this.redis = new Redis(url, {
      maxRetriesPerRequest: 1,
      commandTimeout: 500,
      enableOfflineQueue: true,
      lazyConnect: false,
    }) as MarksRedis;
    this.redis.on('error', (err) => this.log.warn({ err }, 'read routing: Redis error'));
    this.redis.defineCommand('edugovSetMax', { numberOfKeys: 1, lua: SET_MAX_SCRIPT });
  }

  async set(caller: string, lsn: bigint, ttlMs: number) {
    // Zero-padded decimal, so the script's string comparison is numeric comparison.
    await this.redis.edugovSetMax(this.key(caller), lsn.toString().padStart(20, '0'), Math.ceil(ttlMs));
  }

  async get(caller: string) {
    const value = await this.redis.get(this.key(caller));
    return value === null ? null : BigInt(value);
  }

  async close() {
    this.redis.disconnect();
  }

  private key(caller: string) {
    return `${this.prefix}lastwrite:${caller}`;
  }
}
