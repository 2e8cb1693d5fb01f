import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { UserError } from '../../errors.js';
import { cityOf, codeUnder, codeUnderFilter, regionLevelOf, regionPrefix } from '../organisation/codes.js';
import type { Viewer } from './viewer.js';

/**
 * The one jurisdiction check. Every read filter and every write permission in the API is
 * derived from the functions in this file; nothing else decides who sees or changes what.
 *
 * A region covers itself and every region and school whose code falls under it:
 * 430000 (province) covers 43xxxx, 430700 (city) covers 4307xx, 430721 (county) itself.
 *
 * A school's place is the region that runs it (schools.countyCode): a school run directly by
 * the city (市直学校, e.g. 常德市第一中学) has the city code 430700 there, so only city (and
 * province) admins write it and its teachers; the county it stands in (430702 武陵区) does not
 * cover it, although it may record that county as the school's site (siteCountyCode).
 */
export function regionCovers(root: string, code: string): boolean {
  return code.startsWith(regionPrefix(root));
}

/** Kinds of data, by sensitivity. Public organisation data vs restricted records. */
export type Entity =
  | 'region'
  | 'school'
  | 'consortium'
  | 'teacher'
  | 'auditEvent'
  | 'exchangeAssignment'
  | 'studentScore'
  | 'evaluation'
  | 'evaluationSubmission'
  | 'indicatorValue'
  | 'balanceAssessment'
  | 'responsibilityList'
  | 'responsibilityDraft'
  | 'rectificationTask'
  | 'resourcePool'
  | 'poolOffer'
  | 'resourceRequest'
  | 'resourceAllocation'
  | 'establishment'
  | 'schoolEstablishment'
  | 'establishmentRequest'
  | 'establishmentTransfer'
  | 'fundingProgramme'
  | 'fundingAllocation'
  | 'fundingPayment'
  | 'countyBudget'
  | 'spendingReport'
  | 'enrolmentPlan'
  | 'enrolmentPolicy'
  | 'enrolmentPlaces'
  | 'enrolmentAdmission'
  // Supervision (督查): see the rules below.
  | 'inspection'
  | 'inspectionFinding'
  | 'escalation'
  | 'accountabilityRecord'
  | 'reportingPeriod'
  | 'periodReport'
  | 'supervisionBulletin'
  | 'coordinationMeeting'
  | 'rapidRequest';
// responsibilityList = published or superseded lists (public); drafts are responsibilityDraft.
// Funding programmes (市级统筹专项) are published policy: public like pool catalogues.
// enrolmentPlan = published or superseded enrolment plans (public); drafts are read through
// enrolmentDraftScope and written as enrolmentPolicy (the city) and enrolmentPlaces (its counties).
const PUBLIC_ENTITIES: ReadonlySet<Entity> = new Set([
  'region',
  'school',
  'consortium',
  'indicatorValue',
  'balanceAssessment',
  'responsibilityList',
  'resourcePool',
  'fundingProgramme',
  'enrolmentPlan',
  'reportingPeriod',
]);
/**
 * Circulated to every signed-in reader (通报 is sent to all counties and published by portals):
 * supervision bulletins and region colours, computed from records the reader may not see.
 */
const CIRCULATED: ReadonlySet<Entity> = new Set(['supervisionBulletin']);
/** Work in progress that only the roles allowed to write it may read (within their region). */
const WRITERS_ONLY: ReadonlySet<Entity> = new Set(['responsibilityDraft']);
/** Student scores and unpublished evaluation results: portals and evaluators get published aggregates only. */
const EVALUATION_RESTRICTED: ReadonlySet<Entity> = new Set(['studentScore', 'evaluation', 'evaluationSubmission']);
/** Named records portals never read, not even unscoped: they get aggregates (e.g. exchangeStats) only. */
// Establishment requests and transfers, payments and spending reports carry who asked, approved
// or recorded them and their evidence: portals get the aggregate reports (countyProfile) only.
const NEVER_FOR_PORTALS: ReadonlySet<Entity> = new Set([
  'exchangeAssignment',
  'rectificationTask',
  'resourceRequest',
  'resourceAllocation',
  'establishmentRequest',
  'establishmentTransfer',
  'fundingPayment',
  'spendingReport',
  'enrolmentAdmission',
  'inspection',
  'inspectionFinding',
  'escalation',
  'accountabilityRecord',
  'periodReport',
  'coordinationMeeting',
  'rapidRequest',
]);
/**
 * Supervision records evaluators do not read by region: an EVALUATOR reads inspections and
 * findings only through a per-inspection grant (`inspectorGrantOf`), and the rest not at all.
 * Portals read bulletins and region colours (supervisionBulletin) only.
 */
const INSPECTOR_GRANTED: ReadonlySet<Entity> = new Set([
  'inspection',
  'inspectionFinding',
  'escalation',
  'accountabilityRecord',
  'periodReport',
  'coordinationMeeting',
  'rapidRequest',
]);

export type ReadScope =
  | { kind: 'all' }
  | { kind: 'none' }
  | { kind: 'region'; prefix: string }
  | { kind: 'school'; schoolId: number };

/** Which rows of an entity the viewer may read. */
export function readScope(viewer: Viewer, entity: Entity): ReadScope {
  if (viewer.kind === 'system') return { kind: 'all' };
  if (!viewer.scopes.has('read')) return { kind: 'none' };
  if (PUBLIC_ENTITIES.has(entity)) return { kind: 'all' };
  if (viewer.role === 'ANONYMOUS') return { kind: 'none' };
  if (CIRCULATED.has(entity)) return { kind: 'all' };
  if (viewer.role === 'PORTAL' && NEVER_FOR_PORTALS.has(entity)) return { kind: 'none' };
  if (WRITERS_ONLY.has(entity) && !WRITERS[entity as Exclude<Entity, 'auditEvent'>].includes(viewer.role))
    return { kind: 'none' };
  if ((viewer.role === 'PORTAL' || viewer.role === 'EVALUATOR') && EVALUATION_RESTRICTED.has(entity))
    return { kind: 'none' };
  if (viewer.role === 'EVALUATOR' && INSPECTOR_GRANTED.has(entity)) return { kind: 'none' };
  if (entity === 'auditEvent' && !viewer.scopes.has('sync')) return { kind: 'none' };
  if (viewer.role === 'SCHOOL_ADMIN') {
    if (entity === 'auditEvent' || viewer.schoolId == null) return { kind: 'none' };
    return { kind: 'school', schoolId: viewer.schoolId };
  }
  if (!viewer.regionCode) return viewer.role === 'PORTAL' ? { kind: 'all' } : { kind: 'none' };
  return { kind: 'region', prefix: regionPrefix(viewer.regionCode) };
}

/** Where a row lives, for reads and writes. */
export interface Place {
  /** The most specific region code of the row (a school's county, a region's own code). */
  regionCode: string;
  schoolId?: number | null;
}

export function canRead(viewer: Viewer, entity: Entity, place: Place): boolean {
  return scopeAdmits(readScope(viewer, entity), place);
}

/** Personal identifiers (ID number, phone): the row must be readable and the viewer hold `personal`. */
export function canSeePersonalData(viewer: Viewer, place: Place): boolean {
  if (viewer.role === 'PORTAL' || viewer.role === 'ANONYMOUS') return false;
  return viewer.scopes.has('personal') && canRead(viewer, 'teacher', place);
}

/** Entity kinds that can be written (the audit trail is written only as a side effect). */
export type WriteEntity = Exclude<Entity, 'auditEvent'>;

/** Roles that may write an entity kind (within their jurisdiction, with the write scope). */
export function writersOf(entity: WriteEntity): ReadonlyArray<Viewer['role']> {
  return WRITERS[entity];
}

const WRITERS: Record<WriteEntity, ReadonlyArray<Viewer['role']>> = {
  region: ['CITY_ADMIN'],
  school: ['CITY_ADMIN', 'COUNTY_ADMIN'],
  consortium: ['CITY_ADMIN', 'COUNTY_ADMIN'],
  teacher: ['CITY_ADMIN', 'COUNTY_ADMIN', 'SCHOOL_ADMIN'],
  exchangeAssignment: ['CITY_ADMIN', 'COUNTY_ADMIN'],
  studentScore: ['CITY_ADMIN', 'COUNTY_ADMIN'],
  evaluation: ['CITY_ADMIN'],
  evaluationSubmission: ['CITY_ADMIN', 'COUNTY_ADMIN', 'EVALUATOR'],
  indicatorValue: ['CITY_ADMIN', 'COUNTY_ADMIN'],
  // A county's 优质均衡 assessment items (政府保障程度, 教育质量, 社会认可度): the county records, the city too.
  balanceAssessment: ['CITY_ADMIN', 'COUNTY_ADMIN'],
  // Nobody edits a published list: changes make a new draft version.
  responsibilityList: [],
  responsibilityDraft: ['CITY_ADMIN'],
  rectificationTask: ['CITY_ADMIN', 'COUNTY_ADMIN', 'SCHOOL_ADMIN'],
  resourcePool: ['CITY_ADMIN'],
  poolOffer: ['CITY_ADMIN', 'COUNTY_ADMIN', 'SCHOOL_ADMIN'],
  resourceRequest: ['CITY_ADMIN', 'COUNTY_ADMIN', 'SCHOOL_ADMIN'],
  // Which level matches follows the responsibility list (RESOURCES.POOL_MATCHING); see pools/services.
  resourceAllocation: ['CITY_ADMIN', 'COUNTY_ADMIN'],
  // 编制核定: the city sets the holdings of its pool and counties; transfers move them (市级统筹).
  establishment: ['CITY_ADMIN'],
  // 县管校聘: a county assigns its posts to its schools (the city may too).
  schoolEstablishment: ['CITY_ADMIN', 'COUNTY_ADMIN'],
  // 县级申报: a county asks for posts or offers surplus; the city decides.
  establishmentRequest: ['CITY_ADMIN', 'COUNTY_ADMIN'],
  // Who approves follows the responsibility list (STAFFING.QUOTA_ADJUSTMENT); see staffing/services.
  establishmentTransfer: ['CITY_ADMIN', 'COUNTY_ADMIN'],
  fundingProgramme: ['CITY_ADMIN'],
  // Who allocates follows the responsibility list (FUNDING.CITY_COORDINATION).
  fundingAllocation: ['CITY_ADMIN', 'COUNTY_ADMIN'],
  // Disbursements are the city's, matching (县级配套) the county's: see funding/services/recordFundingPayment.
  fundingPayment: ['CITY_ADMIN', 'COUNTY_ADMIN'],
  countyBudget: ['CITY_ADMIN', 'COUNTY_ADMIN'],
  spendingReport: ['CITY_ADMIN', 'COUNTY_ADMIN'],
  // Nobody edits a published enrolment plan: amendments are new versions.
  enrolmentPlan: [],
  // The city sets the unified policy, boundaries and 指标到校 allocation, and publishes (ENROLMENT.ADMISSION_QUOTA).
  enrolmentPolicy: ['CITY_ADMIN'],
  // Counties fill in their schools' places in the city's draft.
  enrolmentPlaces: ['CITY_ADMIN', 'COUNTY_ADMIN'],
  enrolmentAdmission: ['CITY_ADMIN', 'COUNTY_ADMIN'],
  // The city plans inspections of counties and schools, a county of its own schools.
  inspection: ['CITY_ADMIN', 'COUNTY_ADMIN'],
  // Inspectors (EVALUATOR) only on inspections they are assigned to: see findingWriteDenial.
  inspectionFinding: ['CITY_ADMIN', 'COUNTY_ADMIN', 'EVALUATOR'],
  escalation: ['CITY_ADMIN'],
  accountabilityRecord: ['CITY_ADMIN'],
  reportingPeriod: ['CITY_ADMIN'],
  periodReport: ['CITY_ADMIN', 'COUNTY_ADMIN'],
  // Bulletins are computed from tasks and reports; nobody writes them.
  supervisionBulletin: [],
  coordinationMeeting: ['CITY_ADMIN', 'COUNTY_ADMIN'],
  // A county asks (快速响应), the city answers; the verbs check which side the caller is.
  rapidRequest: ['CITY_ADMIN', 'COUNTY_ADMIN'],
};

/**
 * Inspectors (督查人员: third-party assessors, 教育观察员) hold EVALUATOR tokens and are
 * assigned per inspection by token subject. Their grant is the actor id the inspection lists;
 * null for every other caller (who read by region through readScope).
 */
export function inspectorGrantOf(viewer: Viewer): string | null {
  return viewer.kind !== 'system' && viewer.role === 'EVALUATOR' && viewer.scopes.has('read') ? viewer.actor : null;
}

/**
 * Who records findings of an inspection: its planner's level inside the planner's jurisdiction
 * (city or county bureau), or an inspector assigned to that inspection — never an evaluator
 * who is not on it.
 */
export function findingWriteDenial(
  viewer: Viewer,
  inspection: { place: Place; inspectors: readonly string[] },
  path: (string | number)[] = [],
): UserError | null {
  if (viewer.kind === 'system') return null;
  const denied = roleDenial(viewer, 'inspectionFinding');
  if (denied) return denied.under(path);
  if (viewer.role === 'EVALUATOR') {
    return inspection.inspectors.includes(viewer.actor)
      ? null
      : new UserError('FORBIDDEN', 'Only inspectors assigned to this inspection record or change its findings.', path);
  }
  return writeDenial(viewer, 'inspection', inspection.place, path);
}

/** Null when allowed; otherwise the FORBIDDEN error to report (at `path`). */
export function writeDenial(
  viewer: Viewer,
  entity: Exclude<Entity, 'auditEvent'>,
  place: Place,
  path: (string | number)[] = [],
): UserError | null {
  if (viewer.kind === 'system') return null;
  const denied = roleDenial(viewer, entity);
  if (denied) return denied.under(path);
  if (!inside(viewer, place)) {
    const where = viewer.role === 'SCHOOL_ADMIN' ? `school ${viewer.schoolCode}` : `region ${viewer.regionCode}`;
    return new UserError('FORBIDDEN', `Outside your jurisdiction (${where}): ${place.regionCode}.`, path);
  }
  return null;
}

/** The viewer's own jurisdiction holds the place: its school, or its region and everything under it. */
function inside(viewer: Viewer, place: Place): boolean {
  return viewer.role === 'SCHOOL_ADMIN'
    ? place.schoolId != null && place.schoolId === viewer.schoolId
    : viewer.regionCode != null && regionCovers(viewer.regionCode, place.regionCode);
}

/**
 * Governance levels of a responsibility list (市级 / 县级 / 学校) and the role that acts at each:
 * the one rule joining who-leads-what to people. Portals, evaluators, anonymous and system
 * callers act at no level (the system is let through by each check instead).
 */
export type GovernanceLevel = 'CITY' | 'COUNTY' | 'SCHOOL';
const LEVEL_OF_ROLE: Partial<Record<Viewer['role'], GovernanceLevel>> = {
  CITY_ADMIN: 'CITY',
  COUNTY_ADMIN: 'COUNTY',
  SCHOOL_ADMIN: 'SCHOOL',
};

export function levelOf(viewer: Viewer): GovernanceLevel | null {
  return LEVEL_OF_ROLE[viewer.role] ?? null;
}

/** Level of the unit at a place: a school, or the region's bureau (a province's counts as a city's). */
export function unitLevelOf(place: Place): GovernanceLevel {
  if (place.schoolId != null) return 'SCHOOL';
  return regionLevelOf(place.regionCode) === 'COUNTY' ? 'COUNTY' : 'CITY';
}

/** Whether the viewer acts at `level` over the place: that level's role, with the place inside its jurisdiction. */
export function actsAt(viewer: Viewer, level: GovernanceLevel, place: Place): boolean {
  if (viewer.kind === 'system') return true;
  return levelOf(viewer) === level && inside(viewer, place);
}

/** Whether the viewer is the unit at the place itself: that school, or that region's own bureau (not one above it). */
export function isUnitAt(viewer: Viewer, place: Place): boolean {
  if (levelOf(viewer) !== unitLevelOf(place)) return false;
  return place.schoolId != null ? viewer.schoolId === place.schoolId : viewer.regionCode === place.regionCode;
}

/**
 * Internal (unpublished) offers of shared-resource pools (资源共享池): every city or county
 * admin of the pool's city sees them, so a county is pointed at what the pool already holds
 * before it buys (避免重复采购); a school sees its own. Everyone else sees published offers only.
 * The returned scope is matched against the offer's county and school.
 */
export function internalOfferScope(viewer: Viewer): ReadScope {
  if (viewer.kind === 'system') return { kind: 'all' };
  if (!viewer.scopes.has('read')) return { kind: 'none' };
  if (viewer.role === 'SCHOOL_ADMIN')
    return viewer.schoolId == null ? { kind: 'none' } : { kind: 'school', schoolId: viewer.schoolId };
  if ((viewer.role === 'CITY_ADMIN' || viewer.role === 'COUNTY_ADMIN') && viewer.regionCode) {
    return { kind: 'region', prefix: regionPrefix(cityOf(viewer.regionCode)) };
  }
  return { kind: 'none' };
}

/**
 * Draft enrolment plans (招生计划草稿): the city's admins write the policy and every county
 * admin of that city fills in its schools' places, so both read the whole draft. Matched
 * against the plan's city code. Everyone else reads published versions only.
 */
export function enrolmentDraftScope(viewer: Viewer): ReadScope {
  if (viewer.kind === 'system') return { kind: 'all' };
  if (!viewer.scopes.has('read')) return { kind: 'none' };
  if ((viewer.role === 'CITY_ADMIN' || viewer.role === 'COUNTY_ADMIN') && viewer.regionCode) {
    return { kind: 'region', prefix: regionPrefix(cityOf(viewer.regionCode)) };
  }
  return { kind: 'none' };
}

export function scopeAdmitsPlace(scope: ReadScope, place: Place): boolean {
  return scopeAdmits(scope, place);
}

function scopeAdmits(scope: ReadScope, place: Place): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'none':
      return false;
    case 'region':
      return place.regionCode.startsWith(scope.prefix);
    case 'school':
      return place.schoolId === scope.schoolId;
  }
}

/** The read scope as a drizzle relational-query filter over a table's region/school columns. */
export function scopeFilter(scope: ReadScope, columns: { region: string; school?: string }): Record<string, unknown> {
  switch (scope.kind) {
    case 'all':
      return {};
    case 'none':
      return { RAW: sql`false` };
    case 'region':
      return { [columns.region]: codeUnderFilter(scope.prefix) };
    case 'school':
      return columns.school ? { [columns.school]: scope.schoolId } : { RAW: sql`false` };
  }
}

/** The read scope as a SQL condition, for hand-written queries. */
export function scopeCondition(scope: ReadScope, columns: { region: AnyPgColumn; school?: AnyPgColumn }): SQL {
  switch (scope.kind) {
    case 'all':
      return sql`true`;
    case 'none':
      return sql`false`;
    case 'region':
      return codeUnder(columns.region, scope.prefix);
    case 'school':
      return columns.school ? sql`${columns.school} = ${scope.schoolId}` : sql`false`;
  }
}

/** Role/scope part of the write check, for rejecting a whole batch before looking at rows. */
export function roleDenial(viewer: Viewer, entity: Exclude<Entity, 'auditEvent'>): UserError | null {
  if (viewer.kind === 'system') return null;
  if (viewer.role === 'ANONYMOUS') {
    return new UserError('UNAUTHENTICATED', 'Sign in to change data (a bearer token is required).');
  }
  if (!viewer.scopes.has('write') || !WRITERS[entity].includes(viewer.role)) {
    return new UserError('FORBIDDEN', `Role ${viewer.role} may not change ${entity} records.`);
  }
  return null;
}
