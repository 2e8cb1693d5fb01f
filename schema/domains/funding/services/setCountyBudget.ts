import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { fail, UserErrors } from '../../../errors.js';
import { writeDenial } from '../../access/jurisdiction.js';
import { recordChanges } from '../../audit/record.js';
import { REGION_CODE, regionLevelOf } from '../../organisation/codes.js';
import { regions } from '../../organisation/table.js';
import { defineVerb } from '../../shared/verb.js';
import { zFen } from '../money.js';
import { countyEducationBudgets } from '../table.js';

const input = z.object({
  countyCode: z.string().trim().regex(REGION_CODE, 'must be a 6-digit GB/T 2260 code'),
  year: z.number().int().min(2000).max(2100),
  amountFen: zFen,
});
export type SetCountyBudgetInput = z.input<typeof input>;

/** A county's education budget for a year (一般公共预算教育支出), checked by 只增不减 in fundingChecks. */
export const setCountyBudget = defineVerb({
  permission: 'countyBudget',
  input,
  run: (ctx, inp) =>
    ctx.db.transaction(async (tx) => {
      const denied = writeDenial(ctx.viewer, 'countyBudget', { regionCode: inp.countyCode }, ['input', 'countyCode']);
      if (denied) throw new UserErrors([denied]);
      if (regionLevelOf(inp.countyCode) !== 'COUNTY')
        fail('VALIDATION', 'Budgets are a county’s.', ['input', 'countyCode']);
      const [county] = await tx.select().from(regions).where(eq(regions.code, inp.countyCode));
      if (!county) fail('NOT_FOUND', `Region ${inp.countyCode} does not exist.`, ['input', 'countyCode']);
      const where = and(
        eq(countyEducationBudgets.countyCode, inp.countyCode),
        eq(countyEducationBudgets.year, inp.year),
      );
      const [before] = await tx.select().from(countyEducationBudgets).where(where).for('update');
      const [after] = before
        ? await tx
            .update(countyEducationBudgets)
            .set({ amountFen: inp.amountFen, updatedAt: sql`now()` })
            .where(where)
            .returning()
        : await tx.insert(countyEducationBudgets).values(inp).returning();
      await recordChanges(tx, ctx, [
        {
          action: before ? 'UPDATE' : 'CREATE',
          entityType: 'CountyEducationBudget',
          entityKey: `${inp.countyCode}:${inp.year}`,
          regionCode: inp.countyCode,
          before: before ?? null,
          after,
        },
      ]);
      return after;
    }),
});
