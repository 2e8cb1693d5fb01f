import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { fail, UserError, UserErrors } from '../../../errors.js';
import { writeDenial } from '../../access/jurisdiction.js';
import { recordChanges } from '../../audit/record.js';
import { regions } from '../../organisation/table.js';
import { evaluationDimensions, evaluationFrameworks, frameworkIndicators } from '../table.js';
import { defineVerb } from '../../shared/verb.js';
import { DUPLICATE } from '../../shared/zodErrors.js';

const weight = z.number().finite().min(0).max(100);
const input = z
  .object({
    regionCode: z.string().regex(/^\d{6}$/, 'must be a 6-digit region code'),
    name: z.string().trim().min(2).max(100),
    partyWeights: z.object({ cityInspection: weight, countySelf: weight, social: weight }),
    indicators: z
      .array(
        z.object({
          code: z
            .string()
            .trim()
            .regex(/^[A-Za-z0-9_.-]{1,32}$/, 'must be 1–32 letters, digits, _ . or -'),
          name: z.string().trim().min(2).max(100),
          // A code of the dimension catalogue (evaluationDimensions): checked against the table below.
          dimension: z
            .string()
            .trim()
            .regex(/^[A-Z][A-Z0-9_]{0,39}$/, 'must be a dimension code of the catalogue (evaluationDimensions)')
            .optional(),
          dimensionCode: z
            .string()
            .trim()
            .regex(/^[A-Z][A-Z0-9_]{0,39}$/, 'must be a dimension code of the catalogue (evaluationDimensions)')
            .optional(),
          weight: z.number().finite().gt(0, 'must be positive').max(100),
          maxScore: z.number().finite().gt(0, 'must be positive').max(1000),
        }),
      )
      .min(1, 'at least one indicator is needed')
      .max(100),
  })
  .superRefine((v, c) => {
    const w = v.partyWeights;
    if (w.cityInspection + w.countySelf + w.social <= 0)
      c.addIssue({ code: 'custom', path: ['partyWeights'], message: 'at least one party weight must be positive' });
    const seen = new Map<string, number>();
    v.indicators.forEach((ind, i) => {
      if (ind.dimension && ind.dimensionCode && ind.dimension !== ind.dimensionCode) {
        c.addIssue({
          code: 'custom',
          path: ['indicators', i, 'dimensionCode'],
          message: `differs from dimension ${ind.dimension}; give one`,
        });
      }
      if (seen.has(ind.code))
        c.addIssue({
          code: 'custom',
          path: ['indicators', i, 'code'],
          message: `duplicates indicator ${seen.get(ind.code)}`,
          params: DUPLICATE,
        });
      else seen.set(ind.code, i);
    });
  });
export type CreateEvaluationFrameworkInput = z.input<typeof input>;

/** Defines a multi-party evaluation framework (多元评价指标体系): weighted indicators and party weights. CITY_ADMIN. */
export const createEvaluationFramework = defineVerb({
  permission: 'evaluation',
  input,
  run: async (ctx, v) => {
    const denied = writeDenial(ctx.viewer, 'evaluation', { regionCode: v.regionCode }, ['input', 'regionCode']);
    if (denied) throw new UserErrors([denied]);
    return ctx.db.transaction(async (tx) => {
      const [region] = await tx.select().from(regions).where(eq(regions.code, v.regionCode));
      if (!region) fail('NOT_FOUND', `Region ${v.regionCode} does not exist.`, ['input', 'regionCode']);
      const clash = await tx
        .select()
        .from(evaluationFrameworks)
        .where(and(eq(evaluationFrameworks.regionCode, v.regionCode), eq(evaluationFrameworks.name, v.name)));
      if (clash.length)
        fail('CONFLICT', `A framework named ${v.name} already exists for ${v.regionCode}.`, ['input', 'name']);
      const [fw] = await tx
        .insert(evaluationFrameworks)
        .values({
          regionCode: v.regionCode,
          name: v.name,
          cityInspectionWeight: v.partyWeights.cityInspection,
          countySelfWeight: v.partyWeights.countySelf,
          socialWeight: v.partyWeights.social,
        })
        .returning();
      const known = new Set(
        (await tx.select({ code: evaluationDimensions.code }).from(evaluationDimensions)).map((d) => d.code),
      );
      // Checked after the jurisdiction check, as every catalogue lookup: a caller without rights learns nothing.
      const unknown = v.indicators.flatMap((ind, i) => {
        const code = ind.dimensionCode ?? ind.dimension;
        if (!code)
          return [
            new UserError('REQUIRED', 'Give the dimension: dimensionCode (or the old dimension).', [
              'input',
              'indicators',
              i,
              'dimensionCode',
            ]),
          ];
        return known.has(code)
          ? []
          : [
              new UserError(
                'VALIDATION',
                `Unknown dimension ${code}: not in the dimension catalogue (evaluationDimensions).`,
                ['input', 'indicators', i, ind.dimensionCode ? 'dimensionCode' : 'dimension'],
              ),
            ];
      });
      if (unknown.length) throw new UserErrors(unknown);
      await tx.insert(frameworkIndicators).values(
        v.indicators.map(({ dimensionCode, dimension, ...ind }, position) => ({
          ...ind,
          dimension: (dimensionCode ?? dimension)!,
          frameworkId: fw.id,
          position,
        })),
      );
      await recordChanges(tx, ctx, [
        {
          action: 'CREATE',
          entityType: 'EvaluationFramework',
          entityKey: String(fw.id),
          regionCode: fw.regionCode,
          before: null,
          after: v,
        },
      ]);
      return fw;
    });
  },
});
