import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { TokenError } from '../schema/domains/access/tokens.js';

const PASS_THROUGH = new Set([
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
]);

/**
 * Unexpected errors never leak internals: in production their message becomes a generic one
 * and stack traces and SQL are dropped; known codes pass through with their message.
 */
export function makeFormatError(production: boolean, onInternal: (err: unknown) => void) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof TokenError) {
      return { message: original.message, extensions: { code: 'UNAUTHENTICATED' } };
    }
    const code = String(formatted.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
    if (PASS_THROUGH.has(code)) {
      const { stacktrace: _s, ...ext } = formatted.extensions ?? {};
      return { ...formatted, extensions: production ? ext : formatted.extensions };
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
