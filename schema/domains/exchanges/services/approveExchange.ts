import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Context } from '../../../context.js';
import { parseInput } from '../../shared/zodErrors.js';
import { authoriseDecision } from './decision.js';
import { transition, type ExchangeId, type TransitionSpec } from './transition.js';

const schema = z.object({ note: z.string().trim().max(500).nullish() });
export type ApproveExchangeInput = z.input<typeof schema> & { id: ExchangeId };

/** The approval step (审批通过), at the level the responsibility list names. */
export function approveStep(ctx: Context, input: Omit<ApproveExchangeInput, 'id'>): TransitionSpec {
  const v = parseInput(schema, input);
  return {
    verb: 'approve',
    from: ['PROPOSED'],
    to: 'APPROVED',
    authorise: authoriseDecision,
    changes: () => ({ decidedBy: ctx.viewer.actor, decidedAt: sql`now()`, decisionNote: v.note || null }),
  };
}

/** Approves a proposed exchange (审批通过) at the level the responsibility list names. */
export async function approveExchange(ctx: Context, input: ApproveExchangeInput) {
  const { id, ...rest } = input;
  return transition(ctx, id, () => approveStep(ctx, rest));
}
