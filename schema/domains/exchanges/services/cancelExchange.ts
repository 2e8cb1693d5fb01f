import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Context } from '../../../context.js';
import { UserErrors } from '../../../errors.js';
import { eitherSideDenial } from '../access.js';
import { parseInput } from '../../shared/zodErrors.js';
import { transition, type ExchangeId, type TransitionSpec } from './transition.js';

const schema = z.object({ reason: z.string().trim().min(2, 'must say why (撤销原因)').max(500) });
export type CancelExchangeInput = z.input<typeof schema> & { id: ExchangeId };

/** The withdrawal step (撤销) of a proposed or approved exchange, by either side or the city. */
export function cancelStep(ctx: Context, input: Omit<CancelExchangeInput, 'id'>): TransitionSpec {
  const v = parseInput(schema, input);
  return {
    verb: 'cancel',
    from: ['PROPOSED', 'APPROVED'],
    to: 'CANCELLED',
    authorise: async (c, row) => {
      const denied = eitherSideDenial(c.viewer, row, ['input', 'id']);
      if (denied) throw new UserErrors([denied]);
    },
    changes: () => ({ cancelledBy: ctx.viewer.actor, cancelledAt: sql`now()`, cancelReason: v.reason }),
  };
}

/**
 * Withdraws an exchange before it begins (撤销): proposed or approved. An active posting is
 * ended with completeExchange(endedOn) instead, so its record of service is kept.
 */
export async function cancelExchange(ctx: Context, input: CancelExchangeInput) {
  const { id, ...rest } = input;
  return transition(ctx, id, () => cancelStep(ctx, rest));
}
