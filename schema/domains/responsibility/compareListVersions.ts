import { eq } from 'drizzle-orm';
import type { Context } from '../../context.js';
import { fail } from '../../errors.js';
import { rowIdOf } from '../shared/ids.js';
import { loadItems } from './listItems.js';
import { diffLists, type ListDiff } from './diff.js';
import { canReadList } from './filters.js';
import { LIST_TYPE } from './ids.js';
import { responsibilityLists } from './table.js';

/**
 * What changed from another version of the same city's list (`against`, a global id) to `list`
 * (版本对比). An unknown version, one the caller may not read (a draft) and another city's are
 * refused alike, so the answer reveals nothing about drafts.
 */
export async function compareListVersions(
  ctx: Context,
  list: { id: number; regionCode: string },
  against: string,
): Promise<ListDiff> {
  const otherId = rowIdOf(against, LIST_TYPE, ['against']);
  const [other] = await ctx.db.select().from(responsibilityLists).where(eq(responsibilityLists.id, otherId));
  if (!other || !canReadList(ctx.viewer, other) || other.regionCode !== list.regionCode) {
    fail('VALIDATION', '`against` must be a version of the same city’s list.', ['against']);
  }
  const items = await loadItems(ctx.db, [list.id, other.id]);
  return diffLists(items.get(list.id)!, items.get(other.id)!);
}
