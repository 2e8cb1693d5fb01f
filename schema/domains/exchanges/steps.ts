import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Context } from '../../context.js';
import { fail, UserErrors } from '../../errors.js';
import { eitherSideDenial } from './access.js';
import { authoriseDecision } from './decision.js';
import { isRealDate } from './rules.js';
import type { TransitionSpec } from './transition.js';

/**
 * The steps of an exchange's life (approve, reject, start, complete, cancel): the fields each
 * takes, who may take it, from which statuses, and what it writes. The verbs and the history
 * import (demoHistory.ts) run the same steps through `transition`.
 */

/** The approve step's own fields. */
export const approveFields = z.object({ note: z.string().trim().max(500).nullish() });
/** The approval step (审批通过), at the level the responsibility list names. */
export function approveStep(ctx: Context, v: z.output<typeof approveFields>): TransitionSpec {
  return {
    verb: 'approve',
    from: ['PROPOSED'],
    to: 'APPROVED',
    authorise: authoriseDecision,
    changes: () => ({ decidedBy: ctx.viewer.actor, decidedAt: sql`now()`, decisionNote: v.note || null }),
  };
}

/** The reject step's own fields. */
export const rejectFields = z.object({ reason: z.string().trim().min(2, 'must say why (不予批准理由)').max(500) });
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

/** The complete step's own fields. */
export const completeFields = z.object({
  endedOn: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
    .refine(isRealDate, 'is not a real calendar date')
    .nullish(),
});
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
        fail('VALIDATION', `endedOn must lie within the posting, ${row.startDate}–${row.endDate}.`, [
          'input',
          'endedOn',
        ]);
      }
    },
    changes: (row) => ({ completedBy: ctx.viewer.actor, completedAt: sql`now()`, endedOn: v.endedOn ?? row.endDate }),
  };
}

/** The cancel step's own fields. */
export const cancelFields = z.object({ reason: z.string().trim().min(2, 'must say why (撤销原因)').max(500) });
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
