import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { fail, UserError, UserErrors } from '../../../errors.js';
import { regionCovers, writeDenial } from '../../access/jurisdiction.js';
import { recordChanges } from '../../audit/record.js';
import { regions, schoolStage } from '../../organisation/table.js';
import { evaluationCycles, evaluationFrameworks } from '../table.js';
import { zRowId } from '../../shared/ids.js';
import { defineVerb } from '../../shared/verb.js';

/**
 * An exam score scale (满分 of 中考 720, 高考 750): points from 0 up to at most 10,000, so
 * the value-added regression never squares numbers anywhere near floating-point overflow.
 */
const scoreBound = z.number().finite().min(0).max(10_000);

const input = z
  .object({
    regionCode: z.string().regex(/^\d{6}$/, 'must be a 6-digit region code'),
    year: z.number().int().min(2000).max(2100),
    stage: z.enum(schoolStage.enumValues),
    name: z.string().trim().min(2).max(100),
    intakeMin: scoreBound,
    intakeMax: scoreBound,
    outcomeMin: scoreBound,
    outcomeMax: scoreBound,
    frameworkId: zRowId('EvaluationFramework').nullish(),
  })
  .superRefine((v, c) => {
    if (v.intakeMin >= v.intakeMax)
      c.addIssue({ code: 'custom', path: ['intakeMax'], message: 'must be above intakeMin' });
    if (v.outcomeMin >= v.outcomeMax)
      c.addIssue({ code: 'custom', path: ['outcomeMax'], message: 'must be above outcomeMin' });
  });
export type CreateEvaluationCycleInput = z.input<typeof input>;

/** Opens an evaluation cycle (评价周期) for a region, year and stage. CITY_ADMIN within its region. */
export const createEvaluationCycle = defineVerb({
  permission: 'evaluation',
  input,
  run: async (ctx, v) => {
    const denied = writeDenial(ctx.viewer, 'evaluation', { regionCode: v.regionCode }, ['input', 'regionCode']);
    if (denied) throw new UserErrors([denied]);
    return ctx.db.transaction(async (tx) => {
      const [region] = await tx.select().from(regions).where(eq(regions.code, v.regionCode));
      if (!region) fail('NOT_FOUND', `Region ${v.regionCode} does not exist.`, ['input', 'regionCode']);
      if (v.frameworkId != null) {
        const [fw] = await tx.select().from(evaluationFrameworks).where(eq(evaluationFrameworks.id, v.frameworkId));
        if (!fw) fail('NOT_FOUND', `Framework ${v.frameworkId} does not exist.`, ['input', 'frameworkId']);
        if (!regionCovers(fw.regionCode, v.regionCode)) {
          throw new UserErrors([
            new UserError('VALIDATION', `Framework ${fw.name} belongs to ${fw.regionCode}, not to this region.`, [
              'input',
              'frameworkId',
            ]),
          ]);
        }
      }
      const clash = await tx
        .select({ id: evaluationCycles.id })
        .from(evaluationCycles)
        .where(
          and(
            eq(evaluationCycles.regionCode, v.regionCode),
            eq(evaluationCycles.year, v.year),
            eq(evaluationCycles.stage, v.stage),
            eq(evaluationCycles.name, v.name),
          ),
        );
      if (clash.length)
        fail('CONFLICT', `A cycle named ${v.name} already exists for ${v.regionCode} ${v.year} ${v.stage}.`, [
          'input',
          'name',
        ]);
      const [cycle] = await tx
        .insert(evaluationCycles)
        .values({ ...v, frameworkId: v.frameworkId ?? null })
        .returning();
      await recordChanges(tx, ctx, [
        {
          action: 'CREATE',
          entityType: 'EvaluationCycle',
          entityKey: String(cycle.id),
          regionCode: cycle.regionCode,
          before: null,
          after: v,
        },
      ]);
      return cycle;
    });
  },
});
