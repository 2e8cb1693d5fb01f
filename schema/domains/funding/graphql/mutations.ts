import { builder } from '../../../builder.js';
import { TaskRef } from '../../responsibility/graphql/taskTypes.js';
import { bulkUpsertMutation } from '../../shared/graphql/bulkTypes.js';
import { entityMutation } from '../../shared/graphql/payloadTypes.js';
import { FundingPaymentKindEnum, FundingProgrammeKindEnum, FundingSourceEnum } from './enums.js';
import { allocateFunding, type AllocateFundingInput } from '../services/allocateFunding.js';
import { createFundingProgramme, type CreateFundingProgrammeInput } from '../services/createFundingProgramme.js';
import { recordFundingPayment, type RecordFundingPaymentInput } from '../services/recordFundingPayment.js';
import type { FUNDING_CHECKS } from '../checks.js';
import { rectifyFundingCheck, type RectifyFundingCheckInput } from '../services/rectifyFundingCheck.js';
import { setCountyBudget, type SetCountyBudgetInput } from '../services/setCountyBudget.js';
import { upsertSpendingReports } from '../services/upsertSpendingReports.js';
import {
  CountyBudgetRef,
  FundingAllocationRef,
  FundingPaymentRef,
  FundingProgrammeRef,
  SpendingReportRef,
} from './types.js';

const FundingCheckEnum = builder.enumType('FundingCheck', {
  description: 'A funding check that can be rectified.',
  values: {
    BUDGET_NOT_LOWER: { description: '只增不减: education budget not below last year.' },
    MATCHING_PAID: { description: '县级配套 paid in full.' },
    PER_PUPIL_GAP: { description: 'Urban–rural per-pupil gap within the limit.' },
  } satisfies Record<(typeof FUNDING_CHECKS)[number], unknown>,
});

const fenArg = 'In 分, as a decimal integer string (digits only, at most 15).';

entityMutation<any, CreateFundingProgrammeInput>({
  field: 'createFundingProgramme',
  description: 'Opens a city-coordinated special fund (市级统筹专项) with its total and county matching ratio.',
  entityField: 'programme',
  entityRef: FundingProgrammeRef,
  inputFields: (t) => ({
    code: t.string({ required: true, description: 'Programme code, e.g. CD-2026-XZFZ.' }),
    cityCode: t.string({ required: true, description: 'The city.' }),
    year: t.int({ required: true, description: 'Budget year.' }),
    name: t.string({ required: true, description: 'Name (名称).' }),
    kind: t.field({ type: FundingProgrammeKindEnum, required: true, description: 'Kind.' }),
    totalFen: t.string({ required: true, description: `Total. ${fenArg}` }),
    matchingRatioBp: t.int({
      required: true,
      description: 'County matching per 分 allocated, in basis points (5000 = 50 %).',
    }),
  }),
  verb: createFundingProgramme,
});

entityMutation<any, AllocateFundingInput>({
  field: 'allocateFunding',
  description:
    'Sets a county’s allocation from a programme (市级统筹分配); allocations never exceed the ' +
    'programme total. Led by FUNDING.CITY_COORDINATION (the city by default).',
  entityField: 'allocation',
  entityRef: FundingAllocationRef,
  inputFields: (t) => ({
    programmeCode: t.string({ required: true, description: 'Programme code.' }),
    countyCode: t.string({ required: true, description: 'The county.' }),
    amountFen: t.string({ required: true, description: `Allocation. ${fenArg}` }),
    reason: t.string({ required: true, description: 'Why (分配理由), e.g. the weak-county weight.' }),
  }),
  verb: allocateFunding,
});

entityMutation<any, RecordFundingPaymentInput>({
  field: 'recordFundingPayment',
  description:
    'Records a disbursement (市级拨付, led by FUNDING.CITY_COORDINATION) or county matching ' +
    '(县级配套, led by FUNDING.COUNTY_MATCHING) on an allocation, with evidence; disbursements ' +
    'never exceed the allocation nor matching what the ratio requires.',
  entityField: 'payment',
  entityRef: FundingPaymentRef,
  inputFields: (t) => ({
    programmeCode: t.string({ required: true, description: 'Programme code.' }),
    countyCode: t.string({ required: true, description: 'The county.' }),
    kind: t.field({ type: FundingPaymentKindEnum, required: true, description: 'DISBURSEMENT or MATCHING.' }),
    amountFen: t.string({ required: true, description: `Amount. ${fenArg}` }),
    paidOn: t.field({ type: 'Date', required: true, description: 'Paid on.' }),
    evidenceUrl: t.string({ required: true, description: 'Link to the evidence (凭证).' }),
  }),
  verb: recordFundingPayment,
});

entityMutation<any, SetCountyBudgetInput>({
  field: 'setCountyBudget',
  description:
    'Records a county’s education budget for a year (一般公共预算教育支出), checked against last year (只增不减).',
  entityField: 'budget',
  entityRef: CountyBudgetRef,
  inputFields: (t) => ({
    countyCode: t.string({ required: true, description: 'The county.' }),
    year: t.int({ required: true, description: 'Year.' }),
    amountFen: t.string({ required: true, description: `Budget. ${fenArg}` }),
  }),
  verb: setCountyBudget,
});

const SpendingRowInput = builder.inputType('SpendingReportRowInput', {
  description: 'One spending report (支出报告), matched by code.',
  fields: (t) => ({
    code: t.string({ required: true, description: 'Report code (natural key).' }),
    countyCode: t.string({ required: true, description: 'The county.' }),
    schoolCode: t.string({ description: 'The school, when spent for one.' }),
    year: t.int({ required: true, description: 'Budget year.' }),
    source: t.field({
      type: FundingSourceEnum,
      required: true,
      description: 'Source; donations and social funds apart.',
    }),
    programmeCode: t.string({ description: 'The programme (PROGRAMME spending only).' }),
    amountFen: t.string({ required: true, description: `Amount. ${fenArg}` }),
    purpose: t.string({ required: true, description: 'What it paid for (用途).' }),
    evidenceUrl: t.string({ required: true, description: 'Link to the evidence (凭证).' }),
    spentOn: t.field({ type: 'Date', required: true, description: 'Spent on.' }),
  }),
});

bulkUpsertMutation({
  field: 'upsertSpendingReports',
  entityName: 'SpendingReport',
  entityRef: SpendingReportRef,
  rowInput: SpendingRowInput,
  description:
    'Creates or updates spending reports (支出报告) by code; programme spending never exceeds ' +
    'what the county received on the allocation. Idempotent; CITY_ADMIN or COUNTY_ADMIN within ' +
    'jurisdiction.',
  verb: upsertSpendingReports,
});

entityMutation<any, RectifyFundingCheckInput>({
  field: 'rectifyFundingCheck',
  description:
    'Opens a rectification task (整改任务) for a county on a RED funding check, through ' + 'createRectificationTask.',
  entityField: 'task',
  entityRef: TaskRef,
  inputFields: (t) => ({
    countyCode: t.string({ required: true, description: 'The county.' }),
    year: t.int({ required: true, description: 'Year of the check.' }),
    check: t.field({ type: FundingCheckEnum, required: true, description: 'Which check.' }),
    deadline: t.field({ type: 'Date', required: true, description: 'Rectification deadline.' }),
  }),
  verb: rectifyFundingCheck,
});
