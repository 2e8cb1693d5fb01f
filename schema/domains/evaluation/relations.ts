import { defineRelationsPart } from 'drizzle-orm';
import * as tables from '../../tables.js';

/** Drizzle relations (v2) of the evaluation tables; schema/relations.ts combines every domain's part. */
export const evaluationRelations = defineRelationsPart(tables, (r) => ({
  evaluationCycles: {
    region: r.one.regions({ from: r.evaluationCycles.regionCode, to: r.regions.code, optional: false }),
    framework: r.one.evaluationFrameworks({ from: r.evaluationCycles.frameworkId, to: r.evaluationFrameworks.id }),
    valueAdded: r.many.valueAddedResults({ from: r.evaluationCycles.id, to: r.valueAddedResults.cycleId }),
  },
  valueAddedResults: {
    cycle: r.one.evaluationCycles({ from: r.valueAddedResults.cycleId, to: r.evaluationCycles.id, optional: false }),
    school: r.one.schools({ from: r.valueAddedResults.schoolId, to: r.schools.id, optional: false }),
  },
  evaluationFrameworks: {
    region: r.one.regions({ from: r.evaluationFrameworks.regionCode, to: r.regions.code, optional: false }),
    indicators: r.many.frameworkIndicators({ from: r.evaluationFrameworks.id, to: r.frameworkIndicators.frameworkId }),
  },
  frameworkIndicators: {
    dimensionInfo: r.one.evaluationDimensions({
      from: r.frameworkIndicators.dimension,
      to: r.evaluationDimensions.code,
      optional: false,
    }),
  },
  evaluationInvitations: {
    cycle: r.one.evaluationCycles({
      from: r.evaluationInvitations.cycleId,
      to: r.evaluationCycles.id,
      optional: false,
    }),
    school: r.one.schools({ from: r.evaluationInvitations.schoolId, to: r.schools.id, optional: false }),
  },
}));
