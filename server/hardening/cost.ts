import {
  getNamedType,
  isCompositeType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  Kind,
  typeFromAST,
  visit,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type NamedTypeNode,
  type OperationDefinitionNode,
} from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';

/**
 * Query cost in the manner of Shopify's Admin API: every object the response may contain
 * costs 1 point, scalars and enums cost nothing, and each mutation field costs 10 on top.
 * A Relay connection is priced for the page it asks for (`first`/`last`, or the default page
 * size); a list fetched by a list of ids (`nodes(ids:)`) for that many ids; any other list for
 * `listSize` items, since its length is not known in advance. A mutation costs one more point
 * per item of the lists it is given (a bulk upsert's rows): that is the work it makes the
 * database do, and it is charged whether the rows come back or not.
 *
 * The *requested* cost is this estimate before execution (what the per-request maximum and
 * the rate limiter check); the *actual* cost counts the objects really returned, priced the
 * same way, so the two are on one scale and the actual is never more for a connection.
 */
export const MUTATION_COST = 10;

export interface CostSettings {
  /** Page size of a connection asked for without first/last. */
  defaultPageSize: number;
  /** Assumed length of a plain (non-connection) list. */
  listSize: number;
}

function isConnectionType(type: GraphQLOutputType): boolean {
  return getNamedType(type).name.endsWith('Connection') && !isListType(unwrapNonNull(type));
}

function unwrapNonNull(type: GraphQLOutputType): GraphQLOutputType {
  return isNonNullType(type) ? type.ofType : type;
}

/** Items in every list of a (mutation's) arguments, nested ones included. */
function listItems(value: unknown, depth = 0): number {
  if (!value || typeof value !== 'object' || depth > 20) return 0;
  let n = 0;
  if (Array.isArray(value)) {
    n += value.length;
    for (let i = 0; i < value.length; i++) n += listItems(value[i], depth + 1);
  } else {
    for (const key in value) n += listItems((value as Record<string, unknown>)[key], depth + 1);
  }
  return n;
}

/** Length of the longest list-of-ids argument: how many objects such a field returns at most. */
function idListLength(
  field: { args: readonly { name: string; type: GraphQLInputType }[] },
  args: Record<string, unknown>,
): number | null {
  let longest: number | null = null;
  for (const arg of field.args) {
    const type = isNonNullType(arg.type) ? arg.type.ofType : arg.type;
    const value = args[arg.name];
    if (isListType(type) && getNamedType(type).name === 'ID' && Array.isArray(value))
      longest = Math.max(longest ?? 0, value.length);
  }
  return longest;
}

/** Cost of a mutation field's inputs, on top of MUTATION_COST: one point per list item. */
export interface CostTally {
  inputItems: number;
}

function estimators(settings: CostSettings, tally: CostTally): ComplexityEstimator[] {
  return [
    ({ type, field, args, childComplexity }) => {
      const named = getNamedType(field.type);
      if (!isCompositeType(named)) return 0;
      let extra = 0;
      if (type.name === 'Mutation') {
        const items = listItems(args);
        tally.inputItems += items;
        extra = MUTATION_COST + items;
      }
      if (isConnectionType(field.type)) {
        const page = Number(args.first ?? args.last ?? settings.defaultPageSize);
        // The connection object itself, then one page of whatever its edges/nodes select.
        return extra + 1 + Math.max(0, page) * childComplexity;
      }
      if (isListType(unwrapNonNull(field.type))) {
        // edges/nodes of a connection: priced per item; the connection multiplies.
        if (isConnectionType(type as unknown as GraphQLOutputType)) return 1 + childComplexity;
        return extra + (idListLength(field, args) ?? settings.listSize) * (1 + childComplexity);
      }
      return extra + 1 + childComplexity;
    },
  ];
}

/**
 * The document the estimate reads: variables of input object types retyped as the API's JSON
 * scalar, which takes a value as given. graphql-query-complexity coerces every variable
 * before estimating, yet the estimate reads only `first`/`last` and directive conditions; a
 * bulk upsert's thousands of input rows were validated here and then again by execution,
 * which still validates every input. Cached per parsed document (Apollo reuses them).
 */
const estimateDocuments = new WeakMap<DocumentNode, DocumentNode>();
function estimateDocument(schema: GraphQLSchema, document: DocumentNode): DocumentNode {
  let estimated = estimateDocuments.get(document);
  if (!estimated) {
    const json: NamedTypeNode = { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: 'JSON' } };
    estimated = !isScalarType(schema.getType('JSON'))
      ? document
      : visit(document, {
          VariableDefinition(node) {
            if (!isInputObjectType(getNamedType(typeFromAST(schema, node.type)))) return undefined;
            return {
              ...node,
              type: node.type.kind === Kind.NON_NULL_TYPE ? { kind: Kind.NON_NULL_TYPE, type: json } : json,
            };
          },
        });
    estimateDocuments.set(document, estimated);
  }
  return estimated;
}

/**
 * Estimates already made, per schema, settings and parsed document, keyed by operation name and
 * variables: the estimate depends on nothing else, and a page asked again and again (the same
 * portal page for every visitor of one city) is estimated once. Queries only (a mutation's
 * variables are its input rows), small variables only, and a bounded number per document.
 */
type Estimate = { cost: number; inputItems: number } | null;
const estimates = new WeakMap<GraphQLSchema, WeakMap<CostSettings, WeakMap<DocumentNode, Map<string, Estimate>>>>();
const MAX_ESTIMATES_PER_DOCUMENT = 64;
const MAX_CACHED_VARIABLES_LENGTH = 2048;

function estimatesOf(schema: GraphQLSchema, settings: CostSettings, document: DocumentNode): Map<string, Estimate> {
  let bySchema = estimates.get(schema);
  if (!bySchema) estimates.set(schema, (bySchema = new WeakMap()));
  let bySettings = bySchema.get(settings);
  if (!bySettings) bySchema.set(settings, (bySettings = new WeakMap()));
  let byDocument = bySettings.get(document);
  if (!byDocument) bySettings.set(document, (byDocument = new Map()));
  return byDocument;
}

/** Whether the operation the request runs is a query (the only kind whose estimates are kept). */
function runsQuery(document: DocumentNode, operationName: string | undefined): boolean {
  let chosen: OperationDefinitionNode | undefined;
  for (const d of document.definitions) {
    if (d.kind !== Kind.OPERATION_DEFINITION) continue;
    if (operationName === undefined) {
      if (chosen) return false; // several operations and none named: an error, not kept
      chosen = d;
    } else if (d.name?.value === operationName) chosen = d;
  }
  return chosen?.operation === 'query';
}

/**
 * The variables as a cache key, or null unless they are plain JSON values (what a request
 * body holds): anything JSON.stringify would drop or change (undefined, NaN, a Date, a
 * class instance) could estimate differently from the value its text stands for.
 */
function variablesKey(variables: Record<string, unknown> | undefined): string | null {
  try {
    return JSON.stringify(variables ?? {}, function (this: Record<string, unknown>, k, v: unknown) {
      const raw = k === '' ? v : this[k];
      if (raw === null || typeof raw === 'string' || typeof raw === 'boolean') return v;
      if (typeof raw === 'number' && Number.isFinite(raw)) return v;
      if (
        typeof raw === 'object' &&
        (Array.isArray(raw) || Object.getPrototypeOf(raw) === Object.prototype || Object.getPrototypeOf(raw) === null)
      )
        return v;
      throw new Error('not plain JSON');
    });
  } catch {
    return null;
  }
}

/**
 * The requested cost of one operation, and the part of it that prices mutation inputs.
 * Returns null when the variables do not fit the operation: execution reports that error
 * itself (BAD_USER_INPUT) and nothing is charged. Input objects are checked by execution only
 * (see estimateDocument).
 */
export function requestedCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | undefined,
  settings: CostSettings,
): { cost: number; inputItems: number } | null {
  const query = estimateDocument(schema, document);
  const name = operationName ?? undefined;
  let cache: Map<string, Estimate> | null = null;
  let key = '';
  const variablesText = runsQuery(query, name) ? variablesKey(variables) : null;
  if (variablesText !== null) {
    key = `${name ?? ''}\u0000${variablesText}`;
    if (key.length <= MAX_CACHED_VARIABLES_LENGTH) {
      cache = estimatesOf(schema, settings, query);
      const known = cache.get(key);
      if (known !== undefined) return known && { cost: known.cost, inputItems: known.inputItems };
    }
  }
  const estimate = estimateCost(schema, query, name, variables, settings);
  if (cache) {
    if (cache.size >= MAX_ESTIMATES_PER_DOCUMENT) cache.delete(cache.keys().next().value!);
    cache.set(key, estimate && { cost: estimate.cost, inputItems: estimate.inputItems });
  }
  return estimate;
}

function estimateCost(
  schema: GraphQLSchema,
  query: DocumentNode,
  operationName: string | undefined,
  variables: Record<string, unknown> | undefined,
  settings: CostSettings,
): Estimate {
  const tally: CostTally = { inputItems: 0 };
  try {
    const cost = getComplexity({
      schema,
      query,
      operationName,
      variables: variables ?? {},
      estimators: estimators(settings, tally),
    });
    return { cost, inputItems: tally.inputItems };
  } catch {
    return null;
  }
}

/**
 * The actual cost: objects in the response data, plus the mutation surcharge per root field
 * and the input items the mutations were given (work done whatever the response holds).
 */
export function actualCost(
  data: unknown,
  operation: 'query' | 'mutation' | 'subscription' | undefined,
  inputItems = 0,
): number {
  if (!data || typeof data !== 'object') return 0;
  let cost = inputItems;
  // Runs over every object of the response (10,000+ on a portal page): plain loops, no
  // per-object arrays from Object.values.
  const walk = (value: unknown) => {
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) walk(value[i]);
    } else if (value && typeof value === 'object') {
      cost++;
      for (const key in value) walk((value as Record<string, unknown>)[key]);
    }
  };
  for (const v of Object.values(data)) {
    if (operation === 'mutation') cost += MUTATION_COST;
    walk(v);
  }
  return cost;
}
