import type { Viewer } from '../../schema/domains/access/viewer.js';
import type { TrustedDocuments } from '../hardening/trusted.js';

/**
 * Trusted documents and hash-only requests. Fills in the registered text when a request sends
 * only a manifest hash (`extensions.persistedQuery.sha256Hash`), and refuses any other
 * document from callers restricted to trusted documents. Returns the refusal, if any.
 * (The manifest and who is restricted: `server/hardening/trusted.ts`.)
 */
export function applyTrustedDocuments(
  trusted: TrustedDocuments,
  viewer: Viewer,
  body: unknown,
  url: URL,
): string | undefined {
  const params = url.searchParams;
  const fromBody =
    body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
  let extensions: unknown = fromBody?.extensions;
  if (!fromBody && params.has('extensions')) {
    try {
      extensions = JSON.parse(params.get('extensions')!);
    } catch {
      extensions = undefined; // Apollo reports the malformed parameter itself
    }
  }
  const hash = (extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)?.persistedQuery?.sha256Hash;
  let query: unknown = fromBody ? fromBody.query : (params.get('query') ?? undefined);
  const registered = query === undefined ? trusted.lookup(hash) : undefined;
  if (registered !== undefined) {
    query = registered;
    if (fromBody) fromBody.query = registered;
    else params.set('query', registered);
  }
  if (trusted.required(viewer) && !trusted.isTrusted(query)) {
    return (
      'This API key may only run the registered operations of the edugov SDK (trusted ' +
      'documents); send one of them, or its sha256Hash.'
    );
  }
  return undefined;
}
