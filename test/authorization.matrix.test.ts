import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isUnionType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
} from 'graphql';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../schema/domains/access/apiKeyService.js';
import { schema } from '../schema/index.js';
import { DEMO, startTestServer, token, type TestServer } from './harness.js';

/**
 * An authorisation matrix generated from the schema, so every new mutation and query is
 * covered without editing this file: callers who may not write (anonymous, portal keys and
 * portal tokens) never change anything through any mutation, and no query hands them
 * personal data (ID numbers, mobile numbers), whatever they select.
 */
let s: TestServer;
const callers: Record<string, string | undefined> = {};
const samples: Record<string, unknown> = {};

beforeAll(async () => {
  s = await startTestServer({ env: { EDUGOV_RATE_LIMIT: 'false' } });
  callers.anonymous = undefined;
  callers.portalToken = await token({ role: 'PORTAL', regionCode: DEMO.city });
  callers.portalKey = (await createApiKey(s.db.database.db, { name: '矩阵测试门户', role: 'PORTAL', regionCode: DEMO.city })).token;
  // Real keys and ids, so queries reach real records (read as the city, which may see them).
  const city = await token({ role: 'CITY_ADMIN', regionCode: DEMO.city });
  const { body } = await s.gql(
    `{ teachers(first: 1) { nodes { id staffNo school { code } } }
       evaluationCycles(regionCode: "430700", first: 1) { nodes { id } }
       resourcePools(regionCode: "430700", first: 1) { nodes { id } }
       responsibilityLists(regionCode: "430700", first: 1) { nodes { id } }
       evaluationFrameworks(regionCode: "430700") { id }
       evaluationInvitations(first: 1) { nodes { id } } }`,
    {},
    city,
  );
  const teacher = body.data.teachers.nodes[0];
  Object.assign(samples, {
    teacherId: teacher.id,
    staffNo: teacher.staffNo,
    schoolCode: teacher.school.code,
    evaluationCycle: body.data.evaluationCycles.nodes[0]?.id,
    resourcePool: body.data.resourcePools.nodes[0]?.id,
    responsibilityList: body.data.responsibilityLists.nodes[0]?.id,
    evaluationFramework: body.data.evaluationFrameworks[0]?.id,
    evaluationInvitation: body.data.evaluationInvitations.nodes[0]?.id,
  });
});
afterAll(() => s?.close());

/** A plausible value for an argument or input field, chosen by name and type. */
function valueFor(name: string, type: GraphQLInputType, field: string, depth = 0): unknown {
  const nullable = getNullableType(type);
  if (isListType(nullable)) return [valueFor(name, nullable.ofType, field, depth + 1)];
  const named = getNamedType(type);
  if (isEnumType(named)) return named.getValues()[0].value;
  if (isInputObjectType(named)) {
    if (depth > 4) return {};
    const out: Record<string, unknown> = {};
    for (const f of Object.values(named.getFields())) if (isNonNullType(f.type)) out[f.name] = valueFor(f.name, f.type, field, depth + 1);
    return out;
  }
  switch (named.name) {
    case 'Int':
      return name === 'year' ? 2026 : 1;
    case 'Float':
      return 1;
    case 'Boolean':
      return true;
    case 'Date':
      return '2026-09-01';
    case 'DateTime':
      return '2026-09-01T08:00:00+08:00';
    case 'JSON':
      return 1;
    case 'ID':
      if (field === 'node' || field === 'nodes') return samples.teacherId;
      if (/cycle/i.test(name)) return samples.evaluationCycle;
      if (/framework/i.test(name)) return samples.evaluationFramework;
      if (/invitation/i.test(name)) return samples.evaluationInvitation;
      if (/pool/i.test(name)) return samples.resourcePool;
      if (/list/i.test(name)) return samples.responsibilityList;
      return samples[field] ?? samples.teacherId;
  }
  if (name === 'staffNo' || name === 'teacherStaffNo') return samples.staffNo;
  if (name === 'code' && field === 'region') return DEMO.city;
  if (name === 'code' || name === 'schoolCode') return samples.schoolCode;
  if (name === 'countyCode') return DEMO.anxiang;
  if (/regionCode$/i.test(name) || name === 'parentCode') return DEMO.city;
  return '测试';
}

/** A selection of every field reachable without required arguments, a few levels deep. */
function selectionFor(type: GraphQLNamedType, depth: number): string {
  if (isScalarType(type) || isEnumType(type)) return '';
  if (isInterfaceType(type) || isUnionType(type)) {
    const possible = schema.getPossibleTypes(type);
    return `{ __typename ${possible.map((p) => `... on ${p.name} ${selectionFor(p, depth)}`).join(' ')} }`;
  }
  if (!isObjectType(type)) return '';
  const parts = ['__typename'];
  for (const f of Object.values(type.getFields()) as GraphQLField<unknown, unknown>[]) {
    if (f.args.some((a) => isNonNullType(a.type))) continue;
    const named = getNamedType(f.type);
    if (isScalarType(named) || isEnumType(named)) parts.push(f.name);
    else if (depth > 0) parts.push(`${f.name} ${selectionFor(named, depth - 1)}`);
  }
  return `{ ${parts.join(' ')} }`;
}

// Shaped like the real thing (area, birth date, sequence, check), and not the tail of a decimal.
const ID_NUMBER = /(?<![\d.])[1-9]\d{5}(19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])\d{3}[\dX](?![\d])/;
const MOBILE = /(?<![\d.])1[3-9]\d{9}(?!\d)/;

describe('authorisation matrix (generated from the schema)', () => {
  const mutations = Object.values(schema.getMutationType()!.getFields());

  it(`no caller without write rights changes anything through any of the ${mutations.length} mutations`, async () => {
    const db = s.db.database.db;
    const tables = await db
      .execute(sql`select tablename from pg_tables where schemaname = 'public' and tablename not like '%drizzle%' order by 1`)
      .then((r: any) => (r.rows ?? r).map((x: any) => x.tablename as string).filter((t: string) => t !== 'api_keys'));
    const snapshot = async () => {
      const counts: Record<string, number> = {};
      for (const t of tables) counts[t] = (await db.execute(sql.raw(`select count(*)::int as n from "${t}"`)).then((r: any) => (r.rows ?? r)[0].n)) as number;
      return counts;
    };
    const before = await snapshot();
    let cells = 0;
    const notRefused: string[] = [];
    for (const m of mutations) {
      const inputArg = m.args.find((a) => a.name === 'input');
      const payload = getNamedType(m.type);
      const select = isObjectType(payload) && payload.getFields().errors ? '{ __typename errors { code path } }' : '{ __typename }';
      const query = inputArg
        ? `mutation($input: ${inputArg.type.toString()}) { ${m.name}(input: $input) ${select} }`
        : `mutation { ${m.name} ${select} }`;
      const variables = inputArg ? { input: valueFor('input', inputArg.type, m.name) } : {};
      for (const [who, bearer] of Object.entries(callers)) {
        cells++;
        const { status, body } = await s.gql(query, variables, bearer);
        expect(status, `${m.name} as ${who}`).toBeLessThan(500);
        const result = body.data?.[m.name];
        // Refused for lack of rights — not merely for the placeholder input being invalid.
        const codes = [...(body.errors ?? []).map((e: any) => e.extensions?.code), ...(result?.errors ?? []).map((e: any) => e.code)];
        if (!codes.some((c) => c === 'FORBIDDEN' || c === 'UNAUTHENTICATED')) notRefused.push(`${m.name} as ${who}: ${codes.join(',')}`);
      }
    }
    expect(notRefused, 'refused for another reason than lack of rights').toEqual([]);
    expect(cells).toBe(mutations.length * 3);
    expect(await snapshot()).toEqual(before);
  }, 120_000);

  const queries = Object.values(schema.getQueryType()!.getFields());

  it(`none of the ${queries.length} queries gives personal data to portals or anonymous callers`, async () => {
    let answered = 0;
    for (const q of queries) {
      const args = q.args.filter((a) => isNonNullType(a.type) || a.name === 'first');
      const decl = args.filter((a) => a.name !== 'first').map((a) => `$${a.name}: ${a.type.toString()}`);
      const call = args.map((a) => (a.name === 'first' ? 'first: 5' : `${a.name}: $${a.name}`));
      const variables = Object.fromEntries(args.filter((a) => a.name !== 'first').map((a) => [a.name, valueFor(a.name, a.type, q.name)]));
      const selection = selectionFor(getNamedType(q.type), 3);
      const document = `query${decl.length ? `(${decl.join(', ')})` : ''} { ${q.name}${call.length ? `(${call.join(', ')})` : ''} ${selection} }`;
      for (const [who, bearer] of Object.entries(callers)) {
        const { status, body } = await s.gql(document, variables, bearer);
        expect(status, `${q.name} as ${who}`).toBeLessThan(500);
        const text = JSON.stringify(body.data ?? null);
        expect(ID_NUMBER.test(text), `${q.name} as ${who} returned an ID number`).toBe(false);
        expect(MOBILE.test(text), `${q.name} as ${who} returned a mobile number`).toBe(false);
        if (body.data?.[q.name] != null) answered++;
      }
    }
    // The matrix must reach real data, or it proves nothing.
    expect(answered).toBeGreaterThan(queries.length);
  }, 120_000);

  it('the same selections do return personal data to a county admin inside its county (the check can fail)', async () => {
    const county = await token({ role: 'COUNTY_ADMIN', regionCode: DEMO.anxiang });
    const { body } = await s.gql(`{ teachers(first: 5) ${selectionFor(getNamedType(schema.getQueryType()!.getFields().teachers.type), 3)} }`, {}, county);
    expect(ID_NUMBER.test(JSON.stringify(body.data))).toBe(true);
    expect(MOBILE.test(JSON.stringify(body.data))).toBe(true);
  });
});
