import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { backboneLevel, locality, regions, schoolStage, schools, teachers } from '../organisation/table.js';
import { resourceAllocations } from '../pools/table.js';

/** 交流轮岗 / 走教 / 支教 / 跟岗. ROTATION and SUPPORT are exclusive per teacher in time. */
export const exchangeKind = pgEnum('exchange_kind', ['ROTATION', 'ITINERANT', 'SUPPORT', 'SHADOWING']);
export const exchangeStatus = pgEnum('exchange_status', [
  'PROPOSED',
  'APPROVED',
  'ACTIVE',
  'COMPLETED',
  'REJECTED',
  'CANCELLED',
]);
/** Level whose bureau approves (from the responsibility list): the city or the county. */
export const exchangeApprovalLevel = pgEnum('exchange_approval_level', ['CITY', 'COUNTY', 'SCHOOL']);

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });

/**
 * One posting of a teacher to another school. Source and target school and county are
 * copied at proposal time (the teacher's home school then), so jurisdiction filters and
 * statistics need no joins and do not shift when the teacher later moves.
 *
 * The no-overlap rule for ROTATION/SUPPORT lives in the database as an exclusion constraint
 * (migration `exchange_assignments_no_overlap_constraint`): drizzle-kit cannot express it, so it is not declared here.
 */
export const exchangeAssignments = pgTable(
  'exchange_assignments',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    teacherId: integer('teacher_id')
      .notNull()
      .references(() => teachers.id),
    kind: exchangeKind('kind').notNull(),
    status: exchangeStatus('status').notNull().default('PROPOSED'),
    sourceSchoolId: integer('source_school_id')
      .notNull()
      .references(() => schools.id),
    sourceCountyCode: text('source_county_code')
      .notNull()
      .references(() => regions.code),
    targetSchoolId: integer('target_school_id')
      .notNull()
      .references(() => schools.id),
    targetCountyCode: text('target_county_code')
      .notNull()
      .references(() => regions.code),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    /** Planned last day (inclusive). */
    endDate: date('end_date', { mode: 'string' }).notNull(),
    subject: text('subject'),
    /** ITINERANT only: hours per week taught at the target school. */
    weeklyHours: integer('weekly_hours'),
    reason: text('reason').notNull(),
    /** Snapshots at proposal, so reports on past years do not drift with the teacher register. */
    yearsAtSchoolAtProposal: integer('years_at_school_at_proposal').notNull(),
    backboneLevelAtProposal: backboneLevel('backbone_level_at_proposal').notNull(),
    eligibleAtProposal: boolean('eligible_at_proposal').notNull(),
    /**
     * The sending and receiving schools as they stood at proposal (stage of the sending school,
     * localities, whether the receiving school was designated weak), so the statistics of a
     * school year keep their figures when schools are later reclassified. Null on rows proposed
     * before these were recorded: the statistics then read the schools as they are.
     */
    sourceStageAtProposal: schoolStage('source_stage_at_proposal'),
    sourceLocalityAtProposal: locality('source_locality_at_proposal'),
    targetLocalityAtProposal: locality('target_locality_at_proposal'),
    targetWeakAtProposal: boolean('target_weak_at_proposal'),
    /** The shared-resource allocation (TEACHER_EXCHANGE pool) this posting implements, when it came from one. */
    allocationId: integer('allocation_id').references(() => resourceAllocations.id),
    approvalLevel: exchangeApprovalLevel('approval_level').notNull(),
    /** Published responsibility list that decided the approval level; null when the documented default did. */
    approvalListId: integer('approval_list_id'),
    proposedBy: text('proposed_by').notNull(),
    proposedAt: ts('proposed_at').notNull().defaultNow(),
    decidedBy: text('decided_by'),
    decidedAt: ts('decided_at'),
    decisionNote: text('decision_note'),
    startedBy: text('started_by'),
    startedAt: ts('started_at'),
    completedBy: text('completed_by'),
    completedAt: ts('completed_at'),
    /** Actual last day when completed (may be before endDate when ended early). */
    endedOn: date('ended_on', { mode: 'string' }),
    cancelledBy: text('cancelled_by'),
    cancelledAt: ts('cancelled_at'),
    cancelReason: text('cancel_reason'),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    check('exchange_source_ne_target', sql`${t.sourceSchoolId} <> ${t.targetSchoolId}`),
    check('exchange_dates_ordered', sql`${t.endDate} >= ${t.startDate}`),
    check(
      'exchange_weekly_hours',
      sql`(${t.kind} = 'ITINERANT') = (${t.weeklyHours} is not null) and (${t.weeklyHours} is null or ${t.weeklyHours} between 1 and 40)`,
    ),
    index('exchange_teacher_idx').on(t.teacherId, t.startDate),
    // Teacher.activeExchangeCount is counted for every teacher of a portal page; ACTIVE rows are
    // few, so this small index answers each count without touching the table.
    index('exchange_active_teacher_idx').on(t.teacherId).where(sql`${t.status} = 'ACTIVE'`),
    index('exchange_source_school_idx').on(t.sourceSchoolId),
    index('exchange_target_school_idx').on(t.targetSchoolId),
    index('exchange_source_county_idx').on(t.sourceCountyCode, t.startDate),
    index('exchange_target_county_idx').on(t.targetCountyCode),
    index('exchange_allocation_idx').on(t.allocationId),
  ],
);

export type ExchangeAssignment = typeof exchangeAssignments.$inferSelect;

/**
 * The teacher register of a school year as the exchange statistics count it (交流轮岗年度名册):
 * each teacher's home school, its stage, the county running it, years at the school and
 * backbone level, recorded by recordExchangeRegister. Once a county's register of year Y is
 * recorded, its eligible population for Y comes from here, so later moves, promotions and
 * school changes do not alter a past year's figures. Teachers of closed schools are not listed.
 */
export const exchangeRegisterEntries = pgTable(
  'exchange_register_entries',
  {
    year: integer('year').notNull(),
    teacherId: integer('teacher_id')
      .notNull()
      .references(() => teachers.id),
    schoolId: integer('school_id')
      .notNull()
      .references(() => schools.id),
    countyCode: text('county_code')
      .notNull()
      .references(() => regions.code),
    schoolStage: schoolStage('school_stage').notNull(),
    yearsAtSchool: integer('years_at_school').notNull(),
    backboneLevel: backboneLevel('backbone_level').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.year, t.teacherId] }),
    index('exchange_register_county_idx').on(t.countyCode, t.year),
  ],
);
