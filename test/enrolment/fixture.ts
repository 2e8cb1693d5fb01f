import { and, asc, eq, inArray } from 'drizzle-orm';
import { expect } from 'vitest';
import { auditEvents } from '../../schema/domains/audit/table.js';
import {
  enrolmentAdmissions,
  enrolmentPlans,
  enrolmentSchoolPlans,
  quotaAllocations,
} from '../../schema/domains/enrolment/table.js';
import { schools } from '../../schema/domains/organisation/table.js';
import type { ResultOf, VariablesOf } from '@graphql-typed-document-node/core';
import { present, type TestServer } from '../harness.js';
import { graphql } from '../graphql/index.js';
import type { TypedDocumentString } from '../graphql/graphql.js';

/** GraphQL documents and helpers shared by the enrolment suites. */
export const ERR = 'errors { code path message }';
/** The selection of a school's plan line and of a plan (also copied into checks/plans documents). */
export const LINE = `school { code } demonstration allowedCountyCodes unifiedPlaces quotaPlaces specialtyPlaces totalPlaces admittedTotal
  allocations(first: 100) { totalCount nodes { juniorSchool { code } graduates places overridden overrideReason } }
  check { status planned admitted outsideBoundary outsideCountyCodes items { kind status message } }`;
export const PLAN = `id version status sequence title quotaShareMinPercent crossCountyAllowed basedOn { id version } schools(first: 50) { totalCount nodes { ${LINE} } }`;

graphql(`fragment EnrolmentFixtureLine on SchoolEnrolmentPlan { school { code } demonstration allowedCountyCodes unifiedPlaces quotaPlaces specialtyPlaces totalPlaces admittedTotal
  allocations(first: 100) { totalCount nodes { juniorSchool { code } graduates places overridden overrideReason } }
  check { status planned admitted outsideBoundary outsideCountyCodes items { kind status message } } }`);
graphql(`fragment EnrolmentFixturePlan on EnrolmentPlan { id version status sequence title quotaShareMinPercent crossCountyAllowed basedOn { id version }
  schools(first: 50) { totalCount nodes { ...EnrolmentFixtureLine } } }`);

export const M = {
  create: graphql(
    `mutation EnrolmentFixtureCreate($input: CreateEnrolmentPlanInput!) { createEnrolmentPlan(input: $input) { plan { ...EnrolmentFixturePlan } errors { code path message } } }`,
  ),
  policy: graphql(
    `mutation EnrolmentFixturePolicy($input: UpdateEnrolmentPolicyInput!) { updateEnrolmentPolicy(input: $input) { plan { ...EnrolmentFixturePlan } errors { code path message } } }`,
  ),
  boundary: graphql(
    `mutation EnrolmentFixtureBoundary($input: SetEnrolmentBoundaryInput!) { setEnrolmentBoundary(input: $input) { schoolPlan { ...EnrolmentFixtureLine } errors { code path message } } }`,
  ),
  places: graphql(
    `mutation EnrolmentFixturePlaces($input: SetSchoolEnrolmentPlacesInput!) { setSchoolEnrolmentPlaces(input: $input) { schoolPlan { ...EnrolmentFixtureLine } errors { code path message } } }`,
  ),
  allocate: graphql(
    `mutation EnrolmentFixtureAllocate($input: AllocateQuotaPlacesInput!) { allocateQuotaPlaces(input: $input) { schoolPlan { ...EnrolmentFixtureLine } errors { code path message } } }`,
  ),
  override: graphql(
    `mutation EnrolmentFixtureOverride($input: OverrideQuotaAllocationInput!) { overrideQuotaAllocation(input: $input) { schoolPlan { ...EnrolmentFixtureLine } errors { code path message } } }`,
  ),
  publish: graphql(
    `mutation EnrolmentFixturePublish($input: PublishEnrolmentPlanInput!) { publishEnrolmentPlan(input: $input) { plan { ...EnrolmentFixturePlan } errors { code path message } } }`,
  ),
  rectify:
    graphql(`mutation EnrolmentFixtureRectify($input: OpenEnrolmentRectificationInput!) { openEnrolmentRectification(input: $input) {
    task { id itemKey title description region { code } } errors { code path message } } }`),
  admissions:
    graphql(`mutation EnrolmentFixtureAdmissions($input: UpsertEnrolmentAdmissionsInput!) { upsertEnrolmentAdmissions(input: $input) {
    applied created updated unchanged failed results { index key status } errors { code path message } } }`),
};
export const FIELD = {
  create: 'createEnrolmentPlan',
  policy: 'updateEnrolmentPolicy',
  boundary: 'setEnrolmentBoundary',
  places: 'setSchoolEnrolmentPlaces',
  allocate: 'allocateQuotaPlaces',
  override: 'overrideQuotaAllocation',
  publish: 'publishEnrolmentPlan',
  rectify: 'openEnrolmentRectification',
  admissions: 'upsertEnrolmentAdmissions',
} as const satisfies Record<keyof typeof M, string>;

type Kind = keyof typeof M;
/** The input a kind of mutation takes, and the payload it answers. */
export type InputOf<K extends Kind> = VariablesOf<(typeof M)[K]>['input'];
/** A payload without errors: its nullable record fields hold the record. */
type Succeeded<P> = { [F in keyof P]: NonNullable<P[F]> };
type UserErrorRow = { code: string; path: string[]; message: string };
export type PayloadOf<K extends Kind> = ResultOf<(typeof M)[K]>[(typeof FIELD)[K] & keyof ResultOf<(typeof M)[K]>] & {
  errors: UserErrorRow[];
};

export function enrolmentApi(s: () => TestServer) {
  const db = () => s().db.database.db;
  async function run<K extends Kind>(kind: K, input: InputOf<K>, tok: string): Promise<PayloadOf<K>> {
    const { body } = await s().gql(
      M[kind] as unknown as TypedDocumentString<Record<string, PayloadOf<K>>, { input: InputOf<K> }>,
      { input },
      tok,
    );
    expect(body.errors).toBeUndefined();
    return present(body.data, kind)[FIELD[kind]];
  }
  /** A mutation expected to succeed: no errors, so the payload's record is there. */
  async function ok<K extends Kind>(kind: K, input: InputOf<K>, tok: string): Promise<Succeeded<PayloadOf<K>>> {
    const payload = await run(kind, input, tok);
    expect(payload.errors).toEqual([]);
    return payload as Succeeded<PayloadOf<K>>;
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
  async function refused<K extends Kind>(kind: K, input: InputOf<K>, expected: [string, string][], tok: string) {
    const before = await snapshot();
    const payload = await run(kind, input, tok);
    expect(payload.errors.map((e) => [e.code, e.path.join('.')])).toEqual(expected);
    expect(await snapshot()).toEqual(before);
    return payload;
  }
  /** Schools of a county by stage, in code order. */
  async function schoolsOf(county: string, stages: string[], extra?: { countyHighSchool?: boolean }) {
    return db()
      .select()
      .from(schools)
      .where(
        and(
          eq(schools.countyCode, county),
          inArray(schools.stage, stages as never[]),
          extra?.countyHighSchool ? eq(schools.isCountyHighSchool, true) : undefined,
        ),
      )
      .orderBy(asc(schools.code));
  }
  return { db, run, ok, refused, snapshot, schoolsOf };
}
