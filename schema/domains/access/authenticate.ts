import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../../../server/db.js';
import { schools } from '../organisation/table.js';
import { apiKeys } from './table.js';
import { isApiKey, parseApiKey, secretMatches, TokenError, verifyUserToken, type TokenLifetime } from './tokens.js';
import { anonymousViewer, type Scope, type Viewer } from './viewer.js';

export interface AuthSettings extends TokenLifetime {
  jwtSecret: string;
  jwtIssuer: string;
  /** Whether callers without a token may read public organisation data. */
  anonymousRead: boolean;
}

/**
 * Turns an Authorization header into a Viewer, or throws TokenError (answered with 401).
 * A missing header is anonymous; a present but bad one is never silently anonymous.
 */
export async function authenticate(db: Db, settings: AuthSettings, header: string | undefined): Promise<Viewer> {
  if (!header) {
    if (!settings.anonymousRead) throw new TokenError('A bearer token is required (anonymous access is disabled).');
    return { ...anonymousViewer, scopes: new Set<Scope>(['read']) };
  }
  const m = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!m) throw new TokenError('Authorization header must be "Bearer <token>".');
  const token = m[1];
  if (isApiKey(token)) return authenticateApiKey(db, token);
  const user = await verifyUserToken(settings.jwtSecret, settings.jwtIssuer, token, settings);
  return {
    kind: 'user',
    actor: `user:${user.subject}`,
    role: user.role,
    regionCode: user.regionCode ?? null,
    schoolCode: user.schoolCode ?? null,
    schoolId: user.schoolCode ? await schoolIdOf(db, user.schoolCode) : null,
    scopes: new Set(user.scopes ?? []),
  };
}

async function authenticateApiKey(db: Db, token: string): Promise<Viewer> {
  const parsed = parseApiKey(token);
  if (!parsed) throw new TokenError('API key is malformed.');
  const [key] = await db.select().from(apiKeys).where(eq(apiKeys.prefix, parsed.prefix)).limit(1);
  if (!key || !secretMatches(parsed.secret, key.secretHash)) throw new TokenError('API key is not valid.');
  if (key.revokedAt) throw new TokenError('API key has been revoked.');
  // Record use at most once a minute per key, so reads do not turn into writes.
  await db
    .update(apiKeys)
    .set({ lastUsedAt: sql`now()` })
    .where(
      and(
        eq(apiKeys.id, key.id),
        or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, sql`now() - interval '1 minute'`)),
      ),
    );
  return {
    kind: 'apiKey',
    actor: `apikey:${key.prefix}`,
    role: key.role,
    regionCode: key.regionCode,
    schoolCode: key.schoolCode,
    schoolId: key.schoolCode ? await schoolIdOf(db, key.schoolCode) : null,
    scopes: new Set(key.scopes as Scope[]),
  };
}

async function schoolIdOf(db: Db, code: string): Promise<number> {
  const [row] = await db.select({ id: schools.id }).from(schools).where(eq(schools.code, code)).limit(1);
  if (!row) throw new TokenError(`School ${code} in the token does not exist.`);
  return row.id;
}
