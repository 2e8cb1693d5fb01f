import { desc, eq } from 'drizzle-orm';
import type { Db } from '../../../server/db.js';
import { fail } from '../../errors.js';
import { parseInput } from '../shared/zodErrors.js';
import { effectiveScopes, newApiKeyMaterial, principalSchema, type Principal } from './tokens.js';
import { apiKeys } from './table.js';

/** API keys are managed from the CLI (`edugov apikey …`), which holds database access. */
export async function createApiKey(db: Db, input: Principal & { name: string }) {
  const principal = parseInput(principalSchema, input, []);
  if (!input.name.trim()) fail('REQUIRED', 'An API key needs a name.', ['name']);
  const material = newApiKeyMaterial();
  const [row] = await db
    .insert(apiKeys)
    .values({
      prefix: material.prefix,
      secretHash: material.hash,
      name: input.name.trim(),
      role: principal.role,
      regionCode: principal.regionCode ?? null,
      schoolCode: principal.schoolCode ?? null,
      scopes: effectiveScopes(principal),
    })
    .returning();
  return { key: row, token: material.token };
}

export async function listApiKeys(db: Db) {
  return db
    .select({
      prefix: apiKeys.prefix,
      name: apiKeys.name,
      role: apiKeys.role,
      regionCode: apiKeys.regionCode,
      schoolCode: apiKeys.schoolCode,
      scopes: apiKeys.scopes,
      createdAt: apiKeys.createdAt,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
    })
    .from(apiKeys)
    .orderBy(desc(apiKeys.createdAt));
}

export async function revokeApiKey(db: Db, prefix: string) {
  const [row] = await db
    .update(apiKeys)
    .set({ revokedAt: new Date().toISOString() })
    .where(eq(apiKeys.prefix, prefix.replace(/^egk_/, '').split('_')[0]))
    .returning({ prefix: apiKeys.prefix, revokedAt: apiKeys.revokedAt });
  if (!row) fail('NOT_FOUND', `No API key with prefix ${prefix}.`, ['prefix']);
  return row;
}
