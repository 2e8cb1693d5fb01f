import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Config } from './config.js';

/**
 * The JWT signing secret: EDUGOV_JWT_SECRET when set (required in production); otherwise a
 * development secret generated on first start and kept beside the local data, so tokens
 * minted by the CLI keep working across restarts.
 */
export function resolveJwtSecret(config: Config): string {
  if (config.EDUGOV_JWT_SECRET) return config.EDUGOV_JWT_SECRET;
  if (config.production) throw new Error('EDUGOV_JWT_SECRET is required in production');
  const dir = secretDir(config);
  const file = join(dir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/** The folder holding the generated development secret (the in-memory database keeps it in .data). */
export function secretDir(config: Pick<Config, 'inMemory' | 'EDUGOV_DATA_DIR'>): string {
  return resolve(config.inMemory ? '.data' : config.EDUGOV_DATA_DIR);
}
