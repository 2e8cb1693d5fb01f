import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { canRead, readScope, scopeCondition } from '../access/jurisdiction.js';
import type { Viewer } from '../access/viewer.js';
import { evaluationCycles } from './table.js';

/**
 * Per-school evaluation results (value added, multi-party aggregates) are public once their
 * cycle is CLOSED (published); before that only the jurisdiction that owns the school sees
 * them. Student rows are never served at all.
 */
export function resultCondition(
  viewer: Viewer,
  cols: { cycleId: AnyPgColumn; countyCode: AnyPgColumn; schoolId: AnyPgColumn },
): SQL {
  const own = scopeCondition(readScope(viewer, 'evaluation'), { region: cols.countyCode, school: cols.schoolId });
  return sql`(${own} or exists (select 1 from ${evaluationCycles} where ${evaluationCycles.id} = ${cols.cycleId} and ${evaluationCycles.status} = 'CLOSED'))`;
}

/**
 * Whether the viewer reads a school's results as their owner (its jurisdiction) rather than
 * as published results: owners see everything; the public sees what publication allows
 * (small parties suppressed, rank only where the region publishes it).
 */
export function readsAsOwner(viewer: Viewer, school: { countyCode: string; schoolId: number }): boolean {
  return canRead(viewer, 'evaluation', { regionCode: school.countyCode, schoolId: school.schoolId });
}

interface PartyScore {
  weight: number;
  score: number | null;
  submissions: number;
  suppressed?: boolean;
}

/**
 * A multi-party result as published (小样本抑制): party scores resting on fewer than
 * `minSubmissions` submissions are withheld, and the overall score is the weighted mean of the
 * parties still shown — so neither a party score nor the overall gives away one evaluator's marks.
 */
export function suppressSmallParties<E extends { overall: number | null; parties: PartyScore[] }>(
  result: E,
  minSubmissions: number,
): E {
  if (!result.parties.some((p) => p.score != null && p.submissions < minSubmissions)) return result;
  const parties = result.parties.map((p) =>
    p.score != null && p.submissions < minSubmissions ? { ...p, score: null, suppressed: true } : p,
  );
  const shown = parties.filter((p) => p.score != null);
  const weight = shown.reduce((sum, p) => sum + p.weight, 0);
  const overall = weight > 0 ? shown.reduce((sum, p) => sum + p.score! * p.weight, 0) / weight : null;
  return { ...result, parties, overall };
}
