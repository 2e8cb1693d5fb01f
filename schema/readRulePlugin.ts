import SchemaBuilder, {
  BasePlugin,
  type PothosOutputFieldConfig,
  type PothosOutputFieldType,
  type PothosTypeConfig,
  type SchemaTypes,
} from '@pothos/core';
import { type GraphQLFieldResolver, type GraphQLResolveInfo, getNamedType, isAbstractType } from 'graphql';
import { forbiddenFieldError } from './errors.js';

/**
 * Record-level read rules (`readRule` on an object type): every object of the type that a field
 * returns is checked against the viewer; one that fails becomes a FORBIDDEN error at its own
 * position (a list keeps its other items), as if the field had returned an error for it.
 *
 * The rule runs where the field that returns the object resolves, not in `isTypeOf`: a compiled
 * executor (graphql-jit) calls `isTypeOf(value)` synchronously and without the context, so a rule
 * there cannot see the viewer nor wait for a loader. Fields returning an interface or union check
 * the concrete type the schema resolves the value to.
 */

type ReadRule = (row: unknown, ctx: object) => boolean | Promise<boolean>;

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      readRule: ReadRulePlugin<Types>;
    }
    export interface ObjectTypeOptions<Types extends SchemaTypes = SchemaTypes, Shape = unknown> {
      /** Whether the viewer may read this record; checked for every object a field returns. */
      readRule?: (row: Shape, ctx: Types['Context']) => boolean | Promise<boolean>;
    }
  }
}

const isThenable = (v: unknown): v is PromiseLike<unknown> =>
  !!v && typeof (v as { then?: unknown }).then === 'function';

const forbidden = (typeName: string) => forbiddenFieldError(`Not authorized to read fields for ${typeName}`);

export class ReadRulePlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  /** Rules by type name, filled as object types are built (before any field is wrapped). */
  private readonly rules = new Map<string, ReadRule>();

  override onTypeConfig(typeConfig: PothosTypeConfig) {
    const rule = (typeConfig.pothosOptions as { readRule?: ReadRule }).readRule;
    if (typeConfig.kind === 'Object' && rule) this.rules.set(typeConfig.name, rule);
    return typeConfig;
  }

  override wrapResolve(
    resolver: GraphQLFieldResolver<unknown, Types['Context'], object>,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types['Context'], object> {
    const named = namedOf(fieldConfig.type);
    if (named.kind !== 'Object' && named.kind !== 'Interface' && named.kind !== 'Union') return resolver;
    const isList = fieldConfig.type.kind === 'List';
    const staticConfig = named.kind === 'Object' ? this.buildCache.getTypeConfig(named.ref) : null;
    if (staticConfig && !(staticConfig.pothosOptions as { readRule?: ReadRule }).readRule) return resolver;
    const staticType = staticConfig?.name ?? null;
    const rules = this.rules;

    /** The error for a value that fails its type's rule, or the value itself. */
    const check = (value: unknown, ctx: object, info: GraphQLResolveInfo): unknown => {
      if (value === null || value === undefined || value instanceof Error) return value;
      const typeName = staticType ?? concreteTypeName(value, ctx, info);
      if (isThenable(typeName))
        return Promise.resolve(typeName).then((name) => apply(name as string | undefined, value, ctx));
      return apply(typeName as string | undefined, value, ctx);
    };
    const apply = (typeName: string | undefined, value: unknown, ctx: object): unknown => {
      const rule = typeName ? rules.get(typeName) : undefined;
      if (!rule) return value;
      const allowed = rule(value, ctx);
      if (isThenable(allowed)) return Promise.resolve(allowed).then((ok) => (ok ? value : forbidden(typeName!)));
      return allowed ? value : forbidden(typeName!);
    };
    const completeOne = (value: unknown, ctx: object, info: GraphQLResolveInfo): unknown => {
      const checked = check(value, ctx, info);
      if (isThenable(checked)) return Promise.resolve(checked).then(throwIfError);
      return throwIfError(checked);
    };
    const completeList = (values: unknown, ctx: object, info: GraphQLResolveInfo): unknown => {
      if (!Array.isArray(values)) return values;
      let pending = false;
      const out = values.map((v) => {
        const c = check(v, ctx, info);
        if (isThenable(c)) pending = true;
        return c;
      });
      return pending ? Promise.all(out) : out;
    };
    const complete = isList ? completeList : completeOne;

    return (parent, args, ctx, info) => {
      const result = resolver(parent, args, ctx, info);
      if (isThenable(result)) return Promise.resolve(result).then((v) => complete(v, ctx, info));
      return complete(result, ctx, info);
    };
  }
}

function namedOf<Types extends SchemaTypes>(type: PothosOutputFieldType<Types>) {
  return type.kind === 'List' ? type.type : type;
}

function throwIfError(v: unknown): unknown {
  if (v instanceof Error) throw v;
  return v;
}

/** The object type an interface or union value resolves to, as the schema decides it. */
function concreteTypeName(value: unknown, ctx: object, info: GraphQLResolveInfo): unknown {
  const returned = getNamedType(info.returnType);
  if (!isAbstractType(returned) || !returned.resolveType) return undefined;
  return returned.resolveType(value, ctx, info, returned);
}

const pluginName = 'readRule';
SchemaBuilder.registerPlugin(pluginName, ReadRulePlugin);
export default pluginName;
