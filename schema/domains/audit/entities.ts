import type { WriteEntity } from '../access/jurisdiction.js';

/**
 * The audit vocabulary: every entity type the audit trail records and the change feed serves,
 * each with the jurisdiction kind (access/jurisdiction.ts) whose permission writes it. The
 * name is the GraphQL type's (PascalCase); the two records without a type of their own are
 * named the same way: EvaluationSubmission (the scores an invitee submitted) and
 * StudentScoreImport (one school's rows of an import batch: which student keys, never scores).
 *
 * `recordChanges` and `upsertAudited` take only these names, so a new audited entity is added
 * here first — and a free string does not compile.
 */
export const AUDITED_ENTITIES = {
  Region: 'region',
  RegionSetting: 'region',
  School: 'school',
  Teacher: 'teacher',
  Consortium: 'consortium',
  ExchangeAssignment: 'exchangeAssignment',
  ExchangeRegister: 'exchangeAssignment',
  EvaluationCycle: 'evaluation',
  EvaluationFramework: 'evaluation',
  EvaluationInvitation: 'evaluation',
  EvaluationSubmission: 'evaluationSubmission',
  StudentScoreImport: 'studentScore',
  SchoolIndicatorValue: 'indicatorValue',
  SchoolYearFact: 'indicatorValue',
  CountyAssessmentItem: 'balanceAssessment',
  ResponsibilityList: 'responsibilityDraft',
  ResponsibilityItem: 'responsibilityDraft',
  RectificationTask: 'rectificationTask',
  ResourcePool: 'resourcePool',
  PoolResource: 'poolOffer',
  ResourceRequest: 'resourceRequest',
  ResourceAllocation: 'resourceAllocation',
  EstablishmentHolding: 'establishment',
  SchoolEstablishment: 'schoolEstablishment',
  EstablishmentRequest: 'establishmentRequest',
  EstablishmentTransfer: 'establishmentTransfer',
  FundingProgramme: 'fundingProgramme',
  FundingAllocation: 'fundingAllocation',
  FundingPayment: 'fundingPayment',
  CountyEducationBudget: 'countyBudget',
  SpendingReport: 'spendingReport',
  EnrolmentPlan: 'enrolmentPolicy',
  SchoolEnrolmentPlan: 'enrolmentPlaces',
  EnrolmentAdmission: 'enrolmentAdmission',
  Inspection: 'inspection',
  Inspector: 'inspection',
  InspectionFinding: 'inspectionFinding',
  Escalation: 'escalation',
  ReportingPeriod: 'reportingPeriod',
  PeriodReport: 'periodReport',
  CoordinationMeeting: 'coordinationMeeting',
  MeetingDecision: 'coordinationMeeting',
  RapidResponseRequest: 'rapidRequest',
} as const satisfies Record<string, WriteEntity>;

export type AuditedEntity = keyof typeof AUDITED_ENTITIES;

/** The closed list, e.g. for checking stored events or documenting the feed. */
export const AUDITED_ENTITY_TYPES = Object.keys(AUDITED_ENTITIES) as AuditedEntity[];

/** The jurisdiction kind of an audited entity (whose writers change it). */
export function jurisdictionOf(entityType: AuditedEntity): WriteEntity {
  return AUDITED_ENTITIES[entityType];
}
