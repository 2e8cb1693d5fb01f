import { minLoad, peakLoad, type Booking } from './capacity.js';

type Priority = 'LOW' | 'NORMAL' | 'HIGH' | 'URGENT';
const RANK: Record<Priority, number> = { URGENT: 3, HIGH: 2, NORMAL: 1, LOW: 0 };

export interface OpenRequest {
  id: number;
  countyCode: string;
  subject: string;
  quantity: number;
  matchedQuantity: number;
  periodStart: string;
  periodEnd: string;
  priority: Priority;
  requestedAt: string;
}

export interface Offer {
  id: number;
  subject: string;
  countyCode: string;
  capacity: number;
  availableFrom: string;
  availableTo: string;
}

export interface PlannedAllocation {
  requestId: number;
  resourceId: number;
  quantity: number;
  periodStart: string;
  periodEnd: string;
  reason: string;
}

/**
 * The auto-matching rule (自动匹配规则), a pure function so it can be tested and benchmarked:
 *
 * 1. Requests are served one at a time in this order: higher priority first (URGENT, HIGH,
 *    NORMAL, LOW); within a priority, weaker counties first — a higher
 *    `pools.countyPriorityWeight` setting of the requesting county (资源向薄弱县倾斜); then
 *    earlier submission; then lower request id, so ties are deterministic.
 * 2. A request is offered resources of the same subject whose availability window covers its
 *    whole period: first those offered by its own county (no travel), then the rest; each group
 *    by resource id. It takes what is free over its period from each in turn until it has
 *    what it still needs, so it may end PARTIALLY_MATCHED.
 * 3. Capacity is tracked per day as allocations are planned, so the plan never overbooks.
 */
export function planMatches(
  requests: readonly OpenRequest[],
  offers: readonly Offer[],
  existing: readonly (Booking & { resourceId: number })[],
  countyWeight: ReadonlyMap<string, number>,
): PlannedAllocation[] {
  const bookings = new Map<number, Booking[]>();
  for (const b of existing) {
    const list = bookings.get(b.resourceId);
    if (list) list.push(b);
    else bookings.set(b.resourceId, [b]);
  }
  // Candidate lists per subject and per (subject, county), in id order.
  const full = new Set<number>();
  const lists = new Map<string, { items: Offer[] }>();
  const listOf = (key: string) => {
    let l = lists.get(key);
    if (!l) lists.set(key, (l = { items: [] }));
    return l;
  };
  for (const o of [...offers].sort((a, b) => a.id - b.id)) {
    listOf(o.subject).items.push(o);
    listOf(`${o.subject}\u0000${o.countyCode}`).items.push(o);
  }

  const weight = (c: string) => countyWeight.get(c) ?? 1;
  const order = [...requests].sort(
    (a, b) =>
      RANK[b.priority] - RANK[a.priority] ||
      weight(b.countyCode) - weight(a.countyCode) ||
      (a.requestedAt < b.requestedAt ? -1 : a.requestedAt > b.requestedAt ? 1 : 0) ||
      a.id - b.id,
  );

  // Loads only grow during a run, so an offer that cannot serve a period (window too short, or
  // nothing free over it) never will: per list and period, a cursor skips that prefix for good.
  const cursors = new Map<string, number>();
  const plan: PlannedAllocation[] = [];
  for (const req of order) {
    let need = req.quantity - req.matchedQuantity;
    if (need <= 0) continue;
    const period = `${req.periodStart}/${req.periodEnd}`;
    const ownKey = `${req.subject}\u0000${req.countyCode}`;
    // Own county first; by the time the whole-subject list is scanned, every own-county offer
    // has nothing left for this period, so it needs no special case there.
    for (const key of [ownKey, req.subject]) {
      const list = lists.get(key);
      if (!list || need <= 0) continue;
      const cursorKey = `${key}\u0000${period}`;
      let i = cursors.get(cursorKey) ?? 0;
      let prefix = true;
      for (; i < list.items.length && need > 0; i++) {
        const o = list.items[i];
        const usable = !full.has(o.id) && o.availableFrom <= req.periodStart && o.availableTo >= req.periodEnd;
        const booked = usable ? (bookings.get(o.id) ?? []) : [];
        const free = usable ? o.capacity - peakLoad(booked, req.periodStart, req.periodEnd) : 0;
        if (free > 0) {
          const take = Math.min(free, need);
          const b = { periodStart: req.periodStart, periodEnd: req.periodEnd, quantity: take };
          if (booked.length) booked.push(b);
          else bookings.set(o.id, [b]);
          if (minLoad(bookings.get(o.id)!, o.availableFrom, o.availableTo) >= o.capacity) full.add(o.id);
          need -= take;
          plan.push({
            requestId: req.id,
            resourceId: o.id,
            quantity: take,
            periodStart: req.periodStart,
            periodEnd: req.periodEnd,
            reason: `Auto-matched (自动匹配): priority ${req.priority}, county weight ${weight(req.countyCode)}, ${o.countyCode === req.countyCode ? 'offer from the same county' : 'offer from another county'}.`,
          });
          if (take < free) prefix = false;
        }
        if (prefix) cursors.set(cursorKey, i + 1);
      }
    }
  }
  return plan;
}
