import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Context, Tx } from '../../context.js';
import type { Change } from '../audit/record.js';
import { allocationReleased } from './auditChanges.js';
import { resourceAllocations } from './table.js';

/** Releases active allocations (by id, or all of a request); returns the rows and their audit changes. */
export async function releaseRows(
  tx: Tx,
  ctx: Context,
  where: { ids: number[] } | { requestId: number },
  reason: string,
): Promise<{ rows: (typeof resourceAllocations.$inferSelect)[]; changes: Change[] }> {
  const released = await tx
    .update(resourceAllocations)
    .set({ status: 'RELEASED', releasedBy: ctx.viewer.actor, releasedAt: sql`now()`, releaseReason: reason })
    .where(
      and(
        eq(resourceAllocations.status, 'ACTIVE'),
        'ids' in where ? inArray(resourceAllocations.id, where.ids) : eq(resourceAllocations.requestId, where.requestId),
      ),
    )
    .returning();
  return { rows: released, changes: released.map(allocationReleased) };
}
