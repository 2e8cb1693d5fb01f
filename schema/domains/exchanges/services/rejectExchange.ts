import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Context } from '../../../context.js';
import { parseInput } from '../../shared/zodErrors.js';
import { authoriseDecision } from './decision.js';
import { transition, type ExchangeId, type TransitionSpec } from './transition.js';

const schema = z.object({ reason: z.string().trim().min(2, 'must say why (不予批准理由)').max(500) });
export type RejectExchangeInput = z.input<typeof schema> & { id: ExchangeId };

/** The rejection step (不予批准), with a reason; decided by the same level as approval. */
export function rejectStep(ctx: Context, input: Omit<RejectExchangeInput, 'id'>): TransitionSpec {
  const v = parseInput(schema, input);
  return {
    verb: 'reject',
    from: ['PROPOSED'],
    to: 'REJECTED',
    authorise: authoriseDecision,
    changes: () => ({ decidedBy: ctx.viewer.actor, decidedAt: sql`now()`, decisionNote: v.reason }),
  };
}

/** Rejects a proposed exchange (不予批准) with a reason; decided by the same level as approval. */
export async function rejectExchange(ctx: Context, input: RejectExchangeInput) {
  const { id, ...rest } = input;
  return transition(ctx, id, () => rejectStep(ctx, rest));
}
