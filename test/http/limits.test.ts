import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
} from 'graphql';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../../schema/index.js';
import {
  DEMO,
  onRealPostgres,
  PRODUCT_RATE_LIMITS,
  startTestServer,
  token,
  type GraphQLErrorBody,
  type TestServer,
} from '../harness.js';

/**
 * Work bounded before it runs (issue 13, item 3): every list and string argument has a bound
 * that is enforced before any SQL, lists fetched by id are priced by their length, substring
 * search is bounded and served by a trigram index, and one caller cannot hold every slot.
 */

let s: TestServer;
let city: string;
const BATCH = 3; // EDUGOV_MAX_BATCH_ROWS of the test server, so over-long batches stay small

beforeAll(async () => {
  s = await startTestServer({ env: { EDUGOV_MAX_BATCH_ROWS: String(BATCH) } });
  city = await token({ role: 'CITY_ADMIN', regionCode: DEMO.city });
}, 120_000);
afterAll(async () => {
  await s?.close();
});

/** POST through the harness client (JSON body, optional bearer token). */
const post = (server: TestServer, body: { query: string; variables?: Record<string, unknown> }, auth?: string) =>
  server.gql(body.query, body.variables, auth);

// ---------------------------------------------------------------------------------------------
// Every list / String / Float position of every argument in the schema.

type Kind = 'list' | 'string' | 'float';
interface Position {
  kind: Kind;
  arg: GraphQLArgument;
  /** Path inside the argument value: field names and list indexes. */
  inner: (string | number)[];
  /** The innermost field or argument name (what the bound is named after). */
  name: string;
  batch: boolean;
}

function positionsOf(arg: GraphQLArgument): Position[] {
  const out: Position[] = [];
  const walk = (type: GraphQLInputType, inner: (string | number)[], name: string, ext: unknown, seen: Set<string>) => {
    if (isNonNullType(type)) return walk(type.ofType, inner, name, ext, seen);
    if (isListType(type)) {
      out.push({
        kind: 'list',
        arg,
        inner,
        name,
        batch: (ext as { bounds?: { maxItems?: unknown } } | undefined)?.bounds?.maxItems === 'batch',
      });
      return walk(type.ofType, [...inner, 0], name, ext, seen);
    }
    if (isInputObjectType(type)) {
      if (seen.has(type.name)) return;
      for (const f of Object.values(type.getFields()))
        walk(f.type, [...inner, f.name], f.name, f.extensions, new Set([...seen, type.name]));
      return;
    }
    if (isScalarType(type) && (type.name === 'String' || type.name === 'ID'))
      out.push({ kind: 'string', arg, inner, name, batch: false });
    if (isScalarType(type) && type.name === 'Float') out.push({ kind: 'float', arg, inner, name, batch: false });
  };
  walk(arg.type, [], arg.name, arg.extensions, new Set());
  return out;
}

/** A value GraphQL coercion accepts and the boundary lets through: required fields only. */
function minimal(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return minimal(type.ofType);
  if (isListType(type)) return [];
  if (isInputObjectType(type)) {
    return Object.fromEntries(
      Object.values(type.getFields())
        .filter((f) => isNonNullType(f.type) && f.defaultValue === undefined)
        .map((f) => [f.name, minimal(f.type)]),
    );
  }
  if (isEnumType(type)) return type.getValues()[0].value;
  switch (type.name) {
    case 'Int':
    case 'Float':
      return 1;
    case 'Boolean':
      return true;
    case 'ID':
      return '1';
    case 'Date':
      return '2026-09-01';
    case 'DateTime':
      return '2026-09-01T08:00:00+08:00';
    default:
      return DEMO.city; // six digits: also a valid region code
  }
}

/** `minimal(arg)` with `leaf` placed at `inner` (building the objects and lists on the way). */
function valueWith(type: GraphQLInputType, inner: (string | number)[], leaf: unknown): unknown {
  if (inner.length === 0) return leaf;
  if (isNonNullType(type)) return valueWith(type.ofType, inner, leaf);
  const [step, ...rest] = inner;
  if (isListType(type)) return [valueWith(type.ofType, rest, leaf)];
  if (isInputObjectType(type)) {
    const field = type.getFields()[step as string];
    return { ...(minimal(type) as object), [step]: valueWith(field.type, rest, leaf) };
  }
  throw new Error(`cannot descend into ${String(type)} at ${String(step)}`);
}

/** The documented bound each position is refused above (README, "Work bounded before it runs"). */
function overBound(p: Position, operation: 'query' | 'mutation', itemType: GraphQLInputType): unknown {
  if (p.kind === 'float') return 1e308;
  if (p.kind === 'list') {
    const n = p.batch ? BATCH + 1 : p.name === 'memberSchoolCodes' ? 201 : p.name === 'cohorts' ? 501 : 101;
    const list = isNonNullType(itemType) ? itemType.ofType : itemType;
    // Valid items, so that a batch reaches the service, which bounds it.
    const element = isListType(list) ? minimal(list.ofType) : null;
    return Array.from({ length: n }, () => element);
  }
  const named = getNamedType(itemType).name;
  const max =
    named === 'ID' ? 128 : p.name === 'after' || p.name === 'before' ? 256 : operation === 'mutation' ? 2000 : 64;
  return '1'.repeat(max + 1);
}

/** The type found at `inner` inside the argument's type. */
function typeAt(type: GraphQLInputType, inner: (string | number)[]): GraphQLInputType {
  let t = type;
  for (const step of inner) {
    const u = isNonNullType(t) ? t.ofType : t;
    t = isListType(u) ? u.ofType : isInputObjectType(u) ? u.getFields()[step as string].type : u;
  }
  return t;
}

/** Shortest selection path from Query to every object type, through fields without required arguments. */
function pathsFromQuery(): Map<string, string[]> {
  const paths = new Map<string, string[]>([['Query', []]]);
  const queue: GraphQLObjectType[] = [schema.getQueryType()!];
  while (queue.length) {
    const type = queue.shift()!;
    for (const field of Object.values(type.getFields())) {
      if (field.args.some((a) => isNonNullType(a.type))) continue;
      const target = getNamedType(field.type);
      if (!isObjectType(target) || paths.has(target.name)) continue;
      paths.set(target.name, [...paths.get(type.name)!, field.name]);
      queue.push(target);
    }
  }
  return paths;
}

interface Case {
  label: string;
  operation: 'query' | 'mutation';
  document: string;
  variables: Record<string, unknown>;
  expectedPath: string[];
  kind: Kind;
  batch: boolean;
}

function casesFor(
  operation: 'query' | 'mutation',
  path: string[],
  field: GraphQLField<unknown, unknown>,
  typeName: string,
): Case[] {
  const cases: Case[] = [];
  for (const arg of field.args) {
    for (const p of positionsOf(arg)) {
      const itemType = typeAt(arg.type, p.inner);
      const variables: Record<string, unknown> = {};
      const defs: string[] = [];
      const uses: string[] = [];
      for (const other of field.args) {
        if (other !== arg && !isNonNullType(other.type)) continue;
        defs.push(`$${other.name}: ${other.type.toString()}`);
        uses.push(`${other.name}: $${other.name}`);
        variables[other.name] =
          other === arg ? valueWith(arg.type, p.inner, overBound(p, operation, itemType)) : minimal(other.type);
      }
      const returned = getNamedType(field.type);
      // Payloads: their errors too, where a service reports a bound it enforces itself.
      const selection = !isObjectType(returned)
        ? isScalarType(returned) || isEnumType(returned)
          ? ''
          : ' { __typename }'
        : returned.getFields().errors
          ? ' { __typename errors { code path } }'
          : ' { __typename }';
      const inner = `${field.name}(${uses.join(', ')})${selection}`;
      const body = path.reduceRight((acc, f) => `${f} { ${acc} }`, inner);
      cases.push({
        label: `${typeName}.${field.name}(${[arg.name, ...p.inner].join('.')}) ${p.kind}`,
        operation,
        document: `${operation}(${defs.join(', ')}) { ${body} }`,
        variables,
        expectedPath: [arg.name, ...p.inner].map(String),
        kind: p.kind,
        batch: p.batch,
      });
    }
  }
  return cases;
}

function allCases(): { cases: Case[]; unreachable: string[] } {
  const paths = pathsFromQuery();
  const cases: Case[] = [];
  const unreachable: string[] = [];
  for (const field of Object.values(schema.getMutationType()!.getFields()))
    cases.push(...casesFor('mutation', [], field, 'Mutation'));
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__') || type.name === 'Mutation') continue;
    for (const field of Object.values(type.getFields())) {
      if (!field.args.some((a) => positionsOf(a).length > 0)) continue;
      const path = paths.get(type.name);
      if (!path) {
        unreachable.push(`${type.name}.${field.name}`);
        continue;
      }
      // A connection's items are reached through `nodes`; plain lists through the list itself.
      cases.push(...casesFor('query', path, field, type.name));
    }
  }
  return { cases, unreachable };
}

describe('every list, string and float argument has an enforced bound (generated from the schema)', () => {
  const { cases, unreachable } = allCases();

  it('every type with bounded arguments is reachable from Query, so every position is exercised', () => {
    expect(unreachable).toEqual([]);
    // Sanity: the schema has the positions the issue names.
    expect(cases.some((c) => c.label.startsWith('Query.nodes(ids) list'))).toBe(true);
    expect(cases.some((c) => c.label.startsWith('Query.schools(filter.nameContains) string'))).toBe(true);
    expect(cases.some((c) => c.label.startsWith('Mutation.createEvaluationCycle(input.intakeMax) float'))).toBe(true);
    expect(cases.filter((c) => c.kind === 'list').length).toBeGreaterThan(20);
  });

  it('a value over its bound is refused, naming the argument path, before any SQL runs', async () => {
    const failures: string[] = [];
    for (const c of cases) {
      const before = s.db.database.statements.count;
      const r = await post(s, { query: c.document, variables: c.variables }, city);
      const spent = s.db.database.statements.count - before;
      const expectedCode = c.kind === 'float' ? 'VALIDATION' : 'LIMIT_EXCEEDED';
      // Bulk rows are bounded by the service (EDUGOV_MAX_BATCH_ROWS) with the same code and path, in the payload.
      type Problem = { code?: string; path?: unknown } | undefined;
      const payloads = Object.values((r.body.data ?? {}) as Record<string, { errors?: Problem[] } | null>);
      const errors: Problem[] = [
        ...(r.body.errors ?? []).map((e: GraphQLErrorBody) => e.extensions),
        ...payloads.flatMap((p) => p?.errors ?? []),
      ];
      const hit = errors.find(
        (e) => e?.code === expectedCode && JSON.stringify(e.path) === JSON.stringify(c.expectedPath),
      );
      if (!hit || spent !== 0)
        failures.push(`${c.label}: ${spent} statements, ${JSON.stringify(r.body).slice(0, 300)}`);
    }
    expect(failures).toEqual([]);
  }, 300_000);
});

// ---------------------------------------------------------------------------------------------

describe('lists fetched by id and substring filters', () => {
  const NODES = 'query($ids: [ID!]!) { nodes(ids: $ids) { id } }';

  it('40,000 ids from an anonymous caller are refused before any SQL; 100 are priced at 100', async () => {
    const ids = Array.from({ length: 40_000 }, (_, i) => String(i + 1));
    const before = s.db.database.statements.count;
    const r = await post(s, { query: NODES, variables: { ids } });
    expect(r.body.data).toBeUndefined();
    expect(r.body.errors[0].extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', path: ['ids'] });
    expect(r.body.errors[0].message).toBe('ids holds 40000 items; at most 100 are allowed.');
    expect(s.db.database.statements.count).toBe(before);
    // One point per object the list may hold (each item is one Node, `id` a free scalar): 100, not the
    // 10 a list of unknown length is assumed to hold.
    const hundred = await post(s, { query: NODES, variables: { ids: ids.slice(0, 100) } }, city);
    expect(hundred.body.extensions.cost.requestedQueryCost).toBe(100);
    const three = await post(s, { query: NODES, variables: { ids: ids.slice(0, 3) } }, city);
    expect(three.body.extensions.cost.requestedQueryCost).toBe(3);
  });

  it('a mutation costs one point more per input row', async () => {
    // The payload (1) + 10 per mutation + errors, a plain list assumed to hold 10 (10 × 1): 21 with no rows.
    const q = 'mutation($input: UpsertRegionsInput!) { upsertRegions(input: $input) { errors { code } } }';
    const rows = [1, 2, 3].map((i) => ({ code: `43079${i}`, name: `测试区${i}` }));
    const none = await post(s, { query: q, variables: { input: { rows: [] } } }, city);
    const three = await post(s, { query: q, variables: { input: { rows } } }, city);
    expect(none.body.extensions.cost.requestedQueryCost).toBe(21);
    expect(three.body.extensions.cost.requestedQueryCost).toBe(24);
    // Charged whatever comes back: actual = payload 1 + 10 + 3 rows (+ any errors returned).
    const returnedErrors = three.body.data.upsertRegions.errors.length;
    expect(three.body.extensions.cost.actualQueryCost).toBe(1 + 10 + 3 + returnedErrors);
  });

  it('nameContains: 1 MB is refused before any SQL, 64 characters are served', async () => {
    const q = 'query($f: SchoolFilter) { schools(first: 5, filter: $f) { nodes { name } } }';
    const before = s.db.database.statements.count;
    const huge = await post(s, { query: q, variables: { f: { nameContains: '%'.repeat(1_000_000) } } });
    expect(huge.body.errors[0].extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', path: ['filter', 'nameContains'] });
    expect(s.db.database.statements.count).toBe(before);
    const longest = await post(s, { query: q, variables: { f: { nameContains: '中'.repeat(64) } } });
    expect(longest.body.errors).toBeUndefined();
    expect(longest.body.data.schools.nodes).toEqual([]);
    const found = await post(s, { query: q, variables: { f: { nameContains: '一中' } } });
    expect(found.body.data.schools.nodes.length).toBeGreaterThan(0);
    for (const n of found.body.data.schools.nodes) expect(n.name).toContain('一中');
  });

  it('substring search on school and teacher names can use a trigram index', async () => {
    const db = s.db.database.db;
    for (const [table, index] of [
      ['schools', 'schools_name_trgm_idx'],
      ['teachers', 'teachers_name_trgm_idx'],
    ]) {
      const plan = await db.transaction(async (tx) => {
        // Forbid the sequential scan: the planner must then find an index that answers ILIKE '%…%'.
        await tx.execute('set local enable_seqscan = off');
        return tx.execute(`explain select id from ${table} where name ilike '%第一中%'`);
      });
      const text = JSON.stringify((plan as { rows?: unknown }).rows ?? plan);
      expect(text, table).toContain(index);
    }
  });

  it('a county filter is an equality the county index serves, in the register’s staff-number order', async () => {
    const county = '430721';
    const q = `query($f: TeacherFilter) { teachers(filter: $f, first: 20, orderBy: { field: STAFF_NO }) { totalCount nodes { staffNo } } }`;
    // The county's own bureau: its jurisdiction is the county too, so neither condition is a LIKE pattern.
    const bureau = await token({ role: 'COUNTY_ADMIN', regionCode: county });
    const before = s.db.database.statements.count;
    const r = await post(s, { query: q, variables: { f: { regionCode: county, backboneLevel: ['CITY'] } } }, bureau);
    expect(r.body.errors).toBeUndefined();
    const issued = s.db.database.statements.log.slice(-(s.db.database.statements.count - before));
    const page = issued.find((q) => q.includes('order by "d0"."staff_no"'));
    expect(page, issued.join('\n---\n')).toMatch(/"county_code" = \$\d/);
    expect(page).not.toMatch(/"county_code" like/);
    const plan = await s.db.database.db.transaction(async (tx) => {
      await tx.execute('set local enable_seqscan = off');
      return tx.execute(
        `explain select id from teachers where county_code = '${county}' and backbone_level = 'CITY' order by staff_no limit 20`,
      );
    });
    expect(JSON.stringify((plan as { rows?: unknown }).rows ?? plan)).toContain('teachers_county_staff_no_idx');
  });
});

// ---------------------------------------------------------------------------------------------

describe('cost refused before SQL, at the caller class maximum', () => {
  it('an anonymous request costing more than its whole bucket is MAX_COST_EXCEEDED, with no SQL', async () => {
    const product = await startTestServer({ env: PRODUCT_RATE_LIMITS });
    try {
      // 1 + 100 schools × (1 + the teachers page: 1 + 50 × 1) = 5,201 points; an anonymous bucket holds 1,000.
      const q = '{ schools(first: 100) { nodes { teachers(first: 50) { nodes { name } } } } }';
      const before = product.db.database.statements.count;
      const r = await post(product, { query: q });
      expect(r.body.errors[0].extensions).toMatchObject({
        code: 'MAX_COST_EXCEEDED',
        cost: { requestedQueryCost: 5201, maximumQueryCost: 1000 },
      });
      expect(product.db.database.statements.count).toBe(before);
    } finally {
      await product.close();
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Per-caller share of the execution slots. Needs real concurrency: requests blocked on a table
// lock held by another connection, which PGlite (one connection) cannot show.

describe.skipIf(!onRealPostgres)('one caller cannot occupy every execution slot', () => {
  async function scenario(perCaller: number) {
    const server = await startTestServer({
      env: { EDUGOV_MAX_CONCURRENT_EXECUTIONS: '4', EDUGOV_MAX_CONCURRENT_PER_CALLER: String(perCaller) },
    });
    const locker = postgres(server.db.url!, { max: 1, onnotice: () => {} });
    const busy = await token({ role: 'CITY_ADMIN', regionCode: DEMO.city, subject: 'busy-caller' });
    const other = await token({ role: 'COUNTY_ADMIN', regionCode: DEMO.anxiang, subject: 'other-caller' });
    try {
      const reserved = await locker.reserve();
      await reserved`begin`;
      await reserved`lock table schools in access exclusive mode`;
      // Eight requests of one caller, each waiting on the lock once it executes.
      const blocked = Array.from({ length: 8 }, () => server.gql('{ schools(first: 1) { nodes { code } } }', {}, busy));
      const deadline = Date.now() + 10_000;
      while (server.app.executions().active < Math.min(perCaller, 4) && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 20));
      const activeWhileBlocked = server.app.executions().active;
      // Another caller's request, needing no table the lock holds.
      const started = Date.now();
      const answered = await Promise.race([
        server.gql('{ viewer { role } }', {}, other).then((r) => r.body.data?.viewer?.role),
        new Promise((r) => setTimeout(() => r('still waiting'), 3_000)),
      ]);
      const waited = Date.now() - started;
      await reserved`rollback`;
      reserved.release();
      const results = await Promise.all(blocked);
      return { activeWhileBlocked, answered, waited, results };
    } finally {
      await locker.end();
      await server.close();
    }
  }

  it('with a share of 2 of 4 slots, another caller is served while the first caller waits', async () => {
    const r = await scenario(2);
    expect(r.activeWhileBlocked).toBe(2);
    expect(r.answered).toBe('COUNTY_ADMIN');
    expect(r.waited).toBeLessThan(3_000);
    for (const x of r.results) expect(x.body.errors).toBeUndefined(); // all eight served once the lock went
  }, 60_000);

  it('without a share (4 of 4), the same caller holds every slot and the other waits', async () => {
    const r = await scenario(4);
    expect(r.activeWhileBlocked).toBe(4);
    expect(r.answered).toBe('still waiting');
  }, 60_000);
});
