import { warningOf, type Warning, type WarningInput } from '../responsibility/warning.js';

/**
 * Region colour (整改滞后地区红黄绿) — the one rule, computed at read time from a county's
 * rectification tasks, escalations and its report for the reference period:
 *
 * - RED when any of: a task of the region still open under 挂牌督办 (LISTED); RED tasks are at
 *   least one third of its open tasks (and there is one); its report for the reference period
 *   is MISSING.
 * - YELLOW otherwise when any open task is RED or YELLOW, or that report was LATE.
 * - GREEN otherwise (a region without tasks is GREEN).
 *
 * Tasks count from their start date; accepted ones are GREEN and not open. "Now" uses each
 * task's current status and progress, and the latest period whose report is already due. A
 * past period uses the state at the end of the period (progress from the latest progress or
 * period report before then) and that period's report as it stands.
 */
export type ReportStatus = 'ON_TIME' | 'LATE' | 'MISSING' | 'PENDING' | 'NOT_REQUIRED';

export interface ColourInput {
  tasks: WarningInput[];
  /** Open tasks under 挂牌督办 at the time. */
  listedOpen: number;
  report: ReportStatus | null;
  at: Date;
}

export interface RegionCounts {
  colour: Warning;
  red: number;
  yellow: number;
  green: number;
  open: number;
  accepted: number;
  listed: number;
  report: ReportStatus | null;
}

export function regionColour(input: ColourInput): RegionCounts {
  const colours = input.tasks.map((t) => warningOf(t, input.at));
  const openTasks = input.tasks.filter((t) => t.status !== 'ACCEPTED').length;
  const count = (w: Warning) => colours.filter((c) => c === w).length;
  const red = count('RED');
  const yellow = count('YELLOW');
  let colour: Warning = 'GREEN';
  if (input.listedOpen > 0 || (red > 0 && red * 3 >= openTasks) || input.report === 'MISSING') colour = 'RED';
  else if (red + yellow > 0 || input.report === 'LATE') colour = 'YELLOW';
  return {
    colour,
    red,
    yellow,
    green: count('GREEN'),
    open: openTasks,
    accepted: input.tasks.length - openTasks,
    listed: input.listedOpen,
    report: input.report,
  };
}
