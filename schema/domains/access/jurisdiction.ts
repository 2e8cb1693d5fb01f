import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { UserError } from '../../errors.js';
import { cityOf, regionLevelOf, regionPrefix } from '../organisation/codes.js';
import type { Viewer } from './viewer.js';

/**
 * The one jurisdiction check. Every read filter and every write permission in the API is
 * derived from the functions in this file; nothing else decides who sees or changes what.
 *
 * A region covers itself and every region and school whose code falls under it:
 * 430000 (province) covers 43xxxx, 430700 (city) covers 4307xx, 430721 (county) itself.
 */
export function regionCovers(root: string, code: string): boolean {
  return code.startsWith(regionPrefix(root));
}

/** Kinds of data, by sensitivity. Public organisation data vs restricted records. */
export type Entity =
  | 'region' | 'school' | 'consortium' | 'teacher' | 'auditEvent' | 'exchangeAssignment'
  | 'studentScore' | 'evaluation' | 'evaluationSubmission' | 'indicatorValue' | 'balanceAssessment'
  | 'responsibilityList' | 'responsibilityDraft' | 'rectificationTask'
  | 'resourcePool' | 'poolOffer' | 'resourceRequest' | 'resourceAllocation';
// responsibilityList = published or superseded lists (public); drafts are responsibilityDraft.
const PUBLIC_ENTITIES: ReadonlySet<Entity> = new Set(['region', 'school', 'consortium', 'indicatorValue', 'balanceAssessment', 'responsibilityList', 'resourcePool']);
/** Work in progress that only the roles allowed to write it may read (within their region). */
const WRITERS_ONLY: ReadonlySet<Entity> = new Set(['responsibilityDraft']);
/** Student scores and unpublished evaluation results: portals and evaluators get published aggregates only. */
const EVALUATION_RESTRICTED: ReadonlySet<Entity> = new Set(['studentScore', 'evaluation', 'evaluationSubmission']);
/** Named records portals never read, not even unscoped: they get aggregates (e.g. exchangeStats) only. */
const NEVER_FOR_PORTALS: ReadonlySet<Entity> = new Set(['exchangeAssignment', 'rectificationTask', 'resourceRequest', 'resourceAllocation']);

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
  if (viewer.role === 'PORTAL' && NEVER_FOR_PORTALS.has(entity)) return { kind: 'none' };
  if (WRITERS_ONLY.has(entity) && !WRITERS[entity as Exclude<Entity, 'auditEvent'>].includes(viewer.role)) return { kind: 'none' };
  if ((viewer.role === 'PORTAL' || viewer.role === 'EVALUATOR') && EVALUATION_RESTRICTED.has(entity)) return { kind: 'none' };
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
};

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
const LEVEL_OF_ROLE: Partial<Record<Viewer['role'], GovernanceLevel>> = { CITY_ADMIN: 'CITY', COUNTY_ADMIN: 'COUNTY', SCHOOL_ADMIN: 'SCHOOL' };

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
  if (viewer.role === 'SCHOOL_ADMIN') return viewer.schoolId == null ? { kind: 'none' } : { kind: 'school', schoolId: viewer.schoolId };
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
export function scopeFilter(
  scope: ReadScope,
  columns: { region: string; school?: string },
): Record<string, unknown> {
  switch (scope.kind) {
    case 'all':
      return {};
    case 'none':
      return { RAW: sql`false` };
    case 'region':
      return { [columns.region]: { like: `${scope.prefix}%` } };
    case 'school':
      return columns.school ? { [columns.school]: scope.schoolId } : { RAW: sql`false` };
  }
}

/** The read scope as a SQL condition, for hand-written queries. */
export function scopeCondition(
  scope: ReadScope,
  columns: { region: AnyPgColumn; school?: AnyPgColumn },
): SQL {
  switch (scope.kind) {
    case 'all':
      return sql`true`;
    case 'none':
      return sql`false`;
    case 'region':
      return sql`${columns.region} like ${`${scope.prefix}%`}`;
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
