import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordChanges } from '../../audit/record.js';
import { itemSnapshot, listKey, lockDraft, lockItem, touchList } from '../listItems.js';
import { zRowId } from '../../shared/ids.js';
import { defineVerb } from '../../shared/verb.js';
import { LIST_TYPE } from '../ids.js';
import { responsibilityItems, responsibilityLists } from '../table.js';
import { REQUIRED_MESSAGE } from '../../shared/zodErrors.js';

const input = z.object({ listId: zRowId(LIST_TYPE), key: z.string().trim().min(1, REQUIRED_MESSAGE) });
export type RemoveResponsibilityItemInput = z.input<typeof input>;

/** Removes a matter from a draft list (e.g. one merged into another in the new version). */
export const removeResponsibilityItem = defineVerb({
  permission: 'responsibilityDraft',
  input,
  run: (ctx, { listId, ...input }) =>
    ctx.db.transaction(async (tx) => {
      const list = await lockDraft(tx, ctx.viewer, listId, ['input', 'listId']);
      const item = await lockItem(tx, list.id, input.key, ['input', 'key']);
      // Drafts carry no tasks (tasks need a published list), so the delete cascades only assignments.
      await tx.delete(responsibilityItems).where(eq(responsibilityItems.id, item.id));
      await touchList(tx, list.id);
      await recordChanges(tx, ctx, [
        {
          action: 'DELETE',
          entityType: 'ResponsibilityItem',
          entityKey: `${listKey(list)}:${item.key}`,
          regionCode: list.regionCode,
          before: itemSnapshot(item),
          after: null,
        },
      ]);
      const [fresh] = await tx.select().from(responsibilityLists).where(eq(responsibilityLists.id, list.id));
      return fresh;
    }),
});
