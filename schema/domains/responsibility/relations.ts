import { defineRelationsPart } from 'drizzle-orm';
import * as tables from '../../tables.js';

/** Drizzle relations (v2) of the responsibility tables; schema/relations.ts combines every domain's part. */
export const responsibilityRelations = defineRelationsPart(tables, (r) => ({
  responsibilityLists: {
    region: r.one.regions({ from: r.responsibilityLists.regionCode, to: r.regions.code, optional: false }),
    basedOn: r.one.responsibilityLists({
      from: r.responsibilityLists.basedOnId,
      to: r.responsibilityLists.id,
      alias: 'list_based_on',
    }),
    items: r.many.responsibilityItems({ from: r.responsibilityLists.id, to: r.responsibilityItems.listId }),
  },
  responsibilityItems: {
    list: r.one.responsibilityLists({
      from: r.responsibilityItems.listId,
      to: r.responsibilityLists.id,
      optional: false,
    }),
    assignments: r.many.responsibilityAssignments({
      from: r.responsibilityItems.id,
      to: r.responsibilityAssignments.itemId,
    }),
  },
  rectificationTasks: {
    item: r.one.responsibilityItems({
      from: r.rectificationTasks.itemId,
      to: r.responsibilityItems.id,
      optional: false,
    }),
    region: r.one.regions({ from: r.rectificationTasks.regionCode, to: r.regions.code, optional: false }),
    school: r.one.schools({ from: r.rectificationTasks.schoolId, to: r.schools.id }),
    reports: r.many.rectificationReports({ from: r.rectificationTasks.id, to: r.rectificationReports.taskId }),
    reviews: r.many.rectificationReviews({ from: r.rectificationTasks.id, to: r.rectificationReviews.taskId }),
  },
}));
