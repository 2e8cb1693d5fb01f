import type { GraphQLFormattedError } from 'graphql';

/**
 * Codes an {@link EdugovError} can carry. Server codes come from the first GraphQL error's
 * `extensions.code`; the client adds its own when there is no usable GraphQL error:
 *
 * - `NETWORK_ERROR`: no HTTP response (connection refused, DNS, CORS, reset …)
 * - `TIMEOUT`: `timeoutMs` elapsed before the call finished (retries included)
 * - `HTTP_ERROR`: a non-2xx response without GraphQL errors in its body (e.g. a proxy's 502 page)
 * - `BAD_RESPONSE`: a 2xx response that is not a GraphQL result
 *
 * Open-ended (`string & {}`): the server may add codes.
 */
export type EdugovErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'BAD_USER_INPUT'
  | 'BAD_REQUEST'
  | 'GRAPHQL_PARSE_FAILED'
  | 'GRAPHQL_VALIDATION_FAILED'
  | 'VALIDATION'
  | 'LIMIT_EXCEEDED'
  | 'NOT_FOUND'
  | 'UNAVAILABLE'
  | 'INTERNAL_SERVER_ERROR'
  | 'NETWORK_ERROR'
  | 'TIMEOUT'
  | 'HTTP_ERROR'
  | 'BAD_RESPONSE'
  | (string & {});

export interface EdugovErrorInit {
  /** HTTP status; 0 when no response arrived (network error, timeout). */
  status: number;
  errors?: ReadonlyArray<GraphQLFormattedError>;
  /** Overrides the code taken from `errors[0].extensions.code`. */
  code?: EdugovErrorCode;
  operationName?: string;
  /** How long the server asked us to wait (Retry-After), when it did. */
  retryAfterMs?: number;
  cause?: unknown;
}

/**
 * A call that produced no data: the server answered with GraphQL `errors` and no `data`, or
 * with a non-2xx status, or the request failed or timed out.
 *
 * Expected business failures of mutations (`UserError`: VALIDATION, FORBIDDEN, DUPLICATE …) are
 * *not* thrown: they come back as data in the payload's `errors` list.
 */
export class EdugovError extends Error {
  override readonly name = 'EdugovError';
  /** HTTP status; 0 when no response arrived. */
  readonly status: number;
  /** The GraphQL `errors` array of the response (empty when there was none). */
  readonly errors: ReadonlyArray<GraphQLFormattedError>;
  /** First error's `extensions.code`, or a client code (see {@link EdugovErrorCode}). */
  readonly code: EdugovErrorCode;
  readonly operationName?: string;
  readonly retryAfterMs?: number;

  constructor(message: string, init: EdugovErrorInit) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.status = init.status;
    this.errors = init.errors ?? [];
    const serverCode = this.errors[0]?.extensions?.code;
    this.code = init.code ?? (typeof serverCode === 'string' ? serverCode : init.status === 0 ? 'NETWORK_ERROR' : 'HTTP_ERROR');
    this.operationName = init.operationName;
    this.retryAfterMs = init.retryAfterMs;
  }
}
