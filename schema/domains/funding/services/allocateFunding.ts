import { and, eq, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import { fail, UserErrors } from '../../../errors.js';
import { recordChanges } from '../../audit/record.js';
import { regionCovers } from '../../access/jurisdiction.js';
import { REGION_CODE, regionLevelOf } from '../../organisation/codes.js';
import { leadRight } from '../../responsibility/leadRight.js';
import { resolveSetting } from '../../settings/resolve.js';
import { defineVerb } from '../../shared/verb.js';
import { REQUIRED_MESSAGE } from '../../shared/zodErrors.js';
import { allocationOf, paidSums, programmeByCode } from '../lookup.js';
import { zFen } from '../money.js';
import { fundingAllocations } from '../table.js';

const input = z.object({
  programmeCode: z.string().trim().min(1, REQUIRED_MESSAGE).max(40),
  countyCode: z.string().trim().regex(REGION_CODE, 'must be a 6-digit GB/T 2260 code'),
  amountFen: zFen,
  reason: z.string().trim().min(2, REQUIRED_MESSAGE).max(500),
});
export type AllocateFundingInput = z.input<typeof input>;

/**
 * Sets a county's allocation from a programme (市级统筹分配). The programme row is locked, so
 * concurrent allocations queue and their sum never exceeds the programme total; an allocation
 * never drops below what has been disbursed on it. The county's weak-county weight
 * (pools.countyPriorityWeight, 向薄弱县倾斜) is kept with it.
 */
export const allocateFunding = defineVerb({
  permission: 'fundingAllocation',
  input,
  run: (ctx, inp) =>
    ctx.db.transaction(async (tx) => {
      const p = await programmeByCode(tx, inp.programmeCode, ['input', 'programmeCode'], true);
      if (regionLevelOf(inp.countyCode) !== 'COUNTY' || !regionCovers(p.cityCode, inp.countyCode)) {
        fail('VALIDATION', `Allocations go to counties of ${p.cityCode}.`, ['input', 'countyCode']);
      }
      const { lead, denied } = await leadRight(
        tx,
        ctx.viewer,
        'FUNDING.CITY_COORDINATION',
        [{ regionCode: p.cityCode }],
        ['input', 'programmeCode'],
      );
      if (denied) throw new UserErrors([denied]);
      const [others] = await tx
        .select({ n: sql<string>`coalesce(sum(${fundingAllocations.amountFen}), 0)::text` })
        .from(fundingAllocations)
        .where(and(eq(fundingAllocations.programmeId, p.id), ne(fundingAllocations.countyCode, inp.countyCode)));
      const free = p.totalFen - Number(others.n);
      if (inp.amountFen > free)
        fail('OVER_CAPACITY', `Programme ${p.code} has ${free} 分 unallocated; ${inp.amountFen} is more.`, [
          'input',
          'amountFen',
        ]);
      const before = await allocationOf(tx, p.id, inp.countyCode, true);
      if (before) {
        const paid = (await paidSums(tx, [before.id])).get(before.id)!;
        if (inp.amountFen < paid.disbursed)
          fail('CONFLICT', `${paid.disbursed} 分 have been disbursed on this allocation already.`, [
            'input',
            'amountFen',
          ]);
      }
      const weight = String(await resolveSetting(tx, 'pools.countyPriorityWeight', inp.countyCode));
      const values = {
        amountFen: inp.amountFen,
        priorityWeight: weight,
        reason: inp.reason,
        allocatedBy: ctx.viewer.actor,
        updatedAt: sql`now()`,
      };
      const [after] = before
        ? await tx.update(fundingAllocations).set(values).where(eq(fundingAllocations.id, before.id)).returning()
        : await tx
            .insert(fundingAllocations)
            .values({ ...values, updatedAt: undefined, programmeId: p.id, countyCode: inp.countyCode })
            .returning();
      await recordChanges(tx, ctx, [
        {
          action: before ? 'UPDATE' : 'CREATE',
          entityType: 'FundingAllocation',
          entityKey: `${p.code}:${inp.countyCode}`,
          regionCode: inp.countyCode,
          before,
          after: { ...after, authority: lead },
        },
      ]);
      return after;
    }),
});
