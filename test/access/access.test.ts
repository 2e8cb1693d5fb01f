import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey, revokeApiKey } from '../../schema/domains/access/apiKeyService.js';
import { apiKeys } from '../../schema/domains/access/table.js';
import { schools, teachers } from '../../schema/domains/organisation/table.js';
import { rowsOf } from '../../schema/domains/evaluation/sqlRows.js';
import { DEMO, present, startTestServer, token, type GraphQLErrorBody, type TestServer } from '../harness.js';
import { graphql } from '../graphql/index.js';

const TEACHERS = graphql(
  `query AccessAccessTeachers($filter: TeacherFilter) { teachers(first: 5, filter: $filter) { totalCount nodes { id staffNo name idNumber phone school { code countyCode } } } }`,
);
const ANONYMOUS = graphql(
  `query AccessAccessAnonymous { viewer { role scopes } schools(first: 1) { totalCount } teachers(first: 5) { totalCount nodes { name } } }`,
);
const SCHOOL_TEACHERS = graphql(
  `query AccessAccessSchoolTeachers($c: String!) { school(code: $c) { teacherCount teachers(first: 5) { totalCount nodes { name } } } }`,
);
const TEACHER = graphql(`query AccessAccessTeacher($n: String!) { teacher(staffNo: $n) { name } }`);
const TEACHER_NODE_PERSONAL = graphql(
  `query AccessAccessTeacherNodePersonal($id: ID!) { node(id: $id) { ... on Teacher { name idNumber } } }`,
);
const TEACHER_NODE = graphql(`query AccessAccessTeacherNode($id: ID!) { node(id: $id) { ... on Teacher { name } } }`);
const RENAME_REGION = graphql(
  `mutation AccessAccessRenameRegion { upsertRegions(input: { rows: [{ code: "430721", name: "x" }] }) { errors { code path } } }`,
);
const TAMPER_REGION = graphql(
  `mutation AccessAccessTamperRegion { upsertRegions(input: { rows: [{ code: "430721", name: "篡改" }] }) { applied } }`,
);
const RENAME_REGION_CODE = graphql(
  `mutation AccessAccessRenameRegionCode { upsertRegions(input: { rows: [{ code: "430721", name: "x" }] }) { errors { code } } }`,
);
const VIEWER = graphql(`query AccessAccessViewer { viewer { role regionCode actor } }`);

let s: TestServer;
const db = () => s.db.database.db;
let anxiangTeachers: number;
let cityTeachers: number;

beforeAll(async () => {
  s = await startTestServer();
  anxiangTeachers = await db().$count(teachers, sql`county_code = ${DEMO.anxiang}`);
  cityTeachers = await db().$count(teachers);
});
afterAll(() => s?.close());

describe('who sees which teachers', () => {
  it('anonymous callers see public organisation data but no teachers', async () => {
    const { body } = await s.gql(ANONYMOUS);
    expect(body.data.viewer).toEqual({ role: 'ANONYMOUS', scopes: ['read'] });
    expect(body.data.schools.totalCount).toBeGreaterThan(250);
    expect(body.data.teachers).toEqual({ totalCount: 0, nodes: [] });
  });

  it('a county admin sees exactly its own county, with personal data', async () => {
    const t = await token({ role: 'COUNTY_ADMIN', regionCode: DEMO.anxiang });
    const { body } = await s.gql(TEACHERS, {}, t);
    expect(body.data.teachers.totalCount).toBe(anxiangTeachers);
    expect(body.data.teachers.nodes).toHaveLength(Math.min(5, anxiangTeachers));
    for (const n of body.data.teachers.nodes) {
      expect(n.school.countyCode).toBe(DEMO.anxiang);
      expect(n.idNumber).toMatch(/^430721\d{11}[\dX]$/);
      expect(n.phone).toMatch(/^1\d{10}$/);
    }
    // Asking for another county by filter still yields nothing.
    const other = await s.gql(TEACHERS, { filter: { regionCode: DEMO.taoyuan } }, t);
    expect(other.body.data.teachers.totalCount).toBe(0);
  });

  it('out-of-jurisdiction teachers stay hidden through every path: nested, by key, by node id', async () => {
    const city = await token({ role: 'CITY_ADMIN', regionCode: DEMO.city });
    const county = await token({ role: 'COUNTY_ADMIN', regionCode: DEMO.anxiang });
    const foreign = (await s.gql(TEACHERS, { filter: { regionCode: DEMO.taoyuan } }, city)).body.data.teachers.nodes[0];
    expect(present(foreign.school).countyCode).toBe(DEMO.taoyuan);

    const nested = await s.gql(SCHOOL_TEACHERS, { c: present(foreign.school).code }, county);
    expect(present(nested.body.data.school).teachers).toEqual({ totalCount: 0, nodes: [] });
    expect(present(nested.body.data.school).teacherCount).toBeGreaterThan(0); // the public aggregate stays visible

    const byKey = await s.gql(TEACHER, { n: foreign.staffNo }, county);
    expect(byKey.body.data.teacher).toBeNull();

    const byNode = await s.gql(TEACHER_NODE_PERSONAL, { id: foreign.id }, county);
    // Null, as for an id of nothing: a refusal would tell that the teacher exists.
    expect(byNode.body).toMatchObject({ data: { node: null } });
    expect(byNode.body.errors).toBeUndefined();
    expect(JSON.stringify(byNode.body)).not.toContain(foreign.name);

    const own = await s.gql(TEACHER_NODE, { id: foreign.id }, city);
    expect(present(own.body.data.node).name).toBe(foreign.name);
  });

  it('a school admin sees only its own school', async () => {
    const [sch] = await db()
      .select()
      .from(schools)
      .where(sql`county_code = ${DEMO.anxiang}`)
      .orderBy(sql`enrolment desc`)
      .limit(1);
    const n = await db().$count(teachers, sql`school_id = ${sch.id}`);
    const t = await token({ role: 'SCHOOL_ADMIN', schoolCode: sch.code });
    const { body } = await s.gql(TEACHERS, {}, t);
    expect(body.data.teachers.totalCount).toBe(n);
    expect(new Set(body.data.teachers.nodes.map((x) => present(x.school).code))).toEqual(new Set([sch.code]));
  });

  it('portal keys see teachers city-wide without personal identifiers, and cannot write', async () => {
    const { token: key } = await createApiKey(db(), { name: '家长门户', role: 'PORTAL', regionCode: DEMO.city });
    const { body } = await s.gql(TEACHERS, {}, key);
    expect(body.errors).toBeUndefined();
    expect(body.data.teachers.totalCount).toBe(cityTeachers);
    expect(body.data.teachers.nodes).toHaveLength(5);
    for (const n of body.data.teachers.nodes) {
      expect(n.name).toBeTruthy();
      expect(n.idNumber).toBeNull();
      expect(n.phone).toBeNull();
    }
    const w = await s.gql(RENAME_REGION, {}, key);
    expect(w.body.data.upsertRegions.errors).toEqual([{ code: 'FORBIDDEN', path: [] }]);
  });

  it('an evaluator reads its region without personal data', async () => {
    const t = await token({ role: 'EVALUATOR', regionCode: DEMO.anxiang });
    const { body } = await s.gql(TEACHERS, {}, t);
    expect(body.data.teachers.totalCount).toBe(anxiangTeachers);
    expect(body.data.teachers.nodes.every((n) => n.idNumber === null)).toBe(true);
  });
});

describe('tokens and keys', () => {
  it('rejects malformed, forged, expired and badly-shaped tokens with 401 and changes nothing', async () => {
    const forged = await token(
      { role: 'CITY_ADMIN', regionCode: DEMO.city },
      'another-secret-another-secret-another-1',
    );
    const expired = await token({ role: 'CITY_ADMIN', regionCode: DEMO.city, ttl: '-1m' });
    for (const [bad, message] of [
      ['not-a-jwt', /malformed/],
      [forged, /signature|malformed/],
      [expired, /expired/],
    ] as const) {
      const res = await fetch(s.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${bad}` },
        body: JSON.stringify({ query: String(TAMPER_REGION) }),
      });
      expect(res.status).toBe(401);
      const body = (await res.json()) as { errors: GraphQLErrorBody[] };
      expect(body.errors[0].extensions?.code).toBe('UNAUTHENTICATED');
      expect(body.errors[0].message).toMatch(message);
    }
    const basic = await fetch(s.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Basic abc' },
      body: JSON.stringify({ query: String(VIEWER) }),
    });
    expect(basic.status).toBe(401);
    const [r] = await db()
      .execute<{ name: string }>(sql`select name from regions where code = '430721'`)
      .then((x) => rowsOf<{ name: string }>(x));
    expect(r.name).toBe('安乡县');
  });

  it('a token whose role and jurisdiction disagree cannot be minted', async () => {
    await expect(token({ role: 'COUNTY_ADMIN', regionCode: DEMO.city })).rejects.toThrow(/county code/);
    await expect(token({ role: 'SCHOOL_ADMIN', regionCode: DEMO.anxiang })).rejects.toThrow(/school code/);
    await expect(token({ role: 'PORTAL', regionCode: DEMO.city, scopes: ['write'] })).rejects.toThrow(
      /cannot hold scope write/,
    );
  });

  it('API keys are stored hashed, record last use, and stop working when revoked', async () => {
    const { token: key, key: row } = await createApiKey(db(), {
      name: '数据平台同步',
      role: 'CITY_ADMIN',
      regionCode: DEMO.city,
      scopes: ['read', 'sync'],
    });
    const [stored] = await db().select().from(apiKeys).where(sql`prefix = ${row.prefix}`);
    expect(stored.secretHash).toMatch(/^[0-9a-f]{64}$/);
    // The secret is everything after egk_<prefix>_ (it may itself contain '_').
    const secret = key.slice(`egk_${row.prefix}_`.length);
    expect(secret.length).toBeGreaterThanOrEqual(32);
    expect(JSON.stringify(stored)).not.toContain(secret);
    expect(stored.lastUsedAt).toBeNull();

    const ok = await s.gql(VIEWER, {}, key);
    expect(ok.body.data.viewer).toEqual({ role: 'CITY_ADMIN', regionCode: DEMO.city, actor: `apikey:${row.prefix}` });
    const [used] = await db().select().from(apiKeys).where(sql`prefix = ${row.prefix}`);
    expect(used.lastUsedAt).not.toBeNull();

    // A key without the write scope cannot write even with an admin role.
    const w = await s.gql(RENAME_REGION_CODE, {}, key);
    expect(w.body.data.upsertRegions.errors[0].code).toBe('FORBIDDEN');

    const wrongSecret = key.slice(0, -4) + 'AAAA';
    expect((await s.gql(VIEWER, {}, wrongSecret)).status).toBe(401);

    await revokeApiKey(db(), row.prefix);
    const revoked = await s.gql(VIEWER, {}, key);
    expect(revoked.status).toBe(401);
    expect(present(revoked.body.errors)[0].message).toMatch(/revoked/);
  });
});
