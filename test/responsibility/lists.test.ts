import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../schema/domains/audit/table.js';
import { DEFAULT_LEADS, whoLeads } from '../../schema/domains/responsibility/leads.js';
import { listGlobalId } from '../../schema/domains/responsibility/ids.js';
import { addResponsibilityItem } from '../../schema/domains/responsibility/services/addResponsibilityItem.js';
import { createResponsibilityList } from '../../schema/domains/responsibility/services/createResponsibilityList.js';
import { publishResponsibilityList } from '../../schema/domains/responsibility/services/publishResponsibilityList.js';
import { assignResponsibility } from '../../schema/domains/responsibility/services/assignResponsibility.js';
import {
  responsibilityAssignments,
  responsibilityItems,
  responsibilityLists,
} from '../../schema/domains/responsibility/table.js';
import { systemViewer } from '../../schema/domains/access/viewer.js';
import { toUserErrors } from '../../schema/errors.js';
import { rowsOf } from '../../schema/domains/evaluation/sqlRows.js';
import type { ResultOf, VariablesOf } from '@graphql-typed-document-node/core';
import { DEMO, onRealPostgres, present, serviceContext, startTestServer, token, type TestServer } from '../harness.js';
import { graphql } from '../graphql/index.js';
import type { TypedDocumentString } from '../graphql/graphql.js';
import { publishLeadList } from './fixture.js';

/**
 * Responsibility lists (权责清单): drafting, overlap/gap findings, publishing and versions,
 * diffs, the matrix view, who reads what, and whoLeads — over HTTP like a portal, every bad
 * input with its exact code and path and proof that nothing changed.
 */

graphql(
  `fragment ResponsibilityListsList on ResponsibilityList { id version year sequence status title regionCode itemCount basedOn { version } }`,
);
const LISTS = graphql(
  `query ResponsibilityListsLists($r: String!, $status: [ResponsibilityListStatus!]) { responsibilityLists(regionCode: $r, status: $status, first: 20) { totalCount nodes { ...ResponsibilityListsList } } }`,
);
const LIST = graphql(`query ResponsibilityListsList($id: ID!) { responsibilityList(id: $id) { ...ResponsibilityListsList
  problems { kind blocking itemKey itemTitle levels message }
  items { key domain title lead assignments { level role } } } }`);
const CURRENT = graphql(
  `query ResponsibilityListsCurrent($r: String!) { currentResponsibilityList(regionCode: $r) { ...ResponsibilityListsList } }`,
);
const NODE = graphql(
  `query ResponsibilityListsNode($id: ID!) { node(id: $id) { ... on ResponsibilityList { title } } }`,
);
const M = {
  create: graphql(
    `mutation ResponsibilityListsCreate($input: CreateResponsibilityListInput!) { createResponsibilityList(input: $input) { list { ...ResponsibilityListsList } errors { code path message } } }`,
  ),
  add: graphql(
    `mutation ResponsibilityListsAdd($input: AddResponsibilityItemInput!) { addResponsibilityItem(input: $input) { item { key lead assignments { level role } } errors { code path message } } }`,
  ),
  update: graphql(
    `mutation ResponsibilityListsUpdate($input: UpdateResponsibilityItemInput!) { updateResponsibilityItem(input: $input) { item { key title domain description } errors { code path message } } }`,
  ),
  assign: graphql(
    `mutation ResponsibilityListsAssign($input: AssignResponsibilityInput!) { assignResponsibility(input: $input) { item { key lead assignments { level role } } errors { code path message } } }`,
  ),
  remove: graphql(
    `mutation ResponsibilityListsRemove($input: RemoveResponsibilityItemInput!) { removeResponsibilityItem(input: $input) { list { itemCount } errors { code path message } } }`,
  ),
  publish: graphql(
    `mutation ResponsibilityListsPublish($input: PublishResponsibilityListInput!) { publishResponsibilityList(input: $input) { list { ...ResponsibilityListsList publishedAt } errors { code path message } } }`,
  ),
};
const FIELD = {
  create: 'createResponsibilityList',
  add: 'addResponsibilityItem',
  update: 'updateResponsibilityItem',
  assign: 'assignResponsibility',
  remove: 'removeResponsibilityItem',
  publish: 'publishResponsibilityList',
} as const;
type Kind = keyof typeof M;
type Inputs = { [K in Kind]: VariablesOf<(typeof M)[K]>['input'] };
type Payloads = {
  create: ResultOf<typeof M.create>['createResponsibilityList'];
  add: ResultOf<typeof M.add>['addResponsibilityItem'];
  update: ResultOf<typeof M.update>['updateResponsibilityItem'];
  assign: ResultOf<typeof M.assign>['assignResponsibility'];
  remove: ResultOf<typeof M.remove>['removeResponsibilityItem'];
  publish: ResultOf<typeof M.publish>['publishResponsibilityList'];
};

let s: TestServer;
let city: string;
let county: string;
let portal: string;
const db = () => s.db.database.db;

beforeAll(async () => {
  s = await startTestServer();
  city = await token({ role: 'CITY_ADMIN', regionCode: DEMO.city });
  county = await token({ role: 'COUNTY_ADMIN', regionCode: DEMO.anxiang });
  portal = await token({ role: 'PORTAL' });
});
afterAll(() => s?.close());

async function run<K extends Kind>(kind: K, input: Inputs[K], tok = city): Promise<Payloads[K]> {
  const doc = M[kind] as unknown as TypedDocumentString<Record<(typeof FIELD)[K], Payloads[K]>, { input: Inputs[K] }>;
  const { body } = await s.gql(doc, { input }, tok);
  expect(body.errors).toBeUndefined();
  return body.data[FIELD[kind]];
}
async function ok<K extends Kind>(kind: K, input: Inputs[K], tok = city) {
  const payload = await run(kind, input, tok);
  expect(payload.errors).toEqual([]);
  return payload;
}

/** Row and audit counts of this domain: a refused call must leave them all unchanged. */
async function snapshot() {
  const [lists, items, assignments, audit, statuses] = await Promise.all([
    db().$count(responsibilityLists),
    db().$count(responsibilityItems),
    db().$count(responsibilityAssignments),
    db().$count(auditEvents),
    db()
      .select({
        id: responsibilityLists.id,
        status: responsibilityLists.status,
        updatedAt: responsibilityLists.updatedAt,
      })
      .from(responsibilityLists)
      .orderBy(responsibilityLists.id),
  ]);
  return { lists, items, assignments, audit, statuses };
}

/** Calls a mutation expected to fail with exactly these errors, and checks nothing changed. */
async function refused<K extends Kind>(kind: K, input: Inputs[K], expected: [string, string][], tok = city) {
  const before = await snapshot();
  const payload = await run(kind, input, tok);
  expect(Object.values(payload).find((v) => v !== payload.errors)).toBeNull();
  expect(payload.errors.map((e) => [e.code, e.path.join('.')])).toEqual(expected);
  expect(await snapshot()).toEqual(before);
  return payload.errors;
}

async function demoLists() {
  const { body } = await s.gql(LISTS, { r: DEMO.city }, city);
  const nodes = body.data.responsibilityLists.nodes;
  return {
    superseded: present(
      nodes.find((l) => l.status === 'SUPERSEDED'),
      'superseded list',
    ),
    published: present(
      nodes.find((l) => l.status === 'PUBLISHED'),
      'published list',
    ),
    draft: present(
      nodes.find((l) => l.status === 'DRAFT' && l.version === '2026-2'),
      'draft 2026-2',
    ),
  };
}

async function newDraft(title = '测试草稿', copyFrom?: string) {
  const { list } = await ok('create', { regionCode: DEMO.city, year: 2027, title, copyFromListId: copyFrom ?? null });
  return present(list, 'list');
}

describe('demo lists of 常德市', () => {
  it(
    'has a superseded 2025 version, a published 2026 version with ≥ 25 items, and a draft with ' +
      'one overlap and one gap',
    async () => {
      const { superseded, published, draft } = await demoLists();
      expect(superseded).toMatchObject({ version: '2025-1', status: 'SUPERSEDED' });
      expect(published).toMatchObject({ version: '2026-1', status: 'PUBLISHED', basedOn: { version: '2025-1' } });
      expect(published.itemCount).toBeGreaterThanOrEqual(25);
      for (const key of Object.keys(DEFAULT_LEADS)) {
        const full = present((await s.gql(LIST, { id: published.id }, city)).body.data.responsibilityList);
        const item = full.items.find((i) => i.key === key);
        expect(item?.lead).toBe(DEFAULT_LEADS[key as keyof typeof DEFAULT_LEADS]);
        expect(full.problems.filter((p) => p.blocking)).toEqual([]);
      }
      const d = present((await s.gql(LIST, { id: draft.id }, city)).body.data.responsibilityList);
      const blocking = d.problems.filter((p) => p.blocking);
      expect(blocking).toEqual([
        expect.objectContaining({
          kind: 'OVERLAP',
          itemKey: 'STAFFING.TEACHER_RECRUITMENT',
          levels: ['CITY', 'COUNTY'],
        }),
        expect.objectContaining({ kind: 'GAP', itemKey: 'CURRICULUM.LABOUR_PRACTICE_BASE', levels: [] }),
      ]);
      expect(blocking[1].message).toContain('劳动实践基地共建共享');
      // Items nobody supervises are warnings, not blockers.
      const warnings = d.problems.filter((p) => !p.blocking);
      expect(warnings.length).toBeGreaterThan(0);
      expect(warnings.every((p) => p.kind === 'NO_SUPERVISOR')).toBe(true);
      expect(warnings.map((p) => p.itemKey)).toContain('STAFFING.BACKBONE_TRAINING');
    },
  );

  it('publishing the draft is refused with one typed error per offending item, changing nothing', async () => {
    const { draft } = await demoLists();
    const errors = await refused('publish', { listId: draft.id }, [
      ['RESPONSIBILITY_OVERLAP', 'input.listId'],
      ['RESPONSIBILITY_GAP', 'input.listId'],
    ]);
    expect(errors[0].message).toContain('STAFFING.TEACHER_RECRUITMENT');
    expect(errors[1].message).toContain('CURRICULUM.LABOUR_PRACTICE_BASE');
  });
});

describe('drafting, versions and diffs', () => {
  it(
    'copies a published list into a new draft, edits it, diffs it and publishes it, ' + 'superseding the old one',
    async () => {
      const { published } = await demoLists();
      const [{ lastEvent }] = await db()
        .select({ lastEvent: sql<number>`coalesce(max(${auditEvents.id}), 0)::int` })
        .from(auditEvents);
      const draft = await newDraft('常德市权责清单（2027年版）', published.id);
      expect(draft).toMatchObject({
        version: '2027-1',
        status: 'DRAFT',
        itemCount: published.itemCount,
        basedOn: { version: '2026-1' },
      });

      await ok('add', {
        listId: draft.id,
        key: 'RESOURCES.SMART_CLASSROOM',
        domain: 'RESOURCES',
        title: '智慧课堂建设',
        policyBasis: '《教育信息化2.0行动计划》',
        assignments: [
          { level: 'CITY', role: 'LEAD' },
          { level: 'COUNTY', role: 'IMPLEMENT' },
          { level: 'CITY', role: 'SUPERVISE' },
        ],
      });
      const updated = await ok('update', {
        listId: draft.id,
        key: 'SUPERVISION.INSPECTION',
        title: '市级专项督导',
        description: '每年对各县开展一次县中专项督导。',
      });
      expect(updated.item).toMatchObject({
        key: 'SUPERVISION.INSPECTION',
        title: '市级专项督导',
        domain: 'SUPERVISION',
      });
      const moved = await ok('assign', {
        listId: draft.id,
        key: 'EXCHANGE.WITHIN_COUNTY',
        level: 'CITY',
        roles: ['LEAD'],
      });
      expect(present(moved.item).lead).toBeNull(); // two leads while drafting: allowed, but listed as a problem
      const fixed = await ok('assign', {
        listId: draft.id,
        key: 'EXCHANGE.WITHIN_COUNTY',
        level: 'COUNTY',
        roles: ['IMPLEMENT'],
      });
      expect(fixed.item).toMatchObject({
        lead: 'CITY',
        assignments: [
          { level: 'CITY', role: 'LEAD' },
          { level: 'COUNTY', role: 'IMPLEMENT' },
          { level: 'SCHOOL', role: 'IMPLEMENT' },
        ],
      });
      const removed = await ok('remove', { listId: draft.id, key: 'RESOURCES.TEACHING_RESEARCH_LIBRARY' });
      expect(present(removed.list).itemCount).toBe(published.itemCount);

      const DIFF =
        graphql(`query ResponsibilityListsDiff($id: ID!, $against: ID!) { responsibilityList(id: $id) { diff(against: $against) {
      added { key title assignments { level role } } removed { key } changed { key before { level role } after { level role } assignmentsChanged fieldsChanged } } } }`);
      const { body } = await s.gql(DIFF, { id: draft.id, against: published.id }, city);
      const diff = present(body.data.responsibilityList).diff;
      expect(diff.added.map((i) => i.key)).toEqual(['RESOURCES.SMART_CLASSROOM']);
      expect(diff.removed.map((i) => i.key)).toEqual(['RESOURCES.TEACHING_RESEARCH_LIBRARY']);
      expect(diff.changed).toEqual([
        {
          key: 'EXCHANGE.WITHIN_COUNTY',
          before: [
            { level: 'CITY', role: 'SUPERVISE' },
            { level: 'COUNTY', role: 'LEAD' },
            { level: 'SCHOOL', role: 'IMPLEMENT' },
          ],
          after: [
            { level: 'CITY', role: 'LEAD' },
            { level: 'COUNTY', role: 'IMPLEMENT' },
            { level: 'SCHOOL', role: 'IMPLEMENT' },
          ],
          assignmentsChanged: true,
          fieldsChanged: [],
        },
        {
          key: 'SUPERVISION.INSPECTION',
          before: expect.any(Array),
          after: expect.any(Array),
          assignmentsChanged: false,
          fieldsChanged: ['title', 'description'],
        },
      ]);
      // The demo's own history: 2026 dropped the 特长生 item and moved quota adjustment to the city.
      const { superseded } = await demoLists();
      const history = present(
        (await s.gql(DIFF, { id: published.id, against: superseded.id }, city)).body.data.responsibilityList,
      ).diff;
      expect(history.removed.map((i) => i.key)).toEqual(['ENROLMENT.SPECIALTY_ADMISSION']);
      expect(history.added.map((i) => i.key).sort()).toEqual([
        'EVALUATION.SOCIAL_PARTICIPATION',
        'RESOURCES.PROCUREMENT_REVIEW',
        'SUPERVISION.RECTIFICATION_ACCEPTANCE',
      ]);
      expect(history.changed.map((c) => c.key)).toContain('STAFFING.QUOTA_ADJUSTMENT');
      // Bad ids are expected failures with a code and the argument's path, as in every query; a
      // draft the caller may not read is refused exactly like an unknown version.
      const refusedQuery = async <V>(
        query: TypedDocumentString<{ responsibilityList: unknown }, V>,
        variables: V,
        tok: string,
      ) => {
        const { body: b } = await s.gql(query, variables, tok);
        expect(b.data.responsibilityList).toBeNull();
        return present(b.errors).map((e) => [e.extensions?.code, e.extensions?.path, e.message]);
      };
      const notSameCity = ['VALIDATION', ['against'], '`against` must be a version of the same city’s list.'];
      expect(await refusedQuery(DIFF, { id: published.id, against: 'nonsense' }, city)).toEqual([
        ['VALIDATION', ['against'], 'Not a ResponsibilityList id.'],
      ]);
      expect(await refusedQuery(DIFF, { id: published.id, against: draft.id }, county)).toEqual([notSameCity]);
      expect(await refusedQuery(DIFF, { id: published.id, against: '999999' }, city)).toEqual([notSameCity]);
      expect(await refusedQuery(LIST, { id: 'nonsense' }, city)).toEqual([
        ['VALIDATION', ['id'], 'Not a ResponsibilityList id.'],
      ]);

      expect((await whoLeads(db(), DEMO.anxiang, 'EXCHANGE.WITHIN_COUNTY')).level).toBe('COUNTY');
      const pub = await ok('publish', { listId: draft.id });
      expect(pub.list).toMatchObject({ version: '2027-1', status: 'PUBLISHED' });
      expect(present(pub.list).publishedAt).toBeTruthy();
      expect(present((await s.gql(CURRENT, { r: DEMO.anxiang })).body.data.currentResponsibilityList).version).toBe(
        '2027-1',
      );
      const statuses = (await s.gql(LISTS, { r: DEMO.city }, city)).body.data.responsibilityLists.nodes.map((l) => [
        l.version,
        l.status,
      ]);
      expect(statuses).toEqual([
        ['2027-1', 'PUBLISHED'],
        ['2026-2', 'DRAFT'],
        ['2026-1', 'SUPERSEDED'],
        ['2025-1', 'SUPERSEDED'],
      ]);
      // The list now governs approvals elsewhere.
      const lead = await whoLeads(db(), DEMO.anxiang, 'EXCHANGE.WITHIN_COUNTY');
      expect(lead).toEqual({
        level: 'CITY',
        source: 'PUBLISHED_LIST',
        listId: Number(Buffer.from(draft.id, 'base64').toString().split(':')[1]),
      });

      // Every change is in the audit trail and the change feed.
      const events = await db().select().from(auditEvents).where(sql`${auditEvents.id} > ${lastEvent}`);
      const kinds = events.map((e) => `${e.action} ${e.entityType} ${e.entityKey}`);
      expect(kinds).toEqual(
        expect.arrayContaining([
          'CREATE ResponsibilityList 430700:2027-1',
          'CREATE ResponsibilityItem 430700:2027-1:RESOURCES.SMART_CLASSROOM',
          'UPDATE ResponsibilityItem 430700:2027-1:SUPERVISION.INSPECTION',
          'UPDATE ResponsibilityItem 430700:2027-1:EXCHANGE.WITHIN_COUNTY',
          'DELETE ResponsibilityItem 430700:2027-1:RESOURCES.TEACHING_RESEARCH_LIBRARY',
          'UPDATE ResponsibilityList 430700:2026-1',
          'UPDATE ResponsibilityList 430700:2027-1',
        ]),
      );
      const supersede = events.find((e) => e.entityKey === '430700:2026-1');
      expect(supersede).toMatchObject({
        before: { status: 'PUBLISHED' },
        after: { status: 'SUPERSEDED' },
        actorRole: 'CITY_ADMIN',
      });
      const feed = await pollFeed((e) => e.entityKey === '430700:2027-1:RESOURCES.SMART_CLASSROOM');
      expect(feed).toMatchObject({ action: 'CREATE', entityType: 'ResponsibilityItem', regionCode: DEMO.city });
    },
  );

  it('numbers versions per year and refuses to copy a draft or another city’s list', async () => {
    const a = await newDraft('版本A');
    const b = await newDraft('版本B');
    expect(b.sequence).toBe(a.sequence + 1);
    await refused('create', { regionCode: DEMO.city, year: 2027, title: '复制草稿', copyFromListId: a.id }, [
      ['INVALID_STATE', 'input.copyFromListId'],
    ]);
    await refused('create', { regionCode: DEMO.city, year: 2027, title: '坏编号', copyFromListId: 'bm9wZQ' }, [
      ['VALIDATION', 'input.copyFromListId'],
    ]);
  });
});

const FEED = graphql(
  `query ResponsibilityListsFeed($after: String) { changes(after: $after, first: 1000) { events { action entityType entityKey regionCode } endCursor hasNextPage } }`,
);

async function pollFeed(match: (e: ResultOf<typeof FEED>['changes']['events'][number]) => boolean) {
  const deadline = Date.now() + 10_000;
  let after: string | null = null;
  for (;;) {
    const res = await s.gql(FEED, { after }, city);
    const page: ResultOf<typeof FEED>['changes'] = res.body.data.changes;
    const hit = page.events.find(match);
    if (hit) return hit;
    after = page.endCursor;
    if (!page.hasNextPage) {
      if (Date.now() > deadline) throw new Error('event never reached the feed');
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

describe('bad input: typed errors, nothing changed', () => {
  it(
    'refuses empty, malformed and duplicate keys, duplicate and unknown assignments, and ' + 'two-LEAD publishing',
    async () => {
      const draft = await newDraft('坏输入测试');
      const base = { listId: draft.id, domain: 'ENROLMENT' as const, title: '测试事项' };
      await ok('add', {
        ...base,
        key: 'ENROLMENT.TEST_ITEM',
        assignments: [
          { level: 'CITY', role: 'LEAD' },
          { level: 'COUNTY', role: 'LEAD' },
        ],
      });
      await refused('add', { ...base, key: '' }, [['REQUIRED', 'input.key']]);
      await refused('add', { ...base, key: '   ' }, [['REQUIRED', 'input.key']]);
      await refused('add', { ...base, key: 'enrolment quota' }, [['VALIDATION', 'input.key']]);
      await refused('add', { ...base, key: 'ENROLMENT' }, [['VALIDATION', 'input.key']]);
      await refused('add', { ...base, key: 'ENROLMENT.TEST_ITEM' }, [['DUPLICATE', 'input.key']]);
      await refused('add', { ...base, key: 'ENROLMENT.OTHER', title: '' }, [['REQUIRED', 'input.title']]);
      await refused(
        'add',
        {
          ...base,
          key: 'ENROLMENT.OTHER',
          assignments: [
            { level: 'CITY', role: 'LEAD' },
            { level: 'CITY', role: 'LEAD' },
          ],
        },
        [['DUPLICATE', 'input.assignments.1']],
      );
      await refused(
        'assign',
        { listId: draft.id, key: 'ENROLMENT.TEST_ITEM', level: 'COUNTY', roles: ['IMPLEMENT', 'IMPLEMENT'] },
        [['DUPLICATE', 'input.roles.1']],
      );
      await refused('assign', { listId: draft.id, key: 'ENROLMENT.NO_SUCH', level: 'COUNTY', roles: ['IMPLEMENT'] }, [
        ['NOT_FOUND', 'input.key'],
      ]);
      await refused('update', { listId: draft.id, key: 'ENROLMENT.TEST_ITEM', newKey: 'bad key' }, [
        ['VALIDATION', 'input.newKey'],
      ]);

      // Unknown level or role: GraphQL refuses the enum value before anything runs…
      const before = await snapshot();
      for (const assignments of [[{ level: 'PROVINCE', role: 'LEAD' }], [{ level: 'CITY', role: 'OWNER' }]]) {
        // Deliberately outside the enums: the variables are not of the document's type.
        const { body } = await s.gql(
          M.add,
          { input: { ...base, key: 'ENROLMENT.ENUM', assignments } } as unknown as VariablesOf<typeof M.add>,
          city,
        );
        expect(body.data).toBeUndefined();
        expect(present(body.errors)[0].extensions?.code).toBe('BAD_USER_INPUT');
      }
      expect(await snapshot()).toEqual(before);
      // …and the services (called directly by the seed and other domains) report it as data.
      const ctx = serviceContext(s.db.database, systemViewer('test'));
      const direct = async (f: () => Promise<unknown>) => {
        try {
          await f();
        } catch (err) {
          return toUserErrors(err)?.map((e) => [e.code, e.path.join('.')]);
        }
        throw new Error('expected a refusal');
      };
      expect(
        await direct(() =>
          addResponsibilityItem(ctx, {
            ...base,
            key: 'ENROLMENT.ENUM',
            domain: 'ENROLMENT',
            assignments: [{ level: 'PROVINCE' as never, role: 'LEAD' }],
          }),
        ),
      ).toEqual([['VALIDATION', 'input.assignments.0.level']]);
      expect(
        await direct(() =>
          assignResponsibility(ctx, {
            listId: draft.id,
            key: 'ENROLMENT.TEST_ITEM',
            level: 'CITY',
            roles: ['OWNER' as never],
          }),
        ),
      ).toEqual([['VALIDATION', 'input.roles.0']]);
      expect(
        await direct(() => addResponsibilityItem(ctx, { ...base, key: 'ENROLMENT.ENUM', domain: 'SPORTS' as never })),
      ).toEqual([['VALIDATION', 'input.domain']]);
      expect(await snapshot()).toEqual(before);

      // Two LEADs: publishing is refused naming the item; so is a gap.
      const errors = await refused('publish', { listId: draft.id }, [['RESPONSIBILITY_OVERLAP', 'input.listId']]);
      expect(errors[0].message).toMatch(/^ENROLMENT\.TEST_ITEM（测试事项）: CITY and COUNTY both lead/);
      await ok('assign', { listId: draft.id, key: 'ENROLMENT.TEST_ITEM', level: 'COUNTY', roles: [] });
      await ok('assign', { listId: draft.id, key: 'ENROLMENT.TEST_ITEM', level: 'CITY', roles: ['SUPERVISE'] });
      await refused('publish', { listId: draft.id }, [['RESPONSIBILITY_GAP', 'input.listId']]);
      const empty = await newDraft('空清单');
      await refused('publish', { listId: empty.id }, [['VALIDATION', 'input.listId']]);
    },
  );

  it('refuses every edit of a published or superseded list', async () => {
    const { published, superseded } = await demoLists();
    for (const list of [published, superseded]) {
      await refused('add', { listId: list.id, key: 'ENROLMENT.LATE', domain: 'ENROLMENT', title: '补充事项' }, [
        ['INVALID_STATE', 'input.listId'],
      ]);
      await refused('update', { listId: list.id, key: 'ENROLMENT.ADMISSION_QUOTA', title: '改标题' }, [
        ['INVALID_STATE', 'input.listId'],
      ]);
      await refused('assign', { listId: list.id, key: 'ENROLMENT.ADMISSION_QUOTA', level: 'COUNTY', roles: ['LEAD'] }, [
        ['INVALID_STATE', 'input.listId'],
      ]);
      await refused('remove', { listId: list.id, key: 'ENROLMENT.ADMISSION_QUOTA' }, [
        ['INVALID_STATE', 'input.listId'],
      ]);
      await refused('publish', { listId: list.id }, [['INVALID_STATE', 'input.listId']]);
    }
  });

  it(
    'lets only the city admin of the city draft: counties, schools, portals, other cities and ' +
      'non-cities are refused',
    async () => {
      const { draft } = await demoLists();
      const school = await token({ role: 'SCHOOL_ADMIN', schoolCode: await countyHighSchool() });
      const otherCity = await token({ role: 'CITY_ADMIN', regionCode: '430600' });
      for (const tok of [county, school, portal]) {
        await refused('create', { regionCode: DEMO.city, year: 2027, title: '越权' }, [['FORBIDDEN', '']], tok);
        await refused(
          'add',
          { listId: draft.id, key: 'ENROLMENT.X', domain: 'ENROLMENT', title: '越权' },
          [['FORBIDDEN', '']],
          tok,
        );
        await refused(
          'assign',
          { listId: draft.id, key: 'STAFFING.TEACHER_RECRUITMENT', level: 'CITY', roles: [] },
          [['FORBIDDEN', '']],
          tok,
        );
        await refused('publish', { listId: draft.id }, [['FORBIDDEN', '']], tok);
      }
      await refused('create', { regionCode: DEMO.city, year: 2027, title: '匿名' }, [['UNAUTHENTICATED', '']], '');
      await refused(
        'create',
        { regionCode: DEMO.city, year: 2027, title: '他市' },
        [['FORBIDDEN', 'input.regionCode']],
        otherCity,
      );
      await refused(
        'assign',
        { listId: draft.id, key: 'STAFFING.TEACHER_RECRUITMENT', level: 'CITY', roles: [] },
        [['FORBIDDEN', 'input.listId']],
        otherCity,
      );
      await refused('create', { regionCode: DEMO.anxiang, year: 2027, title: '县级清单' }, [
        ['VALIDATION', 'input.regionCode'],
      ]);
      await refused('create', { regionCode: DEMO.city, year: 1999, title: '年份' }, [['VALIDATION', 'input.year']]);
      await refused('create', { regionCode: '439900', year: 2027, title: '不存在' }, [
        ['FORBIDDEN', 'input.regionCode'],
      ]);
    },
  );
});

async function countyHighSchool(countyCode: string = DEMO.anxiang) {
  const [row] = await db()
    .execute<{ code: string }>(
      sql`select code from schools where county_code = ${countyCode} and is_county_high_school order by code limit 1`,
    )
    .then((r) => rowsOf<{ code: string }>(r));
  return row.code;
}

describe('who reads what', () => {
  it('portals, anonymous callers, counties and schools read published and superseded lists, never drafts', async () => {
    const { draft, published } = await demoLists();
    const school = await token({ role: 'SCHOOL_ADMIN', schoolCode: await countyHighSchool() });
    for (const tok of [portal, county, school, undefined]) {
      const { body } = await s.gql(LISTS, { r: DEMO.anxiang }, tok);
      const statuses = body.data.responsibilityLists.nodes.map((l) => l.status);
      expect(statuses).not.toContain('DRAFT');
      expect(statuses).toContain('PUBLISHED');
      expect(body.data.responsibilityLists.totalCount).toBe(statuses.length);
      expect((await s.gql(LIST, { id: draft.id }, tok)).body.data.responsibilityList).toBeNull();
      const node = await s.gql(NODE, { id: draft.id }, tok);
      expect(node.body.data?.node ?? null).toBeNull();
      expect(present((await s.gql(LIST, { id: published.id }, tok)).body.data.responsibilityList).items.length).toBe(
        published.itemCount,
      );
    }
    const mine = (await s.gql(LISTS, { r: DEMO.city, status: ['DRAFT'] }, city)).body.data.responsibilityLists;
    expect(mine.nodes.map((l) => l.version)).toContain('2026-2');
  });

  it('serves the matrix (items × levels) in a constant number of statements', async () => {
    const { published } = await demoLists();
    const MATRIX = graphql(
      `query ResponsibilityListsMatrix($id: ID!) { responsibilityList(id: $id) { matrix { levels rows { key domain title city county school lead } } } }`,
    );
    const before = s.db.database.statements.count;
    const { body } = await s.gql(MATRIX, { id: published.id }, portal);
    const n = s.db.database.statements.count - before;
    const m = present(body.data.responsibilityList).matrix;
    expect(m.levels).toEqual(['CITY', 'COUNTY', 'SCHOOL']);
    expect(m.rows.length).toBe(published.itemCount);
    expect(m.rows.find((r) => r.key === 'EXCHANGE.CROSS_COUNTY')).toEqual({
      key: 'EXCHANGE.CROSS_COUNTY',
      domain: 'STAFFING',
      title: '跨县教师交流轮岗与走教组织',
      city: ['LEAD', 'SUPERVISE'],
      county: ['IMPLEMENT'],
      school: ['COOPERATE'],
      lead: 'CITY',
    });
    expect(n).toBeLessThanOrEqual(3);

    // Items with their assignments, filtered by domain, come in one statement.
    const ITEMS = graphql(
      `query ResponsibilityListsFundingItems($id: ID!) { responsibilityList(id: $id) { items(domain: FUNDING) { key lead assignments { level role } } } }`,
    );
    const start = s.db.database.statements.count;
    const items = present((await s.gql(ITEMS, { id: published.id }, portal)).body.data.responsibilityList).items;
    expect(s.db.database.statements.count - start).toBe(1);
    expect(items.map((i) => [i.key, i.lead])).toEqual([
      ['FUNDING.CITY_COORDINATION', 'CITY'],
      ['FUNDING.COUNTY_MATCHING', 'COUNTY'],
      ['FUNDING.PER_STUDENT_FUNDING', 'COUNTY'],
    ]);
  });
});

describe('whoLeads', () => {
  it('answers from the published list, and from the documented defaults without one', async () => {
    // The 2027 version published above made the city lead within-county exchanges.
    for (const [key, level] of Object.entries(DEFAULT_LEADS)) {
      const answer = await whoLeads(db(), DEMO.taoyuan, key);
      expect(answer.source).toBe('PUBLISHED_LIST');
      expect(answer.listId).toBeGreaterThan(0);
      if (key !== 'EXCHANGE.WITHIN_COUNTY') expect(answer.level).toBe(level);
    }
    // A city without any published list (岳阳市, 430600) falls back to the defaults.
    for (const [key, level] of Object.entries(DEFAULT_LEADS)) {
      expect(await whoLeads(db(), '430621', key)).toEqual({ level, source: 'DEFAULT', listId: null });
    }
    // A matter missing from the published list also falls back; an unknown matter is a programming error.
    const [row] = await db()
      .select()
      .from(responsibilityLists)
      .where(and(eq(responsibilityLists.regionCode, DEMO.city), eq(responsibilityLists.status, 'PUBLISHED')));
    await db()
      .transaction(async (tx) => {
        await tx
          .delete(responsibilityItems)
          .where(and(eq(responsibilityItems.listId, row.id), eq(responsibilityItems.key, 'RESOURCES.POOL_MATCHING')));
        expect(await whoLeads(tx, DEMO.city, 'RESOURCES.POOL_MATCHING')).toEqual({
          level: 'CITY',
          source: 'DEFAULT',
          listId: null,
        });
        tx.rollback();
      })
      .catch((e) => {
        if (!/rollback/i.test(String(e))) throw e;
      });
    await expect(whoLeads(db(), DEMO.city, 'NO.SUCH_MATTER')).rejects.toThrow(/No default lead level/);
  });

  it('the test fixture publishes a list other domains can rely on', async () => {
    await db().execute(
      sql`insert into regions (code, name, level, parent_code) values ('430600', '岳阳市', 'CITY', '430000') on conflict do nothing`,
    );
    const listId = await publishLeadList(s.db.database, '430600', {
      'EXCHANGE.WITHIN_COUNTY': 'CITY',
      'RESOURCES.POOL_MATCHING': 'COUNTY',
    });
    expect(await whoLeads(db(), '430621', 'EXCHANGE.WITHIN_COUNTY')).toEqual({
      level: 'CITY',
      source: 'PUBLISHED_LIST',
      listId,
    });
    expect(await whoLeads(db(), '430621', 'RESOURCES.POOL_MATCHING')).toEqual({
      level: 'COUNTY',
      source: 'PUBLISHED_LIST',
      listId,
    });
    expect(await whoLeads(db(), '430621', 'EXCHANGE.CROSS_COUNTY')).toEqual({
      level: 'CITY',
      source: 'DEFAULT',
      listId: null,
    });
  });
});

describe.skipIf(!onRealPostgres)('concurrency (PostgreSQL)', () => {
  it('racing version creation and publication leave distinct versions and exactly one published list', async () => {
    const ctx = () => serviceContext(s.db.database);
    const { published } = await demoLists();
    const drafts = await Promise.all(
      Array.from({ length: 4 }, (_, i) =>
        createResponsibilityList(ctx(), {
          regionCode: DEMO.city,
          year: 2031,
          title: `并发版本${i}`,
          copyFromListId: published.id,
        }),
      ),
    );
    expect(drafts.map((d) => d.sequence).sort()).toEqual([1, 2, 3, 4]);
    const results = await Promise.allSettled(
      drafts.map((d) => publishResponsibilityList(ctx(), { listId: listGlobalId(d.id) })),
    );
    expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
    const rows = await db()
      .select({ status: responsibilityLists.status })
      .from(responsibilityLists)
      .where(eq(responsibilityLists.regionCode, DEMO.city));
    expect(rows.filter((r) => r.status === 'PUBLISHED')).toHaveLength(1);
    expect(rows.filter((r) => r.status === 'SUPERSEDED').length).toBeGreaterThanOrEqual(4);
  });
});
