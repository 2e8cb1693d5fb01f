import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../context.js';
import { fail } from '../../errors.js';
import { regions, schools } from '../organisation/table.js';
import { resolveSettingsFor } from '../settings/resolve.js';
import { schoolIndicatorValues, schoolYearFacts } from './balanceTable.js';
import {
  BALANCE_INDICATORS,
  REMAINING_SHARE,
  SMALL_SCHOOL_LIMIT,
  type BalanceIndicator,
  type BalanceStage,
} from './catalogue.js';
import { rowsOf } from './sqlRows.js';

export type Warning = 'GREEN' | 'YELLOW' | 'RED';
export interface IndicatorCv {
  indicator: BalanceIndicator;
  cv: number | null;
  countyValue: number | null;
  schoolsMeetingMinimum: number;
  withinThreshold: boolean;
  withinLocalTarget: boolean | null;
  met: boolean;
  warning: Warning;
}
export interface SchoolBalance {
  schoolId: number;
  enrolment: number;
  indicatorsMet: number;
  indicatorsReported: number;
  /** Every indicator at or above 85 % of its minimum (the remaining ones included). */
  restAboveShare: boolean;
  meetsStandard: boolean;
  /** The school's values of the report's year and stage (SchoolIndicatorValue in the schema). */
  values: { year: number; stage: BalanceStage; indicator: BalanceIndicator; value: number; meetsMinimum: boolean }[];
}
export type ExclusionReason =
  | 'SPECIAL_EDUCATION'
  | 'VOCATIONAL'
  | 'SMALL_TEACHING_POINT'
  | 'CLOSED'
  | 'MERGED'
  | 'NO_YEAR_FACTS';
export interface Exclusion {
  schoolId: number;
  reason: ExclusionReason;
  enrolment: number | null;
}
/** The verdicts of one county, year and stage: what the city dashboard lists. */
export interface BalanceVerdict {
  countyCode: string;
  countyName: string;
  year: number;
  stage: BalanceStage;
  threshold: number;
  localTarget: number | null;
  target: number;
  minIndicatorsMet: number;
  indicators: IndicatorCv[];
  allIndicatorsWithinThreshold: boolean;
  allIndicatorsWithinLocalTarget: boolean | null;
  warning: Warning;
  compositeCv: number | null;
  compositeMet: boolean;
  compositeWarning: Warning;
  schoolsCounted: number;
  schoolsMeetingStandard: number;
  allSchoolsMeetStandard: boolean;
  resourceAllocationMet: boolean;
}
export interface BalanceReport extends BalanceVerdict {
  schools: SchoolBalance[];
  exclusions: Exclusion[];
}

/** Per indicator: GREEN within the local target (or the threshold when there is none), YELLOW within the threshold only, RED above it or unknown. */
export function warningOf(cv: number | null, threshold: number, localTarget: number | null): Warning {
  if (cv == null || cv > threshold) return 'RED';
  return localTarget != null && cv > localTarget ? 'YELLOW' : 'GREEN';
}

const SETTING_KEYS = [
  'balance.cvThresholdPrimary',
  'balance.cvThresholdJunior',
  'balance.cvTarget',
  'balance.cvTargetByYear',
  'balance.minIndicatorsMet',
] as const;

interface Scope {
  countyCodes: string[];
  years: number[];
  stages: BalanceStage[];
}

const list = (xs: readonly (string | number)[]) =>
  sql.join(
    xs.map((x) => sql`${x}`),
    sql`, `,
  );

/**
 * The stage sections counted in a scope, as of each year's facts: open, not a special-education
 * school, not a 教学点 under 50 pupils, and run by a county (a 市直 school, whose region is the
 * city, is never part of a county's assessment).
 */
function counted(scope: Scope): SQL {
  return sql`select f.school_id, f.county_code, f.year, f.stage::text as stage, f.enrolment::float8 as p
  from ${schoolYearFacts} f
  join ${schools} s on s.id = f.school_id
  join ${regions} r on r.code = s.county_code and r.level = 'COUNTY'
  where f.county_code in (${list(scope.countyCodes)}) and f.year in (${list(scope.years)}) and f.stage::text in (${list(scope.stages)})
    and f.status = 'OPEN' and f.kind <> 'SPECIAL_EDUCATION'
    and not (f.kind = 'TEACHING_POINT' and f.enrolment < ${SMALL_SCHOOL_LIMIT})`;
}

const minimums = sql.join(
  BALANCE_INDICATORS.flatMap((d) =>
    (['PRIMARY', 'JUNIOR'] as const).map((st) => sql`(${st}::text, ${d.code}::text, ${d.minimum[st]}::float8)`),
  ),
  sql`, `,
);

/** Each counted section's values joined to its stage's minimum. */
function valuesOf(scope: Scope): SQL {
  return sql`select f.county_code, f.year, f.stage, f.school_id, f.p, iv.indicator::text as indicator, iv.value as x, m.minimum
  from (${counted(scope)}) f
  join ${schoolIndicatorValues} iv on iv.school_id = f.school_id and iv.year = f.year and iv.stage::text = f.stage
  join (values ${minimums}) as m(stage, indicator, minimum) on m.stage = f.stage and m.indicator = iv.indicator::text`;
}

type CvRow = {
  county_code: string;
  year: number;
  stage: BalanceStage;
  indicator: BalanceIndicator;
  cv: number | null;
  county_value: number | null;
  meeting: number;
};
type SchoolRow = {
  county_code: string;
  year: number;
  stage: BalanceStage;
  school_id: number;
  enrolment: number;
  met: number;
  reported: number;
  above_share: boolean;
};

/**
 * Enrolment-weighted CV of every indicator, CV = √(Σ (p_i/P)(x_i − X̄)²) / X̄ with
 * X̄ = Σ p_i x_i / P, for every county, year and stage of the scope, in one statement.
 */
async function cvRows(db: DbOrTx, scope: Scope): Promise<CvRow[]> {
  return rowsOf<CvRow>(
    await db.execute(sql`
with v as (${valuesOf(scope)}),
mean as (
  select county_code, year, stage, indicator, sum(p * x) / nullif(sum(p), 0) as xbar, nullif(sum(p), 0) as total
  from v group by county_code, year, stage, indicator
)
select v.county_code, v.year, v.stage, v.indicator,
       sqrt(sum(v.p / m.total * power(v.x - m.xbar, 2))) / nullif(m.xbar, 0) as cv,
       m.xbar as county_value, count(*) filter (where v.x >= v.minimum)::int as meeting
from v join mean m using (county_code, year, stage, indicator)
group by v.county_code, v.year, v.stage, v.indicator, m.xbar, m.total`),
  );
}

/**
 * Per counted school: indicators at the minimum, indicators reported, and whether every one is
 * at least 85 % of its minimum (compared as NUMERIC, so exactly 85 % counts).
 */
async function schoolRows(db: DbOrTx, scope: Scope): Promise<SchoolRow[]> {
  return rowsOf<SchoolRow>(
    await db.execute(sql`
with f as (${counted(scope)}),
v as (${valuesOf(scope)})
select f.county_code, f.year, f.stage, f.school_id, f.p::int as enrolment,
       count(v.x) filter (where v.x >= v.minimum)::int as met, count(v.x)::int as reported,
       coalesce(bool_and(v.x::numeric >= v.minimum::numeric * ${REMAINING_SHARE}::numeric), false) as above_share
from f left join v on v.school_id = f.school_id and v.year = f.year and v.stage = f.stage
group by f.county_code, f.year, f.stage, f.school_id, f.p
order by f.school_id`),
  );
}

/** The local target of a year: that year's phased entry, else the standing local target, else none. */
function localTargetOf(
  settings: { 'balance.cvTarget': number | null; 'balance.cvTargetByYear': Record<string, number> },
  year: number,
): number | null {
  return settings['balance.cvTargetByYear'][String(year)] ?? settings['balance.cvTarget'] ?? null;
}

export function meetsStandard(
  s: { met: number; reported: number; above_share: boolean },
  minIndicatorsMet: number,
): boolean {
  return s.reported === BALANCE_INDICATORS.length && s.met >= minIndicatorsMet && s.above_share;
}

/**
 * Verdicts of every county × year × stage of a scope in a fixed number of statements (regions,
 * settings, CVs, schools), however many counties: the city dashboard's one query.
 */
export async function balanceVerdicts(
  db: DbOrTx,
  counties: { code: string; name: string }[],
  years: number[],
  stages: BalanceStage[],
) {
  const scope: Scope = { countyCodes: counties.map((c) => c.code), years, stages };
  if (!counties.length || !years.length || !stages.length)
    return { verdicts: [] as BalanceVerdict[], schools: [] as SchoolRow[] };
  const [settings, cvs, perSchool] = await Promise.all([
    resolveSettingsFor(db, SETTING_KEYS, scope.countyCodes),
    cvRows(db, scope),
    schoolRows(db, scope),
  ]);
  const cell = (c: string, y: number, st: string) => `${c}:${y}:${st}`;
  const cvBy = new Map(cvs.map((r) => [`${cell(r.county_code, r.year, r.stage)}:${r.indicator}`, r]));
  const schoolsBy = new Map<string, SchoolRow[]>();
  for (const s of perSchool) {
    const k = cell(s.county_code, s.year, s.stage);
    schoolsBy.set(k, [...(schoolsBy.get(k) ?? []), s]);
  }
  const verdicts: BalanceVerdict[] = [];
  for (const county of counties) {
    const set = settings.get(county.code)!;
    for (const year of years) {
      for (const stage of stages) {
        const threshold = stage === 'PRIMARY' ? set['balance.cvThresholdPrimary'] : set['balance.cvThresholdJunior'];
        const localTarget = localTargetOf(set, year);
        const target = Math.min(threshold, localTarget ?? threshold);
        const indicators: IndicatorCv[] = BALANCE_INDICATORS.map((d) => {
          const r = cvBy.get(`${cell(county.code, year, stage)}:${d.code}`);
          const cv = r?.cv == null ? null : Number(r.cv);
          return {
            indicator: d.code,
            cv,
            countyValue: r?.county_value == null ? null : Number(r.county_value),
            schoolsMeetingMinimum: r?.meeting ?? 0,
            withinThreshold: cv != null && cv <= threshold,
            withinLocalTarget: localTarget == null ? null : cv != null && cv <= localTarget,
            met: cv != null && cv <= target,
            warning: warningOf(cv, threshold, localTarget),
          };
        });
        const allWithin = indicators.every((i) => i.withinThreshold);
        const allLocal = localTarget == null ? null : indicators.every((i) => i.withinLocalTarget);
        const known = indicators.filter((i) => i.cv != null);
        // 综合差异系数 (基本均衡, 2012): the mean of the seven, a secondary figure only.
        const compositeCv =
          known.length === indicators.length ? known.reduce((a, i) => a + i.cv!, 0) / known.length : null;
        const sch = schoolsBy.get(cell(county.code, year, stage)) ?? [];
        const minMet = set['balance.minIndicatorsMet'];
        const meeting = sch.filter((s) => meetsStandard(s, minMet)).length;
        verdicts.push({
          countyCode: county.code,
          countyName: county.name,
          year,
          stage,
          threshold,
          localTarget,
          target,
          minIndicatorsMet: minMet,
          indicators,
          allIndicatorsWithinThreshold: allWithin,
          allIndicatorsWithinLocalTarget: allLocal,
          warning: !allWithin ? 'RED' : allLocal === false ? 'YELLOW' : 'GREEN',
          compositeCv,
          compositeMet: compositeCv != null && compositeCv <= target,
          compositeWarning: warningOf(compositeCv, threshold, localTarget),
          schoolsCounted: sch.length,
          schoolsMeetingStandard: meeting,
          allSchoolsMeetStandard: sch.length > 0 && meeting === sch.length,
          resourceAllocationMet: allWithin && sch.length > 0 && meeting === sch.length,
        });
      }
    }
  }
  return { verdicts, schools: perSchool };
}

/** The county regions under a city (or the one county), in code order. */
export async function countiesOf(db: DbOrTx, regionCode: string) {
  const rows = await db
    .select({ code: regions.code, name: regions.name, level: regions.level, parentCode: regions.parentCode })
    .from(regions)
    .where(
      sql`${regions.code} = ${regionCode} or (${regions.parentCode} = ${regionCode} and ${regions.level} = 'COUNTY')`,
    )
    .orderBy(regions.code);
  return { self: rows.find((r) => r.code === regionCode), counties: rows.filter((r) => r.level === 'COUNTY') };
}

/**
 * Quality-balance report of one county, year and stage (优质均衡 资源配置): the verdicts, each
 * counted school with its values, and every school left out with its reason.
 */
export async function balanceReport(
  db: DbOrTx,
  countyCode: string,
  year: number,
  stage: BalanceStage,
): Promise<BalanceReport> {
  const [county] = await db.select().from(regions).where(eq(regions.code, countyCode));
  if (county?.level !== 'COUNTY') fail('NOT_FOUND', `County ${countyCode} does not exist.`, ['countyCode']);
  const { verdicts, schools: perSchool } = await balanceVerdicts(
    db,
    [{ code: county.code, name: county.name }],
    [year],
    [stage],
  );
  const verdict = verdicts[0]!;
  const ids = perSchool.map((s) => s.school_id);
  const [values, exclusions] = await Promise.all([
    ids.length
      ? db
          .select()
          .from(schoolIndicatorValues)
          .where(
            and(
              eq(schoolIndicatorValues.year, year),
              eq(schoolIndicatorValues.stage, stage),
              inArray(schoolIndicatorValues.schoolId, ids),
            ),
          )
      : Promise.resolve([]),
    exclusionsOf(db, countyCode, year, stage),
  ]);
  const minimum = (ind: BalanceIndicator) => BALANCE_INDICATORS.find((d) => d.code === ind)!.minimum[stage];
  const order = new Map(BALANCE_INDICATORS.map((d, i) => [d.code, i]));
  return {
    ...verdict,
    schools: perSchool.map((s) => ({
      schoolId: s.school_id,
      enrolment: s.enrolment,
      indicatorsMet: s.met,
      indicatorsReported: s.reported,
      restAboveShare: s.above_share,
      meetsStandard: meetsStandard(s, verdict.minIndicatorsMet),
      values: values
        .filter((v) => v.schoolId === s.school_id)
        .sort((a, b) => order.get(a.indicator)! - order.get(b.indicator)!)
        .map((v) => ({
          year,
          stage,
          indicator: v.indicator,
          value: v.value,
          meetsMinimum: v.value >= minimum(v.indicator),
        })),
    })),
    exclusions,
  };
}

/**
 * Sections of the county left out for the year and stage, each with the standard's reason:
 * special-education schools, 教学点 under 50 pupils, schools closed or merged that year, and
 * schools with values but no facts for the year. 市直 schools are not listed at all.
 */
async function exclusionsOf(db: DbOrTx, countyCode: string, year: number, stage: BalanceStage): Promise<Exclusion[]> {
  const rows = rowsOf<{ school_id: number; reason: ExclusionReason; enrolment: number | null }>(
    await db.execute(sql`
select f.school_id, case
    when f.kind = 'SPECIAL_EDUCATION' then 'SPECIAL_EDUCATION'
    when f.status = 'CLOSED' then 'CLOSED'
    when f.status = 'MERGED' then 'MERGED'
    else 'SMALL_TEACHING_POINT' end as reason, f.enrolment
from ${schoolYearFacts} f
join ${schools} s on s.id = f.school_id
join ${regions} r on r.code = s.county_code and r.level = 'COUNTY'
where f.county_code = ${countyCode} and f.year = ${year} and f.stage = ${stage}
  and (f.status <> 'OPEN' or f.kind = 'SPECIAL_EDUCATION' or (f.kind = 'TEACHING_POINT' and f.enrolment < ${SMALL_SCHOOL_LIMIT}))
union all
select distinct iv.school_id, 'NO_YEAR_FACTS', null::int
from ${schoolIndicatorValues} iv
join ${schools} s on s.id = iv.school_id
join ${regions} r on r.code = s.county_code and r.level = 'COUNTY'
where iv.county_code = ${countyCode} and iv.year = ${year} and iv.stage = ${stage}
  and not exists (select 1 from ${schoolYearFacts} f where f.school_id = iv.school_id and f.year = iv.year and f.stage = iv.stage)
order by 1`),
  );
  return rows.map((r) => ({ schoolId: r.school_id, reason: r.reason, enrolment: r.enrolment }));
}
