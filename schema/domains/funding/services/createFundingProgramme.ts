import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { fail, UserErrors } from '../../../errors.js';
import { writeDenial } from '../../access/jurisdiction.js';
import { recordChanges } from '../../audit/record.js';
import { REGION_CODE, regionLevelOf } from '../../organisation/codes.js';
import { regions } from '../../organisation/table.js';
import { defineVerb } from '../../shared/verb.js';
import { REQUIRED_MESSAGE } from '../../shared/zodErrors.js';
import { zFen } from '../money.js';
import { fundingProgrammeKind, fundingProgrammes } from '../table.js';

const input = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[A-Z0-9][A-Z0-9-]{1,39}$/, 'must be 2–40 upper-case letters, digits or dashes'),
  cityCode: z.string().trim().regex(REGION_CODE, 'must be a 6-digit GB/T 2260 code'),
  year: z.number().int().min(2000).max(2100),
  name: z.string().trim().min(2, REQUIRED_MESSAGE).max(100),
  kind: z.enum(fundingProgrammeKind.enumValues),
  totalFen: zFen.refine((n) => n > 0, 'must be positive'),
  matchingRatioBp: z.number().int('must be whole basis points').min(0).max(100_000),
});
export type CreateFundingProgrammeInput = z.input<typeof input>;

/** The city opens a coordinated special fund (市级统筹专项资金) with its total and county matching ratio. */
export const createFundingProgramme = defineVerb({
  permission: 'fundingProgramme',
  input,
  run: (ctx, inp) =>
    ctx.db.transaction(async (tx) => {
      const denied = writeDenial(ctx.viewer, 'fundingProgramme', { regionCode: inp.cityCode }, ['input', 'cityCode']);
      if (denied) throw new UserErrors([denied]);
      if (regionLevelOf(inp.cityCode) !== 'CITY')
        fail('VALIDATION', 'Programmes are run by a city.', ['input', 'cityCode']);
      const [city] = await tx.select().from(regions).where(eq(regions.code, inp.cityCode));
      if (!city) fail('NOT_FOUND', `Region ${inp.cityCode} does not exist.`, ['input', 'cityCode']);
      const [dup] = await tx.select().from(fundingProgrammes).where(eq(fundingProgrammes.code, inp.code));
      if (dup) fail('DUPLICATE', `Programme ${inp.code} exists.`, ['input', 'code']);
      const [p] = await tx
        .insert(fundingProgrammes)
        .values({ ...inp, createdBy: ctx.viewer.actor })
        .returning();
      await recordChanges(tx, ctx, [
        {
          action: 'CREATE',
          entityType: 'FundingProgramme',
          entityKey: p.code,
          regionCode: p.cityCode,
          before: null,
          after: p,
        },
      ]);
      return p;
    }),
});
