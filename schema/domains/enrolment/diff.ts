import type { LineContent, PlanRow } from './planRecords.js';

/** What changed from one version of a plan (`against`) to another, by school (版本对比). */
export interface PlanDiff {
  /** Policy fields that differ: title, quotaShareMinPercent, crossCountyAllowed. */
  policyChanged: string[];
  added: string[];
  removed: string[];
  changed: LineChange[];
}

export interface LineChange {
  schoolCode: string;
  /** Fields that differ: demonstration, allowedCountyCodes, unifiedPlaces, quotaPlaces, specialtyPlaces, allocations. */
  fieldsChanged: string[];
  placesBefore: number;
  placesAfter: number;
}

const POLICY = ['title', 'quotaShareMinPercent', 'crossCountyAllowed'] as const;
const LINE = ['demonstration', 'unifiedPlaces', 'quotaPlaces', 'specialtyPlaces'] as const;
const total = (c: LineContent) => c.line.unifiedPlaces + c.line.quotaPlaces + c.line.specialtyPlaces;
const allocationsOf = (c: LineContent) =>
  JSON.stringify(
    c.allocations.map((a) => [a.juniorSchoolCode, a.graduates, a.places, a.overridePlaces, a.overrideReason]),
  );

export function diffPlans(plan: PlanRow, lines: LineContent[], against: PlanRow, old: LineContent[]): PlanDiff {
  const before = new Map(old.map((c) => [c.schoolCode, c]));
  const now = new Set(lines.map((c) => c.schoolCode));
  const changed: LineChange[] = [];
  for (const c of lines) {
    const prior = before.get(c.schoolCode);
    if (!prior) continue;
    const fieldsChanged: string[] = LINE.filter((f) => c.line[f] !== prior.line[f]);
    if (JSON.stringify(c.line.allowedCountyCodes) !== JSON.stringify(prior.line.allowedCountyCodes))
      fieldsChanged.push('allowedCountyCodes');
    if (allocationsOf(c) !== allocationsOf(prior)) fieldsChanged.push('allocations');
    if (fieldsChanged.length)
      changed.push({ schoolCode: c.schoolCode, fieldsChanged, placesBefore: total(prior), placesAfter: total(c) });
  }
  return {
    policyChanged: POLICY.filter((f) => plan[f] !== against[f]),
    added: lines.filter((c) => !before.has(c.schoolCode)).map((c) => c.schoolCode),
    removed: old.filter((c) => !now.has(c.schoolCode)).map((c) => c.schoolCode),
    changed,
  };
}
