/**
 * Reporting periods from a city's rhythm (调度频次). Calendar dates only (YYYY-MM-DD, China
 * Standard Time days): weeks run Monday to Sunday, months, quarters and years are calendar ones.
 * A report is due `dueDays` after the period's last day, inclusive.
 */
export type Rhythm = 'WEEKLY' | 'MONTHLY' | 'QUARTERLY' | 'YEARLY';

export interface PeriodSpec {
  rhythm: Rhythm;
  label: string;
  startDate: string;
  endDate: string;
  dueDate: string;
}

const iso = (d: Date) => d.toISOString().slice(0, 10);
const utc = (date: string) => new Date(`${date}T00:00:00Z`);
export const addDays = (date: string, n: number) => iso(new Date(utc(date).getTime() + n * 86_400_000));

function periodStartOf(date: string, rhythm: Rhythm): Date {
  const d = utc(date);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  switch (rhythm) {
    case 'WEEKLY':
      return new Date(d.getTime() - ((d.getUTCDay() + 6) % 7) * 86_400_000);
    case 'MONTHLY':
      return new Date(Date.UTC(y, m, 1));
    case 'QUARTERLY':
      return new Date(Date.UTC(y, m - (m % 3), 1));
    case 'YEARLY':
      return new Date(Date.UTC(y, 0, 1));
  }
}

function nextStart(start: Date, rhythm: Rhythm): Date {
  const y = start.getUTCFullYear();
  const m = start.getUTCMonth();
  switch (rhythm) {
    case 'WEEKLY':
      return new Date(start.getTime() + 7 * 86_400_000);
    case 'MONTHLY':
      return new Date(Date.UTC(y, m + 1, 1));
    case 'QUARTERLY':
      return new Date(Date.UTC(y, m + 3, 1));
    case 'YEARLY':
      return new Date(Date.UTC(y + 1, 0, 1));
  }
}

function labelOf(start: Date, end: Date, rhythm: Rhythm): string {
  const y = start.getUTCFullYear();
  switch (rhythm) {
    case 'WEEKLY':
      return `${iso(start)}至${iso(end)}（周调度）`;
    case 'MONTHLY':
      return `${y}年${start.getUTCMonth() + 1}月`;
    case 'QUARTERLY':
      return `${y}年第${start.getUTCMonth() / 3 + 1}季度`;
    case 'YEARLY':
      return `${y}年度`;
  }
}

/** Every period of the rhythm that overlaps [from, to], in order. */
export function periodsBetween(from: string, to: string, rhythm: Rhythm, dueDays: number): PeriodSpec[] {
  const out: PeriodSpec[] = [];
  for (let s = periodStartOf(from, rhythm); iso(s) <= to; s = nextStart(s, rhythm)) {
    const endDate = addDays(iso(nextStart(s, rhythm)), -1);
    out.push({
      rhythm,
      label: labelOf(s, utc(endDate), rhythm),
      startDate: iso(s),
      endDate,
      dueDate: addDays(endDate, dueDays),
    });
  }
  return out;
}

/** 00:00 China Standard Time after a date: the instant a period ends, or a due date passes. */
export function endOfDayCst(date: string): Date {
  return new Date(utc(date).getTime() + 86_400_000 - 8 * 3_600_000);
}
