import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Context } from '../../context.js';
import { fail, UserErrors } from '../../errors.js';
import { writeDenial } from '../access/jurisdiction.js';
import { recordChanges } from '../audit/record.js';
import { zRowId } from '../shared/ids.js';
import { defineVerb } from '../shared/verb.js';
import { matchingRight } from './matchingRights.js';
import { releaseRows } from './releaseRows.js';
import { resourcePools, resourceRequests } from './table.js';
import { requestUpdated } from './auditChanges.js';

type Status = (typeof resourceRequests.$inferSelect)['status'];

/**
 * The three ways a request is closed, sharing one path: who may, from which statuses, and
 * whether its active allocations are released.
 *  - WITHDRAWN by the requesting county (or school), releasing any allocations;
 *  - REJECTED by the matching authority, releasing any allocations;
 *  - FULFILLED when the requesting county confirms receipt of a fully matched request.
 */
const TRANSITIONS = {
  WITHDRAWN: { by: 'REQUESTER', from: ['SUBMITTED', 'PARTIALLY_MATCHED', 'MATCHED'], release: true },
  REJECTED: { by: 'MATCHER', from: ['SUBMITTED', 'PARTIALLY_MATCHED'], release: true },
  FULFILLED: { by: 'REQUESTER', from: ['MATCHED'], release: false },
} as const satisfies Record<string, { by: 'REQUESTER' | 'MATCHER'; from: readonly Status[]; release: boolean }>;

const schema = z.object({ requestId: zRowId('ResourceRequest'), reason: z.string() });
export type CloseRequestInput = z.input<typeof schema>;

/** The verb closing a request to `to`: the requester's permission, or the matcher's for REJECTED. */
export function closeRequestVerb(to: keyof typeof TRANSITIONS) {
  return defineVerb({
    permission: TRANSITIONS[to].by === 'MATCHER' ? 'resourceAllocation' : 'resourceRequest',
    input: schema,
    run: (ctx, input) => closeRequest(ctx, to, input),
  });
}

async function closeRequest(ctx: Context, to: keyof typeof TRANSITIONS, input: z.output<typeof schema>) {
  const rule = TRANSITIONS[to];
  const { requestId } = input;
  const reason = input.reason.trim();
  if (reason.length < 2) fail('REQUIRED', 'Give a reason (说明).', ['input', 'reason']);

  return ctx.db.transaction(async (tx) => {
    const [request] = await tx
      .select()
      .from(resourceRequests)
      .where(eq(resourceRequests.id, requestId))
      .for('no key update');
    if (!request) fail('NOT_FOUND', 'No such request.', ['input', 'requestId']);
    if (rule.by === 'MATCHER') {
      const [pool] = await tx.select().from(resourcePools).where(eq(resourcePools.id, request.poolId));
      const { denied } = await matchingRight(
        tx,
        ctx.viewer,
        { cityCode: pool.cityCode, countyCode: request.countyCode },
        ['input', 'requestId'],
      );
      if (denied) throw new UserErrors([denied]);
    } else {
      const denied = writeDenial(
        ctx.viewer,
        'resourceRequest',
        { regionCode: request.countyCode, schoolId: request.schoolId },
        ['input', 'requestId'],
      );
      if (denied) throw new UserErrors([denied]);
    }
    if (!(rule.from as readonly Status[]).includes(request.status)) {
      fail(
        'INVALID_STATE',
        `The request is ${request.status}; it can become ${to} only from ${rule.from.join(', ')}.`,
        ['input', 'requestId'],
      );
    }
    const released = rule.release
      ? (await releaseRows(tx, ctx, { requestId }, `request ${to.toLowerCase()}: ${reason}`)).changes
      : [];
    const [after] = await tx
      .update(resourceRequests)
      .set({
        status: to,
        matchedQuantity: rule.release ? 0 : request.matchedQuantity,
        closedBy: ctx.viewer.actor,
        closedAt: sql`now()`,
        closeReason: reason,
        updatedAt: sql`now()`,
      })
      .where(eq(resourceRequests.id, requestId))
      .returning();
    await recordChanges(tx, ctx, [...released, requestUpdated(request, after)]);
    return after;
  });
}
