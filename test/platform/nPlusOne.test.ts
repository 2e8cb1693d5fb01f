import {
  getNamedType,
  isEnumType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLOutputType,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERSONAL_FIELD_EXTENSION } from '../../schema/domains/access/personalFields.js';
import { schema } from '../../schema/index.js';
import { DEMO, startTestServer, token, type TestServer } from '../harness.js';

/**
 * No N+1 anywhere, proven from the schema: for every root connection and every object, list
 * or connection field reachable from its nodes (two levels deep), the same query over 2
 * parents and over 20 parents must cost the same number of SQL statements. A field that
 * loads per parent shows up here by name, whoever adds it.
 *
 * Root fields and arguments are filled from the demo data (the city 常德 and its counties,
 * the year 2026); a root connection whose demo data has fewer than 3 rows proves nothing
 * and is listed in THIN with the reason, so the list of what is not covered is explicit.
 */
const ARG_SAMPLES: Record<string, unknown> = {
  regionCode: DEMO.city,
  countyCode: DEMO.anxiang,
  cityCode: DEMO.city,
  code: DEMO.city,
  year: 2026,
};

/** Root connections the demo data cannot fill with 3 rows, and why. */
const THIN: Record<string, string> = {
  changes: 'the change feed is not a Relay connection of records with nested objects',
  personalDataReads: 'empty until someone reads personal data',
  evaluationCycles: 'the demo data has one cycle; its fields are probed through evaluationInvitations → cycle',
  establishmentTransfers: 'the demo data has one approved cross-county transfer (津市 → 安乡)',
  fundingProgrammes: 'the demo data has two programmes; their fields are probed through countyProfile tests',
  coordinationMeetings: 'the demo data has one 季度协调会 (seed 003)',
  escalations: 'the demo data has one 挂牌督办 and one 问责 record',
  inspections: 'the demo data has one 专项督导 and one 回头看',
  rapidResponseRequests: 'the demo data has two 快速响应 requests',
  reportingPeriods: 'the demo data has two monthly periods of reports',
};

const SMALL = 2;
const LARGE = 20;
const MAX_NESTED_FIELDS_PER_TYPE = 40;

let s: TestServer;
let city: string;

beforeAll(async () => {
  s = await startTestServer();
  city = await token({ role: 'CITY_ADMIN', regionCode: DEMO.city });
});
afterAll(() => s?.close());

interface Probe {
  root: string;
  path: string;
  query: (first: number) => string;
}

const isConnection = (t: GraphQLObjectType) => t.name.endsWith('Connection') && !!t.getFields().edges;

/** Arguments as a GraphQL string, or null when a required one cannot be filled. */
function argsOf(args: readonly GraphQLArgument[], first: number | null): string | null {
  const parts: string[] = [];
  for (const a of args) {
    if (a.name === 'first' && first != null) {
      parts.push(`first: ${first}`);
      continue;
    }
    if (!isNonNullType(a.type) || a.defaultValue !== undefined) continue;
    const named = getNamedType(a.type);
    if (a.name in ARG_SAMPLES) parts.push(`${a.name}: ${JSON.stringify(ARG_SAMPLES[a.name])}`);
    else if (isEnumType(named)) parts.push(`${a.name}: ${named.getValues()[0].name}`);
    else return null;
  }
  return parts.length ? `(${parts.join(', ')})` : '';
}

/**
 * A few scalar fields of a type (no arguments needed), enough to make it load. Personal fields
 * are left out: reading one records the read (one statement per request, not per parent).
 */
function leaves(t: GraphQLObjectType): string {
  const names = Object.values(t.getFields())
    .filter((f) => isScalarOrEnum(f.type) && argsOf(f.args, null) === '' && !f.extensions?.[PERSONAL_FIELD_EXTENSION])
    .map((f) => f.name)
    .slice(0, 4);
  return names.length ? names.join(' ') : '__typename';
}

function isScalarOrEnum(t: GraphQLOutputType): boolean {
  const named = getNamedType(t);
  return isScalarType(named) || isEnumType(named);
}

/** The selection of one field: its leaves, a connection's nodes, and (depth > 1) its own object fields. */
function selectionOf(f: GraphQLField<unknown, unknown>, nestedFirst: number): string | null {
  const named = getNamedType(f.type);
  if (!isObjectType(named)) return null;
  const args = argsOf(f.args, nestedFirst);
  if (args == null) return null;
  if (isConnection(named)) {
    const node = getNamedType(named.getFields().edges.type) as GraphQLObjectType;
    const nodeType = getNamedType(node.getFields().node.type) as GraphQLObjectType;
    return `${f.name}${args} { edges { node { ${leaves(nodeType)} } } }`;
  }
  return `${f.name}${args} { ${leaves(named)} }`;
}

function objectFields(t: GraphQLObjectType) {
  return Object.values(t.getFields())
    .filter((f) => isObjectType(getNamedType(f.type)) && !f.deprecationReason)
    .slice(0, MAX_NESTED_FIELDS_PER_TYPE);
}

function nodeTypeOf(connection: GraphQLObjectType): GraphQLObjectType {
  const edge = getNamedType(connection.getFields().edges.type) as GraphQLObjectType;
  return getNamedType(edge.getFields().node.type) as GraphQLObjectType;
}

/** Every (root connection, nested field) pair, depth 1 and 2. */
function probes(): Probe[] {
  const out: Probe[] = [];
  for (const root of Object.values(schema.getQueryType()!.getFields())) {
    const named = getNamedType(root.type);
    if (!isObjectType(named) || !isConnection(named) || root.name in THIN) continue;
    const node = nodeTypeOf(named);
    for (const f of objectFields(node)) {
      const one = selectionOf(f, 3);
      if (!one) continue;
      const wrap = (inner: string) => (first: number) => {
        const args = argsOf(root.args, first);
        return `{ ${root.name}${args} { edges { node { ${leaves(node)} ${inner} } } } }`;
      };
      out.push({ root: root.name, path: `${node.name}.${f.name}`, query: wrap(one) });
      const inner = getNamedType(f.type) as GraphQLObjectType;
      const innerNode = isConnection(inner) ? nodeTypeOf(inner) : inner;
      for (const g of objectFields(innerNode)) {
        const two = selectionOf(g, 3);
        const head = selectionOf(f, 3);
        if (!two || !head) continue;
        const nested = isConnection(inner)
          ? head.replace(/\{ edges \{ node \{ (.*) \} \} \}$/, `{ edges { node { $1 ${two} } } }`)
          : head.replace(/\{ (.*) \}$/, `{ $1 ${two} }`);
        out.push({ root: root.name, path: `${node.name}.${f.name}.${g.name}`, query: wrap(nested) });
      }
    }
  }
  return out;
}

async function statements(query: string) {
  const before = s.db.database.statements.count;
  const { body } = await s.gql(query, {}, city);
  return { n: s.db.database.statements.count - before, body };
}

function rootCount(body: { data?: Record<string, { edges?: unknown[] } | null> | null }, root: string): number {
  return body?.data?.[root]?.edges?.length ?? 0;
}

describe('no N+1: statements do not grow with the number of parents', () => {
  it('every root connection takes its page size into account (demo data has rows for each)', async () => {
    const thin: string[] = [];
    for (const root of Object.values(schema.getQueryType()!.getFields())) {
      const named = getNamedType(root.type);
      if (!isObjectType(named) || !isConnection(named) || root.name in THIN) continue;
      const args = argsOf(root.args, LARGE);
      if (args == null) {
        thin.push(`${root.name}: a required argument has no sample`);
        continue;
      }
      const { body } = await statements(`{ ${root.name}${args} { edges { node { __typename } } } }`);
      expect(body.errors, `${root.name}: ${JSON.stringify(body.errors)}`).toBeUndefined();
      if (rootCount(body, root.name) < 3)
        thin.push(`${root.name}: ${rootCount(body, root.name)} rows in the demo data`);
    }
    expect(thin).toEqual([]);
  });

  it(`2 and ${LARGE} parents cost the same number of statements, for every nested field`, async () => {
    const grows: string[] = [];
    const failed: string[] = [];
    const all = probes();
    expect(all.length).toBeGreaterThan(50);
    for (const p of all) {
      const small = await statements(p.query(SMALL));
      const large = await statements(p.query(LARGE));
      if (small.body.errors || large.body.errors) {
        failed.push(`${p.root} ${p.path}: ${JSON.stringify((small.body.errors ?? large.body.errors)[0].message)}`);
        continue;
      }
      if (rootCount(large.body, p.root) <= SMALL) continue; // too few parents to tell
      if (large.n !== small.n) {
        grows.push(`${p.root} → ${p.path}: ${small.n} statements for ${SMALL} parents, ${large.n} for ${LARGE}`);
        if (process.env.DEBUG_N1)
          console.log(
            p.query(LARGE),
            '\n',
            s.db.database.statements.log
              .slice(-large.n)
              .map((q) => q.slice(0, 300))
              .join('\n---\n'),
          );
      }
    }
    expect(failed).toEqual([]);
    expect(grows).toEqual([]);
  }, 600_000);
});

describe('mutation payloads', () => {
  /** A county teacher with no exchange yet, and another school of the county. */
  async function proposal() {
    const result = (await s.db.database.db.execute(
      `select t.staff_no, s.code from teachers t join schools s on s.county_code = t.county_code and s.id <> t.school_id
       where t.county_code = '${DEMO.anxiang}' and not exists (select 1 from exchange_assignments e where e.teacher_id = t.id)
       order by t.staff_no, s.code limit 1` as never,
    )) as unknown as { staff_no: string; code: string }[] | { rows: { staff_no: string; code: string }[] };
    // postgres.js answers with the rows, PGlite with { rows }.
    return (Array.isArray(result) ? result : result.rows)[0];
  }
  const propose = (selection: string) =>
    `mutation($input: ProposeExchangeInput!) { proposeExchange(input: $input) { exchangeAssignment { ${selection} } errors { code } } }`;

  it('resolve the returned row’s own columns from the row, without reading it again', async () => {
    for (const [selection, rereads] of [
      ['id status kind startDate', 0],
      // A field with its own select (a subquery on teachers) still loads it, in one statement.
      ['id status teacherName', 1],
    ] as const) {
      const { staff_no, code } = await proposal();
      const before = s.db.database.statements.count;
      const { body } = await s.gql(
        propose(selection),
        {
          input: {
            teacherStaffNo: staff_no,
            targetSchoolCode: code,
            kind: 'ROTATION',
            startDate: '2101-09-01',
            endDate: '2102-07-10',
            reason: '语句数测试',
          },
        },
        city,
      );
      expect(body.errors).toBeUndefined();
      expect(body.data.proposeExchange.errors).toEqual([]);
      expect(body.data.proposeExchange.exchangeAssignment.status).toBe('PROPOSED');
      const issued = s.db.database.statements.log.slice(-(s.db.database.statements.count - before));
      const insert = issued.findIndex((q) => q.startsWith('insert into "exchange_assignments"'));
      expect(insert).toBeGreaterThanOrEqual(0);
      const readsAfter = issued.slice(insert + 1).filter((q) => /from "exchange_assignments"/.test(q));
      expect(readsAfter.length, `${selection}:\n${issued.join('\n---\n')}`).toBe(rereads);
    }
  });
});
