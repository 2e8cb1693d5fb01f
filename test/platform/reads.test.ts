import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schools, teachers } from '../../schema/domains/organisation/table.js';
import { loadConfig } from '../../server/config.js';
import { startServer } from '../../server/start.js';
import { rowsOf } from '../../schema/domains/evaluation/sqlRows.js';
import { DEMO, present, silentLog, startTestServer, token, type TestServer } from '../harness.js';
import { graphql } from '../graphql/index.js';
import type { PlatformReadsKeysetQuery, TeacherRowInput, TypedDocumentString } from '../graphql/graphql.js';

let s: TestServer;
let city: string;
const db = () => s.db.database.db;

beforeAll(async () => {
  s = await startTestServer();
  city = await token({ role: 'CITY_ADMIN', regionCode: DEMO.city });
});
afterAll(() => s?.close());

const NESTED = graphql(`query PlatformReadsNested($s: Int, $t: Int) { region(code: "430700") { name children { code name
  schools(first: $s) { totalCount nodes { code name teacherCount teachers(first: $t) { totalCount nodes { name backboneLevel title } } } } } } }`);
const FLAT = graphql(
  `query PlatformReadsFlat { teachers(first: 100) { nodes { name school { name county { name parent { name } } } } } }`,
);

describe('nested reads', () => {
  /** Statements the database received while answering one request. */
  async function statementsFor<R, V>(query: TypedDocumentString<R, V>, variables: V) {
    const before = s.db.database.statements.count;
    const { body } = await s.gql(query, variables, city);
    expect(body.errors).toBeUndefined();
    return { n: s.db.database.statements.count - before, body };
  }

  it('counties → schools → teachers takes one SQL statement whatever the page sizes', async () => {
    const small = await statementsFor(NESTED, { s: 2, t: 2 });
    const large = await statementsFor(NESTED, { s: 50, t: 20 });
    expect(small.n).toBe(1);
    expect(large.n).toBe(small.n);
    const counties = present(large.body.data.region).children;
    expect(counties).toHaveLength(9);
    const taoyuan = present(counties.find((c) => c.code === DEMO.taoyuan));
    expect(taoyuan.schools.totalCount).toBe(await db().$count(schools, sql`county_code = ${DEMO.taoyuan}`));
    expect(taoyuan.schools.nodes).toHaveLength(Math.min(50, taoyuan.schools.totalCount));
    const first = taoyuan.schools.nodes[0];
    const [row] = await db().select().from(schools).where(sql`code = ${first.code}`);
    expect(first.teachers.totalCount).toBe(await db().$count(teachers, sql`school_id = ${row.id}`));
    expect(first.teacherCount).toBe(first.teachers.totalCount);
  });

  it('a flat list with a relation stays at one statement', async () => {
    const { n } = await statementsFor(FLAT, {});
    // Root connection rows + its nested relations in one statement; no totalCount requested.
    expect(n).toBe(1);
  });
});

describe('the portal page with exchange counts', () => {
  it('adds each teacher’s active exchange count without another statement, and the counts are right', async () => {
    const portal = await token({ role: 'PORTAL', regionCode: DEMO.city });
    const before = s.db.database.statements.count;
    const { body } = await s.gql(
      graphql(
        `query PlatformReadsExchangeCounts { regions(parentCode: "430700", level: COUNTY, first: 100) { nodes { schools(first: 50) { nodes { teachers(first: 20) { nodes { staffNo backboneLevel activeExchangeCount } } } } } } }`,
      ),
      {},
      portal,
    );
    expect(body.errors).toBeUndefined();
    expect(s.db.database.statements.count - before).toBe(1);
    const page = body.data.regions.nodes.flatMap((c) => c.schools.nodes.flatMap((x) => x.teachers.nodes));
    const expected = await db()
      .execute(
        sql`select t.staff_no, count(e.id)::int as n from teachers t left join exchange_assignments e on e.teacher_id = t.id and e.status = 'ACTIVE' group by t.staff_no`,
      )
      .then((r) => new Map(rowsOf<{ staff_no: string; n: number }>(r).map((x) => [x.staff_no, x.n])));
    for (const t of page) expect(t.activeExchangeCount).toBe(expected.get(t.staffNo));
    expect(page.some((t) => t.activeExchangeCount > 0)).toBe(true);
  });

  it('counts right for teachers a mutation returns (rows a service loaded, not the page query)', async () => {
    const [t] = await db()
      .execute(
        sql`select t.staff_no, t.name, t.gender, s.code as school_code, t.qualification, count(e.id)::int as n
            from teachers t join schools s on s.id = t.school_id join exchange_assignments e on e.teacher_id = t.id and e.status = 'ACTIVE'
            group by t.id, s.code order by n desc, t.staff_no limit 1`,
      )
      .then((r) =>
        rowsOf<{
          staff_no: string;
          name: string;
          gender: TeacherRowInput['gender'];
          school_code: string;
          qualification: TeacherRowInput['qualification'];
          n: number;
        }>(r),
      );
    expect(t.n).toBeGreaterThan(0);
    const { body } = await s.gql(
      graphql(
        `mutation PlatformReadsUpsertTeacher($input: UpsertTeachersInput!) { upsertTeachers(input: $input) { errors { code } results { status teacher { staffNo activeExchangeCount } } } }`,
      ),
      {
        input: {
          rows: [
            {
              staffNo: t.staff_no,
              name: t.name,
              gender: t.gender,
              schoolCode: t.school_code,
              qualification: t.qualification,
            },
          ],
        },
      },
      city,
    );
    expect(body.errors).toBeUndefined();
    expect(body.data.upsertTeachers.errors).toEqual([]);
    expect(body.data.upsertTeachers.results[0].teacher).toEqual({ staffNo: t.staff_no, activeExchangeCount: t.n });
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)('PostgreSQL sessions', () => {
  it('run without JIT unless DATABASE_JIT is set (compiling cost more than running the page query)', async () => {
    const jitOf = async (config: Record<string, string>) => {
      const { database } = await startServer(
        loadConfig({ DATABASE_URL: s.db.url!, EDUGOV_DEMO_DATA: 'false', LOG_LEVEL: 'silent', ...config }),
        silentLog,
      );
      try {
        const rows = await database.db.execute(sql`show jit`).then((r) => rowsOf<{ jit: string }>(r));
        return rows[0].jit;
      } finally {
        await database.close();
      }
    };
    expect(await jitOf({})).toBe('off');
    expect(await jitOf({ DATABASE_JIT: 'true' })).toBe('on');
  });
});

describe('connections', () => {
  it('refuses first above 100 with a clear error instead of clamping', async () => {
    const { body } = await s.gql(graphql(`query PlatformReadsTooMany { schools(first: 101) { nodes { code } } }`));
    expect(body.data).toBeNull();
    const [error] = present(body.errors, 'errors');
    expect(error.message).toMatch(/first must be at most 100/);
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    const nested = await s.gql(
      graphql(`query PlatformReadsTooManyNested { region(code: "430721") { schools(first: 500) { totalCount } } }`),
    );
    expect(present(nested.body.errors, 'errors')[0].message).toMatch(/at most 100/);
  });

  it('walks every school of a city exactly once with keyset cursors, in the requested order', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    let total = 0;
    do {
      const res = await s.gql(
        graphql(
          `query PlatformReadsKeyset($after: String) { schools(first: 37, after: $after, filter: { regionCode: "430700" }, orderBy: { field: NAME, direction: DESC }) { totalCount pageInfo { endCursor hasNextPage } nodes { code name } } }`,
        ),
        { after },
      );
      const c: PlatformReadsKeysetQuery['schools'] = res.body.data.schools;
      total = c.totalCount;
      seen.push(...c.nodes.map((n) => n.name));
      after = c.pageInfo.hasNextPage ? (c.pageInfo.endCursor ?? null) : null;
      pages++;
    } while (after && pages < 50);
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    expect(total).toBe(await db().$count(schools));
    const sorted = [...seen].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0));
    // PostgreSQL collation and JS code-unit order agree for these names? Compare with the database instead.
    const dbOrder = await db()
      .execute(sql`select name from schools order by name desc, id desc`)
      .then((r) => rowsOf<{ name: string }>(r).map((x) => x.name));
    expect(seen).toEqual(dbOrder);
    expect(sorted.length).toBe(seen.length);
  });

  it('pages backwards with last/before', async () => {
    const all = (
      await s.gql(
        graphql(
          `query PlatformReadsForwards { schools(first: 30, filter: { regionCode: "430721" }) { nodes { code } pageInfo { endCursor } } }`,
        ),
      )
    ).body.data.schools;
    const back = (
      await s.gql(
        graphql(
          `query PlatformReadsBackwards($b: String) { schools(last: 5, before: $b, filter: { regionCode: "430721" }) { nodes { code } pageInfo { hasPreviousPage } } }`,
        ),
        { b: all.pageInfo.endCursor },
      )
    ).body.data.schools;
    expect(back.nodes.map((n) => n.code)).toEqual(all.nodes.slice(-6, -1).map((n) => n.code));
    expect(back.pageInfo.hasPreviousPage).toBe(true);
  });

  it('filters schools and teachers and counts only what matches', async () => {
    const { body } = await s.gql(
      graphql(
        `query PlatformReadsCountyHighSchool { schools(first: 100, filter: { regionCode: "430725", stage: [SENIOR], isCountyHighSchool: true }) { totalCount nodes { name isCountyHighSchool countyCode } } }`,
      ),
    );
    expect(body.data.schools.totalCount).toBe(1);
    expect(body.data.schools.nodes[0]).toMatchObject({ isCountyHighSchool: true, countyCode: '430725' });
    expect(body.data.schools.nodes[0].name).toMatch(/桃源县/);

    const nameHits = await s.gql(
      graphql(
        `query PlatformReadsNameContains { schools(first: 100, filter: { nameContains: "中心小学" }) { totalCount nodes { name } } }`,
      ),
    );
    expect(nameHits.body.data.schools.totalCount).toBe(await db().$count(schools, sql`name like '%中心小学%'`));
    const literal = await s.gql(
      graphql(`query PlatformReadsLiteralWildcard { schools(first: 5, filter: { nameContains: "%" }) { totalCount } }`),
    );
    expect(literal.body.data.schools.totalCount).toBe(0); // wildcards are matched literally

    const backbone = await s.gql(
      graphql(
        `query PlatformReadsBackbone { teachers(first: 100, filter: { regionCode: "430700", backboneLevel: [PROVINCIAL], subject: "数学", minYearsAtSchool: 3 }) { totalCount nodes { backboneLevel subjects yearsAtSchool } } }`,
      ),
      {},
      await token({ role: 'CITY_ADMIN', regionCode: DEMO.city }),
    );
    const expected = await db().$count(
      teachers,
      sql`backbone_level = 'PROVINCIAL' and '数学' = any(subjects) and years_at_school >= 3`,
    );
    expect(expected).toBeGreaterThan(0);
    expect(backbone.body.data.teachers.totalCount).toBe(expected);
    for (const n of backbone.body.data.teachers.nodes) {
      expect(n.backboneLevel).toBe('PROVINCIAL');
      expect(n.subjects).toContain('数学');
      expect(n.yearsAtSchool).toBeGreaterThanOrEqual(3);
    }
  });

  it('looks up by natural key and by global id', async () => {
    const { body } = await s.gql(
      graphql(
        `query PlatformReadsNaturalKey { region(code: "430721") { id name level parent { code name } } regions(level: COUNTY, parentCode: "430700", first: 20) { totalCount nodes { code } } }`,
      ),
    );
    expect(body.data.region).toMatchObject({
      name: '安乡县',
      level: 'COUNTY',
      parent: { code: '430700', name: '常德市' },
    });
    expect(body.data.regions.totalCount).toBe(9);
    const again = await s.gql(
      graphql(
        `query PlatformReadsGlobalId($id: ID!) { node(id: $id) { ... on Region { code } } nodes(ids: [$id]) { id } }`,
      ),
      { id: present(body.data.region).id },
    );
    expect(again.body.data.node).toMatchObject({ code: '430721' });
    expect(
      await s
        .gql(graphql(`query PlatformReadsMissingSchool { school(code: "0000000000") { name } }`))
        .then((r) => r.body.data.school),
    ).toBeNull();
  });

  it('lists consortia with their lead and members', async () => {
    const { body } = await s.gql(
      graphql(
        `query PlatformReadsConsortia { consortia(first: 20, regionCode: "430700") { totalCount nodes { code name kind leadSchool { name } memberCount members { code } } } }`,
      ),
    );
    expect(body.data.consortia.totalCount).toBeGreaterThanOrEqual(5);
    for (const c of body.data.consortia.nodes) {
      expect(c.memberCount).toBe(c.members.length);
      expect(c.memberCount).toBeGreaterThan(0);
    }
  });
});
