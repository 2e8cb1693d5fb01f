import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { fail, UserError, UserErrors } from '../../../errors.js';
import { recordChanges } from '../../audit/record.js';
import { evaluationCycles, evaluationInvitations, evaluationScores, frameworkIndicators } from '../table.js';
import { isInvitee } from '../invitations.js';
import { zRowId } from '../../shared/ids.js';
import { defineVerb } from '../../shared/verb.js';

const input = z.object({
  invitationId: zRowId('EvaluationInvitation'),
  scores: z.array(z.object({ indicatorCode: z.string().trim().min(1), score: z.number().finite().max(1000) })).max(100), // below 0 and above the indicator's maximum: the service, with every other problem
  comment: z.string().trim().max(2000).nullish(),
});
export type SubmitEvaluationInput = z.input<typeof input>;

/**
 * Submits (or, while the cycle is open, replaces) the scores of one invitation (提交评价):
 * one score per indicator of the framework, each within 0…maxScore. Only the invitee.
 */
export const submitEvaluation = defineVerb({
  permission: 'evaluationSubmission',
  input,
  run: async (ctx, v) => {
    return ctx.db.transaction(async (tx) => {
      const [inv] = await tx
        .select()
        .from(evaluationInvitations)
        .where(eq(evaluationInvitations.id, v.invitationId))
        .for('update');
      // Someone else's invitation is reported as missing: evaluators see only their own.
      if (!inv || !isInvitee(ctx, inv))
        fail('NOT_FOUND', `No invitation ${v.invitationId} for you.`, ['input', 'invitationId']);
      const [cycle] = await tx.select().from(evaluationCycles).where(eq(evaluationCycles.id, inv.cycleId)).for('share');
      if (cycle.status === 'CLOSED')
        fail('INVALID_STATE', 'The cycle is closed; submissions are frozen.', ['input', 'invitationId']);
      const indicators = await tx
        .select()
        .from(frameworkIndicators)
        .where(eq(frameworkIndicators.frameworkId, cycle.frameworkId!))
        .orderBy(asc(frameworkIndicators.position));
      const byCode = new Map(indicators.map((i) => [i.code, i]));
      const errors: UserError[] = [];
      const given = new Map<string, number>();
      v.scores.forEach((s, i) => {
        const path = ['input', 'scores', i];
        const ind = byCode.get(s.indicatorCode);
        if (!ind)
          errors.push(
            new UserError('NOT_FOUND', `Indicator ${s.indicatorCode} is not in the framework.`, [
              ...path,
              'indicatorCode',
            ]),
          );
        else if (given.has(s.indicatorCode))
          errors.push(
            new UserError('DUPLICATE', `${s.indicatorCode} also scored at ${given.get(s.indicatorCode)}.`, [
              ...path,
              'indicatorCode',
            ]),
          );
        else {
          given.set(s.indicatorCode, i);
          if (s.score < 0 || s.score > ind.maxScore)
            errors.push(new UserError('VALIDATION', `score must lie within 0…${ind.maxScore}.`, [...path, 'score']));
        }
      });
      const missing = indicators.filter((i) => !given.has(i.code)).map((i) => i.code);
      if (missing.length)
        errors.push(new UserError('REQUIRED', `Scores missing for: ${missing.join(', ')}.`, ['input', 'scores']));
      if (errors.length) throw new UserErrors(errors);
      const before = inv.submittedAt
        ? await tx.select().from(evaluationScores).where(eq(evaluationScores.invitationId, inv.id))
        : [];
      await tx.delete(evaluationScores).where(eq(evaluationScores.invitationId, inv.id));
      await tx
        .insert(evaluationScores)
        .values(
          v.scores.map((s) => ({ invitationId: inv.id, indicatorId: byCode.get(s.indicatorCode)!.id, score: s.score })),
        );
      const [updated] = await tx
        .update(evaluationInvitations)
        .set({ submittedAt: new Date().toISOString(), comment: v.comment ?? null })
        .where(eq(evaluationInvitations.id, inv.id))
        .returning();
      const codeOf = new Map(indicators.map((i) => [i.id, i.code]));
      await recordChanges(tx, ctx, [
        {
          action: inv.submittedAt ? 'UPDATE' : 'CREATE',
          entityType: 'EvaluationSubmission',
          entityKey: String(inv.id),
          regionCode: inv.countyCode,
          before: inv.submittedAt
            ? {
                scores: Object.fromEntries(before.map((b) => [codeOf.get(b.indicatorId), b.score])),
                comment: inv.comment,
              }
            : null,
          after: {
            scores: Object.fromEntries(v.scores.map((s) => [s.indicatorCode, s.score])),
            comment: v.comment ?? null,
          },
        },
      ]);
      return updated;
    });
  },
});
