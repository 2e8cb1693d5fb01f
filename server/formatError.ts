import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { PothosValidationError } from '@pothos/core';
import { TokenError } from '../schema/domains/access/tokens.js';
import { UserErrors } from '../schema/errors.js';
import { isDatabaseUnavailable, isStatementTimeout } from './hardening/dbErrors.js';

/** Codes whose errors reach the client as they are (the SDK's EdugovErrorCode lists them: test/sdk/errorCodes.unit.test.ts). */
export const PASS_THROUGH = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'OPERATION_RESOLUTION_FAILURE',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'VALIDATION',
  'LIMIT_EXCEEDED',
  'NOT_FOUND',
  // Hardening (server/hardening/): limits, rate limiting, trusted documents, database faults.
  'MAX_COST_EXCEEDED',
  'RATE_LIMITED',
  'TRUSTED_DOCUMENT_REQUIRED',
  'DATABASE_UNAVAILABLE',
  'DATABASE_TIMEOUT',
]);

/**
 * graphql-js suggests names close to a wrong one ("Did you mean …?") in validation and in
 * variable-coercion errors alike; in production that lists the schema's hidden names to
 * anyone guessing, so every message loses its suggestions.
 */
const SUGGESTION = /\s*Did you mean [^?]*\?/g;

/**
 * Unexpected errors never leak internals: in production their message becomes a generic one
 * and stack traces and SQL are dropped; known codes pass through with their message.
 */
export function makeFormatError(production: boolean, onInternal: (err: unknown) => void) {
  return (raw: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const formatted = production ? { ...raw, message: raw.message.replace(SUGGESTION, '') } : raw;
    const original = unwrapResolverError(error);
    if (original instanceof TokenError) {
      return { message: original.message, extensions: { code: 'UNAUTHENTICATED' } };
    }
    // A query resolver (no payload to carry it) let a service's expected failure through:
    // the same code and field path a mutation payload would carry.
    if (original instanceof UserErrors) {
      const [first] = original.errors;
      return {
        message: first.message,
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: first.code, path: first.path.map(String) },
      };
    }
    // Pothos rejects bad arguments it checks itself (cursors, global IDs, first/last) with
    // PothosValidationError: the caller's input, not a server fault.
    if (original instanceof PothosValidationError) {
      return {
        message: original.message,
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: 'BAD_USER_INPUT' },
      };
    }
    // Database faults are expected operating conditions, not bugs: typed, retryable, no SQL.
    if (isDatabaseUnavailable(error)) {
      return {
        message: 'The database is unavailable; retry shortly.',
        path: formatted.path,
        extensions: { code: 'DATABASE_UNAVAILABLE' },
      };
    }
    if (isStatementTimeout(error)) {
      return {
        message: 'The query took too long and was cancelled; ask for less data.',
        path: formatted.path,
        extensions: { code: 'DATABASE_TIMEOUT' },
      };
    }
    const code = String(formatted.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
    if (PASS_THROUGH.has(code)) {
      // The caller's own mistake (a GET without a query from a browser, a typo in a document):
      // the server's stack says nothing about it, in development either.
      const { stacktrace: _s, ...ext } = formatted.extensions ?? {};
      return { ...formatted, extensions: ext };
    }
    onInternal(original);
    if (!production) return formatted;
    return {
      message: 'Internal server error',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}
