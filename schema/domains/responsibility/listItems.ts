import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../context.js';
import { fail } from '../../errors.js';
import type { Viewer } from '../access/viewer.js';
import { writeDenial } from '../access/jurisdiction.js';
import { inJsonList } from '../shared/jsonList.js';
import { canonicalAssignments, type Assignment } from './rules.js';
import { responsibilityAssignments, responsibilityItems, responsibilityLists } from './table.js';

export type ListRow = typeof responsibilityLists.$inferSelect;
export type ItemRow = typeof responsibilityItems.$inferSelect;
export type ItemWithAssignments = ItemRow & { assignments: Assignment[] };

/** Items of lists with their assignments, in list order: two statements whatever the size. */
export async function loadItems(db: DbOrTx, listIds: number[]): Promise<Map<number, ItemWithAssignments[]>> {
  const out = new Map<number, ItemWithAssignments[]>(listIds.map((id) => [id, []]));
  if (!listIds.length) return out;
  const items = await db
    .select()
    .from(responsibilityItems)
    .where(inJsonList(responsibilityItems.listId, listIds))
    .orderBy(asc(responsibilityItems.position), asc(responsibilityItems.id));
  const assignments = items.length
    ? await db
        .select()
        .from(responsibilityAssignments)
        .where(
          inJsonList(
            responsibilityAssignments.itemId,
            items.map((i) => i.id),
          ),
        )
    : [];
  const byItem = new Map<number, Assignment[]>();
  for (const a of assignments)
    byItem.set(a.itemId, [...(byItem.get(a.itemId) ?? []), { level: a.level, role: a.role }]);
  for (const item of items)
    out.get(item.listId)!.push({ ...item, assignments: canonicalAssignments(byItem.get(item.id) ?? []) });
  return out;
}

/** The audit snapshot of an item: its content and assignments, no surrogate ids. */
export function itemSnapshot(item: ItemWithAssignments) {
  return {
    key: item.key,
    domain: item.domain,
    title: item.title,
    description: item.description,
    policyBasis: item.policyBasis,
    accountability: item.accountability,
    assignments: item.assignments,
  };
}

export function listKey(list: Pick<ListRow, 'regionCode' | 'year' | 'sequence'>): string {
  return `${list.regionCode}:${list.year}-${list.sequence}`;
}

export function listSnapshot(list: ListRow) {
  return {
    regionCode: list.regionCode,
    year: list.year,
    sequence: list.sequence,
    title: list.title,
    status: list.status,
    basedOnId: list.basedOnId,
  };
}

/**
 * The draft a city admin is editing, locked for the rest of the transaction. Refuses other
 * roles and cities (FORBIDDEN), unknown lists (NOT_FOUND) and published or superseded lists
 * (INVALID_STATE: a published list is immutable; changes go into a new version).
 */
export async function lockDraft(
  tx: DbOrTx,
  viewer: Viewer,
  listId: number,
  path: (string | number)[],
): Promise<ListRow> {
  const [list] = await tx.select().from(responsibilityLists).where(eq(responsibilityLists.id, listId)).for('update');
  if (!list) fail('NOT_FOUND', `Responsibility list ${listId} does not exist.`, path);
  const denied = writeDenial(viewer, 'responsibilityDraft', { regionCode: list.regionCode }, path);
  if (denied) fail(denied.code, denied.message, denied.path);
  if (list.status !== 'DRAFT') {
    fail(
      'INVALID_STATE',
      `List ${listKey(list)} is ${list.status}: a published list is immutable; create a new version from it.`,
      path,
    );
  }
  return list;
}

export async function lockItem(
  tx: DbOrTx,
  listId: number,
  key: string,
  path: (string | number)[],
): Promise<ItemWithAssignments> {
  const [item] = await tx
    .select()
    .from(responsibilityItems)
    .where(and(eq(responsibilityItems.listId, listId), eq(responsibilityItems.key, key)))
    .for('update');
  if (!item) fail('NOT_FOUND', `The list has no item ${key}.`, path);
  const assignments = await tx
    .select()
    .from(responsibilityAssignments)
    .where(eq(responsibilityAssignments.itemId, item.id));
  return { ...item, assignments: canonicalAssignments(assignments.map((a) => ({ level: a.level, role: a.role }))) };
}

export async function touchList(tx: DbOrTx, listId: number) {
  await tx
    .update(responsibilityLists)
    .set({ updatedAt: new Date().toISOString() })
    .where(eq(responsibilityLists.id, listId));
}
