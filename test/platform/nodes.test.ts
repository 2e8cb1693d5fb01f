import { isObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../schema/domains/access/apiKeyService.js';
import { globalIdOf } from '../../schema/domains/shared/ids.js';
import { schema } from '../../schema/index.js';
import { DEMO, startTestServer, token, type TestServer } from '../harness.js';
import { graphql } from '../graphql/index.js';

/**
 * The Node interface, generated from the schema: for every type implementing Node and every
 * caller, `node(id)` / `nodes(ids)` return exactly the objects that type's list shows the
 * caller; invisible and nonexistent ids answer alike (null); malformed ids are VALIDATION;
 * forged ids of types the API does not expose are null; nothing is a 500.
 */
const NODE_TYPES = Object.values(schema.getTypeMap())
  .filter((t) => isObjectType(t) && t.getInterfaces().some((i) => i.name === 'Node'))
  .map((t) => t.name)
  .sort();

interface Listed {
  ids: string[];
  /** The list holds every object of the scope asked (no further page). */
  complete: boolean;
}
const page = (c: { nodes: { id: string }[]; pageInfo: { hasNextPage: boolean } }): Listed => ({
  ids: c.nodes.map((n) => n.id),
  complete: !c.pageInfo.hasNextPage,
});
const CONN = '(first: 100) { nodes { id } pageInfo { hasNextPage } }';
const conn = (args: string) =>
  `${args ? `(first: 100, ${args})` : '(first: 100)'} { nodes { id } pageInfo { hasNextPage } }`;

/**
 * Each Node type's list, narrowed to 安乡县 or 常德市 so one page holds it all. A new Node type
 * must be added here: the test names it.
 */
type Page = Parameters<typeof page>[0];
/** A list's reply: its root connection by name (evaluationFrameworks is a plain list, resourcePools nests resources). */
type ListData = Record<string, Page> & { evaluationFrameworks: { id: string }[] & Page };
const LISTS: Record<string, { query: (school: string) => string; read: (data: ListData) => Listed }> = {
  Region: { query: () => `{ regions${conn(`parentCode: "${DEMO.city}"`)} }`, read: (d) => page(d.regions) },
  School: {
    query: () => `{ schools${conn(`filter: { regionCode: "${DEMO.anxiang}" }`)} }`,
    read: (d) => page(d.schools),
  },
  Consortium: { query: () => `{ consortia${conn(`regionCode: "${DEMO.city}"`)} }`, read: (d) => page(d.consortia) },
  Teacher: {
    query: (school) => `{ teachers${conn(`filter: { schoolCode: "${school}" }`)} }`,
    read: (d) => page(d.teachers),
  },
  ExchangeAssignment: {
    query: (school) => `{ exchangeAssignments${conn(`filter: { schoolCode: "${school}" }`)} }`,
    read: (d) => page(d.exchangeAssignments),
  },
  ResourcePool: {
    query: () => `{ resourcePools${conn(`regionCode: "${DEMO.city}"`)} }`,
    read: (d) => page(d.resourcePools),
  },
  PoolResource: {
    query: () =>
      `{ resourcePools(first: 20, regionCode: "${DEMO.city}") { nodes { resources${CONN} } pageInfo { hasNextPage } } }`,
    read: (d) => {
      const parts = (d.resourcePools.nodes as unknown as { resources: Page }[]).map((p) => page(p.resources));
      return {
        ids: parts.flatMap((p) => p.ids),
        complete: !d.resourcePools.pageInfo.hasNextPage && parts.every((p) => p.complete),
      };
    },
  },
  ResourceRequest: {
    query: () => `{ resourceRequests${conn(`filter: { regionCode: "${DEMO.anxiang}" }`)} }`,
    read: (d) => page(d.resourceRequests),
  },
  ResourceAllocation: {
    query: () => `{ allocations${conn(`filter: { regionCode: "${DEMO.anxiang}" }`)} }`,
    read: (d) => page(d.allocations),
  },
  ResponsibilityList: {
    query: () => `{ responsibilityLists${conn(`regionCode: "${DEMO.city}"`)} }`,
    read: (d) => page(d.responsibilityLists),
  },
  RectificationTask: {
    query: () => `{ rectificationTasks${conn(`filter: { regionCode: "${DEMO.anxiang}" }`)} }`,
    read: (d) => page(d.rectificationTasks),
  },
  EvaluationCycle: {
    query: () => `{ evaluationCycles${conn(`regionCode: "${DEMO.anxiang}"`)} }`,
    read: (d) => page(d.evaluationCycles),
  },
  EvaluationFramework: {
    query: () => `{ evaluationFrameworks(regionCode: "${DEMO.anxiang}") { id } }`,
    read: (d) => ({ ids: d.evaluationFrameworks.map((f) => f.id), complete: true }),
  },
  EvaluationInvitation: { query: () => `{ evaluationInvitations${CONN} }`, read: (d) => page(d.evaluationInvitations) },
  EstablishmentRequest: {
    query: () => `{ establishmentRequests${conn(`filter: { regionCode: "${DEMO.city}" }`)} }`,
    read: (d) => page(d.establishmentRequests),
  },
  EstablishmentTransfer: {
    query: () => `{ establishmentTransfers${conn(`regionCode: "${DEMO.city}"`)} }`,
    read: (d) => page(d.establishmentTransfers),
  },
  FundingProgramme: {
    query: () => `{ fundingProgrammes${conn(`regionCode: "${DEMO.city}"`)} }`,
    read: (d) => page(d.fundingProgrammes),
  },
  SpendingReport: {
    query: () => `{ spendingReports${conn(`regionCode: "${DEMO.anxiang}"`)} }`,
    read: (d) => page(d.spendingReports),
  },
  EnrolmentPlan: {
    query: () => `{ enrolmentPlans${conn(`regionCode: "${DEMO.city}"`)} }`,
    read: (d) => page(d.enrolmentPlans),
  },
  EnrolmentAdmission: {
    query: () => `{ enrolmentAdmissions${conn(`filter: { regionCode: "${DEMO.anxiang}" }`)} }`,
    read: (d) => page(d.enrolmentAdmissions),
  },
  Inspection: { query: () => `{ inspections${CONN} }`, read: (d) => page(d.inspections) },
  InspectionFinding: { query: () => `{ inspectionFindings${CONN} }`, read: (d) => page(d.inspectionFindings) },
  Escalation: { query: () => `{ escalations${CONN} }`, read: (d) => page(d.escalations) },
  ReportingPeriod: {
    query: () => `{ reportingPeriods${conn(`regionCode: "${DEMO.city}"`)} }`,
    read: (d) => page(d.reportingPeriods),
  },
  CoordinationMeeting: { query: () => `{ coordinationMeetings${CONN} }`, read: (d) => page(d.coordinationMeetings) },
  RapidResponseRequest: { query: () => `{ rapidResponseRequests${CONN} }`, read: (d) => page(d.rapidResponseRequests) },
};

const NODES = graphql(`query PlatformNodesNodes($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }`);
const NODE = graphql(`query PlatformNodesNode($id: ID!) { node(id: $id) { __typename id } }`);

let s: TestServer;
const callers: Record<string, string | undefined> = {};
let school: string;

beforeAll(async () => {
  s = await startTestServer({ env: { EDUGOV_RATE_LIMIT: 'false' } });
  callers.anonymous = undefined;
  callers.portalKey = (
    await createApiKey(s.db.database.db, { name: '节点测试门户', role: 'PORTAL', regionCode: DEMO.city })
  ).token;
  callers.evaluator = await token({ role: 'EVALUATOR', regionCode: DEMO.city, subject: 'cd-inspector-1' });
  callers.city = await token({ role: 'CITY_ADMIN', regionCode: DEMO.city });
  callers.anxiang = await token({ role: 'COUNTY_ADMIN', regionCode: DEMO.anxiang });
  callers.taoyuan = await token({ role: 'COUNTY_ADMIN', regionCode: DEMO.taoyuan });
  const { body } = await s.gql(
    graphql(
      `query PlatformNodesSchool($r: String!) { teachers(first: 1, filter: { regionCode: $r }) { nodes { school { code } } } }`,
    ),
    { r: DEMO.anxiang },
    callers.city,
  );
  school = body.data.teachers.nodes[0].school.code;
  callers.school = await token({ role: 'SCHOOL_ADMIN', schoolCode: school });
});
afterAll(() => s?.close());

async function list(type: string, bearer: string | undefined): Promise<Listed> {
  const { status, body } = await s.gql<{ data: ListData }>(LISTS[type].query(school), {}, bearer);
  expect(status, type).toBe(200);
  // A caller refused the list outright (e.g. FORBIDDEN for requests) sees none of it.
  if (body.errors) return { ids: [], complete: true };
  return LISTS[type].read(body.data);
}

describe('node / nodes (generated from the schema)', () => {
  it('every Node type has a list to compare with', () => {
    expect(NODE_TYPES.filter((t) => !LISTS[t])).toEqual([]);
    expect(NODE_TYPES.length).toBeGreaterThanOrEqual(14);
  });

  it('for every Node type and caller, nodes(ids) returns exactly what the list shows, null elsewhere', async () => {
    let visibleCells = 0;
    let hiddenCells = 0;
    for (const type of NODE_TYPES) {
      const lists = Object.fromEntries(
        await Promise.all(Object.entries(callers).map(async ([who, b]) => [who, await list(type, b)] as const)),
      );
      // At most 97 of them, so the request stays within nodes(ids:)'s bound of 100 with the three below.
      const seen = [...new Set(Object.values(lists).flatMap((l) => l.ids))].slice(0, 97);
      expect(seen.length, `${type}: the lists show something`).toBeGreaterThan(0);
      const nonexistent = type === 'Region' ? globalIdOf('Region', '439999') : globalIdOf(type, 99_999_999);
      const ids = [...seen, nonexistent, globalIdOf('ApiKey', 1), globalIdOf('AuditEvent', 1)];
      for (const [who, bearer] of Object.entries(callers)) {
        const { status, body } = await s.gql(NODES, { ids }, bearer);
        expect(status, `${type} as ${who}`).toBe(200);
        expect(body.errors, `${type} as ${who}: ${JSON.stringify(body.errors)}`).toBeUndefined();
        const answer = body.data.nodes as ({ __typename: string; id: string } | null)[];
        expect(answer).toHaveLength(ids.length);
        const mine = new Set(lists[who].ids);
        ids.forEach((id, i) => {
          if (mine.has(id)) {
            expect(answer[i], `${type} ${id} as ${who}`).toEqual({ __typename: type, id });
            visibleCells++;
          } else if (lists[who].complete || i >= seen.length) {
            expect(answer[i], `${type} ${id} as ${who}`).toBeNull();
            hiddenCells++;
          }
        });
      }
    }
    expect(visibleCells).toBeGreaterThan(NODE_TYPES.length);
    expect(hiddenCells).toBeGreaterThan(NODE_TYPES.length);
  }, 300_000);

  it('an invisible id and a nonexistent one get the same answer from node(id)', async () => {
    let compared = 0;
    for (const type of NODE_TYPES) {
      const owner = await list(type, callers.city);
      for (const who of ['anonymous', 'taoyuan', 'school'] as const) {
        const theirs = await list(type, callers[who]);
        const hidden = owner.ids.find((id) => !theirs.ids.includes(id));
        if (!hidden || !theirs.complete) continue;
        const nonexistent = type === 'Region' ? globalIdOf('Region', '439999') : globalIdOf(type, 99_999_999);
        const [a, b] = await Promise.all([
          s.gql(NODE, { id: hidden }, callers[who]),
          s.gql(NODE, { id: nonexistent }, callers[who]),
        ]);
        const { extensions: _a, ...bodyA } = a.body;
        const { extensions: _b, ...bodyB } = b.body;
        expect([a.status, bodyA], `${type} as ${who}`).toEqual([b.status, bodyB]);
        expect(bodyA).toEqual({ data: { node: null } });
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(5);
  }, 120_000);

  it('malformed ids are VALIDATION at the argument, for every type and caller; forged ids of ' +
    'unexposed types are null', async () => {
    for (const type of NODE_TYPES) {
      const malformed = [
        type === 'Region' ? globalIdOf('Region', '43') : globalIdOf(type, 'x'),
        'zzz',
        '',
        '%%%',
        globalIdOf(type, -1),
      ];
      for (const [who, bearer] of Object.entries(callers)) {
        for (const id of malformed) {
          const { status, body } = await s.gql(NODE, { id }, bearer);
          expect(status, `${type} ${id} as ${who}`).toBe(200);
          expect(
            body.errors?.map((e) => [e.extensions?.code, e.extensions?.path]),
            `${type} ${id} as ${who}`,
          ).toEqual([['VALIDATION', ['id']]]);
        }
        const many = await s.gql(NODES, { ids: [globalIdOf('Region', DEMO.city), malformed[0]] }, bearer);
        expect(many.body.errors?.map((e) => [e.extensions?.code, e.extensions?.path])).toEqual([
          ['VALIDATION', ['ids', '1']],
        ]);
      }
    }
    for (const forged of ['ApiKey', 'AuditEvent', 'PersonalDataRead', 'StudentScore']) {
      const { status, body } = await s.gql(NODE, { id: globalIdOf(forged, 1) });
      expect([status, body.data, body.errors]).toEqual([200, { node: null }, undefined]);
    }
  }, 120_000);
});
