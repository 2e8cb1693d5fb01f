import { defineRelationsPart } from 'drizzle-orm';
import * as tables from '../../tables.js';

/** Drizzle relations (v2) of the funding tables; schema/relations.ts combines every domain's part. */
export const fundingRelations = defineRelationsPart(tables, (r) => ({
  spendingReports: {
    school: r.one.schools({ from: r.spendingReports.schoolId, to: r.schools.id }),
  },
}));
