import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Context } from '../../../context.js';
import { UserErrors } from '../../../errors.js';
import { eitherSideDenial } from '../access.js';
import { defineVerb } from '../../shared/verb.js';
import { exchangeIdField, transition, type TransitionSpec } from '../transition.js';

/** The step's own fields (also loaded by the history import). */
export const cancelFields = z.object({ reason: z.string().trim().min(2, 'must say why (撤销原因)').max(500) });
const input = cancelFields.extend(exchangeIdField);
export type CancelExchangeInput = z.input<typeof input>;

/** The withdrawal step (撤销) of a proposed or approved exchange, by either side or the city. */
export function cancelStep(ctx: Context, v: z.output<typeof cancelFields>): TransitionSpec {
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
export const cancelExchange = defineVerb({
  permission: 'exchangeAssignment',
  input,
  run: (ctx, { id, ...v }) => transition(ctx, id, cancelStep(ctx, v)),
});
