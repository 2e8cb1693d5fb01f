import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Context } from '../../../context.js';
import { UserErrors } from '../../../errors.js';
import { roleDenial, type GovernanceLevel } from '../../access/jurisdiction.js';
import { recordChanges } from '../../audit/record.js';
import { itemSnapshot, listKey, lockDraft, lockItem, touchList } from '../content.js';
import { rowIdOf } from '../../shared/ids.js';
import { LIST_TYPE } from '../ids.js';
import { canonicalAssignments, type ResponsibilityRole } from '../rules.js';
import { responsibilityAssignments } from '../table.js';
import { parseInput, REQUIRED_MESSAGE } from '../../shared/zodErrors.js';
import { duplicateAssignments, level, role } from '../validate.js';

export interface AssignResponsibilityInput {
  listId: string;
  key: string;
  level: GovernanceLevel;
  /** The complete set of roles of this level on the item; empty removes the level. */
  roles: ResponsibilityRole[];
}

const schema = z.object({ listId: z.string(), key: z.string().trim().min(1, REQUIRED_MESSAGE), level, roles: z.array(role).max(4) });

/** Sets which roles one level (city / county / school) holds on an item of a draft list. */
export async function assignResponsibility(ctx: Context, raw: AssignResponsibilityInput) {
  const denied = roleDenial(ctx.viewer, 'responsibilityDraft');
  if (denied) throw new UserErrors([denied]);
  const input = parseInput(schema, raw);
  const duplicates = duplicateAssignments(input.roles.map((r) => ({ level: input.level, role: r })), ['input', 'roles']);
  if (duplicates.length) throw new UserErrors(duplicates);
  const listId = rowIdOf(input.listId, LIST_TYPE, ['input', 'listId']);
  return ctx.db.transaction(async (tx) => {
    const list = await lockDraft(tx, ctx.viewer, listId, ['input', 'listId']);
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
    if (input.roles.length) await tx.insert(responsibilityAssignments).values(input.roles.map((r) => ({ itemId: before.id, level: input.level, role: r })));
    await touchList(tx, list.id);
    await recordChanges(tx, ctx, [
      { action: 'UPDATE', entityType: 'ResponsibilityItem', entityKey: `${listKey(list)}:${before.key}`, regionCode: list.regionCode, before: itemSnapshot(before), after: itemSnapshot(after) },
    ]);
    return after;
  });
}
