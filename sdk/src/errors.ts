import type { GraphQLFormattedError } from 'graphql';
import type { UserErrorCode } from './generated/graphql.js';

/**
 * Codes the server puts in a GraphQL error's `extensions.code`. A query that fails as a whole
 * carries one of these, or (when a query resolver rejects its input) a {@link UserErrorCode}
 * such as `REQUIRED` with the field's `extensions.path`.
 */
export const SERVER_ERROR_CODES = [
  /** 401: missing, expired or invalid token. */
  'UNAUTHENTICATED',
  /** The caller may not do or see this (role, scope, jurisdiction). */
  'FORBIDDEN',
  /** A variable or argument is malformed (cursor, global id, first/last above the maximum). */
  'BAD_USER_INPUT',
  /** The HTTP request itself is malformed (body, content type, CSRF headers). */
  'BAD_REQUEST',
  'GRAPHQL_PARSE_FAILED',
  /** The document does not fit the schema, or exceeds the depth, alias or directive limits. */
  'GRAPHQL_VALIDATION_FAILED',
  /** Automatic persisted queries: send the full text once (the SDK does). */
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  /** No operation to run (several in the document and no operationName, or an unknown name). */
  'OPERATION_RESOLUTION_FAILURE',
  /** The operation's estimated cost is above the server's maximum: ask for less. */
  'MAX_COST_EXCEEDED',
  /** 429: the caller's cost budget is spent; `retryAfterMs` says when to try again. */
  'RATE_LIMITED',
  /** 403: this caller may only run the SDK's registered operations. */
  'TRUSTED_DOCUMENT_REQUIRED',
  /** 503: the database is unreachable; retry after `retryAfterMs`. */
  'DATABASE_UNAVAILABLE',
  /** The query ran longer than the server's statement timeout: ask for less data. */
  'DATABASE_TIMEOUT',
  /** 503: the server is shutting down; retry (another instance will answer). */
  'UNAVAILABLE',
  'INTERNAL_SERVER_ERROR',
] as const;

/** Codes the client sets itself when there is no usable GraphQL error. */
export const CLIENT_ERROR_CODES = [
  /** No HTTP response (connection refused, DNS, CORS, reset …). */
  'NETWORK_ERROR',
  /** `timeoutMs` elapsed before the call finished (retries included). */
  'TIMEOUT',
  /** A non-2xx response without GraphQL errors in its body (e.g. a proxy's 502 page). */
  'HTTP_ERROR',
  /** A 2xx response that is not a GraphQL result. */
  'BAD_RESPONSE',
] as const;

export type ServerErrorCode = (typeof SERVER_ERROR_CODES)[number];
export type ClientErrorCode = (typeof CLIENT_ERROR_CODES)[number];

/**
 * Codes an {@link EdugovError} can carry: the server's ({@link SERVER_ERROR_CODES}, or a
 * {@link UserErrorCode} from a query resolver) or the client's own ({@link CLIENT_ERROR_CODES}).
 * Open-ended (`string & {}`): a newer server may add codes.
 */
export type EdugovErrorCode = ServerErrorCode | UserErrorCode | ClientErrorCode | (string & {});

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
    this.code =
      init.code ?? (typeof serverCode === 'string' ? serverCode : init.status === 0 ? 'NETWORK_ERROR' : 'HTTP_ERROR');
    this.operationName = init.operationName;
    this.retryAfterMs = init.retryAfterMs;
  }
}
