import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Context } from '../../../context.js';
import { fail, UserErrors } from '../../../errors.js';
import { eitherSideDenial } from '../access.js';
import { isRealDate } from '../rules.js';
import { defineVerb } from '../../shared/verb.js';
import { exchangeIdField, transition, type TransitionSpec } from '../transition.js';

/** The step's own fields (also loaded by the history import). */
export const completeFields = z.object({
  endedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD').refine(isRealDate, 'is not a real calendar date').nullish(),
});
const input = completeFields.extend(exchangeIdField);
export type CompleteExchangeInput = z.input<typeof input>;

/** The closing step (期满考核/结束) of an active exchange, on the planned end date or earlier. */
export function completeStep(ctx: Context, v: z.output<typeof completeFields>): TransitionSpec {
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
export const completeExchange = defineVerb({
  permission: 'exchangeAssignment',
  input,
  run: (ctx, { id, ...v }) => transition(ctx, id, completeStep(ctx, v)),
});
