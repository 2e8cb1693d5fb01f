import SchemaBuilder from '@pothos/core';
import { type ExecutionResult, execute, parse } from 'graphql';
import { compileQuery, isCompiledQuery } from 'graphql-jit';
import { describe, expect, it } from 'vitest';
import ReadRulePlugin from '../../schema/readRulePlugin.js';

/**
 * Record-level read rules (schema/readRulePlugin.ts): an object that fails its type's rule is a
 * FORBIDDEN error at its own position, wherever a field returns it — alone, in a list, behind an
 * interface, with a synchronous or an asynchronous rule — and graphql-js and the compiled
 * executor (graphql-jit) give the same answer.
 */

interface Row {
  id: string;
  county: string;
}
interface Ctx {
  county: string;
}

function buildSchema() {
  const builder = new SchemaBuilder<{ Context: Ctx }>({ plugins: [ReadRulePlugin] } as never);
  const Item = builder.interfaceRef<Row>('Item').implement({ fields: (t) => ({ id: t.exposeString('id') }) });
  const Record = builder.objectRef<Row>('Record').implement({
    interfaces: [Item],
    isTypeOf: (v) => (v as Row).id.startsWith('r'),
    readRule: (row, ctx) => row.county === ctx.county,
    fields: (t) => ({ id: t.exposeString('id'), county: t.exposeString('county') }),
  });
  const Slow = builder.objectRef<Row>('Slow').implement({
    readRule: async (row, ctx) => {
      await new Promise((r) => setTimeout(r, 1));
      return row.county === ctx.county;
    },
    fields: (t) => ({ id: t.exposeString('id') }),
  });
  const Open = builder.objectRef<Row>('Open').implement({
    interfaces: [Item],
    isTypeOf: (v) => (v as Row).id.startsWith('o'),
    fields: (t) => ({ id: t.exposeString('id') }),
  });
  const rows: Row[] = [
    { id: 'r1', county: '430703' },
    { id: 'r2', county: '430721' },
    { id: 'r3', county: '430703' },
  ];
  builder.queryType({
    fields: (t) => ({
      record: t.field({
        type: Record,
        nullable: true,
        args: { id: t.arg.string() },
        resolve: (_, a) => rows.find((r) => r.id === a.id),
      }),
      records: t.field({ type: [Record], nullable: { list: false, items: true }, resolve: () => rows }),
      strictRecords: t.field({ type: [Record], nullable: true, resolve: () => rows }),
      slow: t.field({ type: [Slow], nullable: { list: false, items: true }, resolve: async () => rows }),
      items: t.field({
        type: [Item],
        nullable: { list: false, items: true },
        resolve: () => [rows[0], { id: 'o1', county: '430721' }, rows[1]],
      }),
      open: t.field({ type: Open, resolve: () => ({ id: 'o2', county: '430721' }) }),
    }),
  });
  return builder.toSchema();
}

const schema = buildSchema();
const ctx = { county: '430703' };

async function both(query: string, variables: Record<string, unknown> = {}) {
  const document = parse(query);
  const reference = (await execute({
    schema,
    document,
    contextValue: ctx,
    variableValues: variables,
  })) as ExecutionResult;
  const compiled = compileQuery(schema, document);
  if (!isCompiledQuery(compiled)) throw new Error(JSON.stringify(compiled));
  const jit = await compiled.query(undefined, ctx, variables);
  const shape = (r: ExecutionResult) => ({
    data: r.data,
    errors: (r.errors ?? []).map((e) => ({ message: e.message, path: e.path, code: e.extensions?.code })),
  });
  expect(shape(jit)).toEqual(shape(reference));
  return shape(reference);
}

const FORBIDDEN = (type: string, path: (string | number)[]) => ({
  message: `Not authorized to read fields for ${type}`,
  path,
  code: 'FORBIDDEN',
});

describe('read rules', () => {
  it('a single object the viewer may not read is null with FORBIDDEN at the field', async () => {
    expect(await both('{ record(id: "r2") { id } }')).toEqual({
      data: { record: null },
      errors: [FORBIDDEN('Record', ['record'])],
    });
    expect(await both('{ record(id: "r1") { id county } }')).toEqual({
      data: { record: { id: 'r1', county: '430703' } },
      errors: [],
    });
  });

  it('in a list, only the unreadable item is null, with the error at its index', async () => {
    expect(await both('{ records { id } }')).toEqual({
      data: { records: [{ id: 'r1' }, null, { id: 'r3' }] },
      errors: [FORBIDDEN('Record', ['records', 1])],
    });
  });

  it('non-null items: the error nulls the list, as graphql-js propagates it', async () => {
    expect(await both('{ strictRecords { id } }')).toEqual({
      data: { strictRecords: null },
      errors: [FORBIDDEN('Record', ['strictRecords', 1])],
    });
  });

  it('an asynchronous rule (a loader) is awaited', async () => {
    expect(await both('{ slow { id } }')).toEqual({
      data: { slow: [{ id: 'r1' }, null, { id: 'r3' }] },
      errors: [FORBIDDEN('Slow', ['slow', 1])],
    });
  });

  it('behind an interface, the concrete type’s rule applies; types without one pass', async () => {
    expect(await both('{ items { id __typename } open { id } }')).toEqual({
      data: { items: [{ id: 'r1', __typename: 'Record' }, { id: 'o1', __typename: 'Open' }, null], open: { id: 'o2' } },
      errors: [FORBIDDEN('Record', ['items', 2])],
    });
  });
});
