import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Context } from '../../../context.js';
import { defineVerb } from '../../shared/verb.js';
import { authoriseDecision } from '../decision.js';
import { exchangeIdField, transition, type TransitionSpec } from '../transition.js';

/** The step's own fields (also loaded by the history import). */
export const rejectFields = z.object({ reason: z.string().trim().min(2, 'must say why (不予批准理由)').max(500) });
const input = rejectFields.extend(exchangeIdField);
export type RejectExchangeInput = z.input<typeof input>;

/** The rejection step (不予批准), with a reason; decided by the same level as approval. */
export function rejectStep(ctx: Context, v: z.output<typeof rejectFields>): TransitionSpec {
  return {
    verb: 'reject',
    from: ['PROPOSED'],
    to: 'REJECTED',
    authorise: authoriseDecision,
    changes: () => ({ decidedBy: ctx.viewer.actor, decidedAt: sql`now()`, decisionNote: v.reason }),
  };
}

/** Rejects a proposed exchange (不予批准) with a reason; decided by the same level as approval. */
export const rejectExchange = defineVerb({
  permission: 'exchangeAssignment',
  input,
  run: (ctx, { id, ...v }) => transition(ctx, id, rejectStep(ctx, v)),
});
