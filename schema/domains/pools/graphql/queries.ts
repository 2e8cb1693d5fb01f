import { connectionOf } from '../../shared/graphql/connectionTypes.js';
import { and, eq, like, sql } from 'drizzle-orm';
import { builder } from '../../../builder.js';
import { PoolKindEnum, AllocationStatusEnum, RequestPriorityEnum, RequestStatusEnum } from './enums.js';
import { allocationCondition, offerCondition, poolCityPattern, requestCondition } from '../filters.js';
import { rowIdOf, rowIdOrNull, type GlobalId } from '../../shared/ids.js';
import { resourceAllocations, resourcePools, resourceRequests } from '../table.js';
import { nodeReadRule } from '../../shared/graphql/nodeTypes.js';
import { ResourceAllocationRef, ResourcePoolRef, ResourceRequestRef } from './types.js';

const RequestFilterInput = builder.inputType('ResourceRequestFilter', {
  description: 'Filter for resource requests (资源申请筛选). Results never leave the caller’s jurisdiction.',
  fields: (t) => ({
    poolId: t.globalID({ description: 'Only requests to this pool.' }),
    regionCode: t.string({ description: 'Only requests of counties under this region.' }),
    status: t.field({ type: [RequestStatusEnum], description: 'Any of these statuses.' }),
    priority: t.field({ type: [RequestPriorityEnum], description: 'Any of these priorities.' }),
    subject: t.string({ description: 'Only this subject or category.' }),
  }),
});

const AllocationFilterInput = builder.inputType('AllocationFilter', {
  description: 'Filter for allocations (资源分配筛选); the caller sees allocations of its requests and of its offers.',
  fields: (t) => ({
    poolId: t.globalID({ description: 'Only allocations of resources in this pool.' }),
    requestId: t.globalID({ description: 'Only allocations for this request.' }),
    resourceId: t.globalID({ description: 'Only allocations of this resource.' }),
    regionCode: t.string({ description: 'Requesting or offering county under this region.' }),
    status: t.field({ type: [AllocationStatusEnum], description: 'Any of these statuses.' }),
  }),
});

/** A filter id of the wrong type matches nothing (-1) rather than failing the whole query. */
const optId = (g: GlobalId | null | undefined, type: string) => (g ? (rowIdOrNull(g, type) ?? -1) : null);

builder.queryFields((t) => ({
  resourcePools: t.drizzleConnection(
    {
      type: 'resourcePools',
      description:
        'Shared-resource pools (资源共享池列表): those of a city, of the city above a county, or ' +
        'of every city in a province; a public catalogue.',
      args: {
        regionCode: t.arg.string({ description: 'A city, a county (its city’s pools) or a province.' }),
        kind: t.arg({ type: PoolKindEnum, description: 'Only pools of this kind.' }),
      },
      totalCount: (_p, args, ctx) => ctx.db.$count(resourcePools, poolCondition(args)(resourcePools)),
      resolve: async (query, _root, args, ctx) =>
        ctx.db.query.resourcePools.findMany(
          query({
            where: {
              RAW: (p) => poolCondition(args)(p as typeof resourcePools) ?? sql`true`,
            },
            orderBy: { id: 'asc' },
          }),
        ),
    },
    connectionOf(ResourcePoolRef),
  ),

  resourcePool: t.drizzleField({
    type: 'resourcePools',
    nullable: true,
    description: 'A pool by global id (按标识查询资源池), with its resources.',
    args: { id: t.arg.id({ required: true, description: 'Global id of the pool.' }) },
    // Pool catalogues are public: no role to check before the id (malformed → VALIDATION).
    resolve: async (query, _root, args, ctx) =>
      ctx.db.query.resourcePools.findFirst(query({ where: { id: rowIdOf(String(args.id), 'ResourcePool', ['id']) } })),
  }),

  resourceRequests: t.drizzleConnection(
    {
      type: 'resourceRequests',
      description:
        'Resource requests within the caller’s jurisdiction (资源申请列表), newest first. Portals ' +
        'and anonymous callers see none.',
      args: { filter: t.arg({ type: RequestFilterInput }) },
      totalCount: (_p, args, ctx) =>
        ctx.db.$count(resourceRequests, requestCondition(ctx.viewer, filterOf(args.filter))(resourceRequests)),
      resolve: async (query, _root, args, ctx) => {
        const condition = requestCondition(ctx.viewer, filterOf(args.filter));
        return ctx.db.query.resourceRequests.findMany(
          query({
            where: { RAW: (r) => condition(r as typeof resourceRequests) ?? sql`true` },
            orderBy: { id: 'desc' },
          }),
        );
      },
    },
    connectionOf(ResourceRequestRef),
  ),

  allocations: t.drizzleConnection(
    {
      type: 'resourceAllocations',
      description:
        'Allocations the caller may see (资源分配列表): of its county’s requests or offers, or all ' +
        'in a city for its bureau; newest first.',
      args: { filter: t.arg({ type: AllocationFilterInput }) },
      totalCount: (_p, args, ctx) =>
        ctx.db.$count(
          resourceAllocations,
          allocationCondition(ctx.viewer, allocationFilterOf(args.filter))(resourceAllocations),
        ),
      resolve: async (query, _root, args, ctx) => {
        const condition = allocationCondition(ctx.viewer, allocationFilterOf(args.filter));
        return ctx.db.query.resourceAllocations.findMany(
          query({
            where: { RAW: (a) => condition(a as typeof resourceAllocations) ?? sql`true` },
            orderBy: { id: 'desc' },
          }),
        );
      },
    },
    connectionOf(ResourceAllocationRef),
  ),
}));

function poolCondition(args: {
  regionCode?: string | null;
  kind?: (typeof resourcePools.$inferSelect)['kind'] | null;
}) {
  const pattern = poolCityPattern(args.regionCode);
  return (p: typeof resourcePools) =>
    and(pattern ? like(p.cityCode, pattern) : undefined, args.kind ? eq(p.kind, args.kind) : undefined);
}

function filterOf(
  f:
    | { poolId?: GlobalId | null; regionCode?: string | null; status?: any; priority?: any; subject?: string | null }
    | null
    | undefined,
) {
  if (!f) return null;
  return { ...f, poolId: optId(f.poolId, 'ResourcePool') };
}

function allocationFilterOf(
  f:
    | {
        poolId?: GlobalId | null;
        requestId?: GlobalId | null;
        resourceId?: GlobalId | null;
        regionCode?: string | null;
        status?: any;
      }
    | null
    | undefined,
) {
  if (!f) return null;
  return {
    ...f,
    poolId: optId(f.poolId, 'ResourcePool'),
    requestId: optId(f.requestId, 'ResourceRequest'),
    resourceId: optId(f.resourceId, 'PoolResource'),
  };
}

// node(id:) reads by the lists' rules: pool catalogues are public, offers as resourcePool.resources.
nodeReadRule('ResourcePool', { table: 'resourcePools', key: 'id', visible: () => poolCondition({}) });
nodeReadRule('PoolResource', { table: 'poolResources', key: 'id', visible: (ctx) => offerCondition(ctx.viewer) });
nodeReadRule('ResourceRequest', {
  table: 'resourceRequests',
  key: 'id',
  visible: (ctx) => requestCondition(ctx.viewer, null),
});
nodeReadRule('ResourceAllocation', {
  table: 'resourceAllocations',
  key: 'id',
  visible: (ctx) => allocationCondition(ctx.viewer, null),
});
