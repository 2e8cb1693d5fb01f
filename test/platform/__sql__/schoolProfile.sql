-- 4 statements

select "id", "code", "name", "stage", "locality", "county_code", "site_county_code", "is_weak", "enrolment", "staff_count", "is_county_high_school", "status", "created_at", "updated_at" from "schools" where "schools"."code" = $1;

select "cycle_id", "school_id", "county_code", "cohort_size", "band", "intake_mean", "outcome_mean", "expected_outcome", "value_added", "standard_error", "ci_low", "ci_high", "growth_index", "rank", "rank_best", "rank_worst", "position" from "value_added_results" where (("value_added_results"."school_id" = $1) and (("value_added_results"."county_code" like $2 or exists (select 1 from "evaluation_cycles" where "evaluation_cycles"."id" = "value_added_results"."cycle_id" and "evaluation_cycles"."status" = 'CLOSED')))) order by "value_added_results"."cycle_id" desc;

select "school_id", "year", "stage", "indicator", "county_code", "value", "updated_at" from "school_indicator_values" where "school_indicator_values"."school_id" = $1 order by "school_indicator_values"."year" asc, "school_indicator_values"."indicator" asc;

with inv as (
  select * from "evaluation_invitations" where "evaluation_invitations"."school_id" = $1 and ("evaluation_invitations"."county_code" like $2 or exists (select 1 from "evaluation_cycles" where "evaluation_cycles"."id" = "evaluation_invitations"."cycle_id" and "evaluation_cycles"."status" = 'CLOSED'))
), ind as (
  select i.cycle_id, i.school_id, i.party, s.indicator_id, avg(s.score / fi.max_score * 100) as pct, min(fi.weight) as w
  from inv i join evaluation_scores s on s.invitation_id = i.id join framework_indicators fi on fi.id = s.indicator_id
  where i.submitted_at is not null
  group by i.cycle_id, i.school_id, i.party, s.indicator_id
), party as (
  select cycle_id, school_id, party, sum(pct * w) / sum(w) as score from ind group by cycle_id, school_id, party
), counts as (
  select cycle_id, school_id, min(county_code) as county_code, party,
         count(*) filter (where submitted_at is not null)::int as submissions, count(*)::int as invitations
  from inv group by cycle_id, school_id, party
), joined as (
  select c.*, p.score,
         (case c.party when 'CITY_INSPECTION' then f.city_inspection_weight when 'COUNTY_SELF' then f.county_self_weight else f.social_weight end) as weight
  from counts c
  left join party p using (cycle_id, school_id, party)
  join evaluation_cycles ec on ec.id = c.cycle_id
  join evaluation_frameworks f on f.id = ec.framework_id
)
select j.*,
       sum(j.score * j.weight) filter (where j.score is not null) over w
         / nullif(sum(j.weight) filter (where j.score is not null) over w, 0) as overall
from joined j
window w as (partition by j.cycle_id, j.school_id)
order by j.cycle_id, j.school_id, j.party;
