import { eq } from 'drizzle-orm';
import type { Context, Tx } from '../../context.js';
import { fail } from '../../errors.js';
import { schools } from '../organisation/table.js';
import { resourcePools } from './table.js';

/**
 * Who takes part in a pool, for offers and requests alike: the pool, the school named (a school
 * admin's own by default) and the county — given, else the school's, else the viewer's region.
 * Each verb then checks the county against its own rules.
 */
export async function poolParticipants(
  tx: Tx,
  ctx: Context,
  poolId: number,
  input: { schoolCode?: string | null; countyCode?: string | null },
) {
  const [pool] = await tx.select().from(resourcePools).where(eq(resourcePools.id, poolId));
  if (!pool) fail('NOT_FOUND', 'No such pool.', ['input', 'poolId']);
  const schoolCode = input.schoolCode ?? (ctx.viewer.role === 'SCHOOL_ADMIN' ? ctx.viewer.schoolCode : null);
  let school: { id: number; countyCode: string } | undefined;
  if (schoolCode) {
    [school] = await tx
      .select({ id: schools.id, countyCode: schools.countyCode })
      .from(schools)
      .where(eq(schools.code, schoolCode));
    if (!school) fail('NOT_FOUND', `School ${schoolCode} does not exist.`, ['input', 'schoolCode']);
  }
  const countyCode = input.countyCode ?? school?.countyCode ?? ctx.viewer.regionCode;
  return { pool, schoolCode, school, countyCode };
}
