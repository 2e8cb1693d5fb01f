/**
 * Capacity arithmetic over inclusive calendar-day periods ('YYYY-MM-DD' strings compare in
 * date order). The database trigger is the authority; these give the services precise errors
 * before they write, and the availability view.
 */
export interface Booking {
  periodStart: string;
  periodEnd: string;
  quantity: number;
}

export function overlaps(a: { periodStart: string; periodEnd: string }, from: string, to: string): boolean {
  return a.periodStart <= to && a.periodEnd >= from;
}

/** Largest quantity booked on any single day of [from, to]: the peak is on `from` or on some booking's first day. */
export function peakLoad(bookings: readonly Booking[], from: string, to: string): number {
  let peak = 0;
  const inRange = bookings.filter((b) => overlaps(b, from, to));
  if (inRange.length === 0) return 0;
  const days = new Set([from, ...inRange.map((b) => (b.periodStart > from ? b.periodStart : from))]);
  for (const day of days) {
    let load = 0;
    for (const b of inRange) if (b.periodStart <= day && b.periodEnd >= day) load += b.quantity;
    if (load > peak) peak = load;
  }
  return peak;
}

export function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export function previousDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

export interface AvailabilitySegment {
  from: string;
  to: string;
  allocated: number;
}

/** The booked quantity as a step function over [from, to]: maximal runs of days with equal load. */
export function loadSegments(bookings: readonly Booking[], from: string, to: string): AvailabilitySegment[] {
  const inRange = bookings.filter((b) => overlaps(b, from, to));
  const cuts = new Set<string>([from]);
  for (const b of inRange) {
    if (b.periodStart > from) cuts.add(b.periodStart);
    if (b.periodEnd < to) cuts.add(nextDay(b.periodEnd));
  }
  const starts = [...cuts].sort();
  const segments: AvailabilitySegment[] = [];
  starts.forEach((start, i) => {
    const end = i + 1 < starts.length ? previousDay(starts[i + 1]) : to;
    let allocated = 0;
    for (const b of inRange) if (b.periodStart <= start && b.periodEnd >= start) allocated += b.quantity;
    const last = segments.at(-1);
    if (last && last.allocated === allocated) last.to = end;
    else segments.push({ from: start, to: end, allocated });
  });
  return segments;
}

/** Smallest quantity booked on any day of [from, to]; a resource whose minimum reaches its capacity is full throughout. */
export function minLoad(bookings: readonly Booking[], from: string, to: string): number {
  return Math.min(...loadSegments(bookings, from, to).map((s) => s.allocated));
}

/** Open requests' status from the units their active allocations cover. */
export function openStatus(matched: number, quantity: number): 'SUBMITTED' | 'PARTIALLY_MATCHED' | 'MATCHED' {
  if (matched <= 0) return 'SUBMITTED';
  return matched < quantity ? 'PARTIALLY_MATCHED' : 'MATCHED';
}

export const OPEN_STATUSES = ['SUBMITTED', 'PARTIALLY_MATCHED'] as const;
