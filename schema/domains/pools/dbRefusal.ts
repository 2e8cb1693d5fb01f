import { UserErrors, UserError } from '../../errors.js';
import { sqlState } from '../shared/sqlState.js';

/**
 * SQLSTATEs raised by the allocation guard trigger (migration resource_allocations_capacity_trigger). Drivers and
 * drizzle wrap the server error differently, so the code is looked for along the cause chain.
 */
const REFUSALS = {
  EGCAP: 'OVER_CAPACITY',
  EGWIN: 'VALIDATION',
  EGREQ: 'VALIDATION',
} as const;

export { sqlState };

/** Runs a write and turns the database's capacity refusals into typed errors at `path`. */
export async function withCapacityGuard<T>(path: (string | number)[], write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    const code = sqlState(err);
    if (code && code in REFUSALS) {
      const message = messageOf(err);
      throw new UserErrors([
        new UserError(REFUSALS[code as keyof typeof REFUSALS], `Refused by the database: ${message}.`, path),
      ]);
    }
    throw err;
  }
}

function messageOf(err: unknown): string {
  for (let e: any = err, depth = 0; e && depth < 5; e = e.cause, depth++) {
    if (typeof e.code === 'string' && e.code in REFUSALS) return String(e.message);
  }
  return String((err as Error)?.message ?? err);
}
