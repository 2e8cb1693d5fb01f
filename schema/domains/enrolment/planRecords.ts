import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../context.js';
import { fail } from '../../errors.js';
import { canRead, enrolmentDraftScope, scopeAdmitsPlace } from '../access/jurisdiction.js';
import type { Viewer } from '../access/viewer.js';
import { schools } from '../organisation/table.js';
import { enrolmentPlans, enrolmentSchoolPlans, quotaAllocations } from './table.js';

export type PlanRow = typeof enrolmentPlans.$inferSelect;
export type LineRow = typeof enrolmentSchoolPlans.$inferSelect;
export type AllocationRow = typeof quotaAllocations.$inferSelect;
export type SchoolRow = typeof schools.$inferSelect;

export const PLAN_TYPE = 'EnrolmentPlan';

/** Natural key of a plan version: city:year-stage-sequence, e.g. 430700:2026-SENIOR-1. */
export function planKey(p: Pick<PlanRow, 'regionCode' | 'year' | 'stage' | 'sequence'>): string {
  return `${p.regionCode}:${p.year}-${p.stage}-${p.sequence}`;
}

export function planSnapshot(p: PlanRow) {
  return {
    regionCode: p.regionCode,
    year: p.year,
    stage: p.stage,
    sequence: p.sequence,
    title: p.title,
    status: p.status,
    quotaShareMinPercent: p.quotaShareMinPercent,
    crossCountyAllowed: p.crossCountyAllowed,
    basedOnId: p.basedOnId,
  };
}

/** Drafts: the city's and its counties' admins; published and superseded versions: every reader. */
export function canReadPlan(viewer: Viewer, plan: Pick<PlanRow, 'status' | 'regionCode'>): boolean {
  if (plan.status === 'DRAFT') return scopeAdmitsPlace(enrolmentDraftScope(viewer), { regionCode: plan.regionCode });
  return canRead(viewer, 'enrolmentPlan', { regionCode: plan.regionCode });
}

/** A school's line with its school code and allocations (junior school codes), as a full record. */
export interface LineContent {
  line: LineRow;
  schoolCode: string;
  allocations: (AllocationRow & { juniorSchoolCode: string })[];
}

export function lineKey(plan: Parameters<typeof planKey>[0], schoolCode: string): string {
  return `${planKey(plan)}:${schoolCode}`;
}

/** The audit snapshot of a school's line: boundary, places and every allocation, by school codes. */
export function lineSnapshot(c: LineContent) {
  return {
    schoolCode: c.schoolCode,
    demonstration: c.line.demonstration,
    allowedCountyCodes: c.line.allowedCountyCodes,
    unifiedPlaces: c.line.unifiedPlaces,
    quotaPlaces: c.line.quotaPlaces,
    specialtyPlaces: c.line.specialtyPlaces,
    allocations: c.allocations.map((a) => ({
      juniorSchoolCode: a.juniorSchoolCode,
      graduates: a.graduates,
      places: a.places,
      overridePlaces: a.overridePlaces,
      overrideReason: a.overrideReason,
    })),
  };
}

/** Lines of plans with school codes and allocations: three statements whatever the size. */
export async function loadLines(db: DbOrTx, planIds: number[]): Promise<Map<number, LineContent[]>> {
  const out = new Map<number, LineContent[]>(planIds.map((id) => [id, []]));
  if (!planIds.length) return out;
  const lines = await db
    .select({ line: enrolmentSchoolPlans, schoolCode: schools.code })
    .from(enrolmentSchoolPlans)
    .innerJoin(schools, eq(schools.id, enrolmentSchoolPlans.schoolId))
    .where(inArray(enrolmentSchoolPlans.planId, planIds))
    .orderBy(asc(schools.code));
  const allocations = lines.length
    ? await loadAllocations(
        db,
        lines.map((l) => l.line.id),
      )
    : new Map();
  for (const l of lines)
    out
      .get(l.line.planId)!
      .push({ line: l.line, schoolCode: l.schoolCode, allocations: allocations.get(l.line.id) ?? [] });
  return out;
}

async function loadAllocations(db: DbOrTx, lineIds: number[]) {
  const rows = await db
    .select({ a: quotaAllocations, code: schools.code })
    .from(quotaAllocations)
    .innerJoin(schools, eq(schools.id, quotaAllocations.juniorSchoolId))
    .where(inArray(quotaAllocations.schoolPlanId, lineIds))
    .orderBy(asc(schools.code));
  const out = new Map<number, LineContent['allocations']>();
  for (const r of rows)
    out.set(r.a.schoolPlanId, [...(out.get(r.a.schoolPlanId) ?? []), { ...r.a, juniorSchoolCode: r.code }]);
  return out;
}

/**
 * The plan a writer is changing, locked for the rest of the transaction. Unknown plans and
 * drafts the caller may not read are NOT_FOUND alike; a published or superseded plan is
 * INVALID_STATE: it is immutable, and amendments are new versions.
 */
export async function lockDraftPlan(
  tx: DbOrTx,
  viewer: Viewer,
  planId: number,
  path: (string | number)[],
): Promise<PlanRow> {
  const [plan] = await tx.select().from(enrolmentPlans).where(eq(enrolmentPlans.id, planId)).for('update');
  if (!plan || !canReadPlan(viewer, plan)) fail('NOT_FOUND', `Enrolment plan ${planId} does not exist.`, path);
  if (plan.status !== 'DRAFT') {
    fail(
      'INVALID_STATE',
      `Plan ${planKey(plan)} is ${plan.status}: a published plan is immutable; amend it by creating a new version from it.`,
      path,
    );
  }
  return plan;
}

export async function schoolByCode(db: DbOrTx, code: string): Promise<SchoolRow | undefined> {
  const [school] = await db.select().from(schools).where(eq(schools.code, code));
  return school;
}

/** A school's line of the plan, locked, with its content; NOT_FOUND when the city has not listed the school. */
export async function lockLine(
  tx: DbOrTx,
  plan: PlanRow,
  school: SchoolRow,
  path: (string | number)[],
): Promise<LineContent> {
  const [line] = await tx
    .select()
    .from(enrolmentSchoolPlans)
    .where(and(eq(enrolmentSchoolPlans.planId, plan.id), eq(enrolmentSchoolPlans.schoolId, school.id)))
    .for('update');
  if (!line)
    fail(
      'NOT_FOUND',
      `Plan ${planKey(plan)} does not list school ${school.code}; the city sets its boundary first.`,
      path,
    );
  return readLine(tx, line, school.code);
}

export async function readLine(db: DbOrTx, line: LineRow, schoolCode: string): Promise<LineContent> {
  const allocations = (await loadAllocations(db, [line.id])).get(line.id) ?? [];
  return { line, schoolCode, allocations };
}

export async function touchPlan(tx: DbOrTx, planId: number) {
  await tx.update(enrolmentPlans).set({ updatedAt: new Date().toISOString() }).where(eq(enrolmentPlans.id, planId));
}

/** Stages a school may have to be listed in a plan of a stage. */
export const STAGES_ADMITTING: Record<'SENIOR' | 'JUNIOR', readonly string[]> = {
  SENIOR: ['SENIOR', 'TWELVE_YEAR'],
  JUNIOR: ['JUNIOR', 'NINE_YEAR', 'TWELVE_YEAR'],
};
/** Stages a school may have to send graduates into a plan of a stage (指标到校 receivers). */
export const STAGES_SENDING: Record<'SENIOR' | 'JUNIOR', readonly string[]> = {
  SENIOR: ['JUNIOR', 'NINE_YEAR', 'TWELVE_YEAR'],
  JUNIOR: ['PRIMARY', 'NINE_YEAR', 'TWELVE_YEAR'],
};
