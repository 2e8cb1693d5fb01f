import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Context } from '../../context.js';
import { fail, UserErrors } from '../../errors.js';
import { writeDenial } from '../access/jurisdiction.js';
import type { SettingValue } from '../settings/registry.js';
import { SCHOOL_CODE } from '../organisation/codes.js';
import { schools, teachers } from '../organisation/table.js';
import type { LeadAnswer } from '../responsibility/leads.js';
import { addYears, ELIGIBILITY_KINDS, isRealDate, MAX_TERM_YEARS, peakWeeklyHours, type HoursSpan } from './rules.js';
import { type exchangeAssignments, exchangeKind } from './table.js';

/**
 * The rules of proposing an exchange, shared by proposeExchange (one proposal) and the bulk
 * history load (many): the input, the checks once the teacher and the target school are
 * known, and the row a proposal inserts. Each caller does its own reading and writing.
 */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const isoDate = z
  .string()
  .regex(ISO_DATE, 'must be a date written YYYY-MM-DD')
  .refine(isRealDate, 'is not a real calendar date');

export const proposalSchema = z
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
      if (v.endDate < v.startDate)
        ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'must not be before startDate' });
      else if (v.endDate >= addYears(v.startDate, MAX_TERM_YEARS)) {
        ctx.addIssue({
          code: 'custom',
          path: ['endDate'],
          message: `a posting lasts less than ${MAX_TERM_YEARS} years`,
        });
      }
    }
    if (v.kind === 'ITINERANT' && v.weeklyHours == null) {
      ctx.addIssue({ code: 'custom', path: ['weeklyHours'], message: 'is required for ITINERANT (走教) assignments' });
    }
    if (v.kind !== 'ITINERANT' && v.weeklyHours != null) {
      ctx.addIssue({ code: 'custom', path: ['weeklyHours'], message: 'applies to ITINERANT (走教) assignments only' });
    }
  });

export type ProposeExchangeInput = z.input<typeof proposalSchema>;
export type Proposal = z.output<typeof proposalSchema>;

/** What a proposal reads of the teacher and of the target school. */
export const teacherColumns = {
  id: teachers.id,
  staffNo: teachers.staffNo,
  schoolId: teachers.schoolId,
  countyCode: teachers.countyCode,
  yearsAtSchool: teachers.yearsAtSchool,
  backboneLevel: teachers.backboneLevel,
  // The home school's stage and locality, kept on the posting for the statistics (as of proposal).
  schoolStage: sql<
    SchoolRow['stage']
  >`(select ${schools.stage} from ${schools} where ${schools.id} = ${teachers.schoolId})`,
  schoolLocality: sql<
    SchoolRow['locality']
  >`(select ${schools.locality} from ${schools} where ${schools.id} = ${teachers.schoolId})`,
};
export const targetColumns = {
  id: schools.id,
  code: schools.code,
  countyCode: schools.countyCode,
  status: schools.status,
  locality: schools.locality,
  isWeak: schools.isWeak,
};
type SchoolRow = typeof schools.$inferSelect;
export type ProposingTeacher = Pick<
  typeof teachers.$inferSelect,
  'id' | 'staffNo' | 'schoolId' | 'countyCode' | 'yearsAtSchool' | 'backboneLevel'
> & {
  schoolStage: SchoolRow['stage'];
  schoolLocality: SchoolRow['locality'];
};
export type TargetSchool = Pick<typeof schools.$inferSelect, keyof typeof targetColumns>;

/** Settings of the teacher's county a proposal obeys. */
export const PROPOSAL_SETTINGS = [
  'exchange.eligibilityYears',
  'exchange.enforceEligibility',
  'exchange.itinerantHoursCap',
] as const;
export type ProposalSettings = { [K in (typeof PROPOSAL_SETTINGS)[number]]: SettingValue<K> };

/**
 * The teacher exists and is within the proposer's jurisdiction; the target school exists,
 * is another school and is open.
 */
export function checkParties(
  ctx: Context,
  v: Proposal,
  teacher: ProposingTeacher | undefined,
  target: TargetSchool | undefined,
) {
  if (!teacher) fail('NOT_FOUND', `Teacher ${v.teacherStaffNo} does not exist.`, ['input', 'teacherStaffNo']);
  const outside = writeDenial(
    ctx.viewer,
    'exchangeAssignment',
    { regionCode: teacher.countyCode, schoolId: teacher.schoolId },
    ['input', 'teacherStaffNo'],
  );
  if (outside) throw new UserErrors([outside]);
  if (!target) fail('NOT_FOUND', `School ${v.targetSchoolCode} does not exist.`, ['input', 'targetSchoolCode']);
  if (target.id === teacher.schoolId) {
    fail('VALIDATION', `The target school is ${teacher.staffNo}'s own school; an exchange goes elsewhere.`, [
      'input',
      'targetSchoolCode',
    ]);
  }
  if (target.status === 'CLOSED')
    fail('VALIDATION', `School ${v.targetSchoolCode} is closed.`, ['input', 'targetSchoolCode']);
  return { teacher, target };
}

/** Whether the teacher is eligible (years at the school); refused where the county enforces it. */
export function checkEligibility(v: Proposal, teacher: ProposingTeacher, settings: ProposalSettings): boolean {
  const eligible = teacher.yearsAtSchool >= settings['exchange.eligibilityYears'];
  if (!eligible && settings['exchange.enforceEligibility'] && ELIGIBILITY_KINDS.has(v.kind)) {
    fail(
      'NOT_ELIGIBLE',
      `${teacher.staffNo} has ${teacher.yearsAtSchool} years at the current school; ${teacher.countyCode} requires ${settings['exchange.eligibilityYears']}.`,
      ['input', 'teacherStaffNo'],
    );
  }
  return eligible;
}

/** An itinerant posting stays under the weekly-hours cap together with the teacher's other live itinerant postings. */
export function checkHoursCap(v: Proposal, others: readonly HoursSpan[], cap: number) {
  if (v.kind !== 'ITINERANT') return;
  const peak = peakWeeklyHours(others, v.startDate, v.endDate);
  if (peak + v.weeklyHours! > cap) {
    fail(
      'OVER_CAPACITY',
      `Itinerant teaching would reach ${peak + v.weeklyHours!} hours a week (already ${peak}); the cap is ${cap} (走教课时上限).`,
      ['input', 'weeklyHours'],
    );
  }
}

/** The refusal of a ROTATION/SUPPORT overlapping another live one of the teacher (the exclusion constraint's rule). */
export function overlapConflict(v: Proposal): never {
  fail(
    'CONFLICT',
    `${v.teacherStaffNo} already has a ROTATION or SUPPORT posting overlapping ${v.startDate}–${v.endDate}.`,
    ['input', 'startDate'],
  );
}

/** The row a proposal inserts: source and target copied, the teacher's standing and the approval level fixed at proposal. */
export function proposedRow(
  ctx: Context,
  v: Proposal,
  teacher: ProposingTeacher,
  target: TargetSchool,
  eligible: boolean,
  lead: LeadAnswer,
) {
  return {
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
    sourceStageAtProposal: teacher.schoolStage,
    sourceLocalityAtProposal: teacher.schoolLocality,
    targetLocalityAtProposal: target.locality,
    targetWeakAtProposal: target.isWeak,
    allocationId: null as number | null,
    approvalLevel: lead.level,
    approvalListId: lead.listId,
    proposedBy: ctx.viewer.actor,
  } satisfies typeof exchangeAssignments.$inferInsert;
}
