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
    EDUGOV_MAX_BATCH_ROWS: z.coerce.number().int().min(1).max(100_000).default(5000),
    EDUGOV_INTROSPECTION: bool.optional(),
    EDUGOV_SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10_000),
    /** For the CLI's import/export/sync: the API to talk to and the bearer token to send. */
    EDUGOV_URL: z.string().url().optional(),
    EDUGOV_TOKEN: z.string().min(10).optional(),
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
  });

export type Config = Readonly<
  Omit<z.infer<typeof schema>, 'EDUGOV_INTROSPECTION'> & {
    EDUGOV_INTROSPECTION: boolean;
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
    production,
    inMemory: c.EDUGOV_DATA_DIR === 'memory',
  });
}
