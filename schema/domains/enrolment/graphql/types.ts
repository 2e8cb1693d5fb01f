import { createContextCache } from '@pothos/core';
import DataLoader from 'dataloader';
import { inArray } from 'drizzle-orm';
import { builder } from '../../../builder.js';
import type { Context } from '../../../context.js';
import { canRead } from '../../access/jurisdiction.js';
import { connectionOf } from '../../shared/graphql/connectionTypes.js';
import type { CheckItem, SchoolCheck } from '../checks.js';
import { canReadPlan, loadLines, PLAN_TYPE, type LineRow } from '../planRecords.js';
import {
  AdmissionCategoryEnum,
  EnrolmentCheckKindEnum,
  EnrolmentCheckStatusEnum,
  EnrolmentPlanStatusEnum,
  EnrolmentStageEnum,
} from './enums.js';
import { admissionsOf, checkLinesWith } from '../planChecks.js';
import { compareEnrolmentPlans } from '../compareEnrolmentPlans.js';
import { enrolmentPlans } from '../table.js';
import type { PlanDiff, LineChange } from '../diff.js';

/** Checks of lines, batched per request: the same statements (plans, lines, allocations, admissions) for any number of plans. */
const checksOf = createContextCache(
  (ctx: Context) =>
    new DataLoader<LineRow, SchoolCheck, number>(
      async (lines) => {
        const planIds = [...new Set(lines.map((l) => l.planId))];
        const plans = await ctx.db.select().from(enrolmentPlans).where(inArray(enrolmentPlans.id, planIds));
        const content = await loadLines(ctx.db, planIds);
        const admissions = await admissionsOf(
          ctx.db,
          [...content.values()].flat().map((c) => c.line.schoolId),
        );
        const out = new Map<number, SchoolCheck>();
        for (const plan of plans)
          for (const [id, check] of checkLinesWith(plan, content.get(plan.id)!, admissions)) out.set(id, check);
        return lines.map((l) => out.get(l.id)!);
      },
      { cacheKeyFn: (l) => l.id },
    ),
);

const CheckItemRef = builder.objectRef<CheckItem>('EnrolmentCheckItem').implement({
  description: 'One check of a school’s enrolment (检查项).',
  fields: (t) => ({
    kind: t.field({
      type: EnrolmentCheckKindEnum,
      description: 'Which check; its rule is in EnrolmentCheckKind.',
      resolve: (i) => i.kind,
    }),
    status: t.field({ type: EnrolmentCheckStatusEnum, description: 'RED, YELLOW or GREEN.', resolve: (i) => i.status }),
    message: t.exposeString('message', { description: 'What was found, with the figures (检查结论).' }),
  }),
});

const SchoolCheckRef = builder.objectRef<SchoolCheck>('SchoolEnrolmentCheck').implement({
  description: 'A school’s enrolment checked against its plan (招生检查结果): the worst colour and each check.',
  fields: (t) => ({
    status: t.field({
      type: EnrolmentCheckStatusEnum,
      description: 'The worst colour of the checks (综合预警).',
      resolve: (c) => c.status,
    }),
    items: t.field({
      type: [CheckItemRef],
      description: 'BOUNDARY, PLAN_EXCEEDED and QUOTA_SHARE, in that order.',
      resolve: (c) => c.items,
    }),
    planned: t.exposeInt('planned', { description: 'Planned places, all categories (计划数).' }),
    admitted: t.exposeInt('admitted', { description: 'Pupils admitted, all categories (录取数).' }),
    outsideBoundary: t.exposeInt('outsideBoundary', {
      description: 'Pupils admitted from outside the boundary (跨范围录取数).',
    }),
    outsideCountyCodes: t.stringList({
      description: 'Counties outside the boundary pupils came from.',
      resolve: (c) => c.outsideCounties,
    }),
  }),
});

export const QuotaAllocationRef = builder.drizzleObject('quotaAllocations', {
  name: 'QuotaAllocation',
  description:
    '指标到校: places of a senior school allocated to one junior school, in proportion to its ' +
    'graduating cohort by largest remainder (ties: larger cohort, then smaller school ' +
    'identifier), unless the city overrode them with a reason.',
  fields: (t) => ({
    juniorSchool: t.relation('juniorSchool', { description: 'The junior school receiving the places (初中学校).' }),
    graduates: t.exposeInt('graduates', { description: 'Its graduating cohort (初中毕业生数).' }),
    places: t.exposeInt('places', { description: 'Places allocated (分配名额).' }),
    overridden: t.boolean({
      description: 'Whether the city set the places instead of the formula (市级调整).',
      resolve: (a) => a.overridePlaces != null,
    }),
    overrideReason: t.exposeString('overrideReason', {
      nullable: true,
      description: 'Why the city overrode the formula (调整理由).',
    }),
    schoolPlan: t.relation('schoolPlan', { description: 'The senior school’s line of the plan (所属招生计划).' }),
  }),
});

export const SchoolEnrolmentPlanRef = builder.drizzleObject('enrolmentSchoolPlans', {
  name: 'SchoolEnrolmentPlan',
  description:
    'One school’s line of an enrolment plan (学校招生计划): its boundary, places by category and 指标到校 allocation.',
  fields: (t) => ({
    school: t.relation('school', { description: 'The admitting school (招生学校).' }),
    plan: t.relation('plan', { description: 'The plan version (招生计划).' }),
    demonstration: t.exposeBoolean('demonstration', { description: 'A 示范性高中: the least 指标到校 share applies.' }),
    allowedCountyCodes: t.exposeStringList('allowedCountyCodes', {
      description: 'Counties it may admit from (招生范围).',
    }),
    unifiedPlaces: t.exposeInt('unifiedPlaces', { description: 'Places by unified admission (统招计划).' }),
    quotaPlaces: t.exposeInt('quotaPlaces', { description: 'Places allocated to junior schools (指标到校计划).' }),
    specialtyPlaces: t.exposeInt('specialtyPlaces', { description: 'Places for specialties (特长生计划).' }),
    totalPlaces: t.int({
      description: 'All places (计划总数).',
      resolve: (l) => l.unifiedPlaces + l.quotaPlaces + l.specialtyPlaces,
    }),
    allocations: t.relatedConnection(
      'allocations',
      {
        description: '指标到校 places by junior school, by id.',
        query: () => ({ orderBy: { id: 'asc' } }),
        totalCount: true,
      },
      connectionOf(QuotaAllocationRef),
    ),
    admittedTotal: t.int({
      description: 'Pupils admitted so far, all categories (录取总数): an aggregate every reader of the plan sees.',
      resolve: async (l, _a, ctx) => (await checksOf(ctx).load(l)).admitted,
    }),
    check: t.field({
      type: SchoolCheckRef,
      nullable: true,
      description:
        'The school’s enrolment checks (招生检查); null for callers who may not read its ' +
        'admissions (portals, other counties).',
      resolve: async (l, _a, ctx) =>
        canRead(ctx.viewer, 'enrolmentAdmission', { regionCode: l.countyCode, schoolId: l.schoolId })
          ? checksOf(ctx).load(l)
          : null,
    }),
  }),
});

const LineChangeRef = builder.objectRef<LineChange>('SchoolEnrolmentPlanChange').implement({
  description: 'A school whose line differs between two versions (变更学校).',
  fields: (t) => ({
    schoolCode: t.exposeString('schoolCode', { description: 'School identifier (学校标识码).' }),
    fieldsChanged: t.exposeStringList('fieldsChanged', {
      description: 'demonstration, allowedCountyCodes, unifiedPlaces, quotaPlaces, specialtyPlaces, ' + 'allocations.',
    }),
    placesBefore: t.exposeInt('placesBefore', { description: 'All places in the other version.' }),
    placesAfter: t.exposeInt('placesAfter', { description: 'All places in this version.' }),
  }),
});

const PlanDiffRef = builder.objectRef<PlanDiff>('EnrolmentPlanDiff').implement({
  description: 'Changes from another version of a plan to this one (版本对比).',
  fields: (t) => ({
    policyChanged: t.exposeStringList('policyChanged', {
      description: 'Policy fields that differ: title, quotaShareMinPercent, crossCountyAllowed.',
    }),
    added: t.exposeStringList('added', { description: 'Schools listed only in this version.' }),
    removed: t.exposeStringList('removed', { description: 'Schools listed only in the other version.' }),
    changed: t.field({ type: [LineChangeRef], description: 'Schools whose line changed.', resolve: (d) => d.changed }),
  }),
});

export const EnrolmentPlanRef = builder.drizzleNode('enrolmentPlans', {
  name: PLAN_TYPE,
  description:
    'A version of a city’s enrolment plan (招生计划) for a year and stage: the unified policy ' +
    '(统一招生政策), each school’s boundary and places, and the 指标到校 allocation. Drafts ' +
    'are visible to the city’s and its counties’ admins; published versions are public and ' +
    'immutable — amendments are new versions.',
  id: { column: (p) => p.id },
  readRule: (plan, ctx) => canReadPlan(ctx.viewer, plan),
  fields: (t) => ({
    regionCode: t.exposeString('regionCode', { description: 'Code of the city (发布城市).' }),
    region: t.relation('region', { description: 'The city (发布城市).' }),
    year: t.exposeInt('year', { description: 'Admission year (招生年度).' }),
    stage: t.expose('stage', { type: EnrolmentStageEnum, description: 'Stage admitted into (学段).' }),
    sequence: t.exposeInt('sequence', { description: 'Version within city, year and stage, from 1 (版次).' }),
    version: t.string({
      description: 'Version label, year-stage-sequence, e.g. 2026-SENIOR-2 (版本号).',
      resolve: (p) => `${p.year}-${p.stage}-${p.sequence}`,
    }),
    title: t.exposeString('title', { description: 'Title (名称).' }),
    status: t.expose('status', {
      type: EnrolmentPlanStatusEnum,
      description: 'Draft, published or superseded (状态).',
    }),
    quotaShareMinPercent: t.exposeInt('quotaShareMinPercent', {
      description: 'Least share of a 示范性高中’s places that are 指标到校, whole percent (指标到校比例下限).',
    }),
    crossCountyAllowed: t.exposeBoolean('crossCountyAllowed', {
      description: 'Whether admission from outside a school’s boundary is allowed at all (是否允许跨县招生).',
    }),
    publishedAt: t.expose('publishedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When it was published (发布时间).',
    }),
    supersededAt: t.expose('supersededAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When an amendment replaced it (废止时间).',
    }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'Last change (更新时间).' }),
    basedOn: t.relation('basedOn', { nullable: true, description: 'The version this one amends (基于版本).' }),
    schools: t.relatedConnection(
      'schools',
      {
        description: 'Schools’ lines of the plan, by id (学校招生计划).',
        query: () => ({ orderBy: { id: 'asc' } }),
        totalCount: true,
      },
      connectionOf(SchoolEnrolmentPlanRef),
    ),
    diff: t.field({
      type: PlanDiffRef,
      description: 'Changes from another version of the same city, year and stage to this one (版本对比).',
      args: {
        against: t.arg.id({ required: true, description: 'Global id of the other version (usually the one amended).' }),
      },
      resolve: (plan, args, ctx) => compareEnrolmentPlans(ctx, plan, String(args.against)),
    }),
  }),
});

export const EnrolmentAdmissionRef = builder.drizzleNode('enrolmentAdmissions', {
  name: 'EnrolmentAdmission',
  description:
    'Admissions as reported (录取情况): how many pupils a school admitted from one junior ' +
    'school in one category. Counts only; no pupil is named.',
  id: { column: (a) => a.id },
  readRule: (a, ctx) => canRead(ctx.viewer, 'enrolmentAdmission', { regionCode: a.countyCode, schoolId: a.schoolId }),
  fields: (t) => ({
    year: t.exposeInt('year', { description: 'Admission year (招生年度).' }),
    stage: t.expose('stage', { type: EnrolmentStageEnum, description: 'Stage (学段).' }),
    schoolCode: t.exposeString('schoolCode', { description: 'Admitting school identifier (招生学校标识码).' }),
    school: t.relation('school', { description: 'The admitting school (招生学校).' }),
    sourceJuniorSchoolCode: t.exposeString('sourceJuniorSchoolCode', {
      description: 'Source junior school identifier (生源初中标识码).',
    }),
    sourceJuniorSchool: t.relation('sourceJuniorSchool', { description: 'The source junior school (生源初中).' }),
    sourceCountyCode: t.exposeString('sourceCountyCode', {
      description: 'County of the source junior school (生源县区).',
    }),
    sourceCounty: t.relation('sourceCounty', { description: 'County of the source junior school (生源县区).' }),
    category: t.expose('category', { type: AdmissionCategoryEnum, description: 'Category (招生类别).' }),
    count: t.exposeInt('count', { description: 'Pupils admitted (录取人数).' }),
  }),
});
