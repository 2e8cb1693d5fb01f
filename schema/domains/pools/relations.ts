import { defineRelationsPart } from 'drizzle-orm';
import * as tables from '../../tables.js';

/** Drizzle relations (v2) of the pools tables; schema/relations.ts combines every domain's part. */
export const poolsRelations = defineRelationsPart(tables, (r) => ({
  resourcePools: {
    city: r.one.regions({ from: r.resourcePools.cityCode, to: r.regions.code, optional: false }),
    resources: r.many.poolResources({ from: r.resourcePools.id, to: r.poolResources.poolId }),
    requests: r.many.resourceRequests({ from: r.resourcePools.id, to: r.resourceRequests.poolId }),
  },
  poolResources: {
    pool: r.one.resourcePools({ from: r.poolResources.poolId, to: r.resourcePools.id, optional: false }),
    county: r.one.regions({ from: r.poolResources.countyCode, to: r.regions.code, optional: false }),
    school: r.one.schools({ from: r.poolResources.schoolId, to: r.schools.id }),
    allocations: r.many.resourceAllocations({ from: r.poolResources.id, to: r.resourceAllocations.resourceId }),
    offeredTeacher: r.one.teachers({ from: r.poolResources.teacherId, to: r.teachers.id }),
  },
  resourceRequests: {
    pool: r.one.resourcePools({ from: r.resourceRequests.poolId, to: r.resourcePools.id, optional: false }),
    county: r.one.regions({ from: r.resourceRequests.countyCode, to: r.regions.code, optional: false }),
    school: r.one.schools({ from: r.resourceRequests.schoolId, to: r.schools.id }),
    allocations: r.many.resourceAllocations({ from: r.resourceRequests.id, to: r.resourceAllocations.requestId }),
  },
  resourceAllocations: {
    request: r.one.resourceRequests({
      from: r.resourceAllocations.requestId,
      to: r.resourceRequests.id,
      optional: false,
    }),
    resource: r.one.poolResources({ from: r.resourceAllocations.resourceId, to: r.poolResources.id, optional: false }),
    exchangeAssignment: r.one.exchangeAssignments({
      from: r.resourceAllocations.id,
      to: r.exchangeAssignments.allocationId,
    }),
  },
}));
