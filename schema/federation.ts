// Apollo Federation 2 subgraph (EDUGOV_FEDERATION=true): School, Region and Teacher are entities
// another subgraph of a municipal supergraph can extend or reference by key. A reference is
// resolved with the same read rules as the API's own queries: the caller's token travels with
// the gateway's request, and a teacher outside the caller's jurisdiction resolves to null.
import { sql } from 'drizzle-orm';
import type { GraphQLSchema } from 'graphql';
import { builder } from './builder.js';
import { activeExchangeCountSql } from './domains/organisation/activeExchangeCount.js';
import { teacherCondition } from './domains/organisation/filters.js';
import { RegionRef, SchoolRef, TeacherRef } from './domains/organisation/graphql/types.js';
import { rowIdOrNull } from './domains/shared/ids.js';
import { schema } from './index.js';

builder.asEntity(SchoolRef, {
  key: builder.selection<{ code: string }>('code'),
  resolveReference: async ({ code }, ctx) => (await ctx.db.query.schools.findFirst({ where: { code } })) ?? null,
});

builder.asEntity(RegionRef, {
  key: builder.selection<{ code: string }>('code'),
  resolveReference: async ({ code }, ctx) => (await ctx.db.query.regions.findFirst({ where: { code } })) ?? null,
});

builder.asEntity(TeacherRef, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: async ({ id }, ctx) => {
    // A malformed id or one of another type refers to nothing here: null, as for an unknown id.
    const rowId = rowIdOrNull(id, 'Teacher');
    if (rowId === null) return null;
    const readable = teacherCondition(ctx.viewer, null);
    const row = await ctx.db.query.teachers.findFirst({
      where: { id: rowId, RAW: (t) => readable(t) ?? sql`true` },
      extras: { activeExchangeCount: (t) => activeExchangeCountSql(t.id) },
    });
    return row ?? null;
  },
});

let subgraph: GraphQLSchema | null = null;

/** The schema with the federation additions (`_service { sdl }`, `_entities`), built on first use. */
export function subgraphSchema(): GraphQLSchema {
  // The plain schema is built first (importing it above), so its printed form never depends on
  // whether federation was asked for.
  void schema;
  subgraph ??= builder.toSubGraphSchema({ sortSchema: true, linkUrl: 'https://specs.apollo.dev/federation/v2.6' });
  return subgraph;
}
