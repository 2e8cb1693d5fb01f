import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { fail } from '../../../errors.js';
import { writeDenial } from '../../access/jurisdiction.js';
import { recordChanges } from '../../audit/record.js';
import { regions, schools, teachers } from '../../organisation/table.js';
import { defineVerb } from '../../shared/verb.js';
import { underRegion } from '../../organisation/codes.js';
import { exchangeRegisterEntries } from '../table.js';

const input = z.object({
  regionCode: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'must be a 6-digit region code'),
  year: z.number().int().min(2000, 'year must be 2000 or later').max(2100, 'year must be 2100 or earlier'),
});
export type RecordExchangeRegisterInput = z.input<typeof input>;

export interface RegisterRecorded {
  regionCode: string;
  year: number;
  teachers: number;
}

/**
 * Records (or re-records) the teacher register of school year `year` for every teacher of an
 * open school run by the region or a region under it (交流轮岗年度名册): home school, its stage,
 * running county, years at the school, backbone level. The exchange statistics of that year
 * count their eligible population from it from then on. Audited as one ExchangeRegister change
 * per region and year, with the numbers of teachers before and after.
 */
export const recordExchangeRegister = defineVerb({
  permission: 'exchangeAssignment',
  input,
  run: (ctx, v) =>
    ctx.db.transaction(async (tx) => {
      const denied = writeDenial(ctx.viewer, 'exchangeAssignment', { regionCode: v.regionCode }, [
        'input',
        'regionCode',
      ]);
      if (denied) fail(denied.code, denied.message, denied.path);
      const [region] = await tx.select().from(regions).where(eq(regions.code, v.regionCode));
      if (!region) fail('NOT_FOUND', `Region ${v.regionCode} does not exist.`, ['input', 'regionCode']);
      const e = exchangeRegisterEntries;
      const scope = and(eq(e.year, v.year), underRegion(e.countyCode, v.regionCode));
      const before = await tx.$count(e, scope);
      await tx.delete(e).where(scope);
      const rows = await tx
        .insert(e)
        .select(
          tx
            .select({
              year: sql<number>`${v.year}::int`.as('year'),
              teacherId: teachers.id,
              schoolId: teachers.schoolId,
              countyCode: schools.countyCode,
              schoolStage: schools.stage,
              yearsAtSchool: teachers.yearsAtSchool,
              backboneLevel: teachers.backboneLevel,
              recordedAt: sql<string>`now()`.as('recorded_at'),
            })
            .from(teachers)
            .innerJoin(schools, eq(schools.id, teachers.schoolId))
            .where(and(underRegion(schools.countyCode, v.regionCode), sql`${schools.status} <> 'CLOSED'`)),
        )
        .returning({ teacherId: e.teacherId });
      const after: RegisterRecorded = { regionCode: v.regionCode, year: v.year, teachers: rows.length };
      await recordChanges(tx, ctx, [
        {
          action: before ? 'UPDATE' : 'CREATE',
          entityType: 'ExchangeRegister',
          entityKey: `${v.regionCode}:${v.year}`,
          regionCode: v.regionCode,
          before: before ? { regionCode: v.regionCode, year: v.year, teachers: before } : null,
          after,
        },
      ]);
      return after;
    }),
});
