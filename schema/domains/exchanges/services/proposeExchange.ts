import { and, eq, gte, inArray, lte } from 'drizzle-orm';
import { z } from 'zod';
import type { Context, Tx } from '../../../context.js';
import { fail, UserErrors } from '../../../errors.js';
import { roleDenial, writeDenial } from '../../access/jurisdiction.js';
import { recordChanges } from '../../audit/record.js';
import { SCHOOL_CODE } from '../../organisation/codes.js';
import { schools, teachers } from '../../organisation/table.js';
import { whoLeads } from '../../responsibility/leads.js';
import {
  addYears,
  ELIGIBILITY_KINDS,
  isRealDate,
  EXCLUSION_VIOLATION,
  LIVE_STATUSES,
  MAX_TERM_YEARS,
  peakWeeklyHours,
  sqlState,
} from '../rules.js';
import { exchangeAssignments, exchangeKind, type ExchangeAssignment } from '../table.js';
import { parseInput } from '../../shared/zodErrors.js';
import { auditSnapshot, ENTITY_TYPE, settingsFor } from './common.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const isoDate = z
  .string()
  .regex(ISO_DATE, 'must be a date written YYYY-MM-DD')
  .refine(isRealDate, 'is not a real calendar date');

const schema = z
  .object({
    teacherStaffNo: z.string().trim().min(1).max(32),
    targetSchoolCode: z.string().trim().regex(SCHOOL_CODE, 'must be a 10-digit school identifier (学校标识码)'),
    kind: z.enum(exchangeKind.enumValues),
    startDate: isoDate,
    endDate: isoDate,
    subject: z.string().trim().min(1).max(20).nullish(),
    weeklyHours: z.number().int().min(1).max(40).nullish(),
    reason: z.string().trim().min(2, 'must say why (交流原因)').max(500),
  })
  .superRefine((v, ctx) => {
    if (ISO_DATE.test(v.startDate) && ISO_DATE.test(v.endDate)) {
      if (v.endDate < v.startDate) ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'must not be before startDate' });
      else if (v.endDate >= addYears(v.startDate, MAX_TERM_YEARS)) {
        ctx.addIssue({ code: 'custom', path: ['endDate'], message: `a posting lasts less than ${MAX_TERM_YEARS} years` });
      }
    }
    if (v.kind === 'ITINERANT' && v.weeklyHours == null) {
      ctx.addIssue({ code: 'custom', path: ['weeklyHours'], message: 'is required for ITINERANT (走教) assignments' });
    }
    if (v.kind !== 'ITINERANT' && v.weeklyHours != null) {
      ctx.addIssue({ code: 'custom', path: ['weeklyHours'], message: 'applies to ITINERANT (走教) assignments only' });
    }
  });

export type ProposeExchangeInput = z.input<typeof schema>;

/**
 * Proposes a posting of a teacher from their home school to another school (提出交流申请).
 * The teacher's county bureau (or the city above it) proposes; the approval level comes
 * from the responsibility list. Rules: target ≠ source; valid dates; no overlapping
 * ROTATION/SUPPORT (the database refuses it, even under concurrent proposals); itinerant
 * hours under the cap (the teacher row is locked so concurrent proposals cannot both
 * squeeze under it); eligibility reported, and enforced where the region says so.
 */
export async function proposeExchange(ctx: Context, input: ProposeExchangeInput): Promise<ExchangeAssignment> {
  const denied = roleDenial(ctx.viewer, 'exchangeAssignment');
  if (denied) throw new UserErrors([denied.under(['input'])]);
  const v = parseInput(schema, input);

  try {
    return await ctx.db.transaction(async (tx) => {
      const teacher = await loadTeacher(tx, v.teacherStaffNo, v.kind === 'ITINERANT');
      if (!teacher) fail('NOT_FOUND', `Teacher ${v.teacherStaffNo} does not exist.`, ['input', 'teacherStaffNo']);
      const source = { regionCode: teacher.countyCode, schoolId: teacher.schoolId };
      const outside = writeDenial(ctx.viewer, 'exchangeAssignment', source, ['input', 'teacherStaffNo']);
      if (outside) throw new UserErrors([outside]);

      const [target] = await tx
        .select({ id: schools.id, countyCode: schools.countyCode, status: schools.status })
        .from(schools)
        .where(eq(schools.code, v.targetSchoolCode));
      if (!target) fail('NOT_FOUND', `School ${v.targetSchoolCode} does not exist.`, ['input', 'targetSchoolCode']);
      if (target.id === teacher.schoolId) {
        fail('VALIDATION', `The target school is ${teacher.staffNo}'s own school; an exchange goes elsewhere.`, ['input', 'targetSchoolCode']);
      }
      if (target.status === 'CLOSED') fail('VALIDATION', `School ${v.targetSchoolCode} is closed.`, ['input', 'targetSchoolCode']);

      const settings = (
        await settingsFor(tx, [teacher.countyCode], [
          'exchange.eligibilityYears',
          'exchange.enforceEligibility',
          'exchange.itinerantHoursCap',
        ])
      ).get(teacher.countyCode)!;
      const eligible = teacher.yearsAtSchool >= settings['exchange.eligibilityYears'];
      if (!eligible && settings['exchange.enforceEligibility'] && ELIGIBILITY_KINDS.has(v.kind)) {
        fail(
          'NOT_ELIGIBLE',
          `${teacher.staffNo} has ${teacher.yearsAtSchool} years at the current school; ${teacher.countyCode} requires ${settings['exchange.eligibilityYears']}.`,
          ['input', 'teacherStaffNo'],
        );
      }
      if (v.kind === 'ITINERANT') {
        await checkHoursCap(tx, teacher.id, v.startDate, v.endDate, v.weeklyHours!, settings['exchange.itinerantHoursCap']);
      }

      const crossCounty = target.countyCode !== teacher.countyCode;
      const lead = await whoLeads(tx, teacher.countyCode, crossCounty ? 'EXCHANGE.CROSS_COUNTY' : 'EXCHANGE.WITHIN_COUNTY');
      const [row] = await tx
        .insert(exchangeAssignments)
        .values({
          teacherId: teacher.id,
          kind: v.kind,
          sourceSchoolId: teacher.schoolId,
          sourceCountyCode: teacher.countyCode,
          targetSchoolId: target.id,
          targetCountyCode: target.countyCode,
          startDate: v.startDate,
          endDate: v.endDate,
          subject: v.subject ?? null,
          weeklyHours: v.weeklyHours ?? null,
          reason: v.reason,
          yearsAtSchoolAtProposal: teacher.yearsAtSchool,
          backboneLevelAtProposal: teacher.backboneLevel,
          eligibleAtProposal: eligible,
          approvalLevel: lead.level,
          approvalListId: lead.listId,
          proposedBy: ctx.viewer.actor,
        })
        .returning();
      await recordChanges(tx, ctx, [
        { action: 'CREATE', entityType: ENTITY_TYPE, entityKey: String(row.id), regionCode: row.sourceCountyCode, before: null, after: auditSnapshot(row) },
      ]);
      return row;
    });
  } catch (err) {
    if (sqlState(err) === EXCLUSION_VIOLATION) {
      fail('CONFLICT', `${v.teacherStaffNo} already has a ROTATION or SUPPORT posting overlapping ${v.startDate}–${v.endDate}.`, ['input', 'startDate']);
    }
    throw err;
  }
}

/** The teacher; with `lock`, the row stays locked until commit so hour-cap checks serialise per teacher. */
async function loadTeacher(tx: Tx, staffNo: string, lock: boolean) {
  const q = tx
    .select({
      id: teachers.id,
      staffNo: teachers.staffNo,
      schoolId: teachers.schoolId,
      countyCode: teachers.countyCode,
      yearsAtSchool: teachers.yearsAtSchool,
      backboneLevel: teachers.backboneLevel,
    })
    .from(teachers)
    .where(eq(teachers.staffNo, staffNo));
  const [t] = lock ? await q.for('no key update') : await q;
  return t;
}

async function checkHoursCap(tx: Tx, teacherId: number, from: string, to: string, hours: number, cap: number) {
  const others = await tx
    .select({ startDate: exchangeAssignments.startDate, endDate: exchangeAssignments.endDate, weeklyHours: exchangeAssignments.weeklyHours })
    .from(exchangeAssignments)
    .where(
      and(
        eq(exchangeAssignments.teacherId, teacherId),
        eq(exchangeAssignments.kind, 'ITINERANT'),
        inArray(exchangeAssignments.status, [...LIVE_STATUSES]),
        lte(exchangeAssignments.startDate, to),
        gte(exchangeAssignments.endDate, from),
      ),
    );
  const peak = peakWeeklyHours(others.map((o) => ({ ...o, weeklyHours: o.weeklyHours ?? 0 })), from, to);
  if (peak + hours > cap) {
    fail(
      'OVER_CAPACITY',
      `Itinerant teaching would reach ${peak + hours} hours a week (already ${peak}); the cap is ${cap} (走教课时上限).`,
      ['input', 'weeklyHours'],
    );
  }
}
