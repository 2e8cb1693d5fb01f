import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { fail, UserErrors } from '../../../errors.js';
import { recordChanges } from '../../audit/record.js';
import { openStatus } from '../capacity.js';
import { zRowId } from '../../shared/ids.js';
import { defineVerb } from '../../shared/verb.js';
import { matchingRight } from '../matchingRights.js';
import { releaseRows } from '../releaseRows.js';
import { resourceAllocations, resourcePools, resourceRequests } from '../table.js';
import { requestUpdated } from '../auditChanges.js';

const schema = z.object({ allocationId: zRowId('ResourceAllocation'), reason: z.string() });
export type ReleaseAllocationInput = z.input<typeof schema>;

/** The matching authority gives an allocation's capacity back; the request reopens accordingly. */
export const releaseAllocation = defineVerb({
  permission: 'resourceAllocation',
  input: schema,
  run: async (ctx, input) => {
    const { allocationId } = input;
    const reason = input.reason.trim();
    if (reason.length < 2) fail('REQUIRED', 'Say why the allocation is released.', ['input', 'reason']);

    return ctx.db.transaction(async (tx) => {
      const [found] = await tx.select().from(resourceAllocations).where(eq(resourceAllocations.id, allocationId));
      if (!found) fail('NOT_FOUND', 'No such allocation.', ['input', 'allocationId']);
      // Lock order as everywhere: request first, then its allocation.
      const [request] = await tx
        .select()
        .from(resourceRequests)
        .where(eq(resourceRequests.id, found.requestId))
        .for('no key update');
      const [pool] = await tx.select().from(resourcePools).where(eq(resourcePools.id, request.poolId));
      const { denied } = await matchingRight(
        tx,
        ctx.viewer,
        { cityCode: pool.cityCode, countyCode: request.countyCode },
        ['input', 'allocationId'],
      );
      if (denied) throw new UserErrors([denied]);
      const [allocation] = await tx
        .select()
        .from(resourceAllocations)
        .where(eq(resourceAllocations.id, allocationId))
        .for('no key update');
      if (allocation.status !== 'ACTIVE')
        fail('INVALID_STATE', `The allocation was already released (${allocation.releasedAt}).`, [
          'input',
          'allocationId',
        ]);
      if (request.status === 'FULFILLED')
        fail('INVALID_STATE', 'The request was confirmed fulfilled; its allocations are history.', [
          'input',
          'allocationId',
        ]);

      const { rows, changes } = await releaseRows(tx, ctx, { ids: [allocationId] }, reason);
      const matched = request.matchedQuantity - allocation.quantity;
      const [after] = await tx
        .update(resourceRequests)
        .set({ matchedQuantity: matched, status: openStatus(matched, request.quantity), updatedAt: sql`now()` })
        .where(eq(resourceRequests.id, request.id))
        .returning();
      await recordChanges(tx, ctx, [...changes, requestUpdated(request, after)]);
      return rows[0];
    });
  },
});
