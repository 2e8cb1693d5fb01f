import { GraphQLError } from 'graphql';

/**
 * Recognises a lost or unreachable database (as opposed to a bad query): socket errors from
 * postgres.js, its own connection codes, and PostgreSQL's SQLSTATE class 08 (connection
 * exception) and 57P01–57P03 (shutting down / cannot connect now). Drizzle and GraphQL wrap
 * the original error, so the whole cause chain is searched.
 */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
]);
const SQLSTATE_UNAVAILABLE = /^(08...|57P0[123])$/;
/** query_canceled: the statement timeout fired. */
const SQLSTATE_TIMEOUT = '57014';

export function* causes(err: unknown): Generator<Record<string, unknown>> {
  const seen = new Set<unknown>();
  let e = err;
  while (e && typeof e === 'object' && !seen.has(e)) {
    seen.add(e);
    yield e as Record<string, unknown>;
    const next = (e as { originalError?: unknown; cause?: unknown }).originalError ?? (e as { cause?: unknown }).cause;
    e = next;
  }
}

export function isDatabaseUnavailable(err: unknown): boolean {
  for (const e of causes(err)) {
    const code = typeof e.code === 'string' ? e.code : '';
    if (NETWORK_CODES.has(code) || SQLSTATE_UNAVAILABLE.test(code)) return true;
    if (e instanceof GraphQLError && e.extensions?.code === 'DATABASE_UNAVAILABLE') return true;
  }
  return false;
}

export function isStatementTimeout(err: unknown): boolean {
  for (const e of causes(err)) if (e.code === SQLSTATE_TIMEOUT) return true;
  return false;
}

/** How long clients are told to wait before retrying after a database fault. */
export const DATABASE_RETRY_AFTER_SECONDS = 1;
