import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { fail, UserError, UserErrors } from '../../../errors.js';
import { recordChanges } from '../../audit/record.js';
import { OPEN_STATUSES, openStatus, peakLoad } from '../capacity.js';
import { withCapacityGuard } from '../dbRefusal.js';
import { zRowId } from '../../shared/ids.js';
import { defineVerb } from '../../shared/verb.js';
import { matchingRight } from '../matchingRights.js';
import { activeBookings } from '../suggestions.js';
import { poolResources, resourceAllocations, resourcePools, resourceRequests } from '../table.js';
import { requestUpdated } from '../auditChanges.js';
import { impliedExchange } from '../exchangeLink.js';

// Field rules (positive quantity, period order, a reason) are checked in the body, all at once.
const schema = z.object({
  requestId: zRowId('ResourceRequest'),
  resourceId: zRowId('PoolResource'),
  quantity: z.number(),
  /** Defaults to the request's period; must lie within it and within the resource's window. */
  periodStart: z.string().nullish(),
  periodEnd: z.string().nullish(),
  reason: z.string(),
  /** TEACHER_EXCHANGE pools: an existing exchange to link instead of proposing the implied one. */
  exchangeAssignmentId: zRowId('ExchangeAssignment').nullish(),
});
export type AllocateResourceInput = z.input<typeof schema>;

/**
 * The matching authority ties a request to a resource for a period and quantity (市级统筹匹配).
 * Locks the request, then the resource, so concurrent allocations of one resource queue; the
 * database trigger re-checks capacity inside the same transaction.
 */
export const allocateResource = defineVerb({
  permission: 'resourceAllocation',
  input: schema,
  run: async (ctx, input) => {
    const { requestId, resourceId } = input;
    const reason = input.reason.trim();
    const problems: UserError[] = [];
    if (!Number.isInteger(input.quantity) || input.quantity <= 0)
      problems.push(new UserError('VALIDATION', 'quantity must be a positive whole number.', ['input', 'quantity']));
    if (input.periodStart && input.periodEnd && input.periodEnd < input.periodStart)
      problems.push(new UserError('VALIDATION', 'periodEnd is before periodStart.', ['input', 'periodEnd']));
    if (reason.length < 2)
      problems.push(new UserError('REQUIRED', 'Say why this resource was matched (匹配理由).', ['input', 'reason']));
    if (problems.length) throw new UserErrors(problems);

    return withCapacityGuard(['input', 'quantity'], () =>
      ctx.db.transaction(async (tx) => {
        const [request] = await tx
          .select()
          .from(resourceRequests)
          .where(eq(resourceRequests.id, requestId))
          .for('no key update');
        if (!request) fail('NOT_FOUND', 'No such request.', ['input', 'requestId']);
        const [pool] = await tx.select().from(resourcePools).where(eq(resourcePools.id, request.poolId));
        const { lead, denied } = await matchingRight(
          tx,
          ctx.viewer,
          { cityCode: pool.cityCode, countyCode: request.countyCode },
          ['input', 'requestId'],
        );
        if (denied) throw new UserErrors([denied]);
        if (!(OPEN_STATUSES as readonly string[]).includes(request.status)) {
          fail(
            'INVALID_STATE',
            `The request is ${request.status}; only SUBMITTED or PARTIALLY_MATCHED requests can be matched.`,
            ['input', 'requestId'],
          );
        }
        const [resource] = await tx
          .select()
          .from(poolResources)
          .where(eq(poolResources.id, resourceId))
          .for('no key update');
        if (!resource) fail('NOT_FOUND', 'No such resource.', ['input', 'resourceId']);
        if (resource.poolId !== request.poolId)
          fail('VALIDATION', 'The resource belongs to another pool than the request.', ['input', 'resourceId']);

        const periodStart = input.periodStart ?? request.periodStart;
        const periodEnd = input.periodEnd ?? request.periodEnd;
        if (periodEnd < periodStart)
          fail('VALIDATION', 'periodEnd is before periodStart.', [
            'input',
            input.periodEnd ? 'periodEnd' : 'periodStart',
          ]);
        if (periodStart < request.periodStart || periodEnd > request.periodEnd) {
          fail('VALIDATION', `The period must lie within the requested ${request.periodStart}..${request.periodEnd}.`, [
            'input',
            periodStart < request.periodStart ? 'periodStart' : 'periodEnd',
          ]);
        }
        if (periodStart < resource.availableFrom || periodEnd > resource.availableTo) {
          fail(
            'VALIDATION',
            `The period lies outside the resource’s availability window ${resource.availableFrom}..${resource.availableTo}.`,
            ['input', periodStart < resource.availableFrom ? 'periodStart' : 'periodEnd'],
          );
        }
        const outstanding = request.quantity - request.matchedQuantity;
        if (input.quantity > outstanding)
          fail('VALIDATION', `The request still needs ${outstanding}; ${input.quantity} is more.`, [
            'input',
            'quantity',
          ]);
        const booked = peakLoad((await activeBookings(tx, [resourceId])).get(resourceId) ?? [], periodStart, periodEnd);
        if (booked + input.quantity > resource.capacity) {
          fail(
            'OVER_CAPACITY',
            `Only ${resource.capacity - booked} of ${resource.capacity} ${resource.unit} are free in ${periodStart}..${periodEnd}.`,
            ['input', 'quantity'],
          );
        }

        const [allocation] = await tx
          .insert(resourceAllocations)
          .values({
            requestId,
            resourceId,
            requestCountyCode: request.countyCode,
            offerCountyCode: resource.countyCode,
            quantity: input.quantity,
            periodStart,
            periodEnd,
            method: 'MANUAL',
            reason,
            matchedBy: ctx.viewer.actor,
          })
          .returning();
        const exchange = await impliedExchange(tx, ctx, {
          pool,
          request,
          resource,
          allocation,
          exchangeAssignmentId: input.exchangeAssignmentId ?? null,
        });
        const matched = request.matchedQuantity + input.quantity;
        const [after] = await tx
          .update(resourceRequests)
          .set({ matchedQuantity: matched, status: openStatus(matched, request.quantity), updatedAt: sql`now()` })
          .where(eq(resourceRequests.id, requestId))
          .returning();
        await recordChanges(tx, ctx, [
          {
            action: 'CREATE',
            entityType: 'ResourceAllocation',
            entityKey: String(allocation.id),
            regionCode: request.countyCode,
            before: null,
            after: { ...allocation, authority: lead },
          },
          requestUpdated(request, after),
          ...(exchange ? [exchange] : []),
        ]);
        return allocation;
      }),
    );
  },
});
