import { defineRelationsPart } from 'drizzle-orm';
import * as tables from '../../tables.js';

/** Drizzle relations (v2) of the exchanges tables; schema/relations.ts combines every domain's part. */
export const exchangesRelations = defineRelationsPart(tables, (r) => ({
  exchangeAssignments: {
    teacher: r.one.teachers({ from: r.exchangeAssignments.teacherId, to: r.teachers.id, optional: false }),
    sourceSchool: r.one.schools({ from: r.exchangeAssignments.sourceSchoolId, to: r.schools.id, optional: false }),
    targetSchool: r.one.schools({ from: r.exchangeAssignments.targetSchoolId, to: r.schools.id, optional: false }),
    sourceCounty: r.one.regions({ from: r.exchangeAssignments.sourceCountyCode, to: r.regions.code, optional: false }),
    targetCounty: r.one.regions({ from: r.exchangeAssignments.targetCountyCode, to: r.regions.code, optional: false }),
    allocation: r.one.resourceAllocations({ from: r.exchangeAssignments.allocationId, to: r.resourceAllocations.id }),
  },
}));
