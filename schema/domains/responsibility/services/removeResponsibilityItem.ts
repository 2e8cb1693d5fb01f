import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Context } from '../../../context.js';
import { UserErrors } from '../../../errors.js';
import { roleDenial } from '../../access/jurisdiction.js';
import { recordChanges } from '../../audit/record.js';
import { itemSnapshot, listKey, lockDraft, lockItem, touchList } from '../content.js';
import { rowIdOf } from '../../shared/ids.js';
import { LIST_TYPE } from '../ids.js';
import { responsibilityItems, responsibilityLists } from '../table.js';
import { parseInput, REQUIRED_MESSAGE } from '../../shared/zodErrors.js';

export interface RemoveResponsibilityItemInput {
  listId: string;
  key: string;
}

const schema = z.object({ listId: z.string(), key: z.string().trim().min(1, REQUIRED_MESSAGE) });

/** Removes a matter from a draft list (e.g. one merged into another in the new version). */
export async function removeResponsibilityItem(ctx: Context, raw: RemoveResponsibilityItemInput) {
  const denied = roleDenial(ctx.viewer, 'responsibilityDraft');
  if (denied) throw new UserErrors([denied]);
  const input = parseInput(schema, raw);
  const listId = rowIdOf(input.listId, LIST_TYPE, ['input', 'listId']);
  return ctx.db.transaction(async (tx) => {
    const list = await lockDraft(tx, ctx.viewer, listId, ['input', 'listId']);
    const item = await lockItem(tx, list.id, input.key, ['input', 'key']);
    // Drafts carry no tasks (tasks need a published list), so the delete cascades only assignments.
    await tx.delete(responsibilityItems).where(eq(responsibilityItems.id, item.id));
    await touchList(tx, list.id);
    await recordChanges(tx, ctx, [
      { action: 'DELETE', entityType: 'ResponsibilityItem', entityKey: `${listKey(list)}:${item.key}`, regionCode: list.regionCode, before: itemSnapshot(item), after: null },
    ]);
    const [fresh] = await tx.select().from(responsibilityLists).where(eq(responsibilityLists.id, list.id));
    return fresh;
  });
}
