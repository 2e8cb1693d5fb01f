import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/**
 * The one place where configuration is read. Every setting comes from the environment,
 * is validated here, and bad values stop the process with a message naming the variable.
 */
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** A duration such as 30m, 12h or 7d. */
export const DURATION = /^\d+[smhd]$/;
const duration = z.string().regex(DURATION, 'must look like 30m, 12h or 7d');
const SECONDS_PER_UNIT = { s: 1, m: 60, h: 3600, d: 86_400 } as const;
/** Seconds in a duration such as 30m, 12h or 7d. */
export function durationSeconds(d: string): number {
  return Number(d.slice(0, -1)) * SECONDS_PER_UNIT[d.slice(-1) as keyof typeof SECONDS_PER_UNIT];
}

/**
 * A token bucket per caller class (see "Rate limits" in the README for the reasoning): capacity
 * is the burst, refill the sustained rate, both in cost points (≈ objects in a response).
 */
const bucket = (prefix: string, capacity: number, refill: number) => ({
  [`${prefix}_CAPACITY`]: z.coerce.number().int().min(1).default(capacity),
  [`${prefix}_REFILL_PER_SECOND`]: z.coerce.number().positive().default(refill),
});
const RATE_LIMIT_DEFAULTS = {
  /** Per address: a person browsing a public portal page by page never reaches it. */
  ...bucket('EDUGOV_RATE_LIMIT_ANONYMOUS', 1_000, 10),
  /** Per person: an administrator's largest pages, several at once. */
  ...bucket('EDUGOV_RATE_LIMIT_USER', 20_000, 100),
  /** Per API key: a portal backend serving many parents, a sync job's bulk batches. */
  ...bucket('EDUGOV_RATE_LIMIT_API_KEY', 200_000, 1_000),
  /** Per address: failed authentications (wrong API keys, bad tokens) before 429. */
  ...bucket('EDUGOV_AUTH_FAILURES', 20, 0.2),
} as const;

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
    /**
     * Streaming replicas of DATABASE_URL (comma-separated postgres:// URLs). Queries read from
     * them while they are current; mutations, the change feed and a caller's reads of their own
     * recent writes use the primary (server/replicas/router.ts).
     */
    DATABASE_REPLICA_URLS: z
      .string()
      .transform((v) =>
        v
          .split(',')
          .map((u) => u.trim())
          .filter(Boolean),
      )
      .pipe(
        z.array(z.string().regex(/^postgres(ql)?:\/\//, 'each must start with postgres:// or postgresql://')).max(16),
      )
      .default([]),
    /** A replica further behind the primary than this serves no reads until it catches up. */
    DATABASE_REPLICA_MAX_LAG_MS: z.coerce.number().int().min(0).max(600_000).default(5_000),
    /** How often the primary's and the replicas' WAL positions are compared. */
    DATABASE_REPLICA_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(250),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    /** Embedded data folder, or `memory` for a throwaway in-memory database. */
    EDUGOV_DATA_DIR: z.string().min(1).default('.data'),
    /** HS256 signing secret for people's tokens; generated into the data folder in development. */
    EDUGOV_JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    EDUGOV_JWT_ISSUER: z.string().min(1).default('edugov'),
    EDUGOV_TOKEN_TTL: duration.default('12h'),
    /** Longest lifetime (exp − iat) a people's token may have; longer ones are refused. */
    EDUGOV_TOKEN_MAX_LIFETIME: duration.default('7d'),
    /** Clock difference tolerated between the token issuer and this server (iat, exp). */
    EDUGOV_TOKEN_CLOCK_SKEW_SECONDS: z.coerce.number().int().min(0).max(300).default(30),
    /** What callers without a token may read: public organisation data, or nothing. */
    EDUGOV_ANONYMOUS: z.enum(['public', 'none']).default('public'),
    /** Load the 常德市 demo data set when the database is empty. */
    EDUGOV_DEMO_DATA: bool.default(true),
    EDUGOV_MAX_BODY_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .default(4 * 1024 * 1024),
    /**
     * GraphQL operations executed at once; the rest wait their turn in arrival order. Execution is
     * CPU work on one event loop: interleaving more requests than this only multiplies the memory
     * held by half-built responses and the garbage collector's work, and makes every request late.
     */
    EDUGOV_MAX_CONCURRENT_EXECUTIONS: z.coerce.number().int().min(1).max(1000).default(8),
    /**
     * Of those, how many one caller (API key, person, or anonymous address) may hold; its further
     * requests wait behind its own, so one busy caller cannot keep everybody else waiting.
     * Unset: half of EDUGOV_MAX_CONCURRENT_EXECUTIONS, rounded up.
     */
    EDUGOV_MAX_CONCURRENT_PER_CALLER: z.coerce.number().int().min(1).max(1000).optional(),
    EDUGOV_MAX_BATCH_ROWS: z.coerce.number().int().min(1).max(100_000).default(5000),
    EDUGOV_INTROSPECTION: bool.optional(),
    /** The offline API explorer (GraphiQL) at /explorer and at /graphql for browsers. Unset: on except in production. */
    EDUGOV_EXPLORER: bool.optional(),
    /** The reference portal (sdk/examples/portal) at /portal. Unset: on except in production. */
    EDUGOV_PORTAL: bool.optional(),
    EDUGOV_SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10_000),
    /** For the CLI's import/export/sync: the API to talk to and the bearer token to send. */
    EDUGOV_URL: z.string().url().optional(),
    EDUGOV_TOKEN: z.string().min(10).optional(),
    /**
     * Set by npm (not by users): the folder the command was typed in and how npm ran us. `npm run`
     * moves to the repository root, so the CLI reads its file arguments against INIT_CWD.
     */
    INIT_CWD: z.string().optional(),
    npm_command: z.string().optional(),
    npm_lifecycle_event: z.string().optional(),
    /** PostgreSQL cancels a statement running longer than this (SQLSTATE 57014). */
    DATABASE_STATEMENT_TIMEOUT_MS: z.coerce
      .number()
      .int()
      .min(100, 'must be at least 100 ms')
      .max(3_600_000)
      .default(30_000),
    /**
     * PostgreSQL's JIT compiler, per connection. Off by default: the nested page queries are short
     * but have large row estimates, so JIT kicked in and its compilation (80–180 ms measured on the
     * benchmark page) cost more than the whole execution (~85 ms without it).
     */
    DATABASE_JIT: bool.default(false),
    /** Give up connecting to PostgreSQL after this long, so requests fail fast when it is down. */
    DATABASE_CONNECT_TIMEOUT_MS: z.coerce
      .number()
      .int()
      .min(100, 'must be at least 100 ms')
      .max(120_000)
      .default(3_000),
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
    /**
     * How operations run: `compiled` (graphql-jit; each document compiled once into a function)
     * or `reference` (graphql-js's interpreter). Same answers; compiled is faster on large pages.
     */
    EDUGOV_EXECUTOR: z.enum(['compiled', 'reference']).default('compiled'),
    /**
     * How often the server runs the supervision escalation job (挂牌督办 / 问责 of lagging
     * rectification tasks), e.g. 15m or 1h; `off` leaves it to runEscalations. Several server
     * processes may run it: one at a time does the work (advisory lock), the others skip.
     */
    EDUGOV_ESCALATION_INTERVAL: z.union([z.literal('off'), duration]).default('1h'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  })
  .extend(RATE_LIMIT_DEFAULTS as unknown as Record<RateLimitVariable, z.ZodDefault<z.ZodCoercedNumber>>)
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && !env.EDUGOV_JWT_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['EDUGOV_JWT_SECRET'],
        message: 'is required in production (at least 32 random characters)',
      });
    }
    if (env.DATABASE_REPLICA_URLS.length > 0 && !env.DATABASE_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['DATABASE_REPLICA_URLS'],
        message: 'needs DATABASE_URL: replicas are of a PostgreSQL server, not of the embedded database',
      });
    }
    if (
      env.EDUGOV_MAX_CONCURRENT_PER_CALLER !== undefined &&
      env.EDUGOV_MAX_CONCURRENT_PER_CALLER > env.EDUGOV_MAX_CONCURRENT_EXECUTIONS
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['EDUGOV_MAX_CONCURRENT_PER_CALLER'],
        message: `must be at most EDUGOV_MAX_CONCURRENT_EXECUTIONS (${env.EDUGOV_MAX_CONCURRENT_EXECUTIONS})`,
      });
    }
    if (durationSeconds(env.EDUGOV_TOKEN_TTL) > durationSeconds(env.EDUGOV_TOKEN_MAX_LIFETIME)) {
      ctx.addIssue({
        code: 'custom',
        path: ['EDUGOV_TOKEN_TTL'],
        message: `must be at most EDUGOV_TOKEN_MAX_LIFETIME (${env.EDUGOV_TOKEN_MAX_LIFETIME}), or issued tokens would be refused`,
      });
    }
  });

type RateLimitVariable =
  `EDUGOV_${'RATE_LIMIT_ANONYMOUS' | 'RATE_LIMIT_USER' | 'RATE_LIMIT_API_KEY' | 'AUTH_FAILURES'}_${'CAPACITY' | 'REFILL_PER_SECOND'}`;

export type Config = Readonly<
  Omit<
    z.infer<typeof schema>,
    | 'EDUGOV_INTROSPECTION'
    | 'EDUGOV_TRUSTED_DOCUMENTS'
    | 'EDUGOV_EXPLORER'
    | 'EDUGOV_PORTAL'
    | 'EDUGOV_MAX_CONCURRENT_PER_CALLER'
    | 'INIT_CWD'
    | 'npm_command'
    | 'npm_lifecycle_event'
  > & {
    EDUGOV_INTROSPECTION: boolean;
    EDUGOV_EXPLORER: boolean;
    EDUGOV_PORTAL: boolean;
    EDUGOV_TRUSTED_DOCUMENTS: 'off' | 'portal' | 'all';
    EDUGOV_MAX_CONCURRENT_PER_CALLER: number;
    production: boolean;
    inMemory: boolean;
    /** Where the user typed the command: relative file arguments of the CLI resolve against it. */
    userDir: string;
  }
>;

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

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
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const { INIT_CWD, npm_command, npm_lifecycle_event, ...c } = parsed.data;
  const production = c.NODE_ENV === 'production';
  // `npm run edugov` runs in the repository root; `npx edugov` stays where the user is.
  const viaNpmRun = npm_command === 'run' && npm_lifecycle_event === 'edugov';
  const viaNpx = npm_lifecycle_event === 'npx';
  const userDir = viaNpmRun && INIT_CWD ? INIT_CWD : process.cwd();
  // The data folder is the server's: `npm start` resolves a relative one against the repository
  // root, and so do `npm run edugov` and `npx edugov`, from whatever subfolder.
  const dataDir =
    c.EDUGOV_DATA_DIR !== 'memory' && (viaNpmRun || viaNpx) ? resolve(repoRoot, c.EDUGOV_DATA_DIR) : c.EDUGOV_DATA_DIR;
  return Object.freeze({
    ...c,
    EDUGOV_DATA_DIR: dataDir,
    userDir,
    // The explorer's documentation is the schema read by introspection: enabling it enables that.
    EDUGOV_INTROSPECTION: c.EDUGOV_INTROSPECTION ?? (!production || c.EDUGOV_EXPLORER === true),
    EDUGOV_EXPLORER: c.EDUGOV_EXPLORER ?? !production,
    EDUGOV_PORTAL: c.EDUGOV_PORTAL ?? !production,
    EDUGOV_TRUSTED_DOCUMENTS: c.EDUGOV_TRUSTED_DOCUMENTS ?? (production ? 'portal' : 'off'),
    EDUGOV_MAX_CONCURRENT_PER_CALLER:
      c.EDUGOV_MAX_CONCURRENT_PER_CALLER ?? Math.ceil(c.EDUGOV_MAX_CONCURRENT_EXECUTIONS / 2),
    production,
    inMemory: c.EDUGOV_DATA_DIR === 'memory',
  });
}
