import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../context.js';
import { schools } from '../organisation/table.js';
import { resolveSetting } from '../settings/resolve.js';
import { matchingRequired } from './money.js';
import {
  countyEducationBudgets,
  fundingAllocations,
  fundingPayments,
  fundingProgrammes,
  spendingReports,
} from './table.js';

export type CheckStatus = 'GREEN' | 'YELLOW' | 'RED';

export interface MatchingCheck {
  programmeCode: string;
  programmeName: string;
  allocationFen: number;
  disbursedFen: number;
  requiredFen: number;
  paidFen: number;
  state: 'PAID_IN_FULL' | 'PARTLY_PAID' | 'UNPAID' | 'NONE_REQUIRED';
  status: CheckStatus;
}

export interface FundingChecks {
  countyCode: string;
  year: number;
  /** 只增不减: this year's education budget is not below last year's. YELLOW when either is missing. */
  budget: { amountFen: number | null; previousFen: number | null; status: CheckStatus };
  /** 县级配套 paid in full, per allocation of the year's programmes. */
  matching: MatchingCheck[];
  /**
   * Urban vs rural per-pupil public spending (programme + county budget sources) of the schools
   * with public spending reported for the year: each side's total ÷ its pupils; the gap is
   * |urban − rural| ÷ urban, in basis points (floored), against funding.perPupilGapLimit.
   */
  perPupil: {
    urbanFen: number | null;
    ruralFen: number | null;
    gapBasisPoints: number | null;
    limitBasisPoints: number;
    status: CheckStatus;
  };
  /** Donations and social funds, recorded apart from public money (社会捐赠、社会资金). */
  donationsFen: number;
  socialFundsFen: number;
  status: CheckStatus;
}

const worst = (s: CheckStatus[]): CheckStatus =>
  s.includes('RED') ? 'RED' : s.includes('YELLOW') ? 'YELLOW' : 'GREEN';

export async function fundingChecks(db: DbOrTx, countyCode: string, year: number): Promise<FundingChecks> {
  const budgets = await db
    .select()
    .from(countyEducationBudgets)
    .where(
      and(eq(countyEducationBudgets.countyCode, countyCode), inArray(countyEducationBudgets.year, [year, year - 1])),
    );
  const amountFen = budgets.find((b) => b.year === year)?.amountFen ?? null;
  const previousFen = budgets.find((b) => b.year === year - 1)?.amountFen ?? null;
  const budget = {
    amountFen,
    previousFen,
    status: (amountFen == null || previousFen == null
      ? 'YELLOW'
      : amountFen >= previousFen
        ? 'GREEN'
        : 'RED') as CheckStatus,
  };

  const allocs = await db
    .select({ a: fundingAllocations, p: fundingProgrammes })
    .from(fundingAllocations)
    .innerJoin(fundingProgrammes, eq(fundingProgrammes.id, fundingAllocations.programmeId))
    .where(and(eq(fundingAllocations.countyCode, countyCode), eq(fundingProgrammes.year, year)))
    .orderBy(fundingProgrammes.code);
  const ids = allocs.map((x) => x.a.id);
  const paid = ids.length
    ? await db
        .select({
          id: fundingPayments.allocationId,
          kind: fundingPayments.kind,
          n: sql<string>`sum(${fundingPayments.amountFen})::text`,
        })
        .from(fundingPayments)
        .where(inArray(fundingPayments.allocationId, ids))
        .groupBy(fundingPayments.allocationId, fundingPayments.kind)
    : [];
  const sumOf = (id: number, kind: 'DISBURSEMENT' | 'MATCHING') =>
    Number(paid.find((p) => p.id === id && p.kind === kind)?.n ?? 0);
  const matching: MatchingCheck[] = allocs.map(({ a, p }) => {
    const requiredFen = matchingRequired(a.amountFen, p.matchingRatioBp);
    const paidFen = sumOf(a.id, 'MATCHING');
    const state =
      requiredFen === 0
        ? 'NONE_REQUIRED'
        : paidFen >= requiredFen
          ? 'PAID_IN_FULL'
          : paidFen > 0
            ? 'PARTLY_PAID'
            : 'UNPAID';
    return {
      programmeCode: p.code,
      programmeName: p.name,
      allocationFen: a.amountFen,
      disbursedFen: sumOf(a.id, 'DISBURSEMENT'),
      requiredFen,
      paidFen,
      state,
      status: state === 'PAID_IN_FULL' || state === 'NONE_REQUIRED' ? 'GREEN' : 'RED',
    };
  });

  const bySchool = await db
    .select({
      locality: schools.locality,
      schoolId: schools.id,
      enrolment: schools.enrolment,
      n: sql<string>`sum(${spendingReports.amountFen})::text`,
    })
    .from(spendingReports)
    .innerJoin(schools, eq(schools.id, spendingReports.schoolId))
    .where(
      and(
        eq(spendingReports.countyCode, countyCode),
        eq(spendingReports.year, year),
        inArray(spendingReports.source, ['PROGRAMME', 'COUNTY_BUDGET']),
      ),
    )
    .groupBy(schools.id, schools.locality, schools.enrolment);
  const side = (urban: boolean) => {
    const rows = bySchool.filter((r) => (r.locality === 'URBAN') === urban && r.enrolment > 0);
    return {
      fen: rows.reduce((n, r) => n + BigInt(r.n), 0n),
      pupils: BigInt(rows.reduce((n, r) => n + r.enrolment, 0)),
    };
  };
  const U = side(true);
  const R = side(false);
  const limitBasisPoints = Math.round((await resolveSetting(db, 'funding.perPupilGapLimit', countyCode)) * 10000);
  let perPupil: FundingChecks['perPupil'];
  if (U.pupils === 0n || R.pupils === 0n || U.fen === 0n) {
    perPupil = {
      urbanFen: U.pupils ? Number(U.fen / U.pupils) : null,
      ruralFen: R.pupils ? Number(R.fen / R.pupils) : null,
      gapBasisPoints: null,
      limitBasisPoints,
      status: 'YELLOW',
    };
  } else {
    const diff = U.fen * R.pupils - R.fen * U.pupils;
    const gap = Number(((diff < 0n ? -diff : diff) * 10000n) / (U.fen * R.pupils));
    perPupil = {
      urbanFen: Number(U.fen / U.pupils),
      ruralFen: Number(R.fen / R.pupils),
      gapBasisPoints: gap,
      limitBasisPoints,
      status: gap <= limitBasisPoints ? 'GREEN' : 'RED',
    };
  }

  const [social] = await db
    .select({
      donations: sql<string>`coalesce(sum(${spendingReports.amountFen}) filter (where ${spendingReports.source} = 'DONATION'), 0)::text`,
      funds: sql<string>`coalesce(sum(${spendingReports.amountFen}) filter (where ${spendingReports.source} = 'SOCIAL_FUND'), 0)::text`,
    })
    .from(spendingReports)
    .where(and(eq(spendingReports.countyCode, countyCode), eq(spendingReports.year, year)));
  return {
    countyCode,
    year,
    budget,
    matching,
    perPupil,
    donationsFen: Number(social.donations),
    socialFundsFen: Number(social.funds),
    status: worst([budget.status, ...matching.map((m) => m.status), perPupil.status]),
  };
}

/** The funding checks a county may be asked to rectify (rectifyFundingCheck). */
export const FUNDING_CHECKS = ['BUDGET_NOT_LOWER', 'MATCHING_PAID', 'PER_PUPIL_GAP'] as const;

/** A school's spending for a year: public money (and per pupil) apart from donations and social funds. */
export async function schoolSpending(db: DbOrTx, school: typeof schools.$inferSelect, year: number) {
  const [r] = await db
    .select({
      public: sql<string>`coalesce(sum(${spendingReports.amountFen}) filter (where ${spendingReports.source} in ('PROGRAMME','COUNTY_BUDGET')), 0)::text`,
      donations: sql<string>`coalesce(sum(${spendingReports.amountFen}) filter (where ${spendingReports.source} = 'DONATION'), 0)::text`,
      funds: sql<string>`coalesce(sum(${spendingReports.amountFen}) filter (where ${spendingReports.source} = 'SOCIAL_FUND'), 0)::text`,
    })
    .from(spendingReports)
    .where(and(eq(spendingReports.schoolId, school.id), eq(spendingReports.year, year)));
  const pub = BigInt(r.public);
  return {
    year,
    publicFen: Number(pub),
    perPupilFen: school.enrolment > 0 ? Number(pub / BigInt(school.enrolment)) : null,
    donationsFen: Number(r.donations),
    socialFundsFen: Number(r.funds),
  };
}
