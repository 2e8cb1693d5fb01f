import { defineRelationsPart } from 'drizzle-orm';
import * as tables from '../../tables.js';

/** Drizzle relations (v2) of the enrolment tables; schema/relations.ts combines every domain's part. */
export const enrolmentRelations = defineRelationsPart(tables, (r) => ({
  enrolmentPlans: {
    region: r.one.regions({ from: r.enrolmentPlans.regionCode, to: r.regions.code, optional: false }),
    basedOn: r.one.enrolmentPlans({
      from: r.enrolmentPlans.basedOnId,
      to: r.enrolmentPlans.id,
      alias: 'enrolment_plan_based_on',
    }),
    schools: r.many.enrolmentSchoolPlans({ from: r.enrolmentPlans.id, to: r.enrolmentSchoolPlans.planId }),
  },
  enrolmentSchoolPlans: {
    plan: r.one.enrolmentPlans({ from: r.enrolmentSchoolPlans.planId, to: r.enrolmentPlans.id, optional: false }),
    school: r.one.schools({ from: r.enrolmentSchoolPlans.schoolId, to: r.schools.id, optional: false }),
    allocations: r.many.quotaAllocations({ from: r.enrolmentSchoolPlans.id, to: r.quotaAllocations.schoolPlanId }),
  },
  quotaAllocations: {
    schoolPlan: r.one.enrolmentSchoolPlans({
      from: r.quotaAllocations.schoolPlanId,
      to: r.enrolmentSchoolPlans.id,
      optional: false,
    }),
    juniorSchool: r.one.schools({ from: r.quotaAllocations.juniorSchoolId, to: r.schools.id, optional: false }),
  },
  enrolmentAdmissions: {
    school: r.one.schools({ from: r.enrolmentAdmissions.schoolId, to: r.schools.id, optional: false }),
    sourceJuniorSchool: r.one.schools({
      from: r.enrolmentAdmissions.sourceJuniorSchoolId,
      to: r.schools.id,
      optional: false,
    }),
    sourceCounty: r.one.regions({ from: r.enrolmentAdmissions.sourceCountyCode, to: r.regions.code, optional: false }),
  },
}));
