/**
 * 指标到校: how a senior school's quota places are shared among junior schools.
 *
 * Rule (largest remainder, 最大余数法): overridden junior schools get the places the city set;
 * the rest of the quota (quota − Σ overrides) is shared in proportion to each remaining junior
 * school's graduating cohort (初中毕业生数). Each gets the whole part of its exact share
 * remaining × graduates ÷ Σ graduates; the places left over go one each to the schools with the
 * largest fractional parts. Ties on the fraction go to the larger cohort, then to the smaller
 * school identifier (学校标识码), so the result never depends on input order. The allocations
 * therefore always sum to the quota. All arithmetic is on integers (remainders compared as
 * numerators over the same denominator), never floating point.
 */
export interface CohortEntry {
  juniorSchoolId: number;
  juniorSchoolCode: string;
  graduates: number;
  /** Places the city set for this junior school; null when the formula decides. */
  overridePlaces: number | null;
}

export type AllocationProblem =
  | { kind: 'OVERRIDES_EXCEED_QUOTA'; overridden: number }
  | { kind: 'OVERRIDES_DO_NOT_SUM'; overridden: number }
  | { kind: 'NO_GRADUATES'; remaining: number };

export type AllocationResult = { ok: true; places: Map<number, number> } | { ok: false; problem: AllocationProblem };

export function allocateQuota(quota: number, entries: CohortEntry[]): AllocationResult {
  const places = new Map<number, number>();
  const overridden = entries.reduce((sum, e) => sum + (e.overridePlaces ?? 0), 0);
  const remaining = quota - overridden;
  if (remaining < 0) return { ok: false, problem: { kind: 'OVERRIDES_EXCEED_QUOTA', overridden } };
  for (const e of entries) if (e.overridePlaces != null) places.set(e.juniorSchoolId, e.overridePlaces);
  const free = entries.filter((e) => e.overridePlaces == null);
  if (!free.length) {
    return remaining === 0
      ? { ok: true, places }
      : { ok: false, problem: { kind: 'OVERRIDES_DO_NOT_SUM', overridden } };
  }
  const cohort = free.reduce((sum, e) => sum + e.graduates, 0);
  if (cohort === 0) {
    if (remaining > 0) return { ok: false, problem: { kind: 'NO_GRADUATES', remaining } };
    for (const e of free) places.set(e.juniorSchoolId, 0);
    return { ok: true, places };
  }
  const shares = free.map((e) => ({
    e,
    whole: Math.floor((remaining * e.graduates) / cohort),
    fraction: (remaining * e.graduates) % cohort,
  }));
  let leftover = remaining - shares.reduce((sum, s) => sum + s.whole, 0);
  shares.sort(
    (a, b) =>
      b.fraction - a.fraction ||
      b.e.graduates - a.e.graduates ||
      a.e.juniorSchoolCode.localeCompare(b.e.juniorSchoolCode),
  );
  for (const s of shares) {
    places.set(s.e.juniorSchoolId, s.whole + (leftover > 0 ? 1 : 0));
    leftover--;
  }
  return { ok: true, places };
}

export function allocationProblemMessage(quota: number, p: AllocationProblem): string {
  switch (p.kind) {
    case 'OVERRIDES_EXCEED_QUOTA':
      return `Overrides give ${p.overridden} places but the school's 指标到校 quota is ${quota}.`;
    case 'OVERRIDES_DO_NOT_SUM':
      return `Every junior school is overridden, so the overrides must sum to the quota ${quota}; they give ${p.overridden}.`;
    case 'NO_GRADUATES':
      return `${p.remaining} places are left to share but the junior schools without an override have no graduates.`;
  }
}
