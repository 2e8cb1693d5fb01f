import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { builder } from '../../../builder.js';
import type { schools } from '../../organisation/table.js';
import { SchoolRef } from '../../organisation/graphql/types.js';
import { schoolIndicatorValues } from '../balanceTable.js';
import { IndicatorValueRef } from './balanceTypes.js';
import { SchoolEvaluationRef } from './frameworkTypes.js';
import { aggregateEvaluations } from '../aggregateEvaluations.js';
import { resultCondition } from '../visibility.js';
import { publishedEvaluations } from '../publication.js';
import { valueAddedResults, evaluationInvitations } from '../table.js';
import { ValueAddedResultRef } from './types.js';

/**
 * School development profile (学校发展画像): one object a portal renders. Other domains
 * (exchanges, shared resources) add their fields to this type with
 * `builder.objectField(SchoolProfileRef, …)`; the parent is the school row.
 */
export const SchoolProfileRef = builder.objectRef<typeof schools.$inferSelect>('SchoolProfile').implement({
  description:
    'School development profile (学校发展画像): indicators over the years, value added with ' +
    'intervals, evaluation results; other domains add exchanges and shared resources.',
  fields: (t) => ({
    school: t.field({ type: SchoolRef, description: 'The school (学校).', resolve: (s) => s }),
    indicatorValues: t.field({
      type: [IndicatorValueRef],
      description: 'Balance indicator values, by year then indicator (办学条件指标历年数据).',
      resolve: async (s, _a, ctx) =>
        (
          await ctx.db
            .select()
            .from(schoolIndicatorValues)
            .where(eq(schoolIndicatorValues.schoolId, s.id))
            .orderBy(asc(schoolIndicatorValues.year), asc(schoolIndicatorValues.indicator))
        ).map((v) => ({ ...v, schoolCode: s.code })),
    }),
    valueAdded: t.field({
      type: [ValueAddedResultRef],
      description: 'Value added in every cycle the caller may see, newest first (历年增值评价).',
      resolve: async (s, _a, ctx) =>
        ctx.db
          .select({ r: valueAddedResults })
          .from(valueAddedResults)
          .where(and(eq(valueAddedResults.schoolId, s.id), resultCondition(ctx.viewer, valueAddedResults)))
          .orderBy(desc(valueAddedResults.cycleId))
          .then((rows) => rows.map((x) => x.r)),
    }),
    evaluations: t.field({
      type: [SchoolEvaluationRef],
      description:
        'Multi-party evaluation results the caller may see (多元评价结果), small parties ' +
        'suppressed as in EvaluationCycle.evaluationResults.',
      resolve: async (s, _a, ctx) =>
        (
          await publishedEvaluations(
            ctx,
            await aggregateEvaluations(
              ctx.db,
              resultCondition(ctx.viewer, evaluationInvitations),
              sql`${evaluationInvitations.schoolId} = ${s.id}`,
            ),
          )
        ).map((e) => ({ ...e, school: s })),
    }),
  }),
});
