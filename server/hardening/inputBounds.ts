import {
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLInputType,
  type OperationDefinitionNode,
  type GraphQLSchema,
  type ValueNode,
} from 'graphql';
import { REGION_CODE } from '../../schema/domains/organisation/codes.js';
import type { Bounds } from '../../schema/domains/shared/bounds.js';

/**
 * Bounds on every argument value, checked once per request before anything executes (no SQL,
 * no resolver), for arguments written inline and passed as variables alike (GET or POST):
 * - every list has a maximum number of items;
 * - every string a maximum length, and none may hold control, bidirectional-override or
 *   zero-width characters (text that hides what it says, or that PostgreSQL cannot store);
 * - every Float a domain range (finite and no larger than the domain allows);
 * - region codes in read filters are exactly six digits, so nothing reaches a LIKE pattern
 *   but digits.
 * A schema field or argument can narrow or widen its bounds with `extensions: bounded({...})`
 * (schema/domains/shared/bounds.ts).
 */
export const DEFAULT_BOUNDS = {
  /** Lists: the largest page (first/last ≤ 100); longer lists have their own bound. */
  maxItems: 100,
  /** Free-text and code filters of reads (nameContains, regionCode, staffNo, …). */
  queryStringLength: 64,
  /** Relay cursors (after/before): opaque keyset positions, longer than codes. */
  cursorLength: 256,
  /** Global ids. */
  idLength: 128,
  /** Text written by mutations; each service narrows it further (names 100, remarks 2,000). */
  mutationStringLength: 2000,
  /** Floats without a narrower domain: measured values (经费, 比例, 分数) stay far inside ±10⁹. */
  floatMagnitude: 1e9,
} as const;

export interface InputProblem {
  code: 'LIMIT_EXCEEDED' | 'VALIDATION';
  /** From the argument name down, e.g. ['input', 'rows', 3, 'name']. */
  path: (string | number)[];
  message: string;
}

/**
 * C0 controls except tab and line breaks, DEL, C1 controls, zero-width and invisible
 * formatting characters, bidirectional embeddings/overrides/isolates, the byte-order mark, and
 * unpaired UTF-16 surrogates (NUL and lone surrogates cannot be stored by PostgreSQL at all).
 */
export const FORBIDDEN_CHARACTER =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Names of read-filter arguments that hold a GB/T 2260 region code and feed LIKE prefixes. */
const REGION_CODE_ARGUMENTS = new Set(['regionCode', 'parentCode', 'countyCode', 'cityCode']);

const MAX_PROBLEMS = 20;

function codePoint(s: string, at: number): string {
  return `U+${s.codePointAt(at)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

function boundsOf(extensions: unknown): Bounds {
  return ((extensions as { bounds?: Bounds } | null | undefined)?.bounds ?? {}) as Bounds;
}

interface Walk {
  operation: 'query' | 'mutation' | 'subscription';
  problems: InputProblem[];
}

/** Raw value of an inline argument, with variables substituted (no coercion: only bounds matter here). */
function rawValue(node: ValueNode, variables: Record<string, unknown>): unknown {
  switch (node.kind) {
    case Kind.VARIABLE:
      return variables[node.name.value];
    case Kind.LIST:
      return node.values.map((v) => rawValue(v, variables));
    case Kind.OBJECT:
      return Object.fromEntries(node.fields.map((f) => [f.name.value, rawValue(f.value, variables)]));
    case Kind.INT:
    case Kind.FLOAT:
      return Number(node.value);
    case Kind.NULL:
      return null;
    default:
      return node.value;
  }
}

function checkString(
  value: string,
  typeName: string,
  name: string,
  bounds: Bounds,
  path: InputProblem['path'],
  w: Walk,
) {
  const maxLength =
    bounds.maxLength ??
    (typeName === 'ID'
      ? DEFAULT_BOUNDS.idLength
      : name === 'after' || name === 'before'
        ? DEFAULT_BOUNDS.cursorLength
        : w.operation === 'mutation'
          ? DEFAULT_BOUNDS.mutationStringLength
          : DEFAULT_BOUNDS.queryStringLength);
  if (value.length > maxLength) {
    w.problems.push({
      code: 'LIMIT_EXCEEDED',
      path,
      message: `${name} is ${value.length} characters long; at most ${maxLength} are allowed.`,
    });
    return;
  }
  const bad = FORBIDDEN_CHARACTER.exec(value);
  if (bad) {
    w.problems.push({
      code: 'VALIDATION',
      path,
      message: `${name} contains ${codePoint(value, bad.index)} (a control, bidirectional-override or zero-width character, or half a surrogate pair); remove it.`,
    });
    return;
  }
  if (w.operation !== 'mutation' && REGION_CODE_ARGUMENTS.has(name) && !REGION_CODE.test(value)) {
    w.problems.push({ code: 'VALIDATION', path, message: `${name} must be a 6-digit GB/T 2260 region code.` });
  }
}

function checkNumber(
  value: number,
  typeName: string,
  name: string,
  bounds: Bounds,
  path: InputProblem['path'],
  w: Walk,
) {
  const min = bounds.min ?? (typeName === 'Float' ? -DEFAULT_BOUNDS.floatMagnitude : -Infinity);
  const max = bounds.max ?? (typeName === 'Float' ? DEFAULT_BOUNDS.floatMagnitude : Infinity);
  if (!Number.isFinite(value) || value < min || value > max) {
    w.problems.push({ code: 'VALIDATION', path, message: `${name} must be between ${min} and ${max}.` });
  }
}

function walk(
  type: GraphQLInputType,
  value: unknown,
  name: string,
  bounds: Bounds,
  path: InputProblem['path'],
  w: Walk,
): void {
  if (value === null || value === undefined || w.problems.length >= MAX_PROBLEMS) return;
  if (isNonNullType(type)) {
    walk(type.ofType, value, name, bounds, path, w);
    return;
  }
  if (isListType(type)) {
    // GraphQL coerces a single value into a one-item list.
    if (!Array.isArray(value)) {
      walk(type.ofType, value, name, bounds, path, w);
      return;
    }
    const maxItems = bounds.maxItems ?? DEFAULT_BOUNDS.maxItems;
    if (maxItems !== 'batch' && value.length > maxItems) {
      w.problems.push({
        code: 'LIMIT_EXCEEDED',
        path,
        message: `${name} holds ${value.length} items; at most ${maxItems} are allowed.`,
      });
      return;
    }
    for (let i = 0; i < value.length && w.problems.length < MAX_PROBLEMS; i++)
      walk(type.ofType, value[i], name, bounds, [...path, i], w);
    return;
  }
  if (isInputObjectType(type)) {
    if (typeof value !== 'object' || Array.isArray(value)) return; // coercion reports it
    for (const field of Object.values(type.getFields())) {
      const v = (value as Record<string, unknown>)[field.name];
      if (v !== undefined && v !== null)
        walk(field.type, v, field.name, boundsOf(field.extensions), [...path, field.name], w);
    }
    return;
  }
  if (isEnumType(type) || !isScalarType(type)) return;
  if (typeof value === 'string') checkString(value, type.name, name, bounds, path, w);
  else if (typeof value === 'number') checkNumber(value, type.name, name, bounds, path, w);
}

/** An argument written in the operation (or a fragment it may spread): its definition and its value as written. */
interface ArgumentSite {
  type: GraphQLInputType;
  name: string;
  bounds: Bounds;
  value: ValueNode;
}

/**
 * The arguments of each operation of a document, in document order: they depend on the
 * document alone, so the walk with type information runs once per parsed document (Apollo
 * reuses them) and each request only checks the values.
 */
const argumentSites = new WeakMap<
  GraphQLSchema,
  WeakMap<DocumentNode, WeakMap<OperationDefinitionNode, ArgumentSite[]>>
>();
function argumentSitesOf(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
): ArgumentSite[] {
  let bySchema = argumentSites.get(schema);
  if (!bySchema) argumentSites.set(schema, (bySchema = new WeakMap()));
  let byDocument = bySchema.get(document);
  if (!byDocument) bySchema.set(document, (byDocument = new WeakMap()));
  let sites = byDocument.get(operation);
  if (!sites) {
    const found: ArgumentSite[] = [];
    const typeInfo = new TypeInfo(schema);
    visit(
      document,
      visitWithTypeInfo(typeInfo, {
        OperationDefinition: (node) => (node === operation ? undefined : false),
        Argument(node) {
          const arg = typeInfo.getArgument();
          if (!arg) return; // unknown arguments fail validation before this runs
          found.push({ type: arg.type, name: arg.name, bounds: boundsOf(arg.extensions), value: node.value });
        },
      }),
    );
    byDocument.set(operation, (sites = found));
  }
  return sites;
}

/**
 * Every bound the operation's argument values break (at most 20), in document order. Values
 * of the wrong type are left to GraphQL's own coercion, which reports them after this.
 */
export function inputProblems(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
): InputProblem[] {
  const vars: Record<string, unknown> = { ...variables };
  for (const def of operation.variableDefinitions ?? []) {
    if (vars[def.variable.name.value] === undefined && def.defaultValue)
      vars[def.variable.name.value] = rawValue(def.defaultValue, {});
  }
  const w: Walk = { operation: operation.operation, problems: [] };
  for (const site of argumentSitesOf(schema, document, operation)) {
    walk(site.type, rawValue(site.value, vars), site.name, site.bounds, [site.name], w);
  }
  return w.problems;
}
