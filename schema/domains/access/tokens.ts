import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { jwtVerify, SignJWT, errors as joseErrors } from 'jose';
import { z } from 'zod';
import { regionLevelOf } from '../organisation/codes.js';
import { ROLE_SCOPE_CEILING, ROLE_SCOPES, ROLES, SCOPES, type Role, type Scope } from './viewer.js';

const regionCode = z.string().regex(/^[1-9]\d{5}$/, 'must be a 6-digit GB/T 2260 code');
const schoolCode = z.string().regex(/^\d{10}$/, 'must be a 10-digit school identifier (学校标识码)');

/**
 * Who a token or key speaks for. Role and jurisdiction must agree: a CITY_ADMIN holds a city
 * (or province) code, a COUNTY_ADMIN a county code, a SCHOOL_ADMIN a school code.
 */
export const principalSchema = z
  .object({
    role: z.enum(ROLES),
    regionCode: regionCode.nullish(),
    schoolCode: schoolCode.nullish(),
    scopes: z.array(z.enum(SCOPES)).nullish(),
  })
  .superRefine((p, ctx) => {
    const need = (field: 'regionCode' | 'schoolCode', msg: string) =>
      ctx.addIssue({ code: 'custom', path: [field], message: msg });
    if (p.role === 'SCHOOL_ADMIN') {
      if (!p.schoolCode) need('schoolCode', 'SCHOOL_ADMIN needs a school code');
    } else if (p.role === 'COUNTY_ADMIN') {
      if (!p.regionCode || regionLevelOf(p.regionCode) !== 'COUNTY')
        need('regionCode', 'COUNTY_ADMIN needs a county code (not ending in 00)');
    } else if (p.role === 'CITY_ADMIN') {
      if (!p.regionCode || regionLevelOf(p.regionCode) === 'COUNTY')
        need('regionCode', 'CITY_ADMIN needs a city or province code (ending in 00)');
    } else if (p.role === 'EVALUATOR' && !p.regionCode) {
      need('regionCode', 'EVALUATOR needs a region code');
    }
    for (const s of p.scopes ?? []) {
      if (!ROLE_SCOPE_CEILING[p.role].includes(s)) {
        ctx.addIssue({ code: 'custom', path: ['scopes'], message: `role ${p.role} cannot hold scope ${s}` });
      }
    }
  });
export type Principal = z.infer<typeof principalSchema>;

export function effectiveScopes(p: Principal): Scope[] {
  return p.scopes && p.scopes.length > 0 ? p.scopes : ROLE_SCOPES[p.role as Role];
}

export interface UserTokenInput extends Principal {
  subject: string;
  name?: string;
  ttl: string;
}

export async function signUserToken(secret: string, issuer: string, input: UserTokenInput): Promise<string> {
  const p = principalSchema.parse(input);
  return new SignJWT({
    role: p.role,
    region: p.regionCode ?? undefined,
    school: p.schoolCode ?? undefined,
    scopes: effectiveScopes(p),
    name: input.name,
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(input.subject)
    .setIssuer(issuer)
    .setIssuedAt()
    .setExpirationTime(input.ttl)
    .sign(new TextEncoder().encode(secret));
}

export class TokenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TokenError';
  }
}

export interface VerifiedUser extends Principal {
  subject: string;
}

/** How long a token may live and how far the issuer's clock may be from ours. */
export interface TokenLifetime {
  maxLifetimeSeconds: number;
  clockSkewSeconds: number;
}

/**
 * The HMAC key of each JWT secret, imported once: jose imports a raw secret again for every
 * token it verifies. Only HS256 is accepted, so the key is bound to SHA-256 verification.
 */
const verificationKeys = new Map<string, Promise<CryptoKey>>();
function verificationKey(secret: string): Promise<CryptoKey> {
  let key = verificationKeys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
      'verify',
    ]);
    verificationKeys.set(secret, key);
  }
  return key;
}

/**
 * Verifies a people's token. It must carry `exp`, `iat` and `sub`; `iat` may not lie in the
 * future beyond the clock skew; and its lifetime (exp − iat) may not exceed the maximum, so a
 * token minted to last for decades is worthless even with a valid signature.
 */
export async function verifyUserToken(
  secret: string,
  issuer: string,
  token: string,
  lifetime: TokenLifetime,
): Promise<VerifiedUser> {
  try {
    const { payload } = await jwtVerify(token, await verificationKey(secret), {
      issuer,
      algorithms: ['HS256'],
      requiredClaims: ['exp', 'iat', 'sub'],
      clockTolerance: lifetime.clockSkewSeconds,
      // With maxTokenAge set, jose also refuses an iat in the future (beyond the tolerance).
      maxTokenAge: lifetime.maxLifetimeSeconds,
    });
    if (payload.exp! - payload.iat! > lifetime.maxLifetimeSeconds) {
      throw new TokenError(`Token lifetime exceeds the maximum of ${lifetime.maxLifetimeSeconds} s.`);
    }
    const parsed = principalSchema.safeParse({
      role: payload.role,
      regionCode: payload.region,
      schoolCode: payload.school,
      scopes: payload.scopes,
    });
    if (!parsed.success || !payload.sub) throw new TokenError('Token claims are invalid.');
    return { ...parsed.data, subject: payload.sub };
  } catch (err) {
    if (err instanceof TokenError) throw err;
    if (err instanceof joseErrors.JWTExpired) throw new TokenError('Token has expired.');
    if (
      err instanceof joseErrors.JWTClaimValidationFailed &&
      (err.claim === 'exp' || err.claim === 'iat') &&
      err.reason === 'missing'
    ) {
      throw new TokenError(
        `Token has no "${err.claim}" claim; tokens must say when they were issued and when they expire.`,
      );
    }
    if (err instanceof joseErrors.JWTClaimValidationFailed && err.claim === 'iat')
      throw new TokenError('Token is issued in the future.');
    throw new TokenError('Token is malformed or its signature is invalid.');
  }
}

/** API keys look like `egk_<prefix>_<secret>`; only sha256(secret) is stored. */
const API_KEY = /^egk_([a-z0-9]{10})_([A-Za-z0-9_-]{32,64})$/;

export function isApiKey(token: string): boolean {
  return token.startsWith('egk_');
}

export function parseApiKey(token: string): { prefix: string; secret: string } | null {
  const m = API_KEY.exec(token);
  return m ? { prefix: m[1], secret: m[2] } : null;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function secretMatches(secret: string, storedHash: string): boolean {
  const a = Buffer.from(hashSecret(secret), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

export function newApiKeyMaterial(): { prefix: string; secret: string; token: string; hash: string } {
  const prefix = randomBytes(8).toString('hex').slice(0, 10);
  const secret = randomBytes(32).toString('base64url');
  return { prefix, secret, token: `egk_${prefix}_${secret}`, hash: hashSecret(secret) };
}
