import { z } from 'zod';
import { fail, UserErrors } from '../../../errors.js';
import { recordChanges } from '../../audit/record.js';
import { REGION_CODE } from '../../organisation/codes.js';
import { leadRight } from '../../responsibility/leadRight.js';
import { isoDate } from '../../responsibility/validate.js';
import { defineVerb } from '../../shared/verb.js';
import { REQUIRED_MESSAGE } from '../../shared/zodErrors.js';
import { evidenceUrl } from '../evidence.js';
import { allocationOf, paidSums, programmeByCode } from '../lookup.js';
import { matchingRequired, zFen } from '../money.js';
import { fundingPaymentKind, fundingPayments } from '../table.js';

const input = z.object({
  programmeCode: z.string().trim().min(1, REQUIRED_MESSAGE).max(40),
  countyCode: z.string().trim().regex(REGION_CODE, 'must be a 6-digit GB/T 2260 code'),
  kind: z.enum(fundingPaymentKind.enumValues),
  amountFen: zFen.refine((n) => n > 0, 'must be positive'),
  paidOn: isoDate,
  evidenceUrl,
});
export type RecordFundingPaymentInput = z.input<typeof input>;

/**
 * Records money paid on an allocation: the city's disbursement to the county (led by
 * FUNDING.CITY_COORDINATION) or the county's matching (县级配套, led by FUNDING.COUNTY_MATCHING).
 * The allocation is locked; disbursements never exceed it, matching never exceeds what the
 * programme's ratio requires (so "paid in full" is exact).
 */
export const recordFundingPayment = defineVerb({
  permission: 'fundingPayment',
  input,
  run: (ctx, inp) =>
    ctx.db.transaction(async (tx) => {
      const p = await programmeByCode(tx, inp.programmeCode, ['input', 'programmeCode']);
      const matter = inp.kind === 'DISBURSEMENT' ? 'FUNDING.CITY_COORDINATION' : 'FUNDING.COUNTY_MATCHING';
      const place = inp.kind === 'DISBURSEMENT' ? p.cityCode : inp.countyCode;
      const { denied } = await leadRight(tx, ctx.viewer, matter, [{ regionCode: place }], ['input', 'countyCode']);
      if (denied) throw new UserErrors([denied]);
      const allocation = await allocationOf(tx, p.id, inp.countyCode, true);
      if (!allocation)
        fail('NOT_FOUND', `Programme ${p.code} has no allocation for ${inp.countyCode}.`, ['input', 'countyCode']);
      const paid = (await paidSums(tx, [allocation.id])).get(allocation.id)!;
      if (inp.kind === 'DISBURSEMENT' && paid.disbursed + inp.amountFen > allocation.amountFen) {
        fail('OVER_CAPACITY', `${allocation.amountFen - paid.disbursed} 分 of the allocation remain to disburse.`, [
          'input',
          'amountFen',
        ]);
      }
      const required = matchingRequired(allocation.amountFen, p.matchingRatioBp);
      if (inp.kind === 'MATCHING' && paid.matching + inp.amountFen > required) {
        fail('OVER_CAPACITY', `${required - paid.matching} 分 of matching remain due (${required} required).`, [
          'input',
          'amountFen',
        ]);
      }
      const [payment] = await tx
        .insert(fundingPayments)
        .values({
          allocationId: allocation.id,
          countyCode: inp.countyCode,
          kind: inp.kind,
          amountFen: inp.amountFen,
          paidOn: inp.paidOn,
          evidenceUrl: inp.evidenceUrl,
          recordedBy: ctx.viewer.actor,
        })
        .returning();
      await recordChanges(tx, ctx, [
        {
          action: 'CREATE',
          entityType: 'FundingPayment',
          entityKey: String(payment.id),
          regionCode: inp.countyCode,
          before: null,
          after: payment,
        },
      ]);
      return payment;
    }),
});
