import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { fail, UserError, UserErrors } from '../../../errors.js';
import { recordChanges, type Change } from '../../audit/record.js';
import { regions } from '../../organisation/table.js';
import { listKey, listSnapshot, loadItems, lockDraft } from '../listItems.js';
import { zRowId } from '../../shared/ids.js';
import { defineVerb } from '../../shared/verb.js';
import { LIST_TYPE } from '../ids.js';
import { findProblems } from '../rules.js';
import { responsibilityLists } from '../table.js';

const schema = z.object({ listId: zRowId(LIST_TYPE) });
export type PublishResponsibilityListInput = z.input<typeof schema>;

/**
 * Publishes a draft: it becomes the city's current list and the previous one SUPERSEDED.
 * Refused while any item has an overlap (two levels LEAD) or a gap (no LEAD), with one typed
 * error per offending item; items without a SUPERVISE level are only warnings.
 */
export const publishResponsibilityList = defineVerb({
  permission: 'responsibilityDraft',
  input: schema,
  run: async (ctx, input) => {
    return ctx.db.transaction(async (tx) => {
      const path = ['input', 'listId'];
      const draft = await lockDraft(tx, ctx.viewer, input.listId, path);
      // One publish per city at a time: the city row is the lock both racers take.
      await tx.select({ code: regions.code }).from(regions).where(eq(regions.code, draft.regionCode)).for('update');
      const items = (await loadItems(tx, [draft.id])).get(draft.id)!;
      if (!items.length)
        fail('VALIDATION', `List ${listKey(draft)} has no items; add the matters before publishing.`, path);
      const blocking = findProblems(items).filter((p) => p.blocking);
      if (blocking.length) {
        throw new UserErrors(
          blocking.map(
            (p) =>
              new UserError(p.kind === 'OVERLAP' ? 'RESPONSIBILITY_OVERLAP' : 'RESPONSIBILITY_GAP', p.message, path),
          ),
        );
      }
      const now = new Date().toISOString();
      const changes: Change[] = [];
      const [current] = await tx
        .select()
        .from(responsibilityLists)
        .where(and(eq(responsibilityLists.regionCode, draft.regionCode), eq(responsibilityLists.status, 'PUBLISHED')))
        .for('update');
      if (current) {
        const [superseded] = await tx
          .update(responsibilityLists)
          .set({ status: 'SUPERSEDED', supersededAt: now, updatedAt: now })
          .where(eq(responsibilityLists.id, current.id))
          .returning();
        changes.push({
          action: 'UPDATE',
          entityType: 'ResponsibilityList',
          entityKey: listKey(current),
          regionCode: current.regionCode,
          before: listSnapshot(current),
          after: listSnapshot(superseded),
        });
      }
      const [published] = await tx
        .update(responsibilityLists)
        .set({ status: 'PUBLISHED', publishedAt: now, updatedAt: now })
        .where(eq(responsibilityLists.id, draft.id))
        .returning();
      changes.push({
        action: 'UPDATE',
        entityType: 'ResponsibilityList',
        entityKey: listKey(draft),
        regionCode: draft.regionCode,
        before: listSnapshot(draft),
        after: listSnapshot(published),
      });
      await recordChanges(tx, ctx, changes);
      return published;
    });
  },
});
