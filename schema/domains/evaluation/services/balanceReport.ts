import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../context.js';
import { fail } from '../../../errors.js';
import { regions, schools } from '../../organisation/table.js';
import { resolveSetting } from '../../settings/resolve.js';
import { schoolIndicatorValues } from '../balanceTable.js';
import { BALANCE_INDICATORS, SMALL_SCHOOL_LIMIT, STAGES_OF, type BalanceIndicator, type BalanceStage } from '../catalogue.js';
import { rowsOf } from './rows.js';

export type Warning = 'GREEN' | 'YELLOW' | 'RED';
export interface IndicatorCv {
  indicator: BalanceIndicator;
  cv: number | null;
  countyValue: number | null;
  schoolsMeetingMinimum: number;
  met: boolean;
  warning: Warning;
}
export interface SchoolBalance {
  schoolId: number;
  enrolment: number;
  indicatorsMet: number;
  meetsStandard: boolean;
  values: { indicator: BalanceIndicator; value: number; meetsMinimum: boolean }[];
}
export interface Exclusion {
  schoolId: number;
  reason: 'SPECIAL_EDUCATION' | 'VOCATIONAL' | 'SMALL_TEACHING_POINT';
}
export interface BalanceReport {
  countyCode: string;
  year: number;
  stage: BalanceStage;
  threshold: number;
  target: number;
  minIndicatorsMet: number;
  indicators: IndicatorCv[];
  compositeCv: number | null;
  compositeMet: boolean;
  compositeWarning: Warning;
  schools: SchoolBalance[];
  exclusions: Exclusion[];
}

/** GREEN within the (stricter) local target, YELLOW within the national threshold only, RED above it. */
export function warningOf(cv: number | null, threshold: number, target: number): Warning {
  if (cv == null) return 'RED';
  if (cv <= target) return 'GREEN';
  return cv <= threshold ? 'YELLOW' : 'RED';
}

/**
 * Quality-balance report of a county (优质均衡 校际差异系数): per indicator the
 * enrolment-weighted CV = √(Σ (p_i/P)(x_i − X̄)²) / X̄ with X̄ = Σ p_i x_i / P computed in SQL,
 * the composite (mean of the seven), each school's indicators met, and the exclusions.
 */
export async function balanceReport(db: DbOrTx, countyCode: string, year: number, stage: BalanceStage): Promise<BalanceReport> {
  const [county] = await db.select().from(regions).where(eq(regions.code, countyCode));
  if (!county || county.level !== 'COUNTY') fail('NOT_FOUND', `County ${countyCode} does not exist.`, ['countyCode']);
  const [threshold, targetSetting, minIndicatorsMet] = await Promise.all([
    resolveSetting(db, stage === 'PRIMARY' ? 'balance.cvThresholdPrimary' : 'balance.cvThresholdJunior', countyCode),
    resolveSetting(db, 'balance.cvTarget', countyCode),
    resolveSetting(db, 'balance.minIndicatorsMet', countyCode),
  ]);
  const target = Math.min(threshold, targetSetting ?? threshold);
  const countySchools = await db
    .select({ id: schools.id, stage: schools.stage, enrolment: schools.enrolment, status: schools.status })
    .from(schools)
    .where(and(eq(schools.countyCode, countyCode), eq(schools.status, 'ACTIVE')));
  const exclusions: Exclusion[] = [];
  const included: number[] = [];
  for (const s of countySchools) {
    if (s.stage === 'SPECIAL') exclusions.push({ schoolId: s.id, reason: 'SPECIAL_EDUCATION' });
    else if (s.stage === 'VOCATIONAL') exclusions.push({ schoolId: s.id, reason: 'VOCATIONAL' });
    else if (STAGES_OF[stage].includes(s.stage)) {
      if (s.enrolment < SMALL_SCHOOL_LIMIT) exclusions.push({ schoolId: s.id, reason: 'SMALL_TEACHING_POINT' });
      else included.push(s.id);
    }
  }
  const minimum = (ind: BalanceIndicator) => BALANCE_INDICATORS.find((d) => d.code === ind)!.minimum[stage];
  const minimums = sql.join(
    BALANCE_INDICATORS.map((d) => sql`(${d.code}::balance_indicator, ${d.minimum[stage]}::float8)`),
    sql`, `,
  );
  const cvRows = included.length
    ? rowsOf<{ indicator: BalanceIndicator; cv: number | null; county_value: number | null; meeting: number }>(
        await db.execute(sql`
with v as (
  select iv.indicator, iv.value as x, s.enrolment::float8 as p, m.minimum
  from ${schoolIndicatorValues} iv join ${schools} s on s.id = iv.school_id
  join (values ${minimums}) as m(indicator, minimum) on m.indicator = iv.indicator
  where iv.year = ${year} and iv.school_id in (${sql.join(included.map((id) => sql`${id}`), sql`, `)})
), mean as (
  select indicator, sum(p * x) / nullif(sum(p), 0) as xbar, sum(p) as total from v group by indicator
)
select v.indicator, sqrt(sum(v.p / m.total * power(v.x - m.xbar, 2))) / nullif(m.xbar, 0) as cv,
       m.xbar as county_value, count(*) filter (where v.x >= v.minimum)::int as meeting
from v join mean m using (indicator) group by v.indicator, m.xbar, m.total`),
      )
    : [];
  const byIndicator = new Map(cvRows.map((r) => [r.indicator, r]));
  const indicators: IndicatorCv[] = BALANCE_INDICATORS.map((d) => {
    const r = byIndicator.get(d.code);
    const cv = r?.cv == null ? null : Number(r.cv);
    return {
      indicator: d.code,
      cv,
      countyValue: r?.county_value == null ? null : Number(r.county_value),
      schoolsMeetingMinimum: r?.meeting ?? 0,
      met: cv != null && cv <= target,
      warning: warningOf(cv, threshold, target),
    };
  });
  const known = indicators.filter((i) => i.cv != null);
  // The composite needs all seven; with any indicator missing it is not reported.
  const compositeCv = known.length === indicators.length ? known.reduce((a, i) => a + i.cv!, 0) / known.length : null;
  const values = included.length
    ? await db.select().from(schoolIndicatorValues).where(and(eq(schoolIndicatorValues.year, year), inArray(schoolIndicatorValues.schoolId, included)))
    : [];
  const enrolmentOf = new Map(countySchools.map((s) => [s.id, s.enrolment]));
  const schoolsOut: SchoolBalance[] = included.map((id) => {
    const mine = values
      .filter((v) => v.schoolId === id)
      .map((v) => ({ indicator: v.indicator, value: v.value, meetsMinimum: v.value >= minimum(v.indicator) }));
    const met = mine.filter((m) => m.meetsMinimum).length;
    return { schoolId: id, enrolment: enrolmentOf.get(id)!, indicatorsMet: met, meetsStandard: met >= minIndicatorsMet, values: mine };
  });
  return {
    countyCode,
    year,
    stage,
    threshold,
    target,
    minIndicatorsMet,
    indicators,
    compositeCv,
    compositeMet: compositeCv != null && compositeCv <= target,
    compositeWarning: warningOf(compositeCv, threshold, target),
    schools: schoolsOut,
    exclusions,
  };
}
