import { sql } from 'drizzle-orm';
import { builder } from '../../../builder.js';
import { connectionOf } from '../../shared/graphql/connectionTypes.js';
import { rowIdOf } from '../../shared/ids.js';
import { nodeReadRule } from '../../shared/graphql/nodeTypes.js';
import { PLAN_TYPE } from '../planRecords.js';
import { EnrolmentPlanStatusEnum, EnrolmentStageEnum } from './enums.js';
import { admissionCondition, planCondition } from '../filters.js';
import { enrolmentAdmissions, enrolmentPlans } from '../table.js';
import { EnrolmentAdmissionRef, EnrolmentPlanRef } from './types.js';
import './profileTypes.js';

const AdmissionFilterInput = builder.inputType('EnrolmentAdmissionFilter', {
  description:
    'Filter for admissions (录取情况筛选). All given conditions must hold; results never leave ' +
    'the caller’s jurisdiction.',
  fields: (t) => ({
    regionCode: t.string({ description: 'Admitting schools in this region.' }),
    schoolCode: t.string({ description: 'This admitting school.' }),
    sourceCountyCode: t.string({ description: 'Pupils from junior schools of this county.' }),
    year: t.int({ description: 'Admission year.' }),
    stage: t.field({ type: EnrolmentStageEnum, description: 'Stage.' }),
  }),
});

builder.queryFields((t) => ({
  enrolmentPlans: t.drizzleConnection(
    {
      type: 'enrolmentPlans',
      description:
        'Versions of enrolment plans (招生计划), of the city governing a region when given, newest ' +
        'first. Drafts appear only to the city’s and its counties’ admins.',
      args: {
        regionCode: t.arg.string({
          description: 'A city code, or a county code (its city’s plans); all cities when omitted.',
        }),
        year: t.arg.int({ description: 'Only this admission year.' }),
        stage: t.arg({ type: EnrolmentStageEnum, description: 'Only this stage.' }),
        status: t.arg({ type: [EnrolmentPlanStatusEnum], description: 'Any of these statuses.' }),
      },
      totalCount: (_parent, args, ctx) =>
        ctx.db.$count(enrolmentPlans, planCondition(ctx.viewer, args)(enrolmentPlans)),
      resolve: async (query, _root, args, ctx) => {
        const condition = planCondition(ctx.viewer, args);
        return ctx.db.query.enrolmentPlans.findMany(
          query({
            where: { RAW: (p) => condition(p) ?? sql`true` },
            orderBy: { year: 'desc', stage: 'asc', sequence: 'desc' },
          }),
        );
      },
    },
    connectionOf(EnrolmentPlanRef),
  ),

  enrolmentPlan: t.drizzleField({
    type: 'enrolmentPlans',
    nullable: true,
    description: 'One plan version by global id (招生计划); null when it does not exist or the caller may not see it.',
    args: { id: t.arg.id({ required: true, description: 'Global id of the plan.' }) },
    resolve: async (query, _root, args, ctx) => {
      const id = rowIdOf(String(args.id), PLAN_TYPE, ['id']);
      const visible = planCondition(ctx.viewer, {});
      return ctx.db.query.enrolmentPlans.findFirst(query({ where: { id, RAW: (p) => visible(p) ?? sql`true` } }));
    },
  }),

  currentEnrolmentPlan: t.drizzleField({
    type: 'enrolmentPlans',
    nullable: true,
    description:
      'The published plan (现行招生计划) of the city governing a region for a year and stage; ' +
      'null before publication.',
    args: {
      regionCode: t.arg.string({ required: true, description: 'A city or county code.' }),
      year: t.arg.int({ required: true, description: 'Admission year.' }),
      stage: t.arg({ type: EnrolmentStageEnum, required: true, description: 'Stage.' }),
    },
    resolve: async (query, _root, args, ctx) => {
      const visible = planCondition(ctx.viewer, { ...args, status: ['PUBLISHED'] });
      return ctx.db.query.enrolmentPlans.findFirst(query({ where: { RAW: (p) => visible(p) ?? sql`true` } }));
    },
  }),

  enrolmentAdmissions: t.drizzleConnection(
    {
      type: 'enrolmentAdmissions',
      description:
        'Admissions as reported (录取情况), counts by admitting school, source junior school and ' +
        'category, in the caller’s jurisdiction; a school sees its own, portals none (they read ' +
        'SchoolEnrolmentPlan.admittedTotal).',
      args: { filter: t.arg({ type: AdmissionFilterInput }) },
      totalCount: (_parent, args, ctx) =>
        ctx.db.$count(enrolmentAdmissions, admissionCondition(ctx.viewer, args.filter)(enrolmentAdmissions)),
      resolve: async (query, _root, args, ctx) => {
        const condition = admissionCondition(ctx.viewer, args.filter);
        return ctx.db.query.enrolmentAdmissions.findMany(
          query({ where: { RAW: (a) => condition(a) ?? sql`true` }, orderBy: { id: 'asc' } }),
        );
      },
    },
    connectionOf(EnrolmentAdmissionRef),
  ),
}));

nodeReadRule('EnrolmentPlan', { table: 'enrolmentPlans', key: 'id', visible: (ctx) => planCondition(ctx.viewer, {}) });
nodeReadRule('EnrolmentAdmission', {
  table: 'enrolmentAdmissions',
  key: 'id',
  visible: (ctx) => admissionCondition(ctx.viewer, null),
});
