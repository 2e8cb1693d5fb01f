import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { fail, UserErrors } from '../../../errors.js';
import { recordChanges } from '../../audit/record.js';
import { cityOf } from '../../organisation/codes.js';
import { leadRight } from '../../responsibility/leadRight.js';
import { zRowId } from '../../shared/ids.js';
import { defineVerb } from '../../shared/verb.js';
import { REQUIRED_MESSAGE } from '../../shared/zodErrors.js';
import { requestChange } from '../snapshots.js';
import { establishmentRequests } from '../table.js';

const input = z.object({
  establishmentRequestId: zRowId('EstablishmentRequest'),
  reason: z.string().trim().min(2, REQUIRED_MESSAGE).max(1000),
});

/** The deciding level turns down a county's request or offer (or its unsettled rest). */
export const rejectEstablishmentRequest = defineVerb({
  permission: 'establishmentTransfer',
  input,
  run: (ctx, inp) =>
    ctx.db.transaction(async (tx) => {
      const [r] = await tx
        .select()
        .from(establishmentRequests)
        .where(eq(establishmentRequests.id, inp.establishmentRequestId))
        .for('update');
      if (!r) fail('NOT_FOUND', 'No such establishment request.', ['input', 'establishmentRequestId']);
      const { denied } = await leadRight(
        tx,
        ctx.viewer,
        'STAFFING.QUOTA_ADJUSTMENT',
        [{ regionCode: cityOf(r.countyCode) }],
        ['input', 'establishmentRequestId'],
      );
      if (denied) throw new UserErrors([denied]);
      if (r.status === 'SETTLED' || r.status === 'REJECTED')
        fail('INVALID_STATE', `The ${r.kind} is ${r.status}.`, ['input', 'establishmentRequestId']);
      const [after] = await tx
        .update(establishmentRequests)
        .set({ status: 'REJECTED', decisionNote: inp.reason, updatedAt: sql`now()` })
        .where(eq(establishmentRequests.id, r.id))
        .returning();
      await recordChanges(tx, ctx, [requestChange(r, after)]);
      return after;
    }),
});
