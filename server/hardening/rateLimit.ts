import { Redis } from 'ioredis';
import type { Logger } from 'pino';

/**
 * Token buckets for cost-based rate limiting: each caller (API key, user, or the IP address of
 * an anonymous caller) has `capacity` points, refilled at `refillPerSecond`. A request takes its
 * requested cost up front and is refused when the bucket holds less; after execution the
 * difference to the actual cost is given back (or taken). In memory per process by default;
 * in Redis when REDIS_URL is set, so several server processes share one budget per caller.
 */
export interface BucketSettings {
  capacity: number;
  refillPerSecond: number;
}

export interface TakeResult {
  allowed: boolean;
  /** Points left after this request (or now, when refused). */
  available: number;
  /** Seconds until the requested cost would fit; 0 when allowed. */
  retryAfterSeconds: number;
}

export interface RateLimiter {
  readonly settings: BucketSettings;
  /** Takes `cost` points if the bucket holds them. */
  take(key: string, cost: number): Promise<TakeResult>;
  /** Adds `delta` points (a refund when positive, a further charge when negative). */
  adjust(key: string, delta: number): Promise<number>;
  close(): Promise<void>;
}

function retryAfter(cost: number, available: number, s: BucketSettings): number {
  return cost <= available ? 0 : Math.max(1, Math.ceil((cost - available) / s.refillPerSecond));
}

/** A bucket may go below zero by at most one capacity (a request that cost more than estimated). */
const floor = (s: BucketSettings) => -s.capacity;

export class MemoryRateLimiter implements RateLimiter {
  private buckets = new Map<string, { tokens: number; at: number }>();
  constructor(
    readonly settings: BucketSettings,
    private now: () => number = () => performance.now() / 1000,
  ) {}

  private refill(key: string) {
    const now = this.now();
    const b = this.buckets.get(key) ?? { tokens: this.settings.capacity, at: now };
    b.tokens = Math.min(this.settings.capacity, b.tokens + Math.max(0, now - b.at) * this.settings.refillPerSecond);
    b.at = now;
    this.buckets.set(key, b);
    if (this.buckets.size > 100_000) this.prune();
    return b;
  }

  /** Full buckets carry no information; forget them so memory stays bounded. */
  private prune() {
    const now = this.now();
    for (const [k, b] of this.buckets) {
      if (b.tokens + (now - b.at) * this.settings.refillPerSecond >= this.settings.capacity) this.buckets.delete(k);
    }
  }

  async take(key: string, cost: number): Promise<TakeResult> {
    const b = this.refill(key);
    if (cost <= b.tokens) {
      b.tokens -= cost;
      return { allowed: true, available: b.tokens, retryAfterSeconds: 0 };
    }
    return { allowed: false, available: b.tokens, retryAfterSeconds: retryAfter(cost, b.tokens, this.settings) };
  }

  async adjust(key: string, delta: number): Promise<number> {
    const b = this.refill(key);
    b.tokens = Math.max(floor(this.settings), Math.min(this.settings.capacity, b.tokens + delta));
    return b.tokens;
  }

  async close() {}
}

/**
 * One atomic script per operation, using Redis's clock so processes on machines with skewed
 * clocks still share one consistent bucket. mode 1 = take if it fits, mode 0 = adjust.
 * Numbers go back as strings: Redis would truncate Lua floats to integers.
 */
const BUCKET_SCRIPT = `
local capacity = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local amount = tonumber(ARGV[3])
local mode = tonumber(ARGV[4])
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local b = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(b[1]) or capacity
local at = tonumber(b[2]) or now
tokens = math.min(capacity, tokens + math.max(0, now - at) * rate)
local allowed = 1
if mode == 1 then
  if amount <= tokens then tokens = tokens - amount else allowed = 0 end
else
  tokens = math.max(-capacity, math.min(capacity, tokens + amount))
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil((2 * capacity / rate) * 1000) + 1000)
return {allowed, tostring(tokens)}
`;

type BucketRedis = Redis & {
  edugovBucket(key: string, capacity: number, rate: number, amount: number, mode: number): Promise<[number, string]>;
};

function connectBucketRedis(url: string, log: Logger): BucketRedis {
  const redis = new Redis(url, {
    // Fail fast rather than queue: a request must not wait on a Redis outage.
    maxRetriesPerRequest: 1,
    commandTimeout: 500,
    enableOfflineQueue: true,
    lazyConnect: false,
  }) as BucketRedis;
  redis.on('error', (err) => log.warn({ err }, 'rate limiter: Redis error'));
  redis.defineCommand('edugovBucket', { numberOfKeys: 1, lua: BUCKET_SCRIPT });
  return redis;
}

export class RedisRateLimiter implements RateLimiter {
  private redis: BucketRedis;
  /** Whether close() ends the connection (false when several limiters share one). */
  private owned: boolean;
  constructor(
    readonly settings: BucketSettings,
    url: string | BucketRedis,
    private prefix: string,
    private log: Logger,
  ) {
    this.owned = typeof url === 'string';
    this.redis = typeof url === 'string' ? connectBucketRedis(url, log) : url;
  }

  private async run(key: string, amount: number, mode: number): Promise<[boolean, number]> {
    const s = this.settings;
    const [allowed, tokens] = await this.redis.edugovBucket(
      `${this.prefix}bucket:${key}`,
      s.capacity,
      s.refillPerSecond,
      amount,
      mode,
    );
    return [allowed === 1, Number(tokens)];
  }

  async take(key: string, cost: number): Promise<TakeResult> {
    try {
      const [allowed, available] = await this.run(key, cost, 1);
      return { allowed, available, retryAfterSeconds: allowed ? 0 : retryAfter(cost, available, this.settings) };
    } catch (err) {
      // Availability over strictness: with Redis down the API keeps serving, and says so in the log.
      this.log.warn({ err }, 'rate limiter: Redis unavailable, request allowed');
      return { allowed: true, available: this.settings.capacity, retryAfterSeconds: 0 };
    }
  }

  async adjust(key: string, delta: number): Promise<number> {
    try {
      return (await this.run(key, delta, 0))[1];
    } catch (err) {
      this.log.warn({ err }, 'rate limiter: Redis unavailable, adjustment dropped');
      return NaN;
    }
  }

  async close() {
    if (this.owned) await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/**
 * Who is limited how: anonymous callers per address, people's tokens per user, API keys per
 * key (server/hardening/callers.ts names the bucket), and failed authentications per address.
 */
export type CallerClass = 'anonymous' | 'user' | 'apiKey';

export interface RateLimits {
  callers: Record<CallerClass, RateLimiter>;
  authFailures: RateLimiter;
  close(): Promise<void>;
}

/** One limiter per class; with Redis they share one connection, so processes share every bucket. */
export function createRateLimits(
  settings: Record<CallerClass | 'authFailures', BucketSettings>,
  redis: { url?: string; prefix: string },
  log: Logger,
): RateLimits {
  const connection = redis.url ? connectBucketRedis(redis.url, log) : null;
  const make = (s: BucketSettings): RateLimiter =>
    connection ? new RedisRateLimiter(s, connection, redis.prefix, log) : new MemoryRateLimiter(s);
  return {
    callers: { anonymous: make(settings.anonymous), user: make(settings.user), apiKey: make(settings.apiKey) },
    authFailures: make(settings.authFailures),
    async close() {
      await connection?.quit().catch(() => connection.disconnect());
    },
  };
}
