import { z } from 'zod';
import { fail, UserErrors } from '../../../errors.js';
import { writeDenial } from '../../access/jurisdiction.js';
import { recordChanges } from '../../audit/record.js';
import { REGION_CODE, regionLevelOf } from '../../organisation/codes.js';
import { regions } from '../../organisation/table.js';
import { defineVerb } from '../../shared/verb.js';
import { REQUIRED_MESSAGE } from '../../shared/zodErrors.js';
import { eq } from 'drizzle-orm';
import { assignedPosts, lockHoldings } from '../holdings.js';
import { requestChange } from '../snapshots.js';
import { establishmentRequestKind, establishmentRequests, staffCategory } from '../table.js';

const input = z.object({
  countyCode: z.string().trim().regex(REGION_CODE, 'must be a 6-digit GB/T 2260 code'),
  kind: z.enum(establishmentRequestKind.enumValues),
  category: z.enum(staffCategory.enumValues),
  quantity: z.number().int('must be a whole number of posts').positive('must be positive').max(100_000),
  reason: z.string().trim().min(2, REQUIRED_MESSAGE).max(1000),
});
export type SubmitEstablishmentRequestInput = z.input<typeof input>;

/**
 * A county asks the city for posts (REQUEST) or offers surplus posts (OFFER) (县级申报). An
 * offer cannot exceed the posts the county holds and has not assigned to its schools.
 */
export const submitEstablishmentRequest = defineVerb({
  permission: 'establishmentRequest',
  input,
  run: (ctx, inp) =>
    ctx.db.transaction(async (tx) => {
      const denied = writeDenial(ctx.viewer, 'establishmentRequest', { regionCode: inp.countyCode }, [
        'input',
        'countyCode',
      ]);
      if (denied) throw new UserErrors([denied]);
      const [county] = await tx.select().from(regions).where(eq(regions.code, inp.countyCode));
      if (!county) fail('NOT_FOUND', `Region ${inp.countyCode} does not exist.`, ['input', 'countyCode']);
      if (regionLevelOf(inp.countyCode) !== 'COUNTY')
        fail('VALIDATION', 'Requests and offers are made by a county.', ['input', 'countyCode']);
      if (inp.kind === 'OFFER') {
        const holding = (await lockHoldings(tx, [inp.countyCode], inp.category)).get(inp.countyCode)!;
        const free = holding.approved - (await assignedPosts(tx, inp.countyCode, inp.category));
        if (inp.quantity > free)
          fail('OVER_CAPACITY', `${inp.countyCode} has ${free} unassigned ${inp.category} posts to offer.`, [
            'input',
            'quantity',
          ]);
      }
      const [request] = await tx
        .insert(establishmentRequests)
        .values({
          countyCode: inp.countyCode,
          kind: inp.kind,
          category: inp.category,
          quantity: inp.quantity,
          reason: inp.reason,
          requestedBy: ctx.viewer.actor,
        })
        .returning();
      await recordChanges(tx, ctx, [requestChange(null, request)]);
      return request;
    }),
});
