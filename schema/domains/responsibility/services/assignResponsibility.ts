import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { UserErrors } from '../../../errors.js';
import { recordChanges } from '../../audit/record.js';
import { itemSnapshot, listKey, lockDraft, lockItem, touchList } from '../listItems.js';
import { zRowId } from '../../shared/ids.js';
import { defineVerb } from '../../shared/verb.js';
import { LIST_TYPE } from '../ids.js';
import { canonicalAssignments } from '../rules.js';
import { responsibilityAssignments } from '../table.js';
import { REQUIRED_MESSAGE } from '../../shared/zodErrors.js';
import { duplicateAssignments, level, role } from '../validate.js';

const schema = z.object({
  listId: zRowId(LIST_TYPE),
  key: z.string().trim().min(1, REQUIRED_MESSAGE),
  level,
  roles: z.array(role).max(4),
});
/** `roles`: the complete set of roles of the level on the item; empty removes the level. */
export type AssignResponsibilityInput = z.input<typeof schema>;

/** Sets which roles one level (city / county / school) holds on an item of a draft list. */
export const assignResponsibility = defineVerb({
  permission: 'responsibilityDraft',
  input: schema,
  run: async (ctx, input) => {
    const duplicates = duplicateAssignments(
      input.roles.map((r) => ({ level: input.level, role: r })),
      ['input', 'roles'],
    );
    if (duplicates.length) throw new UserErrors(duplicates);
    return ctx.db.transaction(async (tx) => {
      const list = await lockDraft(tx, ctx.viewer, input.listId, ['input', 'listId']);
      const before = await lockItem(tx, list.id, input.key, ['input', 'key']);
      const assignments = canonicalAssignments([
        ...before.assignments.filter((a) => a.level !== input.level),
        ...input.roles.map((r) => ({ level: input.level, role: r })),
      ]);
      const after = { ...before, assignments };
      if (JSON.stringify(assignments) === JSON.stringify(before.assignments)) return before;
      await tx
        .delete(responsibilityAssignments)
        .where(and(eq(responsibilityAssignments.itemId, before.id), eq(responsibilityAssignments.level, input.level)));
      if (input.roles.length)
        await tx
          .insert(responsibilityAssignments)
          .values(input.roles.map((r) => ({ itemId: before.id, level: input.level, role: r })));
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
      return after;
    });
  },
});
