import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Context } from '../../../context.js';
import { fail, UserErrors } from '../../../errors.js';
import { eitherSideDenial } from '../access.js';
import { isRealDate } from '../rules.js';
import { parseInput } from '../../shared/zodErrors.js';
import { transition, type ExchangeId, type TransitionSpec } from './transition.js';

const schema = z.object({
  endedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD').refine(isRealDate, 'is not a real calendar date').nullish(),
});
export type CompleteExchangeInput = z.input<typeof schema> & { id: ExchangeId };

/** The closing step (期满考核/结束) of an active exchange, on the planned end date or earlier. */
export function completeStep(ctx: Context, input: Omit<CompleteExchangeInput, 'id'>): TransitionSpec {
  const v = parseInput(schema, input);
  return {
    verb: 'complete',
    from: ['ACTIVE'],
    to: 'COMPLETED',
    authorise: async (c, row) => {
      const denied = eitherSideDenial(c.viewer, row, ['input', 'id']);
      if (denied) throw new UserErrors([denied]);
      if (v.endedOn && (v.endedOn < row.startDate || v.endedOn > row.endDate)) {
        fail('VALIDATION', `endedOn must lie within the posting, ${row.startDate}–${row.endDate}.`, ['input', 'endedOn']);
      }
    },
    changes: (row) => ({ completedBy: ctx.viewer.actor, completedAt: sql`now()`, endedOn: v.endedOn ?? row.endDate }),
  };
}

/**
 * Closes an active exchange (期满考核/结束). `endedOn` defaults to the planned end date; an
 * earlier day ends the posting early (提前结束), never before it started or after it was due.
 */
export async function completeExchange(ctx: Context, input: CompleteExchangeInput) {
  const { id, ...rest } = input;
  return transition(ctx, id, () => completeStep(ctx, rest));
}
