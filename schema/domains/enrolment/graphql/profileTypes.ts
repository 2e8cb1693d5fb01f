import { and, desc, eq, inArray } from 'drizzle-orm';
import { builder } from '../../../builder.js';
import { SchoolProfileRef } from '../../evaluation/graphql/profileTypes.js';
import { CountyProfileRef } from '../../organisation/graphql/countyProfileTypes.js';
import { enrolmentPlans, enrolmentSchoolPlans, quotaAllocations } from '../table.js';
import { QuotaAllocationRef, SchoolEnrolmentPlanRef } from './types.js';

/** Published plans only: a profile shows what the city has decided, to every reader. */
const published = inArray(enrolmentPlans.status, ['PUBLISHED']);

builder.objectFields(SchoolProfileRef, (t) => ({
  enrolmentPlans: t.field({
    type: [SchoolEnrolmentPlanRef],
    description:
      'The school’s lines in the current published enrolment plans, newest year first ' +
      '(招生计划): places, boundary, 指标到校 allocation, admitted total and, for callers who ' +
      'may read its admissions, the checks.',
    resolve: async (s, _a, ctx) =>
      (
        await ctx.db
          .select({ line: enrolmentSchoolPlans })
          .from(enrolmentSchoolPlans)
          .innerJoin(enrolmentPlans, eq(enrolmentPlans.id, enrolmentSchoolPlans.planId))
          .where(and(eq(enrolmentSchoolPlans.schoolId, s.id), published))
          .orderBy(desc(enrolmentPlans.year))
      ).map((r) => r.line),
  }),
  quotaPlacesReceived: t.field({
    type: [QuotaAllocationRef],
    description:
      '指标到校 places senior schools allocate to this (junior) school in the current published ' +
      'plans (获得指标到校名额).',
    resolve: async (s, _a, ctx) =>
      (
        await ctx.db
          .select({ a: quotaAllocations })
          .from(quotaAllocations)
          .innerJoin(enrolmentSchoolPlans, eq(enrolmentSchoolPlans.id, quotaAllocations.schoolPlanId))
          .innerJoin(enrolmentPlans, eq(enrolmentPlans.id, enrolmentSchoolPlans.planId))
          .where(and(eq(quotaAllocations.juniorSchoolId, s.id), published))
          .orderBy(desc(enrolmentPlans.year), quotaAllocations.id)
      ).map((r) => r.a),
  }),
}));

builder.objectField(CountyProfileRef, 'enrolmentPlans', (t) =>
  t.field({
    type: [SchoolEnrolmentPlanRef],
    description:
      'Enrolment (招生): the lines of the county’s schools in the current published enrolment ' +
      'plans, newest year first, one statement for the county — places by category, boundary, ' +
      '指标到校, admitted total and, for callers who may read the admissions, the ' +
      'RED/YELLOW/GREEN checks.',
    args: { year: t.arg.int({ description: 'Only this plan year.' }) },
    resolve: async (county, args, ctx) =>
      (
        await ctx.db
          .select({ line: enrolmentSchoolPlans })
          .from(enrolmentSchoolPlans)
          .innerJoin(enrolmentPlans, eq(enrolmentPlans.id, enrolmentSchoolPlans.planId))
          .where(
            and(
              eq(enrolmentSchoolPlans.countyCode, county.code),
              published,
              args.year == null ? undefined : eq(enrolmentPlans.year, args.year),
            ),
          )
          .orderBy(desc(enrolmentPlans.year), enrolmentSchoolPlans.schoolId)
      ).map((r) => r.line),
  }),
);
