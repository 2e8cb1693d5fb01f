import { describe, expect, it } from 'vitest';
import { allocateQuota, type CohortEntry } from '../../schema/domains/enrolment/allocation.js';
import { checkSchool } from '../../schema/domains/enrolment/checks.js';

/**
 * 指标到校 by largest remainder and the enrolment checks, as pure rules. Every expectation is
 * worked out by hand in the comment beside it; the random cases check the two properties the
 * rule promises (the sum is the quota; each share is the floor or ceiling of its exact share).
 */
const entry = (id: number, code: string, graduates: number, overridePlaces: number | null = null): CohortEntry => ({
  juniorSchoolId: id,
  juniorSchoolCode: code,
  graduates,
  overridePlaces,
});
const placesOf = (quota: number, entries: CohortEntry[]) => {
  const r = allocateQuota(quota, entries);
  if (!r.ok) throw new Error(r.problem.kind);
  return entries.map((e) => r.places.get(e.juniorSchoolId));
};

describe('largest remainder', () => {
  it('three equal cohorts: the one left-over place goes to the smallest school identifier', () => {
    // 10 × 100 / 300 = 3 r 100 each; 9 given, 1 left; equal fractions and cohorts → code 4307000001.
    expect(
      placesOf(10, [entry(3, '4307000003', 100), entry(1, '4307000001', 100), entry(2, '4307000002', 100)]),
    ).toEqual([3, 4, 3]);
  });

  it('the largest fraction wins the left-over place', () => {
    // 7 × (50, 30, 20) / 100 = 3.5, 2.1, 1.4 → 3 + 2 + 1 = 6; the left-over place to .5.
    expect(placesOf(7, [entry(1, '4307000003', 50), entry(2, '4307000001', 30), entry(3, '4307000002', 20)])).toEqual([
      4, 2, 1,
    ]);
  });

  it('equal fractions: the larger cohort wins before the smaller identifier', () => {
    // 2 × (1, 3, 0) / 4 = 0 r 2, 1 r 2, 0 r 0 → 1 given, 1 left; tie on r 2 → cohort 3 beats cohort 1 (whose code is smaller).
    expect(placesOf(2, [entry(1, '4307000001', 1), entry(2, '4307000003', 3), entry(3, '4307000002', 0)])).toEqual([
      0, 2, 0,
    ]);
  });

  it('a quota smaller than the number of schools', () => {
    // 2 × (10, 20, 30) / 60 = 0.33, 0.67, 1.0 → 0 + 0 + 1 = 1; left-over to .67.
    expect(placesOf(2, [entry(1, '4307000001', 10), entry(2, '4307000002', 20), entry(3, '4307000003', 30)])).toEqual([
      0, 1, 1,
    ]);
  });

  it('overrides are kept and the rest of the quota is shared by the others', () => {
    // 10 − 5 = 5 over (100, 100): 2 r 100 each, 1 left, tie → smaller code 4307000002.
    expect(
      placesOf(10, [entry(1, '4307000001', 100, 5), entry(2, '4307000002', 100), entry(3, '4307000003', 100)]),
    ).toEqual([5, 3, 2]);
  });

  it('refuses overrides above the quota, overrides that do not sum when all are set, and places with no cohort', () => {
    expect(allocateQuota(10, [entry(1, '4307000001', 100, 11), entry(2, '4307000002', 100)])).toEqual({
      ok: false,
      problem: { kind: 'OVERRIDES_EXCEED_QUOTA', overridden: 11 },
    });
    expect(allocateQuota(10, [entry(1, '4307000001', 100, 4), entry(2, '4307000002', 100, 5)])).toEqual({
      ok: false,
      problem: { kind: 'OVERRIDES_DO_NOT_SUM', overridden: 9 },
    });
    expect(placesOf(9, [entry(1, '4307000001', 100, 4), entry(2, '4307000002', 100, 5)])).toEqual([4, 5]);
    expect(allocateQuota(3, [entry(1, '4307000001', 0), entry(2, '4307000002', 0)])).toEqual({
      ok: false,
      problem: { kind: 'NO_GRADUATES', remaining: 3 },
    });
    expect(placesOf(0, [entry(1, '4307000001', 0)])).toEqual([0]);
  });

  it('random cohorts: the sum is always the quota and each share is the floor or ceiling of its exact share', () => {
    let seed = 7;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let round = 0; round < 500; round++) {
      const n = 1 + next(12);
      const entries = Array.from({ length: n }, (_v, i) =>
        entry(i + 1, `43070${String(next(99999)).padStart(5, '0')}`, 1 + next(400)),
      );
      const quota = next(1000);
      const got = placesOf(quota, entries) as number[];
      expect(got.reduce((a, b) => a + b, 0)).toBe(quota);
      const cohort = entries.reduce((a, e) => a + e.graduates, 0);
      entries.forEach((e, i) => {
        const exact = (quota * e.graduates) / cohort;
        expect(got[i]).toBeGreaterThanOrEqual(Math.floor(exact));
        expect(got[i]).toBeLessThanOrEqual(Math.ceil(exact));
      });
    }
  });
});

describe('checks', () => {
  const policy = { quotaShareMinPercent: 50, crossCountyAllowed: false };
  const line = {
    demonstration: true,
    allowedCountyCodes: ['430721'],
    unifiedPlaces: 90,
    quotaPlaces: 100,
    specialtyPlaces: 10,
  };
  const status = (c: ReturnType<typeof checkSchool>) => Object.fromEntries(c.items.map((i) => [i.kind, i.status]));

  it('all in order is GREEN', () => {
    const c = checkSchool({
      policy,
      line,
      allocated: 100,
      admissions: [
        { sourceCountyCode: '430721', category: 'QUOTA', count: 100 },
        { sourceCountyCode: '430721', category: 'UNIFIED', count: 90 },
      ],
    });
    expect(status(c)).toEqual({ BOUNDARY: 'GREEN', PLAN_EXCEEDED: 'GREEN', QUOTA_SHARE: 'GREEN' });
    expect([c.status, c.planned, c.admitted, c.outsideBoundary]).toEqual(['GREEN', 200, 190, 0]);
  });

  it('admissions from outside the boundary: RED when forbidden, YELLOW when allowed', () => {
    const admissions = [
      { sourceCountyCode: '430723', category: 'UNIFIED' as const, count: 7 },
      { sourceCountyCode: '430722', category: 'UNIFIED' as const, count: 3 },
      { sourceCountyCode: '430721', category: 'UNIFIED' as const, count: 20 },
    ];
    const red = checkSchool({ policy, line, allocated: 100, admissions });
    expect([red.status, red.outsideBoundary, red.outsideCounties]).toEqual(['RED', 10, ['430722', '430723']]);
    expect(
      status(checkSchool({ policy: { ...policy, crossCountyAllowed: true }, line, allocated: 100, admissions }))
        .BOUNDARY,
    ).toBe('YELLOW');
  });

  it('plan exceeded: RED over the total, YELLOW over a category only', () => {
    // 201 > 200 planned.
    expect(
      status(
        checkSchool({
          policy,
          line,
          allocated: 100,
          admissions: [{ sourceCountyCode: '430721', category: 'UNIFIED', count: 201 }],
        }),
      ).PLAN_EXCEEDED,
    ).toBe('RED');
    // 11 specialty > 10 places, 11 ≤ 200 in total.
    expect(
      status(
        checkSchool({
          policy,
          line,
          allocated: 100,
          admissions: [{ sourceCountyCode: '430721', category: 'SPECIALTY', count: 11 }],
        }),
      ).PLAN_EXCEEDED,
    ).toBe('YELLOW');
  });

  it('指标到校 share: RED below the policy, YELLOW when not allocated in full, GREEN for a school that is not 示范性', () => {
    // 99 of 199 = 49.7 % < 50 %.
    expect(
      status(checkSchool({ policy, line: { ...line, quotaPlaces: 99 }, allocated: 99, admissions: [] })).QUOTA_SHARE,
    ).toBe('RED');
    // Exactly 50 %: 100 × 100 = 50 × 200.
    expect(status(checkSchool({ policy, line, allocated: 100, admissions: [] })).QUOTA_SHARE).toBe('GREEN');
    expect(status(checkSchool({ policy, line, allocated: 60, admissions: [] })).QUOTA_SHARE).toBe('YELLOW');
    expect(
      status(
        checkSchool({ policy, line: { ...line, demonstration: false, quotaPlaces: 0 }, allocated: 0, admissions: [] }),
      ).QUOTA_SHARE,
    ).toBe('GREEN');
  });
});
