import type { ItemWithAssignments } from './listItems.js';
import type { Assignment } from './rules.js';

/** What changed from one version of a list (`against`) to another (`list`), by item key. */
export interface ListDiff {
  added: ItemWithAssignments[];
  removed: ItemWithAssignments[];
  changed: ItemChange[];
}

export interface ItemChange {
  key: string;
  title: string;
  before: Assignment[];
  after: Assignment[];
  /** Assignments differ (who leads, implements, …). */
  assignmentsChanged: boolean;
  /** Text fields that differ: domain, title, description, policyBasis, accountability. */
  fieldsChanged: string[];
}

const FIELDS = ['domain', 'title', 'description', 'policyBasis', 'accountability'] as const;
const same = (a: Assignment[], b: Assignment[]) => JSON.stringify(a) === JSON.stringify(b);

export function diffLists(list: ItemWithAssignments[], against: ItemWithAssignments[]): ListDiff {
  const old = new Map(against.map((i) => [i.key, i]));
  const now = new Set(list.map((i) => i.key));
  const changed: ItemChange[] = [];
  for (const item of list) {
    const prior = old.get(item.key);
    if (!prior) continue;
    const fieldsChanged = FIELDS.filter((f) => item[f] !== prior[f]);
    const assignmentsChanged = !same(item.assignments, prior.assignments);
    if (assignmentsChanged || fieldsChanged.length) {
      changed.push({
        key: item.key,
        title: item.title,
        before: prior.assignments,
        after: item.assignments,
        assignmentsChanged,
        fieldsChanged: [...fieldsChanged],
      });
    }
  }
  return { added: list.filter((i) => !old.has(i.key)), removed: against.filter((i) => !now.has(i.key)), changed };
}
