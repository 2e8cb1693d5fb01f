import { and, eq, gte, inArray, lte } from 'drizzle-orm';
import { resolveSettingsFor } from '../../settings/resolve.js';
import type { Tx } from '../../../context.js';
import { recordChanges } from '../../audit/record.js';
import { schools, teachers } from '../../organisation/table.js';
import { whoLeads } from '../../responsibility/leads.js';
import { EXCLUSION_VIOLATION, LIVE_STATUSES, sqlState } from '../rules.js';
import { exchangeAssignments } from '../table.js';
import { defineVerb } from '../../shared/verb.js';
import { auditSnapshot } from '../auditSnapshot.js';
import { exchangeMatter } from '../decision.js';
import {
  checkEligibility,
  checkHoursCap,
  checkParties,
  overlapConflict,
  PROPOSAL_SETTINGS,
  proposalSchema,
  proposedRow,
  targetColumns,
  teacherColumns,
  type Proposal,
  type ProposeExchangeInput,
} from '../proposal.js';

export type { ProposeExchangeInput };

/**
 * Proposes a posting of a teacher from their home school to another school (提出交流申请).
 * The teacher's county bureau (or the city above it) proposes; the approval level comes
 * from the responsibility list. Rules: target ≠ source; valid dates; no overlapping
 * ROTATION/SUPPORT (the database refuses it, even under concurrent proposals); itinerant
 * hours under the cap (the teacher row is locked so concurrent proposals cannot both
 * squeeze under it); eligibility reported, and enforced where the region says so.
 */
export const proposeExchange = defineVerb({
  permission: 'exchangeAssignment',
  input: proposalSchema,
  run: async (ctx, v) => {
    try {
      return await ctx.db.transaction(async (tx) => {
        // Independent reads are sent together: postgres.js pipelines them on the transaction's
        // connection, so each pair costs one round trip (PGlite runs them one after the other).
        const q = tx.select(teacherColumns).from(teachers).where(eq(teachers.staffNo, v.teacherStaffNo));
        const [[loaded], [targetRow]] = await Promise.all([
          // Locked until commit, so hour-cap checks of concurrent itinerant proposals serialise per teacher.
          v.kind === 'ITINERANT' ? q.for('no key update') : q,
          tx.select(targetColumns).from(schools).where(eq(schools.code, v.targetSchoolCode)),
        ]);
        const { teacher, target } = checkParties(ctx, v, loaded, targetRow);
        const [settingsByRegion, lead, spans] = await Promise.all([
          resolveSettingsFor(tx, PROPOSAL_SETTINGS, [teacher.countyCode]),
          whoLeads(tx, teacher.countyCode, exchangeMatter(teacher.countyCode, target.countyCode)),
          v.kind === 'ITINERANT' ? itinerantSpans(tx, teacher.id, v) : null,
        ]);
        const settings = settingsByRegion.get(teacher.countyCode)!;
        const eligible = checkEligibility(v, teacher, settings);
        if (spans) checkHoursCap(v, spans, settings['exchange.itinerantHoursCap']);
        const [row] = await tx
          .insert(exchangeAssignments)
          .values(proposedRow(ctx, v, teacher, target, eligible, lead))
          .returning();
        await recordChanges(tx, ctx, [
          {
            action: 'CREATE',
            entityType: 'ExchangeAssignment',
            entityKey: String(row.id),
            regionCode: row.sourceCountyCode,
            before: null,
            after: auditSnapshot(row),
          },
        ]);
        return row;
      });
    } catch (err) {
      if (sqlState(err) === EXCLUSION_VIOLATION) overlapConflict(v);
      throw err;
    }
  },
});

/** The teacher's live itinerant postings overlapping the proposed dates. */
async function itinerantSpans(tx: Tx, teacherId: number, v: Proposal) {
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
        lte(exchangeAssignments.startDate, v.endDate),
        gte(exchangeAssignments.endDate, v.startDate),
      ),
    );
  return others.map((o) => ({ ...o, weeklyHours: o.weeklyHours ?? 0 }));
}
