import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Context } from '../../../context.js';
import { defineVerb } from '../../shared/verb.js';
import { authoriseDecision } from '../decision.js';
import { exchangeIdField, transition, type TransitionSpec } from '../transition.js';

/** The step's own fields (also loaded by the history import). */
export const approveFields = z.object({ note: z.string().trim().max(500).nullish() });
const input = approveFields.extend(exchangeIdField);
export type ApproveExchangeInput = z.input<typeof input>;

/** The approval step (审批通过), at the level the responsibility list names. */
export function approveStep(ctx: Context, v: z.output<typeof approveFields>): TransitionSpec {
  return {
    verb: 'approve',
    from: ['PROPOSED'],
    to: 'APPROVED',
    authorise: authoriseDecision,
    changes: () => ({ decidedBy: ctx.viewer.actor, decidedAt: sql`now()`, decisionNote: v.note || null }),
  };
}

/** Approves a proposed exchange (审批通过) at the level the responsibility list names. */
export const approveExchange = defineVerb({
  permission: 'exchangeAssignment',
  input,
  run: (ctx, { id, ...v }) => transition(ctx, id, approveStep(ctx, v)),
});
