import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../schema/domains/access/viewer.js';
import {
  createSamples,
  describeOutcome,
  fingerprint,
  mutations,
  QUERY_OPTIONALS,
  queries,
  queryCall,
  refusedForRights,
  runMutation,
  sampleNotFound,
  type Outcome,
  type Samples,
} from './matrix.js';
import { rowsOf } from '../../schema/domains/evaluation/sqlRows.js';
import { DEMO, startTestServer, token, type TestServer } from '../harness.js';
import { graphql } from '../graphql/index.js';

/**
 * The admin roles × inside / outside their jurisdiction, for every mutation and every query,
 * generated from the schema (test/access/matrix.ts) and aimed at real objects of 安乡县.
 * Outside (another city, another county, a school of another county) every mutation is
 * refused and nothing changes; inside, no mutation is refused for lack of rights except the
 * few listed in REFUSED_INSIDE, which need another level; and no query gives an outside admin
 * 安乡's teachers' ID or mobile numbers or its students' scores.
 */
type AdminRole = Extract<Role, `${string}_ADMIN`>;
const ADMIN_ROLES = ROLES.filter((r): r is AdminRole => r.endsWith('_ADMIN'));
const OTHER_CITY = '430600'; // 岳阳市: a city admin there has no say over 常德

/**
 * Mutations an admin may not use even inside its jurisdiction, because another level does
 * that job. Every other (mutation, admin role) pair inside must get past authorisation.
 */
const REFUSED_INSIDE: { roles: AdminRole[]; mutations: string[]; why: string }[] = [
  {
    roles: ['SCHOOL_ADMIN'],
    mutations: ['designateWeakSchool', 'recordExchangeRegister'],
    why:
      'a school is designated weak (薄弱学校) by its running region, and the year’s exchange ' +
      'register is the bureau’s (WRITERS.school, WRITERS.exchangeAssignment)',
  },
  {
    roles: ['COUNTY_ADMIN', 'SCHOOL_ADMIN'],
    mutations: ['upsertRegions', 'setRegionSetting', 'createResourcePool'],
    why: 'regions, their policy settings and the shared pools are the city’s (WRITERS.region, WRITERS.resourcePool)',
  },
  {
    roles: ['COUNTY_ADMIN', 'SCHOOL_ADMIN'],
    mutations: [
      'createResponsibilityList',
      'addResponsibilityItem',
      'updateResponsibilityItem',
      'removeResponsibilityItem',
      'assignResponsibility',
      'publishResponsibilityList',
    ],
    why: 'the city drafts and publishes the 权责清单 (WRITERS.responsibilityDraft)',
  },
  {
    roles: ['COUNTY_ADMIN', 'SCHOOL_ADMIN'],
    mutations: [
      'createEvaluationCycle',
      'createEvaluationFramework',
      'inviteEvaluators',
      'computeValueAdded',
      'closeEvaluationCycle',
    ],
    why: 'the city organises evaluation (WRITERS.evaluation)',
  },
  {
    roles: ['COUNTY_ADMIN', 'SCHOOL_ADMIN'],
    mutations: ['allocateResource', 'autoMatchRequests', 'releaseAllocation', 'rejectResourceRequest'],
    why: 'the published list has the city lead RESOURCES.POOL_MATCHING (市级统筹匹配)',
  },
  {
    roles: ['COUNTY_ADMIN', 'SCHOOL_ADMIN'],
    mutations: ['acceptTask', 'rejectTask'],
    why: 'tasks are accepted by the item’s supervising level, the city on PLANNING.SCHOOL_STANDARDS',
  },
  {
    roles: ['CITY_ADMIN', 'SCHOOL_ADMIN'],
    mutations: ['approveExchange', 'rejectExchange'],
    why: 'the published list has the county lead EXCHANGE.WITHIN_COUNTY, and the sample stays inside 安乡',
  },
  {
    roles: ['SCHOOL_ADMIN'],
    mutations: [
      'proposeExchange',
      'cancelExchange',
      'startExchange',
      'completeExchange',
      'createRectificationTask',
      'upsertSchools',
      'upsertConsortia',
      'upsertIndicatorValues',
      'upsertSchoolYearFacts',
      'upsertCountyAssessmentItems',
      'importStudentScores',
    ],
    why:
      'bureaus run exchanges, assign tasks and keep school, consortium, indicator, school-year, ' +
      '优质均衡 assessment and score data; a school keeps its teachers, offers, requests and ' +
      'task reports',
  },
  {
    roles: ['COUNTY_ADMIN', 'SCHOOL_ADMIN'],
    mutations: [
      'createEnrolmentPlan',
      'updateEnrolmentPolicy',
      'setEnrolmentBoundary',
      'allocateQuotaPlaces',
      'overrideQuotaAllocation',
      'publishEnrolmentPlan',
    ],
    why:
      'the city sets the unified enrolment policy, boundaries and 指标到校 and publishes plans ' +
      '(WRITERS.enrolmentPolicy; ENROLMENT.ADMISSION_QUOTA is city-led)',
  },
  {
    roles: ['SCHOOL_ADMIN'],
    mutations: ['setSchoolEnrolmentPlaces', 'upsertEnrolmentAdmissions', 'openEnrolmentRectification'],
    why: 'counties fill in their schools’ places and report admissions; bureaus open tasks; a school reads its own',
  },
  {
    roles: ['CITY_ADMIN'],
    mutations: ['reportTaskProgress'],
    why: 'only the responsible unit (the school, or its county for it) reports progress',
  },
  {
    roles: ['CITY_ADMIN', 'SCHOOL_ADMIN'],
    mutations: ['submitEvaluation'],
    why: 'a COUNTY_SELF invitation is answered by the county bureau alone',
  },
  {
    roles: ['COUNTY_ADMIN', 'SCHOOL_ADMIN'],
    mutations: [
      'upsertEstablishments',
      'approveEstablishmentTransfer',
      'rejectEstablishmentRequest',
      'createFundingProgramme',
      'allocateFunding',
      'recordFundingPayment',
    ],
    why:
      'the city sets establishment (WRITERS.establishment) and leads STAFFING.QUOTA_ADJUSTMENT ' +
      'and FUNDING.CITY_COORDINATION; the matrix sample of recordFundingPayment is a ' +
      'disbursement, the city’s',
  },
  {
    roles: ['CITY_ADMIN', 'SCHOOL_ADMIN'],
    mutations: ['assignSchoolPosts'],
    why: 'the county leads STAFFING.SCHOOL_POST_ASSIGNMENT (县管校聘)',
  },
  {
    roles: ['SCHOOL_ADMIN'],
    mutations: ['submitEstablishmentRequest', 'setCountyBudget', 'upsertSpendingReports', 'rectifyFundingCheck'],
    why:
      'counties file establishment requests, budgets and spending; bureaus open rectification ' +
      'tasks; schools read their own figures',
  },
  {
    roles: ['COUNTY_ADMIN', 'SCHOOL_ADMIN'],
    mutations: ['runEscalations', 'recordAccountabilityDecision', 'generateReportingPeriods', 'respondToRapidRequest'],
    why:
      'the city escalates (挂牌督办, 问责), sets the reporting rhythm and answers 快速响应 ' +
      'requests (WRITERS.escalation, accountabilityRecord, reportingPeriod)',
  },
  {
    roles: ['COUNTY_ADMIN', 'SCHOOL_ADMIN'],
    mutations: ['recordFinding', 'recheckTask'],
    why: 'the sample inspection is the city’s: its planner or its own inspectors record findings',
  },
  {
    roles: ['SCHOOL_ADMIN'],
    mutations: [
      'planInspection',
      'convertFindingToTask',
      'submitPeriodReport',
      'scheduleMeeting',
      'recordMeetingDecision',
      'submitRapidRequest',
    ],
    why: 'inspections, period reports, meetings and 快速响应 are the bureaus’ (a school reports on its tasks)',
  },
  {
    roles: ['CITY_ADMIN'],
    mutations: ['submitPeriodReport', 'submitRapidRequest'],
    why: 'a county reports and asks for itself; the city receives',
  },
];
const refusedInside = (mutation: string, role: AdminRole) =>
  REFUSED_INSIDE.some((g) => g.roles.includes(role) && g.mutations.includes(mutation));

/** Where the product answers an outsider NOT_FOUND rather than FORBIDDEN, so ids reveal nothing. */
const HIDES_EXISTENCE = new Set([
  // exchanges/transition.ts: unreadable assignments are reported as missing.
  'approveExchange',
  'rejectExchange',
  'startExchange',
  'completeExchange',
  'cancelExchange',
  // evaluation/services/submitEvaluation.ts: someone else's invitation is reported as missing.
  'submitEvaluation',
  // enrolment/planRecords.ts lockDraftPlan: another city's draft plan is reported as missing.
  'updateEnrolmentPolicy',
  'setEnrolmentBoundary',
  'setSchoolEnrolmentPlaces',
  'allocateQuotaPlaces',
  'overrideQuotaAllocation',
  'publishEnrolmentPlan',
  'openEnrolmentRectification',
]);

let s: TestServer;
let samples: Samples;
const callers = {} as Record<AdminRole, { inside: string; outside: string }>;
/** 安乡's teachers' ID and mobile numbers and its students' keys: what an outsider must never receive. */
const secrets = new Set<string>();

beforeAll(async () => {
  s = await startTestServer({ env: { EDUGOV_RATE_LIMIT: 'false' } });
  samples = await createSamples(s);
  const { body } = await s.gql(`{ schools(first: 1, filter: { regionCode: "${DEMO.taoyuan}" }) { nodes { code } } }`);
  const taoyuanSchool: string = body.data.schools.nodes[0].code;
  const principals: Record<AdminRole, [Parameters<typeof token>[0], Parameters<typeof token>[0]]> = {
    CITY_ADMIN: [
      { role: 'CITY_ADMIN', regionCode: DEMO.city },
      { role: 'CITY_ADMIN', regionCode: OTHER_CITY },
    ],
    COUNTY_ADMIN: [
      { role: 'COUNTY_ADMIN', regionCode: DEMO.anxiang },
      { role: 'COUNTY_ADMIN', regionCode: DEMO.taoyuan },
    ],
    SCHOOL_ADMIN: [
      { role: 'SCHOOL_ADMIN', schoolCode: samples.schoolCode },
      { role: 'SCHOOL_ADMIN', schoolCode: taoyuanSchool },
    ],
  };
  for (const role of ADMIN_ROLES) {
    const [inside, outside] = principals[role];
    callers[role] = {
      inside: await token({ ...inside, subject: `inside-${role}` }),
      outside: await token({ ...outside, subject: `outside-${role}` }),
    };
  }
  const db = s.db.database.db;
  for (const t of rowsOf<{ id_number: string; phone: string }>(
    await db.execute(sql`select id_number, phone from teachers where county_code = ${DEMO.anxiang}`),
  )) {
    secrets.add(t.id_number).add(t.phone);
  }
  for (const k of rowsOf<{ student_key: string }>(
    await db.execute(sql`select student_key from student_scores where county_code = ${DEMO.anxiang}`),
  ))
    secrets.add(k.student_key);
  secrets.delete(null as never);
}, 120_000);
afterAll(() => s?.close());

const cell = (m: string, role: AdminRole, o: Outcome) => `${m} as ${role}: ${describeOutcome(o)}`;

describe('authorisation matrix: admin roles inside and outside their jurisdiction', () => {
  it('lists only real mutations and admin roles, and has callers for every admin role', () => {
    const names = new Set(mutations.map((m) => m.name));
    for (const g of REFUSED_INSIDE) {
      expect(
        g.mutations.filter((m) => !names.has(m)),
        g.why,
      ).toEqual([]);
      expect(
        g.roles.filter((r) => !ADMIN_ROLES.includes(r)),
        g.why,
      ).toEqual([]);
    }
    expect([...HIDES_EXISTENCE].filter((m) => !names.has(m))).toEqual([]);
    expect(Object.keys(callers).sort()).toEqual([...ADMIN_ROLES].sort());
  });

  it(`outside their jurisdiction, every admin role is refused every one of the ${mutations.length} mutations and nothing changes`, async () => {
    const before = await fingerprint(s);
    const wrong: string[] = [];
    let cells = 0;
    for (const m of mutations) {
      for (const role of ADMIN_ROLES) {
        cells++;
        const o = await runMutation(s, m, samples, callers[role].outside);
        expect(o.status, cell(m.name, role, o)).toBeLessThan(500);
        const refused = refusedForRights(o) || (HIDES_EXISTENCE.has(m.name) && sampleNotFound(o));
        if (!o.ran || !refused) wrong.push(cell(m.name, role, o));
      }
    }
    expect(wrong, 'not refused for lack of rights').toEqual([]);
    expect(cells).toBe(mutations.length * ADMIN_ROLES.length);
    expect(await fingerprint(s)).toEqual(before);
  }, 180_000);

  it(`inside their jurisdiction, admins are refused none of the ${mutations.length} mutations but those another level does`, async () => {
    const refusedWrongly: string[] = [];
    const allowedWrongly: string[] = [];
    for (const m of mutations) {
      for (const role of ADMIN_ROLES) {
        const o = await runMutation(s, m, samples, callers[role].inside);
        expect(o.status, cell(m.name, role, o)).toBeLessThan(500);
        // The service ran: a placeholder value refused by GraphQL itself would prove nothing.
        expect(o.ran, cell(m.name, role, o)).toBe(true);
        const refused = refusedForRights(o) || sampleNotFound(o);
        if (refusedInside(m.name, role)) {
          if (!refused) allowedWrongly.push(cell(m.name, role, o));
        } else if (refused) refusedWrongly.push(cell(m.name, role, o));
      }
    }
    expect(refusedWrongly, 'refused inside the jurisdiction').toEqual([]);
    // A stale entry would let a real refusal slip through unnoticed.
    expect(allowedWrongly, 'listed in REFUSED_INSIDE but allowed').toEqual([]);
  }, 180_000);
});

/** Every string the response holds, whole and split into words (audit JSON included). */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value, ...value.split(/[^0-9A-Za-z_-]+/));
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) strings(v, out);
  return out;
}

describe('sensitive reads across jurisdictions', () => {
  it(`none of the ${queries.length} queries gives an admin outside 安乡 its teachers’ ID or mobile numbers or its students’ scores`, async () => {
    expect(secrets.size).toBeGreaterThan(1000);
    const leaks: string[] = [];
    let answered = 0;
    for (const q of queries) {
      const { query, variables } = queryCall(q, samples, QUERY_OPTIONALS, 20);
      for (const role of ADMIN_ROLES) {
        const { status, body } = await s.gql(query, variables, callers[role].outside);
        expect(status, `${q.name} as ${role}`).toBeLessThan(500);
        const leaked = strings(body.data).filter((x) => secrets.has(x));
        if (leaked.length) leaks.push(`${q.name} as outside ${role}: ${leaked.slice(0, 3).join(', ')}`);
        if (body.data?.[q.name] != null) answered++;
      }
    }
    expect(leaks).toEqual([]);
    expect(answered).toBeGreaterThan(queries.length);
  }, 180_000);

  it('the same check finds 安乡’s numbers in what its own county admin reads (it can fail)', async () => {
    const teachers = queries.find((q) => q.name === 'teachers')!;
    const { query, variables } = queryCall(teachers, samples, QUERY_OPTIONALS, 20);
    const { body } = await s.gql(query, variables, callers.COUNTY_ADMIN.inside);
    expect(strings(body.data).filter((x) => secrets.has(x)).length).toBeGreaterThanOrEqual(20);
  });

  it('安乡’s restricted records by id: null for every outside admin, present for its county admin', async () => {
    const { teacher, exchange, task, request, allocation } = samples.ids;
    const ids = [teacher, exchange, task, request, allocation];
    const read = async (bearer: string) =>
      (
        await s.gql(
          graphql(`query AccessAuthorizationJurisdictionNodes($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }`),
          { ids },
          bearer,
        )
      ).body.data.nodes;
    expect((await read(callers.COUNTY_ADMIN.inside)).map((n) => n?.id)).toEqual(ids);
    for (const role of ADMIN_ROLES) expect(await read(callers[role].outside), role).toEqual(ids.map(() => null));
  });
});
