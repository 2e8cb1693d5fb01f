import { builder } from '../../../builder.js';
import { TaskRef } from '../../responsibility/graphql/taskTypes.js';
import { bounded } from '../../shared/bounds.js';
import { bulkUpsertMutation } from '../../shared/graphql/bulkTypes.js';
import { entityMutation } from '../../shared/graphql/payloadTypes.js';
import { AdmissionCategoryEnum, EnrolmentCheckKindEnum, EnrolmentStageEnum } from './enums.js';
import { allocateQuotaPlaces } from '../services/allocateQuotaPlaces.js';
import { createEnrolmentPlan } from '../services/createEnrolmentPlan.js';
import { openEnrolmentRectification } from '../services/openEnrolmentRectification.js';
import { overrideQuotaAllocation } from '../services/overrideQuotaAllocation.js';
import { publishEnrolmentPlan } from '../services/publishEnrolmentPlan.js';
import { setEnrolmentBoundary } from '../services/setEnrolmentBoundary.js';
import { setSchoolEnrolmentPlaces } from '../services/setSchoolEnrolmentPlaces.js';
import { updateEnrolmentPolicy } from '../services/updateEnrolmentPolicy.js';
import { upsertEnrolmentAdmissions } from '../services/upsertEnrolmentAdmissions.js';
import { EnrolmentAdmissionRef, EnrolmentPlanRef, SchoolEnrolmentPlanRef } from './types.js';

const planId = (t: any) => t.id({ required: true, description: 'Global id of the draft plan.' });

entityMutation({
  field: 'createEnrolmentPlan',
  description:
    'Opens a draft version of a city’s enrolment plan (招生计划) for a year and stage, with ' +
    'its unified policy; with copyFromPlanId, an amendment (修订) of a published version. One ' +
    'open draft per city, year and stage; audited.',
  entityField: 'plan',
  entityRef: EnrolmentPlanRef,
  inputFields: (t) => ({
    regionCode: t.string({ required: true, description: 'The city (code ending 00).' }),
    year: t.int({ required: true, description: 'Admission year (招生年度).' }),
    stage: t.field({ type: EnrolmentStageEnum, required: true, description: 'Stage admitted into (学段).' }),
    title: t.string({ required: true, description: 'Title (名称).' }),
    quotaShareMinPercent: t.int({
      required: true,
      description: 'Least 指标到校 share of a 示范性高中’s places, whole percent 0–100 (e.g. 50).',
    }),
    crossCountyAllowed: t.boolean({
      description: 'Whether admission outside a school’s boundary is allowed at all; default false ' + '(不跨县招生).',
    }),
    copyFromPlanId: t.id({
      description: 'A published or superseded version of the same city, year and stage to amend.',
    }),
  }),
  verb: createEnrolmentPlan,
});

entityMutation({
  field: 'updateEnrolmentPolicy',
  description:
    'Changes a draft plan’s unified policy (统一招生政策); omitted fields keep their value. ' +
    'Published plans are refused (INVALID_STATE).',
  entityField: 'plan',
  entityRef: EnrolmentPlanRef,
  inputFields: (t) => ({
    planId: planId(t),
    title: t.string({ description: 'Title (名称).' }),
    quotaShareMinPercent: t.int({ description: 'Least 指标到校 share, whole percent 0–100.' }),
    crossCountyAllowed: t.boolean({ description: 'Whether cross-county admission is allowed.' }),
  }),
  verb: updateEnrolmentPolicy,
});

entityMutation({
  field: 'setEnrolmentBoundary',
  description:
    'Lists a school in a draft plan or changes its listing: the counties it may admit from ' +
    '(划定招生范围) and whether it is a 示范性高中. The city’s job.',
  entityField: 'schoolPlan',
  entityRef: SchoolEnrolmentPlanRef,
  inputFields: (t) => ({
    planId: planId(t),
    schoolCode: t.string({ required: true, description: 'The admitting school (学校标识码).' }),
    allowedCountyCodes: t.stringList({
      required: true,
      description: 'Counties of the city it may admit from, 1–20.',
      extensions: bounded({ maxItems: 20 }),
    }),
    demonstration: t.boolean({ required: true, description: 'A 示范性高中 (the least 指标到校 share applies).' }),
  }),
  verb: setEnrolmentBoundary,
});

entityMutation({
  field: 'setSchoolEnrolmentPlaces',
  description:
    'Sets a listed school’s places by category (统招, 指标到校, 特长) in a draft: its county’s ' +
    'job (or the city’s). A changed 指标到校 quota is shared again over the stored cohorts and ' +
    'overrides.',
  entityField: 'schoolPlan',
  entityRef: SchoolEnrolmentPlanRef,
  inputFields: (t) => ({
    planId: planId(t),
    schoolCode: t.string({ required: true, description: 'The admitting school (学校标识码).' }),
    unifiedPlaces: t.int({ required: true, description: 'Places by unified admission (统招).' }),
    quotaPlaces: t.int({ required: true, description: 'Places allocated to junior schools (指标到校).' }),
    specialtyPlaces: t.int({ required: true, description: 'Places for specialties (特长).' }),
  }),
  verb: setSchoolEnrolmentPlaces,
});

const CohortInput = builder.inputType('GraduatingCohortInput', {
  description: 'A junior school’s graduating cohort (初中毕业生数), the weight of its 指标到校 share.',
  fields: (t) => ({
    juniorSchoolCode: t.string({ required: true, description: 'Junior school inside the boundary (学校标识码).' }),
    graduates: t.int({ required: true, description: 'Graduates this year.' }),
  }),
});

entityMutation({
  field: 'allocateQuotaPlaces',
  description:
    'Allocates a school’s 指标到校 places to the junior schools inside its boundary in ' +
    'proportion to their graduating cohorts, by largest remainder (ties: larger cohort, then ' +
    'smaller school identifier), so the allocations sum to the quota. Existing overrides of ' +
    'listed junior schools are kept. The city’s job.',
  entityField: 'schoolPlan',
  entityRef: SchoolEnrolmentPlanRef,
  inputFields: (t) => ({
    planId: planId(t),
    schoolCode: t.string({ required: true, description: 'The senior school whose quota is allocated.' }),
    cohorts: t.field({
      type: [CohortInput],
      required: true,
      description: 'Junior schools and their cohorts, at most 500.',
      extensions: bounded({ maxItems: 500 }),
    }),
  }),
  verb: allocateQuotaPlaces,
});

entityMutation({
  field: 'overrideQuotaAllocation',
  description:
    'Sets, with a reason, or clears (places null) the city’s override of one junior school’s ' +
    '指标到校 places (市级调整); the others share what the overrides leave, so the sum stays ' +
    'the quota.',
  entityField: 'schoolPlan',
  entityRef: SchoolEnrolmentPlanRef,
  inputFields: (t) => ({
    planId: planId(t),
    schoolCode: t.string({ required: true, description: 'The senior school.' }),
    juniorSchoolCode: t.string({ required: true, description: 'The junior school whose places are set.' }),
    places: t.int({ description: 'Places; null returns the junior school to the formula.' }),
    reason: t.string({ description: 'Why (调整理由); required with places.' }),
  }),
  verb: overrideQuotaAllocation,
});

entityMutation({
  field: 'publishEnrolmentPlan',
  description:
    'Publishes a draft plan: it becomes the current version and the previous one SUPERSEDED; ' +
    'immutable from then on. The level leading ENROLMENT.ADMISSION_QUOTA on the responsibility ' +
    'list publishes (whoLeads; the city by default).',
  entityField: 'plan',
  entityRef: EnrolmentPlanRef,
  inputFields: (t) => ({ planId: planId(t) }),
  verb: publishEnrolmentPlan,
});

entityMutation({
  field: 'openEnrolmentRectification',
  description:
    'Opens a rectification task (整改任务) for a RED or YELLOW check of a school in a ' +
    'published plan, on the check’s matter (BOUNDARY: ENROLMENT.ADMISSION_BOUNDARIES, ' +
    'PLAN_EXCEEDED: ENROLMENT.ADMISSION_QUOTA, QUOTA_SHARE: ENROLMENT.ADMISSION_RULES), ' +
    'assigned to the school’s county.',
  entityField: 'task',
  entityRef: TaskRef,
  inputFields: (t) => ({
    planId: t.id({ required: true, description: 'Global id of the published plan.' }),
    schoolCode: t.string({ required: true, description: 'The school whose check failed.' }),
    check: t.field({ type: EnrolmentCheckKindEnum, required: true, description: 'The failed check.' }),
    deadline: t.field({ type: 'Date', required: true, description: 'Deadline (整改期限).' }),
    acceptanceStandard: t.string({
      required: true,
      description: 'What the supervising level checks before closing the task (验收标准).',
    }),
  }),
  verb: openEnrolmentRectification,
});

const AdmissionRowInput = builder.inputType('EnrolmentAdmissionRowInput', {
  description:
    'Pupils a school admitted from one junior school in one category (录取情况), matched by ' +
    'year, stage, school, source junior school and category.',
  fields: (t) => ({
    year: t.int({ required: true, description: 'Admission year.' }),
    stage: t.field({ type: EnrolmentStageEnum, description: 'Stage; default SENIOR.' }),
    schoolCode: t.string({ required: true, description: 'Admitting school (学校标识码).' }),
    sourceJuniorSchoolCode: t.string({
      required: true,
      description: 'Source junior school (生源初中标识码); its county is the source county.',
    }),
    category: t.field({ type: AdmissionCategoryEnum, required: true, description: 'Category (招生类别).' }),
    count: t.int({ required: true, description: 'Pupils admitted (录取人数).' }),
  }),
});

bulkUpsertMutation({
  field: 'upsertEnrolmentAdmissions',
  entityName: 'EnrolmentAdmission',
  entityRef: EnrolmentAdmissionRef,
  rowInput: AdmissionRowInput,
  description:
    'Create or update admissions as reported (批量上报录取情况), counts only. Idempotent; the ' +
    'admitting school’s county (or the city) reports; every row’s problems at once.',
  verb: upsertEnrolmentAdmissions,
});
