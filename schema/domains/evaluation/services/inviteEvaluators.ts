import { eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { fail, UserError, UserErrors } from '../../../errors.js';
import { regionCovers, writeDenial } from '../../access/jurisdiction.js';
import { recordChanges } from '../../audit/record.js';
import { schools } from '../../organisation/table.js';
import { evaluationCycles, evaluationInvitations, evaluationParty } from '../table.js';
import { zRowId } from '../../shared/ids.js';
import { defineVerb } from '../../shared/verb.js';
import type { Invitation } from '../invitations.js';

const input = z.object({
  cycleId: zRowId('EvaluationCycle'),
  invitations: z
    .array(
      z
        .object({
          schoolCode: z
            .string()
            .trim()
            .regex(/^\d{10}$/, 'must be a 10-digit school identifier'),
          party: z.enum(evaluationParty.enumValues),
          evaluatorSubject: z.string().trim().min(1).max(100).nullish(),
          evaluatorName: z.string().trim().min(1).max(50).nullish(),
        })
        .superRefine((v, c) => {
          if (v.party !== 'COUNTY_SELF' && !v.evaluatorSubject)
            c.addIssue({
              code: 'custom',
              path: ['evaluatorSubject'],
              message: 'an evaluator is required for CITY_INSPECTION and SOCIAL',
            });
        }),
    )
    .min(1)
    .max(1000),
});
export type InviteEvaluatorsInput = z.input<typeof input>;

/**
 * Invites evaluators to assess schools in a cycle (邀请评价): city inspectors, social
 * evaluators (parents, community, experts) by their sign-in subject; COUNTY_SELF invitations
 * go to the school's county bureau. The city organises evaluation, so CITY_ADMIN only.
 */
export const inviteEvaluators = defineVerb({
  permission: 'evaluation',
  input,
  run: async (ctx, v): Promise<{ invitations: Invitation[] }> => {
    const [cycle] = await ctx.db.select().from(evaluationCycles).where(eq(evaluationCycles.id, v.cycleId));
    if (!cycle) fail('NOT_FOUND', `Evaluation cycle ${v.cycleId} does not exist.`, ['input', 'cycleId']);
    const denied = writeDenial(ctx.viewer, 'evaluation', { regionCode: cycle.regionCode }, ['input', 'cycleId']);
    if (denied) throw new UserErrors([denied]);
    if (cycle.frameworkId == null)
      fail('INVALID_STATE', 'The cycle has no evaluation framework.', ['input', 'cycleId']);
    if (cycle.status === 'CLOSED') fail('INVALID_STATE', 'The cycle is closed.', ['input', 'cycleId']);
    return ctx.db.transaction(async (tx) => {
      const codes = [...new Set(v.invitations.map((i) => i.schoolCode))];
      const found = await tx.select().from(schools).where(inArray(schools.code, codes));
      const byCode = new Map(found.map((s) => [s.code, s]));
      const errors: UserError[] = [];
      v.invitations.forEach((inv, i) => {
        const s = byCode.get(inv.schoolCode);
        if (!s)
          errors.push(
            new UserError('NOT_FOUND', `School ${inv.schoolCode} does not exist.`, [
              'input',
              'invitations',
              i,
              'schoolCode',
            ]),
          );
        else if (!regionCovers(cycle.regionCode, s.countyCode)) {
          errors.push(
            new UserError('VALIDATION', `School ${s.name} lies outside the cycle's region.`, [
              'input',
              'invitations',
              i,
              'schoolCode',
            ]),
          );
        }
      });
      if (errors.length) throw new UserErrors(errors);
      const rows = v.invitations.map((inv) => {
        const s = byCode.get(inv.schoolCode)!;
        return {
          cycleId: cycle.id,
          schoolId: s.id,
          countyCode: s.countyCode,
          party: inv.party,
          evaluator: inv.party === 'COUNTY_SELF' ? null : `user:${inv.evaluatorSubject}`,
          evaluatorName: inv.evaluatorName ?? null,
        };
      });
      const created = await tx.insert(evaluationInvitations).values(rows).returning();
      await recordChanges(
        tx,
        ctx,
        created.map((c) => ({
          action: 'CREATE' as const,
          entityType: 'EvaluationInvitation',
          entityKey: String(c.id),
          regionCode: c.countyCode,
          before: null,
          after: { cycleId: c.cycleId, schoolId: c.schoolId, party: c.party, evaluator: c.evaluator },
        })),
      );
      return { invitations: created };
    });
  },
});
