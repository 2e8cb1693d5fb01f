import { RED_LAG, scheduleOf, warningOf, type WarningInput } from '../responsibility/warning.js';

/**
 * When a task turned RED, from the warning rule (responsibility/warning.ts) and its current
 * progress p: the schedule's expected progress reaches p + 30 at start + (p + 30) % of the
 * schedule, and every task is RED from 24:00 of its deadline; the earlier of the two. A task
 * catching up (a higher report) moves the moment later, so the clock measures how long the
 * unit has been behind at its present progress.
 *
 * Tasks awaiting acceptance (reported 100 %) wait on the supervising level, not on the unit,
 * and accepted tasks are done: neither is ever escalated.
 */
export function redSince(t: WarningInput): Date | null {
  if (t.status !== 'IN_PROGRESS') return null;
  const { start, end } = scheduleOf(t);
  const lagPoint = t.progress + RED_LAG <= 100 ? start + ((t.progress + RED_LAG) / 100) * (end - start) : end;
  return new Date(Math.min(lagPoint, end));
}

export const DAY_MS = 86_400_000;

export interface EscalationSetting {
  listAfterRedDays: number;
  accountabilityAfterListedDays: number;
  supervisingLeader: string;
}

/** Whether the task is due for 挂牌督办 at `now`: IN_PROGRESS, RED now, and RED for listAfterRedDays. */
export function dueForListing(t: WarningInput, setting: EscalationSetting, now: Date): boolean {
  const since = redSince(t);
  return (
    since != null && warningOf(t, now) === 'RED' && now.getTime() - since.getTime() >= setting.listAfterRedDays * DAY_MS
  );
}

/** Whether a listed task is due for 问责: still IN_PROGRESS and RED accountabilityAfterListedDays after listing. */
export function dueForAccountability(t: WarningInput, listedAt: Date, setting: EscalationSetting, now: Date): boolean {
  return (
    t.status === 'IN_PROGRESS' &&
    warningOf(t, now) === 'RED' &&
    now.getTime() - listedAt.getTime() >= setting.accountabilityAfterListedDays * DAY_MS
  );
}
