import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { fail, UserError, UserErrors } from '../../../errors.js';
import { levelOf, unitLevelOf, writeDenial, type Place } from '../../access/jurisdiction.js';
import { recordChanges } from '../../audit/record.js';
import { cityOf } from '../../organisation/codes.js';
import { regions } from '../../organisation/table.js';
import { listKey } from '../listItems.js';
import { levelsWith } from '../rules.js';
import { schoolByCode, taskKey, taskSnapshot } from '../tasks.js';
import { rectificationTasks, responsibilityAssignments, responsibilityItems, responsibilityLists } from '../table.js';
import { defineVerb } from '../../shared/verb.js';
import { todayCst } from '../dates.js';
import { REQUIRED_MESSAGE } from '../../shared/zodErrors.js';
import { isoDate, optionalText, requiredText } from '../validate.js';

const schema = z.object({
  itemKey: z.string().trim().min(1, REQUIRED_MESSAGE),
  /** Responsible unit: a region (county, or the city itself)… */
  regionCode: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'must be a 6-digit GB/T 2260 code')
    .nullish(),
  /** …or a school (学校标识码); exactly one of the two. */
  schoolCode: z
    .string()
    .trim()
    .regex(/^\d{10}$/, 'must be a 10-digit school identifier')
    .nullish(),
  title: requiredText(200),
  description: optionalText(4000).nullish(),
  acceptanceStandard: requiredText(2000),
  /** Defaults to today (China Standard Time). */
  startDate: isoDate.nullish(),
  deadline: isoDate,
});
export type CreateRectificationTaskInput = z.input<typeof schema>;

const ACTIVE_ROLES = ['LEAD', 'IMPLEMENT', 'COOPERATE'] as const;

/**
 * Opens a rectification task (整改任务) on an item of the unit's current published list. The
 * city or county bureau assigns it to a unit inside its jurisdiction; the unit's level must
 * hold a working role (LEAD, IMPLEMENT or COOPERATE) on the item.
 */
export const createRectificationTask = defineVerb({
  permission: 'rectificationTask',
  input: schema,
  run: async (ctx, input) => {
    if (levelOf(ctx.viewer) === 'SCHOOL') {
      fail('FORBIDDEN', 'Schools report progress on tasks; the city or county bureau assigns them.', []);
    }
    if (!!input.regionCode === !!input.schoolCode) {
      fail('VALIDATION', 'Give exactly one responsible unit: regionCode or schoolCode.', [
        'input',
        input.regionCode ? 'schoolCode' : 'regionCode',
      ]);
    }
    const startDate = input.startDate ?? todayCst();
    if (input.deadline < startDate)
      fail('VALIDATION', `The deadline ${input.deadline} is before the start ${startDate}.`, ['input', 'deadline']);
    return ctx.db.transaction(async (tx) => {
      let place: Place;
      let unitPath: string[];
      if (input.schoolCode) {
        unitPath = ['input', 'schoolCode'];
        const school = await schoolByCode(tx, input.schoolCode);
        if (!school) fail('NOT_FOUND', `School ${input.schoolCode} does not exist.`, unitPath);
        place = { regionCode: school.countyCode, schoolId: school.id };
      } else {
        unitPath = ['input', 'regionCode'];
        const [region] = await tx
          .select({ code: regions.code, level: regions.level })
          .from(regions)
          .where(eq(regions.code, input.regionCode!));
        if (!region) fail('NOT_FOUND', `Region ${input.regionCode} does not exist.`, unitPath);
        if (region.level === 'PROVINCE')
          fail('VALIDATION', 'A responsible unit is a city, a county or a school.', unitPath);
        place = { regionCode: region.code, schoolId: null };
      }
      const outside = writeDenial(ctx.viewer, 'rectificationTask', place, unitPath);
      if (outside) throw new UserErrors([outside]);
      const [list] = await tx
        .select()
        .from(responsibilityLists)
        .where(
          and(
            eq(responsibilityLists.regionCode, cityOf(place.regionCode)),
            eq(responsibilityLists.status, 'PUBLISHED'),
          ),
        );
      if (!list)
        fail('INVALID_STATE', `City ${cityOf(place.regionCode)} has no published responsibility list yet.`, [
          'input',
          'itemKey',
        ]);
      const [item] = await tx
        .select()
        .from(responsibilityItems)
        .where(and(eq(responsibilityItems.listId, list.id), eq(responsibilityItems.key, input.itemKey)));
      if (!item)
        fail('NOT_FOUND', `The current list ${listKey(list)} has no item ${input.itemKey}.`, ['input', 'itemKey']);
      const assignments = await tx
        .select()
        .from(responsibilityAssignments)
        .where(eq(responsibilityAssignments.itemId, item.id));
      const level = unitLevelOf(place);
      const working = ACTIVE_ROLES.flatMap((r) => levelsWith({ assignments }, r));
      if (!working.includes(level)) {
        throw new UserErrors([
          new UserError(
            'VALIDATION',
            `${item.key} gives the ${level} level no working role (LEAD, IMPLEMENT or COOPERATE).`,
            unitPath,
          ),
        ]);
      }
      const [task] = await tx
        .insert(rectificationTasks)
        .values({
          itemId: item.id,
          itemKey: item.key,
          regionCode: place.regionCode,
          schoolId: place.schoolId ?? null,
          title: input.title,
          description: input.description ?? '',
          acceptanceStandard: input.acceptanceStandard,
          startDate,
          deadline: input.deadline,
          createdBy: ctx.viewer.actor,
        })
        .returning();
      await recordChanges(tx, ctx, [
        {
          action: 'CREATE',
          entityType: 'RectificationTask',
          entityKey: taskKey(task),
          regionCode: task.regionCode,
          before: null,
          after: taskSnapshot(task),
        },
      ]);
      return task;
    });
  },
});
