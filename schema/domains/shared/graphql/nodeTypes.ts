import { resolveNodes } from '@pothos/plugin-relay';
import { sql, type SQL } from 'drizzle-orm';
import { isObjectType, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import { builder } from '../../../builder.js';
import type { Context } from '../../../context.js';
import { UserError, UserErrors } from '../../../errors.js';

/**
 * The Node interface (`node(id:)`, `nodes(ids:)`) answers exactly what the lists show.
 *
 * Every type implementing Node registers its read rule here — the SQL condition its list
 * uses — and the schema refuses to build without one (`assertNodeReadRules`). An id is
 * answered in three ways only: malformed → VALIDATION at the argument; well-formed but of
 * nothing the caller may see (invisible, nonexistent, or a type the API does not expose such
 * as ApiKey or AuditEvent) → null, after the same visibility query whatever the reason, so
 * the answer is no existence oracle; visible → the object, loaded with its selection.
 */
type TableName = keyof Context['db']['query'];
type Condition = (table: any) => SQL | undefined;

export interface NodeReadRule {
  /** plugin-drizzle table name of the type. */
  table: TableName;
  /** The id column: row id (positive integer) or a region's GB/T 2260 code. */
  key: 'id' | 'code';
  /** The list's read condition for this viewer (undefined: public). */
  visible(ctx: Context): Condition;
}

const rules = new Map<string, NodeReadRule>();

export function nodeReadRule(typename: string, rule: NodeReadRule): void {
  rules.set(typename, rule);
}

/** Fails at schema build when a Node type has no read rule, so none is public by omission. */
export function assertNodeReadRules(schema: GraphQLSchema): void {
  const node = schema.getType('Node');
  const missing = Object.values(schema.getTypeMap())
    .filter((t) => isObjectType(t) && node && t.getInterfaces().some((i) => i.name === 'Node') && !rules.has(t.name))
    .map((t) => t.name);
  if (missing.length)
    throw new Error(
      `Node types without a read rule (schema/domains/shared/graphql/nodeTypes.ts): ${missing.join(', ')}`,
    );
}

interface Parsed {
  typename: string;
  id: string;
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const ROW_ID = /^[1-9]\d{0,15}$/;
const REGION_CODE = /^\d{6}$/;

/** The type and row id of a global id; null for a well-formed id of no exposed type; VALIDATION when malformed. */
function parseNodeId(raw: string, path: (string | number)[]): Parsed | null | UserError {
  const malformed = new UserError('VALIDATION', 'Not a global id (全局标识): use an `id` the API returned.', path);
  if (raw.length > 200 || !BASE64.test(raw)) return malformed;
  const text = Buffer.from(raw, 'base64').toString('utf8');
  // Buffer decoding is lenient: insist that the text encodes back to what was sent.
  if (Buffer.from(text, 'utf8').toString('base64').replace(/=+$/, '') !== raw.replace(/=+$/, '')) return malformed;
  const m = /^([A-Za-z][A-Za-z0-9]*):(.+)$/s.exec(text);
  if (!m) return malformed;
  const rule = rules.get(m[1]);
  if (!rule) return null;
  const id = m[2];
  const ok = rule.key === 'code' ? REGION_CODE.test(id) : ROW_ID.test(id) && Number.isSafeInteger(Number(id));
  return ok ? { typename: m[1], id } : new UserError('VALIDATION', `Not a ${m[1]} id.`, path);
}

/** Loads the nodes of `ids` the caller may read, in order; null for the rest. */
async function loadNodes(
  ctx: Context,
  info: GraphQLResolveInfo,
  ids: readonly string[],
  paths: (i: number) => (string | number)[],
) {
  const parsed = ids.map((raw, i) => parseNodeId(String(raw), paths(i)));
  const bad = parsed.filter((p): p is UserError => p instanceof UserError);
  if (bad.length) throw new UserErrors(bad);
  const wanted = parsed as (Parsed | null)[];
  const visible = new Set<string>();
  const byType = new Map<string, Set<string>>();
  for (const p of wanted) if (p) byType.set(p.typename, (byType.get(p.typename) ?? new Set()).add(p.id));
  await Promise.all(
    [...byType].map(async ([typename, idSet]) => {
      const rule = rules.get(typename)!;
      const keys = [...idSet].map((id) => (rule.key === 'id' ? Number(id) : id));
      const condition = rule.visible(ctx);
      const query = ctx.db.query[rule.table] as unknown as {
        findMany(q: unknown): Promise<Record<string, unknown>[]>;
      };
      const found = await query.findMany({
        columns: { [rule.key]: true },
        where: { [rule.key]: { in: keys }, RAW: (t: unknown) => condition(t) ?? sql`true` },
      });
      for (const row of found) visible.add(`${typename}:${row[rule.key]}`);
    }),
  );
  const shown = wanted.map((p) => (p && visible.has(`${p.typename}:${p.id}`) ? p : null));
  return resolveNodes(builder, ctx, info, shown);
}

const NodeRef = builder.nodeInterfaceRef();

builder.queryFields((t) => ({
  node: t.field({
    type: NodeRef,
    nullable: true,
    description:
      'Any object by its global id (按全局标识查询): what the lists show the caller, else null ' +
      '(not visible and nonexistent look alike). A malformed id is a VALIDATION error.',
    args: { id: t.arg.id({ required: true, description: 'A global id returned by the API.' }) },
    resolve: async (_root, args, ctx, info) =>
      (await loadNodes(ctx, info, [String(args.id)], () => ['id']))[0] as never,
  }),
  nodes: t.field({
    type: [NodeRef],
    nullable: { list: false, items: true },
    description:
      'Objects by global ids, in order; null where not found or not visible (one unknown id ' +
      'nulls only its own place). A malformed id is a VALIDATION error naming its position.',
    args: { ids: t.arg.idList({ required: true, description: 'Global ids returned by the API.' }) },
    resolve: async (_root, args, ctx, info) =>
      (await loadNodes(ctx, info, args.ids.map(String), (i) => ['ids', i])) as never,
  }),
}));
