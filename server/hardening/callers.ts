import type { Viewer } from '../../schema/domains/access/viewer.js';
import type { CallerClass } from './rateLimit.js';

/**
 * Who a request counts against, for the rate limit and the per-caller share of execution
 * slots: an API key, a person (user token), or, without credentials, the client's address.
 */
export function callerClassOf(viewer: Viewer): CallerClass {
  return viewer.kind === 'apiKey' ? 'apiKey' : viewer.kind === 'user' ? 'user' : 'anonymous';
}

export function callerKey(viewer: Viewer, address: string): string {
  return callerClassOf(viewer) === 'anonymous' ? `ip:${address}` : viewer.actor;
}

/** The bucket that counts failed authentications from one address. */
export function authFailureKey(address: string): string {
  return `authfail:${address}`;
}
