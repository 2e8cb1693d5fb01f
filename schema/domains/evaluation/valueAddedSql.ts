import { sql, type SQL } from 'drizzle-orm';

/**
 * The value-added model as one SQL statement, so the database does the arithmetic over every
 * student (two scans of the cycle's rows) and only a one-row summary comes back.
 *
 * Method OLS_REGION: outcome = a + b·intake fitted over the whole cycle (regr_*). Residual SD
 * σ = √(SSE / (N − 2)), SSE = Syy − Sxy²/Sxx: the model's residual standard error, one for
 * every school (as Progress 8 uses one national SD). Per school: n, means, expected outcome
 * a + b·mean(intake), value added = mean residual, SE = σ/√n, 95% CI = VA ± 1.96·SE, growth
 * index VA/SE; band ABOVE/BELOW only when the CI excludes zero; SUPPRESSED (no estimates
 * stored) below minCohort. Rank by VA among estimated schools, with the range of ranks the
 * intervals allow: best = 1 + schools whose CI lies wholly above, worst = count − schools
 * whose CI lies wholly below.
 *
 * Inserts the per-school rows into value_added_results and returns the fitted model.
 */
export function computeValueAddedStatement(cycleId: number, minCohort: number): SQL {
  return sql`
with fit as (
  select regr_intercept(outcome_score, intake_score) as a, regr_slope(outcome_score, intake_score) as b,
         regr_count(outcome_score, intake_score)::int as n,
         sqrt(greatest(regr_syy(outcome_score, intake_score) - power(regr_sxy(outcome_score, intake_score), 2) / nullif(regr_sxx(outcome_score, intake_score), 0), 0)
              / nullif(regr_count(outcome_score, intake_score) - 2, 0)) as sd
  from student_scores where cycle_id = ${cycleId}
), school as (
  select school_id, min(county_code) as county_code, count(*)::int as n,
         avg(intake_score) as intake_mean, avg(outcome_score) as outcome_mean
  from student_scores where cycle_id = ${cycleId} group by school_id
), est as (
  select s.*, f.a + f.b * s.intake_mean as expected, s.outcome_mean - (f.a + f.b * s.intake_mean) as va,
         f.sd / sqrt(s.n) as se, s.n >= ${minCohort} as shown
  from school s cross join fit f
), ci as (
  select est.*, va - 1.96 * se as lo, va + 1.96 * se as hi from est
), ranked as (
  select c.*,
         case when shown then rank() over (partition by shown order by va desc) end as rnk,
         row_number() over (order by (case when shown then va end) desc nulls last, school_id) as pos,
         case when shown then 1 + (select count(*) from ci o where o.shown and o.lo > c.hi) end as best,
         case when shown then (select count(*) from ci o where o.shown) - (select count(*) from ci o where o.shown and o.hi < c.lo) end as worst
  from ci c
), ins as (
  insert into value_added_results (cycle_id, school_id, county_code, cohort_size, band, intake_mean, outcome_mean,
    expected_outcome, value_added, standard_error, ci_low, ci_high, growth_index, rank, rank_best, rank_worst, position)
  select ${cycleId}, school_id, county_code, n,
         (case when not shown then 'SUPPRESSED' when lo > 0 then 'ABOVE' when hi < 0 then 'BELOW' else 'AVERAGE' end)::value_added_band,
         case when shown then intake_mean end, case when shown then outcome_mean end,
         case when shown then expected end, case when shown then va end,
         case when shown then se end, case when shown then lo end, case when shown then hi end,
         case when shown then va / nullif(se, 0) end, rnk, best, worst, pos
  from ranked
  where (select b from fit) is not null and (select sd from fit) is not null
  returning band
)
select f.a as intercept, f.b as slope, f.n as n, f.sd as residual_sd,
       (select count(*)::int from ins) as schools,
       (select count(*)::int from ins where band = 'SUPPRESSED') as suppressed
from fit f`;
}
