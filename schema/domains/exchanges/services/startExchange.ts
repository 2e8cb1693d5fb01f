import { sql } from 'drizzle-orm';
import type { Context } from '../../../context.js';
import { UserErrors } from '../../../errors.js';
import { eitherSideDenial } from '../access.js';
import { z } from 'zod';
import { defineVerb } from '../../shared/verb.js';
import { exchangeIdField, transition, type TransitionSpec } from '../transition.js';

const input = z.object(exchangeIdField);
export type StartExchangeInput = z.input<typeof input>;

/** The step of taking up the post (到岗): the sending or receiving bureau, or the city. */
export function startStep(ctx: Context): TransitionSpec {
  return {
    verb: 'start',
    from: ['APPROVED'],
    to: 'ACTIVE',
    authorise: async (c, row) => {
      const denied = eitherSideDenial(c.viewer, row, ['input', 'id']);
      if (denied) throw new UserErrors([denied]);
    },
    changes: () => ({ startedBy: ctx.viewer.actor, startedAt: sql`now()` }),
  };
}

/** Marks an approved exchange as begun (到岗): the sending or receiving bureau, or the city. */
export const startExchange = defineVerb({
  permission: 'exchangeAssignment',
  input,
  run: (ctx, { id }) => transition(ctx, id, startStep(ctx)),
});
