import { HttpError } from './respond.js';

/**
 * The text scan at the boundary: a request carrying text PostgreSQL cannot store verbatim
 * (NUL, a lone surrogate) is refused once here, so every string argument of every operation
 * is covered, instead of surfacing later as a database error (an INTERNAL_SERVER_ERROR) or as
 * silently altered data.
 */

const UNSTORABLE_TEXT_MESSAGE =
  'Text must be valid Unicode without NUL (U+0000) characters, which PostgreSQL cannot store.';
/** NUL, or half of a surrogate pair: PostgreSQL refuses the first and would alter the second. */
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Throws BAD_USER_INPUT (400) when the body or the query string holds unstorable text. */
export function refuseUnstorableText(body: unknown, url: URL): void {
  if (
    containsUnstorableText(body) ||
    containsUnstorableText(url.search ? decodeURIComponentSafe(url.search) : undefined)
  ) {
    throw new HttpError(400, UNSTORABLE_TEXT_MESSAGE, 'BAD_USER_INPUT');
  }
}

/** Whether a value (a string, or any string or key inside it) holds text the database cannot store verbatim. */
function containsUnstorableText(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return UNSTORABLE.test(value);
  if (!value || typeof value !== 'object' || depth > 100) return false;
  // Plain loops: a bulk upsert's body holds thousands of row objects, not worth an entries array each.
  if (Array.isArray(value)) {
    for (const v of value) if (containsUnstorableText(v, depth + 1)) return true;
    return false;
  }
  for (const k in value) {
    if (UNSTORABLE.test(k) || containsUnstorableText((value as Record<string, unknown>)[k], depth + 1)) return true;
  }
  return false;
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s; // Apollo reports a malformed query string itself
  }
}
