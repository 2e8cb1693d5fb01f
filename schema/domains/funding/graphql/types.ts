import { asc, eq } from 'drizzle-orm';
import { builder } from '../../../builder.js';
import { regionLevelOf } from '../../organisation/codes.js';
import { regions } from '../../organisation/table.js';
import { resolveSetting } from '../../settings/resolve.js';
import type { FundingChecks, MatchingCheck } from '../checks.js';
import {
  CheckStatusEnum,
  FundingPaymentKindEnum,
  FundingProgrammeKindEnum,
  FundingSourceEnum,
  MatchingStateEnum,
} from './enums.js';
import { fenString, matchingRequired, splitByWeight } from '../money.js';
import { allocationsOf, programmeCodeOf } from '../loaders.js';
import type { countyEducationBudgets, fundingAllocations, fundingPayments } from '../table.js';

const fen = (description: string) => ({ description: `${description} In 分, as a decimal integer string.` });

export const FundingAllocationRef = builder
  .objectRef<typeof fundingAllocations.$inferSelect & { matchingRatioBp?: number }>('FundingAllocation')
  .implement({
    description: 'A county’s allocation from a programme (市级统筹分配).',
    fields: (t) => ({
      countyCode: t.exposeString('countyCode', { description: 'The county.' }),
      amountFen: t.string({ ...fen('Allocated amount.'), resolve: (a) => fenString(a.amountFen) }),
      requiredMatchingFen: t.string({
        nullable: true,
        ...fen('County matching it requires: ceil(amount × ratio).'),
        resolve: (a) =>
          a.matchingRatioBp == null ? null : fenString(matchingRequired(a.amountFen, a.matchingRatioBp)),
      }),
      priorityWeight: t.exposeString('priorityWeight', {
        description: 'The county’s weak-county weight (pools.countyPriorityWeight) when allocated.',
      }),
      reason: t.exposeString('reason', { description: 'Why (分配理由).' }),
    }),
  });

const SplitRef = builder
  .objectRef<{ countyCode: string; weight: number; amountFen: number }>('FundingSplit')
  .implement({
    description: 'A suggested share of a programme by weak-county weight.',
    fields: (t) => ({
      countyCode: t.exposeString('countyCode', { description: 'The county.' }),
      weight: t.exposeFloat('weight', { description: 'Its weight (pools.countyPriorityWeight).' }),
      amountFen: t.string({
        ...fen('Suggested amount (largest remainder; the shares sum to the total).'),
        resolve: (s) => fenString(s.amountFen),
      }),
    }),
  });

export const FundingProgrammeRef = builder.drizzleNode('fundingProgrammes', {
  name: 'FundingProgramme',
  description:
    'A city-coordinated special fund (市级统筹专项资金), e.g. 县中发展提升 or equipment-sharing centres; public.',
  id: { column: (p) => p.id },
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Programme code.' }),
    cityCode: t.exposeString('cityCode', { description: 'The city.' }),
    year: t.exposeInt('year', { description: 'Budget year.' }),
    name: t.exposeString('name', { description: 'Name (名称).' }),
    kind: t.expose('kind', { type: FundingProgrammeKindEnum, description: 'Kind.' }),
    totalFen: t.string({ ...fen('Programme total.'), resolve: (p) => fenString(p.totalFen) }),
    matchingRatioBp: t.exposeInt('matchingRatioBp', {
      description: 'County matching per 分 allocated, in basis points (5000 = 50 %, 县级配套比例).',
    }),
    allocatedFen: t.string({
      ...fen('Sum of allocations (never above the total).'),
      resolve: async (p, _a, ctx) =>
        fenString((await allocationsOf(ctx).load(p.id)).reduce((n, a) => n + BigInt(a.amountFen), 0n)),
    }),
    allocations: t.field({
      type: [FundingAllocationRef],
      description: 'Allocations to counties, by county code (aggregate figures).',
      resolve: async (p, _a, ctx) =>
        (await allocationsOf(ctx).load(p.id)).map((a) => ({ ...a, matchingRatioBp: p.matchingRatioBp })),
    }),
    suggestedSplit: t.field({
      type: [SplitRef],
      description:
        'The total split over the city’s counties in proportion to their weak-county weights ' +
        '(向薄弱县倾斜, setting pools.countyPriorityWeight), by largest remainder.',
      resolve: async (p, _a, ctx) => {
        const counties = (
          await ctx.db.select().from(regions).where(eq(regions.parentCode, p.cityCode)).orderBy(asc(regions.code))
        ).filter((r) => regionLevelOf(r.code) === 'COUNTY');
        const weights = [];
        for (const c of counties)
          weights.push({ key: c.code, weight: await resolveSetting(ctx.db, 'pools.countyPriorityWeight', c.code) });
        const split = splitByWeight(p.totalFen, weights);
        return weights.map((w) => ({ countyCode: w.key, weight: w.weight, amountFen: split.get(w.key)! }));
      },
    }),
  }),
});

export const FundingPaymentRef = builder.objectRef<typeof fundingPayments.$inferSelect>('FundingPayment').implement({
  description: 'Money paid on an allocation: a disbursement (市级拨付) or county matching (县级配套), with evidence.',
  fields: (t) => ({
    countyCode: t.exposeString('countyCode', { description: 'The county.' }),
    kind: t.expose('kind', { type: FundingPaymentKindEnum, description: 'DISBURSEMENT or MATCHING.' }),
    amountFen: t.string({ ...fen('Amount.'), resolve: (p) => fenString(p.amountFen) }),
    paidOn: t.expose('paidOn', { type: 'Date', description: 'Paid on.' }),
    evidenceUrl: t.exposeString('evidenceUrl', { description: 'Link to the evidence (凭证).' }),
  }),
});

export const CountyBudgetRef = builder
  .objectRef<typeof countyEducationBudgets.$inferSelect>('CountyEducationBudget')
  .implement({
    description: 'A county’s general-budget education expenditure for a year (一般公共预算教育支出).',
    fields: (t) => ({
      countyCode: t.exposeString('countyCode', { description: 'The county.' }),
      year: t.exposeInt('year', { description: 'Year.' }),
      amountFen: t.string({ ...fen('Budget.'), resolve: (b) => fenString(b.amountFen) }),
    }),
  });

export const SpendingReportRef = builder.drizzleNode('spendingReports', {
  name: 'SpendingReport',
  description: 'Money spent (支出报告) by a county or one of its schools, with its source and evidence.',
  id: { column: (r) => r.id },
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Report code (natural key).' }),
    countyCode: t.exposeString('countyCode', { description: 'The county.' }),
    school: t.relation('school', { nullable: true, description: 'The school, when spent for one.' }),
    year: t.exposeInt('year', { description: 'Budget year.' }),
    source: t.expose('source', { type: FundingSourceEnum, description: 'Source of the money.' }),
    programmeCode: t.string({
      nullable: true,
      description: 'The programme, for PROGRAMME spending.',
      resolve: async (r, _a, ctx) => (r.allocationId == null ? null : programmeCodeOf(ctx).load(r.allocationId)),
    }),
    amountFen: t.string({ ...fen('Amount.'), resolve: (r) => fenString(r.amountFen) }),
    purpose: t.exposeString('purpose', { description: 'What it paid for (用途).' }),
    evidenceUrl: t.exposeString('evidenceUrl', { description: 'Link to the evidence (凭证).' }),
    spentOn: t.expose('spentOn', { type: 'Date', description: 'Spent on.' }),
  }),
});

const MatchingCheckRef = builder.objectRef<MatchingCheck>('MatchingCheck').implement({
  description: 'County matching of one allocation (县级配套足额到位).',
  fields: (t) => ({
    programmeCode: t.exposeString('programmeCode', { description: 'Programme.' }),
    programmeName: t.exposeString('programmeName', { description: 'Programme name.' }),
    allocationFen: t.string({ ...fen('Allocated.'), resolve: (m) => fenString(m.allocationFen) }),
    disbursedFen: t.string({ ...fen('Disbursed by the city.'), resolve: (m) => fenString(m.disbursedFen) }),
    requiredFen: t.string({ ...fen('Matching required.'), resolve: (m) => fenString(m.requiredFen) }),
    paidFen: t.string({ ...fen('Matching paid.'), resolve: (m) => fenString(m.paidFen) }),
    state: t.field({ type: MatchingStateEnum, description: 'Paid in full, partly, or not.', resolve: (m) => m.state }),
    status: t.field({ type: CheckStatusEnum, description: 'GREEN when paid in full.', resolve: (m) => m.status }),
  }),
});

const BudgetCheckRef = builder.objectRef<FundingChecks['budget']>('BudgetCheck').implement({
  description: '只增不减: the county’s education budget is not below last year’s.',
  fields: (t) => ({
    amountFen: t.string({
      nullable: true,
      ...fen('This year.'),
      resolve: (b) => (b.amountFen == null ? null : fenString(b.amountFen)),
    }),
    previousFen: t.string({
      nullable: true,
      ...fen('Last year.'),
      resolve: (b) => (b.previousFen == null ? null : fenString(b.previousFen)),
    }),
    status: t.field({
      type: CheckStatusEnum,
      description: 'RED when it fell; YELLOW when a year is missing.',
      resolve: (b) => b.status,
    }),
  }),
});

const PerPupilCheckRef = builder.objectRef<FundingChecks['perPupil']>('PerPupilGapCheck').implement({
  description: 'Urban vs rural per-pupil public spending gap (城乡生均经费差距) against funding.perPupilGapLimit.',
  fields: (t) => ({
    urbanFen: t.string({
      nullable: true,
      ...fen('Urban per pupil (floored).'),
      resolve: (p) => (p.urbanFen == null ? null : fenString(p.urbanFen)),
    }),
    ruralFen: t.string({
      nullable: true,
      ...fen('Rural (town and village) per pupil (floored).'),
      resolve: (p) => (p.ruralFen == null ? null : fenString(p.ruralFen)),
    }),
    gapBasisPoints: t.exposeInt('gapBasisPoints', {
      nullable: true,
      description: '|urban − rural| ÷ urban in basis points (floored); null when a side has no spending.',
    }),
    limitBasisPoints: t.exposeInt('limitBasisPoints', { description: 'The limit in basis points.' }),
    status: t.field({
      type: CheckStatusEnum,
      description: 'RED above the limit; YELLOW when it cannot be computed.',
      resolve: (p) => p.status,
    }),
  }),
});

export const FundingChecksRef = builder.objectRef<FundingChecks>('CountyFundingChecks').implement({
  description:
    'A county’s funding checks for a year (经费保障检查): budget not lower, matching paid, ' +
    'per-pupil gap; donations apart.',
  fields: (t) => ({
    countyCode: t.exposeString('countyCode', { description: 'The county.' }),
    year: t.exposeInt('year', { description: 'Year.' }),
    budget: t.field({ type: BudgetCheckRef, description: '只增不减.', resolve: (c) => c.budget }),
    matching: t.field({
      type: [MatchingCheckRef],
      description: 'Matching per allocation of the year’s programmes.',
      resolve: (c) => c.matching,
    }),
    perPupil: t.field({ type: PerPupilCheckRef, description: 'Per-pupil gap.', resolve: (c) => c.perPupil }),
    donationsFen: t.string({
      ...fen('Donations recorded (社会捐赠), apart from public money.'),
      resolve: (c) => fenString(c.donationsFen),
    }),
    socialFundsFen: t.string({
      ...fen('Social funds recorded (社会资金), apart from public money.'),
      resolve: (c) => fenString(c.socialFundsFen),
    }),
    status: t.field({ type: CheckStatusEnum, description: 'The worst of the checks.', resolve: (c) => c.status }),
  }),
});

export const SchoolFundingRef = builder
  .objectRef<{
    year: number;
    publicFen: number;
    perPupilFen: number | null;
    donationsFen: number;
    socialFundsFen: number;
  }>('SchoolFunding')
  .implement({
    description: 'A school’s spending for a year: public money and per pupil, donations and social funds apart.',
    fields: (t) => ({
      year: t.exposeInt('year', { description: 'Year.' }),
      publicFen: t.string({
        ...fen('Public money spent (programme + county budget).'),
        resolve: (s) => fenString(s.publicFen),
      }),
      perPupilFen: t.string({
        nullable: true,
        ...fen('Public money per pupil (floored).'),
        resolve: (s) => (s.perPupilFen == null ? null : fenString(s.perPupilFen)),
      }),
      donationsFen: t.string({ ...fen('Donations.'), resolve: (s) => fenString(s.donationsFen) }),
      socialFundsFen: t.string({ ...fen('Social funds.'), resolve: (s) => fenString(s.socialFundsFen) }),
    }),
  });
