import type { Context, Tx } from '../../context.js';
import { fail } from '../../errors.js';
import type { Change } from '../audit/record.js';
import { linkToAllocation, proposeForAllocation } from '../exchanges/allocationLink.js';
import type { poolResources, resourceAllocations, resourcePools, resourceRequests } from './table.js';

interface Allocated {
  pool: Pick<typeof resourcePools.$inferSelect, 'kind' | 'code'>;
  request: Pick<typeof resourceRequests.$inferSelect, 'id' | 'schoolId' | 'specification'>;
  resource: Pick<typeof poolResources.$inferSelect, 'teacherId' | 'subject'>;
  allocation: Pick<typeof resourceAllocations.$inferSelect, 'id' | 'quantity' | 'periodStart' | 'periodEnd'>;
  /** An existing exchange the caller links instead (allocateResource only). */
  exchangeAssignmentId?: number | null;
}

/** The exchange's reason: it cites the pool request it implements. */
const exchangeReason = (a: Allocated) =>
  `落实资源池 ${a.pool.code} 申请 #${a.request.id} 的师资分配（${a.request.specification}）`;

/**
 * The exchange a teacher-time allocation implies (TEACHER_EXCHANGE pool, the offer naming a
 * teacher, the request naming a school): proposed as 走教 (ITINERANT) for the allocated hours a
 * week over the allocation's period, or the caller's existing exchange linked. Returns its audit
 * change, or null when the allocation implies none. Refusals land at `path` (the proposal) or
 * at exchangeAssignmentId (the link).
 */
export async function impliedExchange(
  tx: Tx,
  ctx: Context,
  a: Allocated,
  path: (string | number)[] = ['input', 'quantity'],
): Promise<Change | null> {
  const linkPath = ['input', 'exchangeAssignmentId'];
  if (a.exchangeAssignmentId != null) {
    if (a.pool.kind !== 'TEACHER_EXCHANGE')
      fail(
        'VALIDATION',
        `Only a TEACHER_EXCHANGE allocation implements an exchange; this pool is ${a.pool.kind}.`,
        linkPath,
      );
    const { change } = await linkToAllocation(
      tx,
      ctx,
      {
        exchangeId: a.exchangeAssignmentId,
        allocationId: a.allocation.id,
        teacherId: a.resource.teacherId,
        targetSchoolId: a.request.schoolId,
        startDate: a.allocation.periodStart,
        endDate: a.allocation.periodEnd,
      },
      linkPath,
    );
    return change;
  }
  if (a.pool.kind !== 'TEACHER_EXCHANGE' || a.resource.teacherId == null || a.request.schoolId == null) return null;
  const { change } = await proposeForAllocation(
    tx,
    ctx,
    {
      allocationId: a.allocation.id,
      teacherId: a.resource.teacherId,
      targetSchoolId: a.request.schoolId,
      startDate: a.allocation.periodStart,
      endDate: a.allocation.periodEnd,
      weeklyHours: a.allocation.quantity,
      subject: a.resource.subject,
      reason: exchangeReason(a),
    },
    path,
  );
  return change;
}
