import { and, eq, max } from 'drizzle-orm';
import { z } from 'zod';
import { fail, UserErrors } from '../../../errors.js';
import { canRead, writeDenial } from '../../access/jurisdiction.js';
import { recordChanges, type Change } from '../../audit/record.js';
import { regionLevelOf } from '../../organisation/codes.js';
import { regions } from '../../organisation/table.js';
import { itemSnapshot, listKey, listSnapshot, loadItems } from '../listItems.js';
import { zRowId } from '../../shared/ids.js';
import { defineVerb } from '../../shared/verb.js';
import { LIST_TYPE } from '../ids.js';
import { responsibilityAssignments, responsibilityItems, responsibilityLists } from '../table.js';
import { requiredText } from '../validate.js';

const schema = z.object({
  regionCode: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'must be a 6-digit GB/T 2260 code'),
  year: z.number().int().min(2000).max(2100),
  title: requiredText(120),
  /** A list of the same city to copy items and assignments from. */
  copyFromListId: zRowId(LIST_TYPE).nullish(),
});
export type CreateResponsibilityListInput = z.input<typeof schema>;

/**
 * Creates a DRAFT list (权责清单) for a city: the next version (sequence) of that year. With
 * copyFromListId the new draft starts as a copy of that list — the way a published list is
 * changed, since published lists are immutable.
 */
export const createResponsibilityList = defineVerb({
  permission: 'responsibilityDraft',
  input: schema,
  run: async (ctx, input) => {
    const denied = writeDenial(ctx.viewer, 'responsibilityDraft', { regionCode: input.regionCode }, [
      'input',
      'regionCode',
    ]);
    if (denied) throw new UserErrors([denied]);
    if (regionLevelOf(input.regionCode) !== 'CITY') {
      fail('VALIDATION', `Lists are published by a city (code ending 00); ${input.regionCode} is not one.`, [
        'input',
        'regionCode',
      ]);
    }
    return ctx.db.transaction(async (tx) => {
      // Locking the city row serialises version numbering of its lists.
      const [region] = await tx
        .select({ code: regions.code })
        .from(regions)
        .where(eq(regions.code, input.regionCode))
        .for('update');
      if (!region) fail('NOT_FOUND', `Region ${input.regionCode} does not exist.`, ['input', 'regionCode']);
      let source: typeof responsibilityLists.$inferSelect | undefined;
      if (input.copyFromListId != null) {
        [source] = await tx.select().from(responsibilityLists).where(eq(responsibilityLists.id, input.copyFromListId));
        const visible =
          source &&
          canRead(ctx.viewer, source.status === 'DRAFT' ? 'responsibilityDraft' : 'responsibilityList', {
            regionCode: source.regionCode,
          });
        if (!source || !visible)
          fail('NOT_FOUND', `Responsibility list ${input.copyFromListId} does not exist.`, ['input', 'copyFromListId']);
        if (source.status === 'DRAFT') {
          fail(
            'INVALID_STATE',
            `List ${listKey(source)} is a draft; a new version starts from a published or superseded list.`,
            ['input', 'copyFromListId'],
          );
        }
        if (source.regionCode !== input.regionCode) {
          fail('VALIDATION', `List ${listKey(source)} belongs to another city; copy a list of ${input.regionCode}.`, [
            'input',
            'copyFromListId',
          ]);
        }
      }
      const [{ last }] = await tx
        .select({ last: max(responsibilityLists.sequence) })
        .from(responsibilityLists)
        .where(and(eq(responsibilityLists.regionCode, input.regionCode), eq(responsibilityLists.year, input.year)));
      const [list] = await tx
        .insert(responsibilityLists)
        .values({
          regionCode: input.regionCode,
          year: input.year,
          sequence: (last ?? 0) + 1,
          title: input.title,
          basedOnId: source?.id ?? null,
        })
        .returning();
      const changes: Change[] = [
        {
          action: 'CREATE',
          entityType: 'ResponsibilityList',
          entityKey: listKey(list),
          regionCode: list.regionCode,
          before: null,
          after: listSnapshot(list),
        },
      ];
      if (source) {
        const items = (await loadItems(tx, [source.id])).get(source.id)!;
        if (items.length) {
          const copies = await tx
            .insert(responsibilityItems)
            .values(
              items.map(({ id: _id, listId: _l, updatedAt: _u, assignments: _a, ...rest }) => ({
                ...rest,
                listId: list.id,
              })),
            )
            .returning({ id: responsibilityItems.id, key: responsibilityItems.key });
          const idOf = new Map(copies.map((c) => [c.key, c.id]));
          const rows = items.flatMap((i) => i.assignments.map((a) => ({ itemId: idOf.get(i.key)!, ...a })));
          if (rows.length) await tx.insert(responsibilityAssignments).values(rows);
          for (const item of items) {
            changes.push({
              action: 'CREATE',
              entityType: 'ResponsibilityItem',
              entityKey: `${listKey(list)}:${item.key}`,
              regionCode: list.regionCode,
              before: null,
              after: itemSnapshot(item),
            });
          }
        }
      }
      await recordChanges(tx, ctx, changes);
      return list;
    });
  },
});
