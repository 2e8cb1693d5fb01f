import { inArray, sql, type SQL } from 'drizzle-orm';
import { schools } from '../organisation/table.js';
import type { DbOrTx } from '../../context.js';
import { evaluationInvitations } from './table.js';
import { rowsOf } from './sqlRows.js';

export interface PartyResult {
  party: 'CITY_INSPECTION' | 'COUNTY_SELF' | 'SOCIAL';
  weight: number;
  /** Weighted indicator score on a 0–100 scale; null when the party has not submitted. */
  score: number | null;
  submissions: number;
  invitations: number;
  /** Withheld from a published result: too few submissions (visibility.ts suppressSmallParties). */
  suppressed?: boolean;
}
export interface SchoolEvaluation {
  cycleId: number;
  schoolId: number;
  countyCode: string;
  /** Party-weighted score over the parties that submitted, 0–100. */
  overall: number | null;
  parties: PartyResult[];
  /** The school row, attached by the caller (one query for all results). */
  school?: typeof schools.$inferSelect;
}

/**
 * Multi-party aggregation per school (多元评价汇总), in SQL: each indicator's mean over a
 * party's submissions as a percentage of its maximum, the party score as the
 * indicator-weighted mean of those, and the overall score as the party-weighted mean over the
 * parties that submitted (weights re-normalised, so a missing party does not count as zero).
 * `visible` restricts the schools (jurisdiction / publication), `where` narrows further.
 */
export async function aggregateEvaluations(db: DbOrTx, visible: SQL, where: SQL): Promise<SchoolEvaluation[]> {
  const rows = rowsOf<{
    cycle_id: number;
    school_id: number;
    county_code: string;
    party: PartyResult['party'];
    weight: number;
    score: number | null;
    submissions: number;
    invitations: number;
    overall: number | null;
  }>(
    await db.execute(sql`
with inv as (
  select * from ${evaluationInvitations} where ${where} and ${visible}
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
order by j.cycle_id, j.school_id, j.party`),
  );
  const out = new Map<string, SchoolEvaluation>();
  for (const r of rows) {
    const key = `${r.cycle_id}:${r.school_id}`;
    let e = out.get(key);
    if (!e)
      out.set(
        key,
        (e = {
          cycleId: r.cycle_id,
          schoolId: r.school_id,
          countyCode: r.county_code,
          overall: r.overall == null ? null : Number(r.overall),
          parties: [],
        }),
      );
    e.parties.push({
      party: r.party,
      weight: Number(r.weight),
      score: r.score == null ? null : Number(r.score),
      submissions: r.submissions,
      invitations: r.invitations,
    });
  }
  return [...out.values()];
}

/** Attaches each result's school row with one query, so a list of results costs two statements. */
export async function withSchoolRows(db: DbOrTx, results: SchoolEvaluation[]): Promise<SchoolEvaluation[]> {
  const ids = [...new Set(results.map((r) => r.schoolId))];
  const rows = ids.length ? await db.select().from(schools).where(inArray(schools.id, ids)) : [];
  const byId = new Map(rows.map((s) => [s.id, s]));
  for (const r of results) r.school = byId.get(r.schoolId);
  return results;
}
