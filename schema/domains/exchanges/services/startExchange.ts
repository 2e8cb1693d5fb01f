import { sql } from 'drizzle-orm';
import type { Context } from '../../../context.js';
import { UserErrors } from '../../../errors.js';
import { eitherSideDenial } from '../access.js';
import { transition, type ExchangeId } from './transition.js';

export interface StartExchangeInput {
  id: ExchangeId;
}

/** Marks an approved exchange as begun (到岗): the sending or receiving bureau, or the city. */
export async function startExchange(ctx: Context, input: StartExchangeInput) {
  return transition(ctx, input.id, () => ({
    verb: 'start',
    from: ['APPROVED'],
    to: 'ACTIVE',
    authorise: async (_tx, c, row) => {
      const denied = eitherSideDenial(c.viewer, row, ['input', 'id']);
      if (denied) throw new UserErrors([denied]);
    },
    changes: () => ({ startedBy: ctx.viewer.actor, startedAt: sql`now()` }),
  }));
}
