import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { fail, UserErrors } from '../../../errors.js';
import { recordChanges, type Change } from '../../audit/record.js';
import { cityOf, REGION_CODE, regionLevelOf } from '../../organisation/codes.js';
import { regions } from '../../organisation/table.js';
import { leadRight } from '../../responsibility/leadRight.js';
import { zRowId } from '../../shared/ids.js';
import { defineVerb } from '../../shared/verb.js';
import { REQUIRED_MESSAGE } from '../../shared/zodErrors.js';
import { assignedPosts, lockHoldings } from '../holdings.js';
import { holdingChange, requestChange, transferChange } from '../snapshots.js';
import { establishmentHoldings, establishmentRequests, establishmentTransfers, staffCategory } from '../table.js';

const code = z.string().trim().regex(REGION_CODE, 'must be a 6-digit GB/T 2260 code');
const input = z.object({
  fromCode: code,
  toCode: code,
  category: z.enum(staffCategory.enumValues),
  quantity: z.number().int('must be a whole number of posts').positive('must be positive').max(100_000),
  reason: z.string().trim().min(2, REQUIRED_MESSAGE).max(500),
  /** The county request (REQUEST, of the receiving county) this transfer settles, if any. */
  establishmentRequestId: zRowId('EstablishmentRequest').nullish(),
  /** The county offer (OFFER, of the giving county) this transfer settles, if any. */
  establishmentOfferId: zRowId('EstablishmentRequest').nullish(),
});
export type ApproveEstablishmentTransferInput = z.input<typeof input>;

type Req = typeof establishmentRequests.$inferSelect;

/**
 * The city approves moving posts between two holders of one city — a county and the city
 * pool, or two counties (跨县域编制调剂, 县级申报 → 市级统筹). Who approves follows the
 * responsibility list (STAFFING.QUOTA_ADJUSTMENT, city-led by default).
 *
 * Conservation: both holdings are locked (in code order) and changed in one transaction with
 * the ledger row, so the city's total is the same before and after, concurrent approvals
 * queue, and a holder never goes below zero nor below what it has assigned to its schools.
 */
export const approveEstablishmentTransfer = defineVerb({
  permission: 'establishmentTransfer',
  input,
  run: (ctx, inp) =>
    ctx.db.transaction(async (tx) => {
      // Who decides comes first: a caller without the right learns nothing about the rest.
      const { lead, denied } = await leadRight(
        tx,
        ctx.viewer,
        'STAFFING.QUOTA_ADJUSTMENT',
        [{ regionCode: inp.fromCode }],
        ['input', 'fromCode'],
      );
      if (denied) throw new UserErrors([denied]);
      const toSide = await leadRight(
        tx,
        ctx.viewer,
        'STAFFING.QUOTA_ADJUSTMENT',
        [{ regionCode: inp.toCode }],
        ['input', 'toCode'],
      );
      if (toSide.denied) throw new UserErrors([toSide.denied]);
      if (inp.fromCode === inp.toCode)
        fail('VALIDATION', 'A transfer needs two different holders.', ['input', 'toCode']);
      for (const f of ['fromCode', 'toCode'] as const) {
        if (regionLevelOf(inp[f]) === 'PROVINCE')
          fail('VALIDATION', 'Holders are a city (its pool) or a county.', ['input', f]);
      }
      const city = cityOf(inp.fromCode);
      if (cityOf(inp.toCode) !== city)
        fail(
          'VALIDATION',
          `${inp.toCode} is not in the city ${city} of ${inp.fromCode}; adjustments stay within one city.`,
          ['input', 'toCode'],
        );
      const known = await tx
        .select({ code: regions.code })
        .from(regions)
        .where(sql`${regions.code} in (${inp.fromCode}, ${inp.toCode})`);
      for (const f of ['fromCode', 'toCode'] as const) {
        if (!known.some((k) => k.code === inp[f])) fail('NOT_FOUND', `Region ${inp[f]} does not exist.`, ['input', f]);
      }

      const holdings = await lockHoldings(tx, [inp.fromCode, inp.toCode], inp.category);
      const from = holdings.get(inp.fromCode)!;
      const to = holdings.get(inp.toCode)!;
      if (from.approved < inp.quantity)
        fail(
          'OVER_CAPACITY',
          `${inp.fromCode} holds ${from.approved} ${inp.category} posts; it cannot give ${inp.quantity}.`,
          ['input', 'quantity'],
        );
      if (regionLevelOf(inp.fromCode) === 'COUNTY') {
        const assigned = await assignedPosts(tx, inp.fromCode, inp.category);
        if (from.approved - inp.quantity < assigned) {
          fail(
            'CONFLICT',
            `${inp.fromCode} has assigned ${assigned} of its ${from.approved} ${inp.category} posts to schools; at most ${from.approved - assigned} are free to give.`,
            ['input', 'quantity'],
          );
        }
      }

      const settle = async (
        id: number | null | undefined,
        kind: Req['kind'],
        county: string,
        field: 'establishmentRequestId' | 'establishmentOfferId',
      ) => {
        if (id == null) return null;
        const [r] = await tx.select().from(establishmentRequests).where(eq(establishmentRequests.id, id)).for('update');
        if (!r) fail('NOT_FOUND', 'No such establishment request.', ['input', field]);
        if (r.kind !== kind) fail('VALIDATION', `That is a ${r.kind}, not a ${kind}.`, ['input', field]);
        if (r.countyCode !== county)
          fail('VALIDATION', `That ${kind} is of ${r.countyCode}, not ${county}.`, ['input', field]);
        if (r.category !== inp.category)
          fail('VALIDATION', `That ${kind} is for ${r.category} posts.`, ['input', field]);
        if (r.status === 'SETTLED' || r.status === 'REJECTED')
          fail('INVALID_STATE', `That ${kind} is ${r.status}.`, ['input', field]);
        const open = r.quantity - r.settledQuantity;
        if (inp.quantity > open)
          fail('VALIDATION', `That ${kind} has ${open} posts outstanding; ${inp.quantity} is more.`, [
            'input',
            'quantity',
          ]);
        const settled = r.settledQuantity + inp.quantity;
        const [after] = await tx
          .update(establishmentRequests)
          .set({
            settledQuantity: settled,
            status: settled === r.quantity ? 'SETTLED' : 'PARTLY_SETTLED',
            updatedAt: sql`now()`,
          })
          .where(eq(establishmentRequests.id, r.id))
          .returning();
        return requestChange(r, after);
      };
      const changes: Change[] = [];
      const requestChangeEvent = await settle(
        inp.establishmentRequestId,
        'REQUEST',
        inp.toCode,
        'establishmentRequestId',
      );
      const offerChangeEvent = await settle(inp.establishmentOfferId, 'OFFER', inp.fromCode, 'establishmentOfferId');

      const move = async (h: typeof from, delta: number) => {
        const [after] = await tx
          .update(establishmentHoldings)
          .set({ approved: sql`${establishmentHoldings.approved} + ${delta}`, updatedAt: sql`now()` })
          .where(
            sql`${establishmentHoldings.holderCode} = ${h.holderCode} and ${establishmentHoldings.category} = ${h.category}`,
          )
          .returning();
        changes.push(holdingChange(h, after));
      };
      await move(from, -inp.quantity);
      await move(to, inp.quantity);
      const [transfer] = await tx
        .insert(establishmentTransfers)
        .values({
          cityCode: city,
          fromCode: inp.fromCode,
          toCode: inp.toCode,
          category: inp.category,
          quantity: inp.quantity,
          requestId: inp.establishmentRequestId ?? null,
          offerId: inp.establishmentOfferId ?? null,
          reason: inp.reason,
          approvedBy: ctx.viewer.actor,
        })
        .returning();
      changes.push({ ...transferChange(transfer, city), after: { ...transfer, authority: lead } });
      if (requestChangeEvent) changes.push(requestChangeEvent);
      if (offerChangeEvent) changes.push(offerChangeEvent);
      await recordChanges(tx, ctx, changes);
      return transfer;
    }),
});
