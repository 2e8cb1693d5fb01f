import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Context } from '../../../context.js';
import { parseInput } from '../../shared/zodErrors.js';
import { authoriseDecision } from './decision.js';
import { transition, type ExchangeId } from './transition.js';

const schema = z.object({ note: z.string().trim().max(500).nullish() });
export type ApproveExchangeInput = z.input<typeof schema> & { id: ExchangeId };

/** Approves a proposed exchange (审批通过) at the level the responsibility list names. */
export async function approveExchange(ctx: Context, input: ApproveExchangeInput) {
  const { id, ...rest } = input;
  return transition(ctx, id, () => {
    const v = parseInput(schema, rest);
    return {
      verb: 'approve',
      from: ['PROPOSED'],
      to: 'APPROVED',
      authorise: authoriseDecision,
      changes: () => ({ decidedBy: ctx.viewer.actor, decidedAt: sql`now()`, decisionNote: v.note || null }),
    };
  });
}
