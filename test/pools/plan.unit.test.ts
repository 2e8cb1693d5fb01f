import { describe, expect, it } from 'vitest';
import { loadSegments, minLoad, peakLoad } from '../../schema/domains/pools/capacity.js';
import { planMatches, type OpenRequest, type Offer } from '../../schema/domains/pools/matchPlan.js';

const req = (id: number, county: string, quantity: number, extra: Partial<OpenRequest> = {}): OpenRequest => ({
  id,
  countyCode: county,
  subject: '音乐',
  quantity,
  matchedQuantity: 0,
  periodStart: '2026-09-01',
  periodEnd: '2027-01-20',
  priority: 'NORMAL',
  requestedAt: '2026-08-20T00:00:00Z',
  ...extra,
});
const offer = (id: number, county: string, capacity: number, extra: Partial<Offer> = {}): Offer => ({
  id,
  subject: '音乐',
  countyCode: county,
  capacity,
  availableFrom: '2026-09-01',
  availableTo: '2027-07-15',
  ...extra,
});

describe('capacity arithmetic over inclusive days', () => {
  const bookings = [
    { periodStart: '2026-09-01', periodEnd: '2026-09-30', quantity: 2 },
    { periodStart: '2026-09-15', periodEnd: '2026-10-15', quantity: 1 },
    { periodStart: '2026-10-16', periodEnd: '2026-10-31', quantity: 3 },
  ];
  it('finds the peak on any day of a period, counting both end days', () => {
    expect(peakLoad(bookings, '2026-09-01', '2026-09-14')).toBe(2);
    expect(peakLoad(bookings, '2026-09-10', '2026-09-20')).toBe(3);
    expect(peakLoad(bookings, '2026-09-30', '2026-09-30')).toBe(3);
    expect(peakLoad(bookings, '2026-10-01', '2026-10-31')).toBe(3);
    expect(peakLoad(bookings, '2026-11-01', '2026-12-31')).toBe(0);
  });
  it('describes the load as runs of equal days, and its minimum', () => {
    expect(loadSegments(bookings, '2026-08-30', '2026-11-02')).toEqual([
      { from: '2026-08-30', to: '2026-08-31', allocated: 0 },
      { from: '2026-09-01', to: '2026-09-14', allocated: 2 },
      { from: '2026-09-15', to: '2026-09-30', allocated: 3 },
      { from: '2026-10-01', to: '2026-10-15', allocated: 1 },
      { from: '2026-10-16', to: '2026-10-31', allocated: 3 },
      { from: '2026-11-01', to: '2026-11-02', allocated: 0 },
    ]);
    expect(minLoad(bookings, '2026-09-01', '2026-10-31')).toBe(1);
  });
});

describe('the auto-matching rule', () => {
  it('priority first, then weaker counties, then earlier submission, then id', () => {
    const requests = [
      req(1, 'A', 1),
      req(2, 'B', 1),
      req(3, 'C', 1, { priority: 'HIGH' }),
      req(4, 'A', 1, { requestedAt: '2026-08-19T00:00:00Z' }),
      req(5, 'B', 1),
    ];
    const plan = planMatches(requests, [offer(10, 'Z', 4)], [], new Map([['B', 2]]));
    expect(plan.map((p) => p.requestId)).toEqual([3, 2, 5, 4]);
  });

  it('is deterministic whatever order the inputs arrive in', () => {
    const requests = Array.from({ length: 40 }, (_, i) =>
      req(i + 1, ['A', 'B', 'C'][i % 3], 1 + (i % 3), { priority: (['LOW', 'NORMAL', 'HIGH'] as const)[i % 3] }),
    );
    const offers = Array.from({ length: 10 }, (_, i) => offer(100 + i, ['A', 'B', 'C', 'D'][i % 4], 1 + (i % 4)));
    const a = planMatches(requests, offers, [], new Map([['C', 3]]));
    const b = planMatches([...requests].reverse(), [...offers].reverse(), [], new Map([['C', 3]]));
    expect(b).toEqual(a);
  });

  it(
    'takes own-county offers first, spans several offers, never overbooks, respects windows ' + 'and existing bookings',
    () => {
      const offers = [
        offer(10, 'Z', 3),
        offer(11, 'A', 2),
        offer(12, 'Z', 5, { availableFrom: '2027-02-01' }),
        offer(13, 'Z', 4),
      ];
      const existing = [{ resourceId: 13, periodStart: '2026-10-01', periodEnd: '2026-10-31', quantity: 3 }];
      const plan = planMatches([req(1, 'A', 5), req(2, 'B', 4)], offers, existing, new Map());
      expect(plan.map((p) => [p.requestId, p.resourceId, p.quantity])).toEqual([
        [1, 11, 2], // own county
        [1, 10, 3],
        [2, 13, 1], // 12's window starts too late; 13 has 1 free in October
      ]);
    },
  );
});
