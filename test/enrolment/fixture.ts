import { and, asc, eq, inArray } from 'drizzle-orm';
import { expect } from 'vitest';
import { auditEvents } from '../../schema/domains/audit/table.js';
import { enrolmentAdmissions, enrolmentPlans, enrolmentSchoolPlans, quotaAllocations } from '../../schema/domains/enrolment/table.js';
import { schools } from '../../schema/domains/organisation/table.js';
import type { TestServer } from '../harness.js';

/** GraphQL documents and helpers shared by the enrolment suites. */
export const ERR = 'errors { code path message }';
export const LINE = `school { code } demonstration allowedCountyCodes unifiedPlaces quotaPlaces specialtyPlaces totalPlaces admittedTotal
  allocations(first: 100) { totalCount nodes { juniorSchool { code } graduates places overridden overrideReason } }
  check { status planned admitted outsideBoundary outsideCountyCodes items { kind status message } }`;
export const PLAN = `id version status sequence title quotaShareMinPercent crossCountyAllowed basedOn { id version } schools(first: 50) { totalCount nodes { ${LINE} } }`;
export const M = {
  create: `mutation($input: CreateEnrolmentPlanInput!) { createEnrolmentPlan(input: $input) { plan { ${PLAN} } ${ERR} } }`,
  policy: `mutation($input: UpdateEnrolmentPolicyInput!) { updateEnrolmentPolicy(input: $input) { plan { ${PLAN} } ${ERR} } }`,
  boundary: `mutation($input: SetEnrolmentBoundaryInput!) { setEnrolmentBoundary(input: $input) { schoolPlan { ${LINE} } ${ERR} } }`,
  places: `mutation($input: SetSchoolEnrolmentPlacesInput!) { setSchoolEnrolmentPlaces(input: $input) { schoolPlan { ${LINE} } ${ERR} } }`,
  allocate: `mutation($input: AllocateQuotaPlacesInput!) { allocateQuotaPlaces(input: $input) { schoolPlan { ${LINE} } ${ERR} } }`,
  override: `mutation($input: OverrideQuotaAllocationInput!) { overrideQuotaAllocation(input: $input) { schoolPlan { ${LINE} } ${ERR} } }`,
  publish: `mutation($input: PublishEnrolmentPlanInput!) { publishEnrolmentPlan(input: $input) { plan { ${PLAN} } ${ERR} } }`,
  rectify: `mutation($input: OpenEnrolmentRectificationInput!) { openEnrolmentRectification(input: $input) { task { id itemKey title description region { code } } ${ERR} } }`,
  admissions: `mutation($input: UpsertEnrolmentAdmissionsInput!) { upsertEnrolmentAdmissions(input: $input) { applied created updated unchanged failed results { index key status } ${ERR} } }`,
};
export const FIELD: Record<keyof typeof M, string> = {
  create: 'createEnrolmentPlan',
  policy: 'updateEnrolmentPolicy',
  boundary: 'setEnrolmentBoundary',
  places: 'setSchoolEnrolmentPlaces',
  allocate: 'allocateQuotaPlaces',
  override: 'overrideQuotaAllocation',
  publish: 'publishEnrolmentPlan',
  rectify: 'openEnrolmentRectification',
  admissions: 'upsertEnrolmentAdmissions',
};

export function enrolmentApi(s: () => TestServer) {
  const db = () => s().db.database.db;
  async function run(kind: keyof typeof M, input: Record<string, unknown>, tok: string) {
    const { body } = await s().gql(M[kind], { input }, tok);
    expect(body.errors).toBeUndefined();
    return body.data[FIELD[kind]];
  }
  async function ok(kind: keyof typeof M, input: Record<string, unknown>, tok: string) {
    const payload = await run(kind, input, tok);
    expect(payload.errors).toEqual([]);
    return payload;
  }
  /** Every row of the domain's tables and the audit count: a refused call leaves them all as they were. */
  async function snapshot() {
    const [plans, lines, allocations, admissions, audit] = await Promise.all([
      db().select().from(enrolmentPlans).orderBy(enrolmentPlans.id),
      db().select().from(enrolmentSchoolPlans).orderBy(enrolmentSchoolPlans.id),
      db().select().from(quotaAllocations).orderBy(quotaAllocations.id),
      db().select().from(enrolmentAdmissions).orderBy(enrolmentAdmissions.id),
      db().$count(auditEvents),
    ]);
    return { plans, lines, allocations, admissions, audit };
  }
  /** A mutation expected to fail with exactly these [code, path] errors, changing nothing. */
  async function refused(kind: keyof typeof M, input: Record<string, unknown>, expected: [string, string][], tok: string) {
    const before = await snapshot();
    const payload = await run(kind, input, tok);
    expect(payload.errors.map((e: any) => [e.code, e.path.join('.')])).toEqual(expected);
    expect(await snapshot()).toEqual(before);
    return payload;
  }
  /** Schools of a county by stage, in code order. */
  async function schoolsOf(county: string, stages: string[], extra?: { countyHighSchool?: boolean }) {
    return db()
      .select()
      .from(schools)
      .where(and(eq(schools.countyCode, county), inArray(schools.stage, stages as never[]), extra?.countyHighSchool ? eq(schools.isCountyHighSchool, true) : undefined))
      .orderBy(asc(schools.code));
  }
  return { db, run, ok, refused, snapshot, schoolsOf };
}
