import type { ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from '../hardening/dbErrors.js';
import { HttpError } from './respond.js';

/**
 * The answer to a request whose handling threw: an HttpError keeps its status and code, an
 * unreachable database becomes a retryable 503, anything else a 500 without details.
 */

const DATABASE_UNAVAILABLE_MESSAGE = 'The database is unavailable; retry shortly.';

export function answerFailure(err: unknown, res: ServerResponse, log: Logger, requestId: string): void {
  if (!(err instanceof HttpError) && isDatabaseUnavailable(err)) {
    // e.g. an API key lookup while PostgreSQL is unreachable: a typed, retryable answer.
    log.warn({ err, requestId }, 'database unavailable');
    err = new HttpError(503, DATABASE_UNAVAILABLE_MESSAGE, 'DATABASE_UNAVAILABLE', {
      'retry-after': String(DATABASE_RETRY_AFTER_SECONDS),
    });
  }
  const status = err instanceof HttpError ? err.status : 500;
  if (status === 500) log.error({ err, requestId }, 'request failed');
  if (!res.headersSent) {
    res.writeHead(status, { 'content-type': 'application/json', ...(err instanceof HttpError ? err.headers : {}) });
    const message = status === 500 ? 'Internal server error' : (err as Error).message;
    const code = status === 500 ? 'INTERNAL_SERVER_ERROR' : err instanceof HttpError ? err.code : 'BAD_REQUEST';
    res.end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
  } else res.end();
}
