import { and, eq, max } from 'drizzle-orm';
import { z } from 'zod';
import { fail, UserErrors } from '../../../errors.js';
import { recordChanges } from '../../audit/record.js';
import { itemSnapshot, listKey, lockDraft, touchList } from '../listItems.js';
import { zRowId } from '../../shared/ids.js';
import { defineVerb } from '../../shared/verb.js';
import { LIST_TYPE } from '../ids.js';
import { canonicalAssignments } from '../rules.js';
import { responsibilityAssignments, responsibilityItems } from '../table.js';
import { assignment, domain, duplicateAssignments, itemKey, optionalText, requiredText } from '../validate.js';

const schema = z.object({
  listId: zRowId(LIST_TYPE),
  key: itemKey,
  domain,
  title: requiredText(200),
  description: optionalText(4000).nullish(),
  policyBasis: optionalText(2000).nullish(),
  accountability: optionalText(2000).nullish(),
  assignments: z.array(assignment).max(12).nullish(),
});
export type AddResponsibilityItemInput = z.input<typeof schema>;

/**
 * Adds a matter (事项) to a draft list, optionally with its level roles. Overlaps and gaps are
 * allowed while drafting — `problems` shows them — but block publishing.
 */
export const addResponsibilityItem = defineVerb({
  permission: 'responsibilityDraft',
  input: schema,
  run: async (ctx, input) => {
    const duplicates = duplicateAssignments(input.assignments ?? [], ['input', 'assignments']);
    if (duplicates.length) throw new UserErrors(duplicates);
    return ctx.db.transaction(async (tx) => {
      const list = await lockDraft(tx, ctx.viewer, input.listId, ['input', 'listId']);
      const [taken] = await tx
        .select({ id: responsibilityItems.id })
        .from(responsibilityItems)
        .where(and(eq(responsibilityItems.listId, list.id), eq(responsibilityItems.key, input.key)));
      if (taken) fail('DUPLICATE', `The list already has an item ${input.key}.`, ['input', 'key']);
      const [{ last }] = await tx
        .select({ last: max(responsibilityItems.position) })
        .from(responsibilityItems)
        .where(eq(responsibilityItems.listId, list.id));
      const [item] = await tx
        .insert(responsibilityItems)
        .values({
          listId: list.id,
          key: input.key,
          domain: input.domain,
          title: input.title,
          description: input.description ?? '',
          policyBasis: input.policyBasis ?? '',
          accountability: input.accountability ?? '',
          position: (last ?? 0) + 1,
        })
        .returning();
      const assignments = canonicalAssignments(input.assignments ?? []);
      if (assignments.length)
        await tx.insert(responsibilityAssignments).values(assignments.map((a) => ({ itemId: item.id, ...a })));
      await touchList(tx, list.id);
      const full = { ...item, assignments };
      await recordChanges(tx, ctx, [
        {
          action: 'CREATE',
          entityType: 'ResponsibilityItem',
          entityKey: `${listKey(list)}:${item.key}`,
          regionCode: list.regionCode,
          before: null,
          after: itemSnapshot(full),
        },
      ]);
      return full;
    });
  },
});
