// EDUGOV_FEDERATION=true: the API as an Apollo Federation 2 subgraph. Entities resolve under the
// caller's jurisdiction, and the subgraph composes with a second one into a supergraph.
import { composeServices } from '@apollo/composition';
import { sql } from 'drizzle-orm';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema as plainSchema } from '../../schema/index.js';
import { DEMO, startTestServer, token, type TestServer } from '../harness.js';

let s: TestServer;
let sdl: string;
let anxiangTeacher: { id: string; name: string };
let anxiangSchool: { code: string; name: string };

const rows = (r: unknown) => ((r as { rows?: unknown[] }).rows ?? [...(r as unknown[])]) as Record<string, unknown>[];
const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { __typename ... on Teacher { name } ... on School { name county { name } } ... on Region { name } } }`;

beforeAll(async () => {
  s = await startTestServer({ env: { EDUGOV_FEDERATION: 'true' } });
  sdl = (await s.gql('{ _service { sdl } }')).body.data._service.sdl;
  const db = s.db.database.db;
  const [t] = rows(
    await db.execute(
      sql`select t.id, t.name from teachers t where t.county_code = ${DEMO.anxiang} order by t.id limit 1`,
    ),
  );
  anxiangTeacher = { id: Buffer.from(`Teacher:${t!.id}`).toString('base64'), name: String(t!.name) };
  const [sc] = rows(
    await db.execute(sql`select code, name from schools where county_code = ${DEMO.anxiang} order by code limit 1`),
  );
  anxiangSchool = { code: String(sc!.code), name: String(sc!.name) };
});

afterAll(async () => {
  await s?.close();
});

describe('federation subgraph', () => {
  it('is off by default: the plain schema has no _service or _entities', () => {
    const fields = Object.keys(plainSchema.getQueryType()!.getFields());
    expect(fields).not.toContain('_service');
    expect(fields).not.toContain('_entities');
  });

  it('prints a Federation 2 SDL with the entity keys School(code), Region(code), Teacher(id)', () => {
    expect(sdl).toMatch(/@link\(url: "https:\/\/specs\.apollo\.dev\/federation\/v2\.\d+"/);
    expect(sdl).toMatch(/type School implements Node\s+@key\(fields: "code"\)/);
    expect(sdl).toMatch(/type Region implements Node\s+@key\(fields: "code"\)/);
    expect(sdl).toMatch(/type Teacher implements Node\s+@key\(fields: "id"\)/);
  });

  it('resolves a teacher only inside the caller’s jurisdiction; public schools and regions for anyone', async () => {
    const reps = [
      { __typename: 'Teacher', id: anxiangTeacher.id },
      { __typename: 'School', code: anxiangSchool.code },
      { __typename: 'Region', code: DEMO.anxiang },
    ];
    const own = await s.gql(ENTITIES, { r: reps }, await token({ role: 'COUNTY_ADMIN', regionCode: DEMO.anxiang }));
    expect(own.body.errors).toBeUndefined();
    expect(own.body.data._entities).toEqual([
      { __typename: 'Teacher', name: anxiangTeacher.name },
      { __typename: 'School', name: anxiangSchool.name, county: { name: '安乡县' } },
      { __typename: 'Region', name: '安乡县' },
    ]);
    for (const caller of [await token({ role: 'COUNTY_ADMIN', regionCode: DEMO.taoyuan }), undefined]) {
      const other = await s.gql(ENTITIES, { r: reps }, caller);
      expect(other.body.data._entities[0]).toBeNull();
      expect(other.body.data._entities[1]).toEqual({
        __typename: 'School',
        name: anxiangSchool.name,
        county: { name: '安乡县' },
      });
      expect(JSON.stringify(other.body)).not.toContain(anxiangTeacher.name);
    }
  });

  it('unknown and malformed keys resolve to null, not to an error or another row', async () => {
    const r = await s.gql(
      ENTITIES,
      {
        r: [
          { __typename: 'Teacher', id: 'not-a-global-id' },
          { __typename: 'Teacher', id: Buffer.from('School:1').toString('base64') },
          { __typename: 'School', code: '9999999999' },
        ],
      },
      await token({ role: 'CITY_ADMIN', regionCode: DEMO.city }),
    );
    expect(r.body.data._entities).toEqual([null, null, null]);
  });

  it('composes with a second subgraph into a municipal supergraph', () => {
    const inspection = parse(`
      extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key"])
      type School @key(fields: "code") { code: String! inspectionVisits: [InspectionVisit!]! }
      type InspectionVisit { date: String! inspector: String! }
      type Query { recentVisits: [InspectionVisit!]! }
    `);
    const composed = composeServices([
      { name: 'edugov', typeDefs: parse(sdl), url: s.url },
      { name: 'inspection', typeDefs: inspection, url: 'http://inspection.invalid/graphql' },
    ]);
    expect(composed.errors ?? []).toEqual([]);
    expect(composed.supergraphSdl).toMatch(
      /type School[^{]*@join__type\(graph: EDUGOV, key: "code"\)[^{]*@join__type\(graph: INSPECTION, key: "code"\)/,
    );
    expect(composed.supergraphSdl).toContain('inspectionVisits: [InspectionVisit!]! @join__field(graph: INSPECTION)');

    // A subgraph that contradicts edugov's School (code as Int) does not compose.
    const clash = parse(`
      extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key"])
      type School @key(fields: "code") { code: Int! }
      type Query { x: Int }
    `);
    const broken = composeServices([
      { name: 'edugov', typeDefs: parse(sdl), url: s.url },
      { name: 'clash', typeDefs: clash, url: 'http://clash.invalid/graphql' },
    ]);
    expect(broken.errors?.length).toBeGreaterThan(0);
  });
});
