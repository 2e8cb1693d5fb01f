import { z } from 'zod';

/**
 * The one place where configuration is read. Every setting comes from the environment,
 * is validated here, and bad values stop the process with a message naming the variable.
 */
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    HOST: z.string().min(1).default('0.0.0.0'),
    PORT: z.coerce.number().int().min(0).max(65535).default(4000),
    /** postgres://… uses a PostgreSQL server; unset uses embedded PGlite. */
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
      .optional(),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    /** Embedded data folder, or `memory` for a throwaway in-memory database. */
    EDUGOV_DATA_DIR: z.string().min(1).default('.data'),
    /** HS256 signing secret for people's tokens; generated into the data folder in development. */
    EDUGOV_JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    EDUGOV_JWT_ISSUER: z.string().min(1).default('edugov'),
    EDUGOV_TOKEN_TTL: z
      .string()
      .regex(/^\d+[smhd]$/, 'must look like 30m, 12h or 7d')
      .default('12h'),
    /** What callers without a token may read: public organisation data, or nothing. */
    EDUGOV_ANONYMOUS: z.enum(['public', 'none']).default('public'),
    /** Load the 常德市 demo data set when the database is empty. */
    EDUGOV_DEMO_DATA: bool.default(true),
    EDUGOV_MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(4 * 1024 * 1024),
    /**
     * GraphQL operations executed at once; the rest wait their turn in arrival order. Execution is
     * CPU work on one event loop: interleaving more requests than this only multiplies the memory
     * held by half-built responses and the garbage collector's work, and makes every request late.
     */
    EDUGOV_MAX_CONCURRENT_EXECUTIONS: z.coerce.number().int().min(1).max(1000).default(8),
    EDUGOV_MAX_BATCH_ROWS: z.coerce.number().int().min(1).max(100_000).default(5000),
    EDUGOV_INTROSPECTION: bool.optional(),
    EDUGOV_SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10_000),
    /** For the CLI's import/export/sync: the API to talk to and the bearer token to send. */
    EDUGOV_URL: z.string().url().optional(),
    EDUGOV_TOKEN: z.string().min(10).optional(),
    /** PostgreSQL cancels a statement running longer than this (SQLSTATE 57014). */
    DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100, 'must be at least 100 ms').max(3_600_000).default(30_000),
    /**
     * PostgreSQL's JIT compiler, per connection. Off by default: the nested page queries are short
     * but have large row estimates, so JIT kicked in and its compilation (80–180 ms measured on the
     * benchmark page) cost more than the whole execution (~85 ms without it).
     */
    DATABASE_JIT: bool.default(false),
    /** Give up connecting to PostgreSQL after this long, so requests fail fast when it is down. */
    DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100, 'must be at least 100 ms').max(120_000).default(3_000),
    /** Longest pause before reconnecting to PostgreSQL after a failure (queued requests wait it out). */
    DATABASE_RECONNECT_DELAY_MAX_MS: z.coerce.number().int().min(0).max(60_000).default(500),
    /** Query limits (graphql-armor rules and graphql-js's token limit); rejected before execution. */
    EDUGOV_MAX_DEPTH: z.coerce.number().int().min(2).max(100).default(12),
    EDUGOV_MAX_ALIASES: z.coerce.number().int().min(0).max(1000).default(30),
    EDUGOV_MAX_DIRECTIVES: z.coerce.number().int().min(0).max(1000).default(50),
    EDUGOV_MAX_TOKENS: z.coerce.number().int().min(100).max(1_000_000).default(5000),
    /**
     * Largest requested cost one operation may have. Cost ≈ the number of objects the response
     * may hold (server/hardening/cost.ts): 1,000,000 ≈ 25 MB of JSON.
     */
    EDUGOV_MAX_COST: z.coerce.number().int().min(1).default(1_000_000),
    /** Assumed length of a plain list (not a connection) when estimating cost. */
    EDUGOV_COST_LIST_SIZE: z.coerce.number().int().min(1).max(10_000).default(10),
    /** Cost-based rate limit: a token bucket per API key, user, or anonymous IP address. */
    EDUGOV_RATE_LIMIT: bool.default(true),
    EDUGOV_RATE_LIMIT_CAPACITY: z.coerce.number().int().min(1).default(2_000_000),
    EDUGOV_RATE_LIMIT_REFILL_PER_SECOND: z.coerce.number().positive().default(100_000),
    /** Share rate-limit buckets between server processes through Redis (redis://host:port/db). */
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
      .optional(),
    /** Prefix of every Redis key this server writes, so several deployments can share one Redis. */
    EDUGOV_REDIS_PREFIX: z.string().min(1).max(100).default('edugov:'),
    /**
     * Who may only run the SDK's registered operations: nobody, PORTAL API keys, or everyone.
     * Unset: `portal` in production, `off` otherwise.
     */
    EDUGOV_TRUSTED_DOCUMENTS: z.enum(['off', 'portal', 'all']).optional(),
    /**
     * Serve the schema as an Apollo Federation 2 subgraph (`_service`, `_entities`; entities
     * School, Region and Teacher), for a municipal supergraph that includes this API.
     */
    EDUGOV_FEDERATION: bool.default(false),
    /** Automatic persisted queries (clients send a hash, and the text only once). */
    EDUGOV_APQ: bool.default(true),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && !env.EDUGOV_JWT_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['EDUGOV_JWT_SECRET'],
        message: 'is required in production (at least 32 random characters)',
      });
    }
    if (env.EDUGOV_RATE_LIMIT_CAPACITY < env.EDUGOV_MAX_COST) {
      ctx.addIssue({
        code: 'custom',
        path: ['EDUGOV_RATE_LIMIT_CAPACITY'],
        message: `must be at least EDUGOV_MAX_COST (${env.EDUGOV_MAX_COST}), or the most expensive allowed request could never run`,
      });
    }
  });

export type Config = Readonly<
  Omit<z.infer<typeof schema>, 'EDUGOV_INTROSPECTION' | 'EDUGOV_TRUSTED_DOCUMENTS'> & {
    EDUGOV_INTROSPECTION: boolean;
    EDUGOV_TRUSTED_DOCUMENTS: 'off' | 'portal' | 'all';
    production: boolean;
    inMemory: boolean;
  }
>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses a set of variables (process.env by default); throws ConfigError listing every problem. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // An empty variable (PORT=) means "not set", never 0 or "".
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
    );
  }
  const c = parsed.data;
  const production = c.NODE_ENV === 'production';
  return Object.freeze({
    ...c,
    EDUGOV_INTROSPECTION: c.EDUGOV_INTROSPECTION ?? !production,
    EDUGOV_TRUSTED_DOCUMENTS: c.EDUGOV_TRUSTED_DOCUMENTS ?? (production ? 'portal' : 'off'),
    production,
    inMemory: c.EDUGOV_DATA_DIR === 'memory',
  });
}
