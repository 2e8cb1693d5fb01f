import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticate, type AuthSettings } from '../../schema/domains/access/authenticate.js';
import { TokenError } from '../../schema/domains/access/tokens.js';
import type { Viewer } from '../../schema/domains/access/viewer.js';
import type { Db } from '../db.js';
import { authFailureKey } from '../hardening/callers.js';
import type { RateLimiter } from '../hardening/rateLimit.js';
import { headerValue, json } from './respond.js';

/**
 * Who is calling: the request's Authorization header turned into a viewer, with failed
 * authentications counted per address so keys and passwords cannot be guessed at speed.
 * Answers 429 (too many failures) or 401 (a bad token) itself and then returns undefined.
 */
export async function authenticateRequest(
  req: IncomingMessage,
  res: ServerResponse,
  address: string,
  opts: { db: Db; auth: AuthSettings; authFailures: RateLimiter },
): Promise<Viewer | undefined> {
  const authorization = headerValue(req, 'authorization');
  // Failed authentications are counted per address. Each attempt with credentials holds one
  // point while it is checked (so a burst of concurrent guesses cannot all pass the check before
  // the first failure counts) and gets it back if it succeeds; with the bucket empty, requests
  // with credentials are refused unchecked, so keys cannot be guessed at speed.
  const failureKey = authFailureKey(address);
  if (authorization) {
    const attempt = await opts.authFailures.take(failureKey, 1);
    if (!attempt.allowed) {
      res.setHeader('retry-after', String(attempt.retryAfterSeconds));
      json(res, 429, {
        errors: [
          {
            message: `Too many failed authentications from this address; retry after ${attempt.retryAfterSeconds} s.`,
            extensions: { code: 'RATE_LIMITED', retryAfterSeconds: attempt.retryAfterSeconds },
          },
        ],
      });
      return undefined;
    }
  }
  try {
    const viewer = await authenticate(opts.db, opts.auth, authorization);
    if (authorization) await opts.authFailures.adjust(failureKey, 1);
    return viewer;
  } catch (err) {
    if (authorization && !(err instanceof TokenError)) await opts.authFailures.adjust(failureKey, 1); // not the caller's failure
    if (!(err instanceof TokenError)) throw err;
    // RFC 6750: no error code when the request carried no token at all.
    res.setHeader(
      'www-authenticate',
      req.headers.authorization ? 'Bearer error="invalid_token"' : 'Bearer realm="edugov"',
    );
    json(res, 401, { errors: [{ message: err.message, extensions: { code: 'UNAUTHENTICATED' } }] });
    return undefined;
  }
}
