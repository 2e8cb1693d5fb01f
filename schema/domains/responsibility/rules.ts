import type { GovernanceLevel } from '../access/jurisdiction.js';

/**
 * The rules of a responsibility list (权责清单) that need no database: item keys, and the
 * findings that decide whether a list may be published.
 */
export const LEVELS = ['CITY', 'COUNTY', 'SCHOOL'] as const satisfies readonly GovernanceLevel[];
export const ROLES = ['LEAD', 'IMPLEMENT', 'COOPERATE', 'SUPERVISE'] as const;
export type ResponsibilityRole = (typeof ROLES)[number];
export const DOMAINS = [
  'PLANNING',
  'RESOURCES',
  'STAFFING',
  'ENROLMENT',
  'FUNDING',
  'CURRICULUM',
  'EVALUATION',
  'SUPERVISION',
] as const;
export type ResponsibilityDomain = (typeof DOMAINS)[number];

/** Dotted upper-case segments, e.g. ENROLMENT.ADMISSION_QUOTA; stable across versions. */
export const ITEM_KEY = /^[A-Z][A-Z0-9_]*(\.[A-Z][A-Z0-9_]*)+$/;
export const MAX_KEY_LENGTH = 80;

export interface Assignment {
  level: GovernanceLevel;
  role: ResponsibilityRole;
}

export interface ItemForRules {
  key: string;
  title: string;
  assignments: Assignment[];
}

export type ProblemKind = 'OVERLAP' | 'GAP' | 'NO_SUPERVISOR';

export interface Problem {
  kind: ProblemKind;
  /** OVERLAP and GAP block publishing; NO_SUPERVISOR is a warning. */
  blocking: boolean;
  itemKey: string;
  itemTitle: string;
  /** The levels involved: the leading levels of an overlap, empty otherwise. */
  levels: GovernanceLevel[];
  message: string;
}

const byLevel = (a: GovernanceLevel, b: GovernanceLevel) => LEVELS.indexOf(a) - LEVELS.indexOf(b);

export function levelsWith(item: { assignments: Assignment[] }, role: ResponsibilityRole): GovernanceLevel[] {
  return [...new Set(item.assignments.filter((a) => a.role === role).map((a) => a.level))].sort(byLevel);
}

/**
 * Overlaps (权责交叉: more than one level LEADs), gaps (责任真空: no level LEADs) and, as
 * warnings, items nobody supervises — in item order, blocking findings of an item first.
 */
export function findProblems(items: ItemForRules[]): Problem[] {
  const out: Problem[] = [];
  for (const item of items) {
    const leads = levelsWith(item, 'LEAD');
    const label = `${item.key}（${item.title}）`;
    if (leads.length > 1) {
      out.push({
        kind: 'OVERLAP',
        blocking: true,
        itemKey: item.key,
        itemTitle: item.title,
        levels: leads,
        message: `${label}: ${leads.join(' and ')} both lead (权责交叉); exactly one level may lead.`,
      });
    } else if (leads.length === 0) {
      out.push({
        kind: 'GAP',
        blocking: true,
        itemKey: item.key,
        itemTitle: item.title,
        levels: [],
        message: `${label}: no level leads (责任真空); assign LEAD to exactly one level.`,
      });
    }
    if (levelsWith(item, 'SUPERVISE').length === 0) {
      out.push({
        kind: 'NO_SUPERVISOR',
        blocking: false,
        itemKey: item.key,
        itemTitle: item.title,
        levels: [],
        message: `${label}: no level supervises; tasks on it are accepted by the city.`,
      });
    }
  }
  return out;
}

/** Who accepts a rectification task on an item (销号): its SUPERVISE levels, else the city. */
export function acceptingLevels(item: { assignments: Assignment[] }): GovernanceLevel[] {
  const supervisors = levelsWith(item, 'SUPERVISE');
  return supervisors.length ? supervisors : ['CITY'];
}

/** Sorted, de-duplicated assignments: the canonical form stored in snapshots and diffs. */
export function canonicalAssignments(list: Assignment[]): Assignment[] {
  const seen = new Map(list.map((a) => [`${a.level}:${a.role}`, a]));
  return [...seen.values()].sort((a, b) => byLevel(a.level, b.level) || ROLES.indexOf(a.role) - ROLES.indexOf(b.role));
}
