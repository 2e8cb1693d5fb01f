import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { fail } from '../../../errors.js';
import { recordChanges } from '../../audit/record.js';
import { itemSnapshot, listKey, lockDraft, lockItem, touchList } from '../listItems.js';
import { zRowId } from '../../shared/ids.js';
import { defineVerb } from '../../shared/verb.js';
import { LIST_TYPE } from '../ids.js';
import { responsibilityItems } from '../table.js';
import { REQUIRED_MESSAGE } from '../../shared/zodErrors.js';
import { domain, itemKey, optionalText, requiredText } from '../validate.js';

const schema = z.object({
  listId: zRowId(LIST_TYPE),
  key: z.string().trim().min(1, REQUIRED_MESSAGE),
  newKey: itemKey.nullish(),
  domain: domain.nullish(),
  title: requiredText(200).nullish(),
  description: optionalText(4000).nullish(),
  policyBasis: optionalText(2000).nullish(),
  accountability: optionalText(2000).nullish(),
});
export type UpdateResponsibilityItemInput = z.input<typeof schema>;

/** Changes an item's text, domain or key on a draft list; omitted fields keep their value. */
export const updateResponsibilityItem = defineVerb({
  permission: 'responsibilityDraft',
  input: schema,
  run: async (ctx, input) => {
    return ctx.db.transaction(async (tx) => {
      const list = await lockDraft(tx, ctx.viewer, input.listId, ['input', 'listId']);
      const before = await lockItem(tx, list.id, input.key, ['input', 'key']);
      if (input.newKey && input.newKey !== before.key) {
        const [taken] = await tx
          .select({ id: responsibilityItems.id })
          .from(responsibilityItems)
          .where(and(eq(responsibilityItems.listId, list.id), eq(responsibilityItems.key, input.newKey)));
        if (taken) fail('DUPLICATE', `The list already has an item ${input.newKey}.`, ['input', 'newKey']);
      }
      const patch = {
        key: input.newKey ?? before.key,
        domain: input.domain ?? before.domain,
        title: input.title ?? before.title,
        description: input.description ?? before.description,
        policyBasis: input.policyBasis ?? before.policyBasis,
        accountability: input.accountability ?? before.accountability,
      };
      const after = { ...before, ...patch };
      if (JSON.stringify(itemSnapshot(after)) === JSON.stringify(itemSnapshot(before))) return before;
      const [row] = await tx
        .update(responsibilityItems)
        .set({ ...patch, updatedAt: new Date().toISOString() })
        .where(eq(responsibilityItems.id, before.id))
        .returning();
      await touchList(tx, list.id);
      await recordChanges(tx, ctx, [
        {
          action: 'UPDATE',
          entityType: 'ResponsibilityItem',
          entityKey: `${listKey(list)}:${before.key}`,
          regionCode: list.regionCode,
          before: itemSnapshot(before),
          after: itemSnapshot(after),
        },
      ]);
      return { ...row, assignments: before.assignments };
    });
  },
});
