import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Context, Tx } from '../../context.js';
import type { Change } from '../audit/record.js';
import { cancelForReleasedAllocations } from '../exchanges/allocationLink.js';
import { allocationReleased } from './auditChanges.js';
import { resourceAllocations } from './table.js';

/**
 * Releases active allocations (by id, or all of a request) and cancels the PROPOSED or APPROVED
 * exchanges they implied; returns the rows and the audit changes of both.
 */
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
        'ids' in where
          ? inArray(resourceAllocations.id, where.ids)
          : eq(resourceAllocations.requestId, where.requestId),
      ),
    )
    .returning();
  // The exchanges these allocations implied and that have not begun are withdrawn with them.
  const cancelled = await cancelForReleasedAllocations(
    tx,
    ctx,
    released.map((r) => r.id),
    `allocation released: ${reason}`,
  );
  return { rows: released, changes: [...released.map(allocationReleased), ...cancelled] };
}
