import SchemaBuilder from '@pothos/core';
import DirectivePlugin from '@pothos/plugin-directives';
import DrizzlePlugin from '@pothos/plugin-drizzle';
import FederationPlugin from '@pothos/plugin-federation';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import ValidationPlugin from '@pothos/plugin-validation';
import { getTableConfig } from 'drizzle-orm/pg-core';
import { GraphQLError } from 'graphql';
import { z } from 'zod';
import type { Context } from './context.js';
import { canSeePersonalData, type Place } from './domains/access/jurisdiction.js';
import ReadRulePlugin from './readRulePlugin.js';
import { forbiddenFieldError } from './errors.js';
import { relations, type Relations } from './relations.js';

/** Largest page any connection serves; larger `first`/`last` is an error, never a silent clamp. */
export const MAX_PAGE_SIZE = 100;

export const builder = new SchemaBuilder<{
  Context: Context;
  DrizzleRelations: Relations;
  DefaultFieldNullability: false;
  AuthScopes: {
    /** Personal identifiers: as above, and never for PORTAL or anonymous callers. */
    personalData: Place;
  };
  Scalars: {
    DateTime: { Input: string; Output: string };
    Date: { Input: string; Output: string };
    JSON: { Input: unknown; Output: unknown };
  };
}>({
  // Federation last: it must see resolvers after the auth plugin has wrapped them. It changes the
  // plain schema in nothing; `subgraphSchema()` (schema/federation.ts) adds the subgraph parts.
  plugins: [
    ScopeAuthPlugin,
    ReadRulePlugin,
    RelayPlugin,
    ValidationPlugin,
    DrizzlePlugin,
    DirectivePlugin,
    FederationPlugin,
  ],
  defaultFieldNullability: false,
  drizzle: {
    client: (ctx) => ctx.db,
    getTableConfig,
    relations,
    defaultConnectionSize: 20,
    maxConnectionSize: MAX_PAGE_SIZE,
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    nodesOnConnection: true,
    idFieldOptions: { description: 'Opaque global id (全局标识); refetch with node(id:).' },
    // node/nodes apply each type's list read rule: defined in domains/shared/graphql/nodeTypes.ts.
    nodeQueryOptions: false,
    nodesQueryOptions: false,
    firstArgOptions: {
      validate: z.number().int().min(0).max(MAX_PAGE_SIZE, `first must be at most ${MAX_PAGE_SIZE}`),
      description: `Page size from the start (at most ${MAX_PAGE_SIZE}).`,
    },
    lastArgOptions: {
      validate: z.number().int().min(0).max(MAX_PAGE_SIZE, `last must be at most ${MAX_PAGE_SIZE}`),
      description: `Page size from the end (at most ${MAX_PAGE_SIZE}).`,
    },
  },
  validation: {
    validationError: (failure) =>
      new GraphQLError(failure.issues.map((i) => i.message).join('; '), {
        extensions: {
          code: 'BAD_USER_INPUT',
          issues: failure.issues.map((i) => ({ message: i.message, path: i.path?.map(String) ?? [] })),
        },
      }),
  },
  scopeAuth: {
    authScopes: (ctx) => ({
      personalData: (place: Place) => canSeePersonalData(ctx.viewer, place),
    }),
    unauthorizedError: (_parent, _ctx, _info, result) => forbiddenFieldError(result.message || 'Not authorised'),
  },
});

builder.scalarType('DateTime', {
  description: 'ISO 8601 date-time with time zone (日期时间), e.g. 2026-09-01T08:00:00+08:00.',
  serialize: (v) => (typeof v === 'string' ? new Date(v).toISOString() : String(v)),
  parseValue: (v) => {
    if (typeof v !== 'string' || Number.isNaN(Date.parse(v)))
      throw new GraphQLError('DateTime must be an ISO 8601 string');
    return v;
  },
});

builder.scalarType('Date', {
  description: 'Calendar date in ISO 8601 form YYYY-MM-DD (日期), e.g. 2026-09-01; must be a real date.',
  serialize: (v) => String(v).slice(0, 10),
  parseValue: (v) => {
    const d = typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? new Date(`${v}T00:00:00Z`) : null;
    if (!d || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== v) {
      throw new GraphQLError('Date must be a real calendar date written YYYY-MM-DD');
    }
    return v as string;
  },
});

builder.scalarType('JSON', {
  description: 'Any JSON value (e.g. the before/after record of a change).',
  serialize: (v) => v,
  parseValue: (v) => v,
});

builder.queryType({ description: 'Read entry points (查询).' });
builder.mutationType({ description: 'Write entry points (变更). Every payload carries `errors: [UserError!]!`.' });
