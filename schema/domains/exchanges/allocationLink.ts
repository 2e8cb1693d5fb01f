import { and, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import { resolveSettingsFor } from '../settings/resolve.js';
import type { Context, Tx } from '../../context.js';
import { fail, UserError, UserErrors } from '../../errors.js';
import type { Change } from '../audit/record.js';
import { schools, teachers } from '../organisation/table.js';
import { whoLeads } from '../responsibility/leads.js';
import { canReadAssignment } from './access.js';
import { LIVE_STATUSES } from './rules.js';
import { exchangeAssignments, type ExchangeAssignment } from './table.js';
import { auditSnapshot } from './auditSnapshot.js';
import { exchangeMatter } from './decision.js';
import {
  checkEligibility,
  checkHoursCap,
  PROPOSAL_SETTINGS,
  proposalSchema,
  proposedRow,
  targetColumns,
  teacherColumns,
} from './proposal.js';

/**
 * The exchange a teacher-time allocation (TEACHER_EXCHANGE pool) implies: the offered teacher
 * teaches at the requesting school for the allocated hours a week (走教, ITINERANT) over the
 * allocation's period. The pools services call these inside their own transaction, after the
 * matching authority's right was checked; a refusal of the exchange refuses the allocation,
 * reported at the allocation's input path (`path`), and the caller records the changes.
 */
interface ImpliedExchange {
  allocationId: number;
  teacherId: number;
  targetSchoolId: number;
  startDate: string;
  endDate: string;
  weeklyHours: number;
  subject: string;
  reason: string;
}

/** Re-roots the refusals of the exchange rules at the allocation's input path. */
async function refusedAt<T>(path: (string | number)[], run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof UserErrors)
      throw new UserErrors(
        err.errors.map(
          (e) => new UserError(e.code, `The exchange this allocation implies is refused: ${e.message}`, path),
        ),
      );
    throw err;
  }
}

/**
 * Proposes the implied ITINERANT exchange with the rules of proposeExchange (dates, target open
 * and not the teacher's own school, itinerant hours cap with the teacher row locked, eligibility
 * snapshot, approval level from the responsibility list) and links it to the allocation.
 */
export async function proposeForAllocation(
  tx: Tx,
  ctx: Context,
  e: ImpliedExchange,
  path: (string | number)[],
): Promise<{ row: ExchangeAssignment; change: Change }> {
  return refusedAt(path, async () => {
    const [teacher] = await tx
      .select(teacherColumns)
      .from(teachers)
      .where(eq(teachers.id, e.teacherId))
      .for('no key update');
    const [target] = await tx.select(targetColumns).from(schools).where(eq(schools.id, e.targetSchoolId));
    if (!teacher || !target) fail('NOT_FOUND', 'The offered teacher or the requesting school no longer exists.', path);
    const parsed = proposalSchema.safeParse({
      teacherStaffNo: teacher.staffNo,
      targetSchoolCode: target.code,
      kind: 'ITINERANT',
      startDate: e.startDate,
      endDate: e.endDate,
      subject: e.subject.slice(0, 20),
      weeklyHours: e.weeklyHours,
      reason: e.reason.slice(0, 500),
    });
    if (!parsed.success)
      fail('VALIDATION', parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; '), path);
    const v = parsed.data;
    if (target.id === teacher.schoolId)
      fail('VALIDATION', `The requesting school is ${teacher.staffNo}'s own school; an exchange goes elsewhere.`, path);
    if (target.status === 'CLOSED') fail('VALIDATION', `School ${target.code} is closed.`, path);
    const settings = (await resolveSettingsFor(tx, PROPOSAL_SETTINGS, [teacher.countyCode])).get(teacher.countyCode)!;
    const eligible = checkEligibility(v, teacher, settings);
    checkHoursCap(
      v,
      await itinerantSpans(tx, teacher.id, v.startDate, v.endDate),
      settings['exchange.itinerantHoursCap'],
    );
    const lead = await whoLeads(tx, teacher.countyCode, exchangeMatter(teacher.countyCode, target.countyCode));
    const [row] = await tx
      .insert(exchangeAssignments)
      .values({ ...proposedRow(ctx, v, teacher, target, eligible, lead), allocationId: e.allocationId })
      .returning();
    return {
      row,
      change: {
        action: 'CREATE',
        entityType: 'ExchangeAssignment',
        entityKey: String(row.id),
        regionCode: row.sourceCountyCode,
        before: null,
        after: auditSnapshot(row),
      },
    };
  });
}

interface ExchangeToLink {
  exchangeId: number;
  allocationId: number;
  /** The offer's teacher; null when the offer names none (then nothing can be linked). */
  teacherId: number | null;
  /** The requesting school, when the request names one. */
  targetSchoolId: number | null;
  startDate: string;
  endDate: string;
}

/**
 * Links an existing, live exchange to the allocation instead of proposing one: the same
 * teacher, the requesting school as target, and dates covering the allocation's period.
 */
export async function linkToAllocation(
  tx: Tx,
  ctx: Context,
  l: ExchangeToLink,
  path: (string | number)[],
): Promise<{ row: ExchangeAssignment; change: Change }> {
  const [row] = await tx
    .select()
    .from(exchangeAssignments)
    .where(eq(exchangeAssignments.id, l.exchangeId))
    .for('update');
  // Unreadable rows are reported as missing, as everywhere in the exchanges domain.
  if (!row || !canReadAssignment(ctx.viewer, row))
    fail('NOT_FOUND', `Exchange assignment ${l.exchangeId} does not exist.`, path);
  if (l.teacherId == null)
    fail('VALIDATION', 'The offer names no teacher (teacherStaffNo), so no exchange can implement it.', path);
  if (row.teacherId !== l.teacherId)
    fail('VALIDATION', 'The exchange is of another teacher than the one offered.', path);
  if (l.targetSchoolId != null && row.targetSchoolId !== l.targetSchoolId)
    fail('VALIDATION', 'The exchange goes to another school than the requesting one.', path);
  if (!LIVE_STATUSES.includes(row.status))
    fail(
      'INVALID_STATE',
      `The exchange is ${row.status}; only a PROPOSED, APPROVED or ACTIVE one can be linked.`,
      path,
    );
  if (row.allocationId != null) fail('CONFLICT', 'The exchange already implements another allocation.', path);
  if (l.startDate < row.startDate || l.endDate > row.endDate) {
    fail(
      'VALIDATION',
      `The allocation's period ${l.startDate}..${l.endDate} is not within the exchange's ${row.startDate}..${row.endDate}.`,
      path,
    );
  }
  const [after] = await tx
    .update(exchangeAssignments)
    .set({ allocationId: l.allocationId, updatedAt: sql`now()` })
    .where(eq(exchangeAssignments.id, row.id))
    .returning();
  return {
    row: after,
    change: {
      action: 'UPDATE',
      entityType: 'ExchangeAssignment',
      entityKey: String(row.id),
      regionCode: row.sourceCountyCode,
      before: auditSnapshot(row),
      after: auditSnapshot(after),
    },
  };
}

/**
 * Cancels the exchanges of released allocations that have not begun (PROPOSED, APPROVED), as
 * cancelExchange would; an ACTIVE or COMPLETED posting is a record of service and stays.
 */
export async function cancelForReleasedAllocations(
  tx: Tx,
  ctx: Context,
  allocationIds: readonly number[],
  reason: string,
): Promise<Change[]> {
  if (allocationIds.length === 0) return [];
  const before = await tx
    .select()
    .from(exchangeAssignments)
    .where(
      and(
        inArray(exchangeAssignments.allocationId, [...allocationIds]),
        inArray(exchangeAssignments.status, ['PROPOSED', 'APPROVED']),
      ),
    )
    .for('update');
  if (before.length === 0) return [];
  const after = await tx
    .update(exchangeAssignments)
    .set({
      status: 'CANCELLED',
      cancelledBy: ctx.viewer.actor,
      cancelledAt: sql`now()`,
      cancelReason: reason.slice(0, 500),
      updatedAt: sql`now()`,
    })
    .where(
      inArray(
        exchangeAssignments.id,
        before.map((r) => r.id),
      ),
    )
    .returning();
  const byId = new Map(after.map((r) => [r.id, r]));
  return before.map((r) => ({
    action: 'UPDATE' as const,
    entityType: 'ExchangeAssignment' as const,
    entityKey: String(r.id),
    regionCode: r.sourceCountyCode,
    before: auditSnapshot(r),
    after: auditSnapshot(byId.get(r.id)!),
  }));
}

/** The teacher's live itinerant postings overlapping the dates (as proposeExchange counts them). */
async function itinerantSpans(tx: Tx, teacherId: number, startDate: string, endDate: string) {
  const others = await tx
    .select({
      startDate: exchangeAssignments.startDate,
      endDate: exchangeAssignments.endDate,
      weeklyHours: exchangeAssignments.weeklyHours,
    })
    .from(exchangeAssignments)
    .where(
      and(
        eq(exchangeAssignments.teacherId, teacherId),
        eq(exchangeAssignments.kind, 'ITINERANT'),
        inArray(exchangeAssignments.status, [...LIVE_STATUSES]),
        lte(exchangeAssignments.startDate, endDate),
        gte(exchangeAssignments.endDate, startDate),
      ),
    );
  return others.map((o) => ({ ...o, weeklyHours: o.weeklyHours ?? 0 }));
}
