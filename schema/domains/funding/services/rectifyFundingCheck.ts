import { z } from 'zod';
import { fail, UserErrors } from '../../../errors.js';
import { levelOf, writeDenial } from '../../access/jurisdiction.js';
import { REGION_CODE } from '../../organisation/codes.js';
import { createRectificationTask } from '../../responsibility/services/createRectificationTask.js';
import { isoDate } from '../../responsibility/validate.js';
import { defineVerb } from '../../shared/verb.js';
import { FUNDING_CHECKS, fundingChecks } from '../checks.js';

/** The responsibility item a failed check is rectified under (the county leads both). */
const ITEM_OF_CHECK: Record<(typeof FUNDING_CHECKS)[number], string> = {
  BUDGET_NOT_LOWER: 'FUNDING.PER_STUDENT_FUNDING',
  MATCHING_PAID: 'FUNDING.COUNTY_MATCHING',
  PER_PUPIL_GAP: 'FUNDING.PER_STUDENT_FUNDING',
};

const input = z.object({
  countyCode: z.string().trim().regex(REGION_CODE, 'must be a 6-digit GB/T 2260 code'),
  year: z.number().int().min(2000).max(2100),
  check: z.enum(FUNDING_CHECKS),
  deadline: isoDate,
});
export type RectifyFundingCheckInput = z.input<typeof input>;

/**
 * Opens a rectification task (整改任务) for the county on a funding check that is RED, through
 * createRectificationTask (the same rules: the city or county bureau assigns, on the item of the
 * published list). A check that is not RED is refused.
 */
export const rectifyFundingCheck = defineVerb({
  permission: 'rectificationTask',
  input,
  run: async (ctx, inp) => {
    // Jurisdiction before the check is computed: an outsider learns nothing about the county.
    if (levelOf(ctx.viewer) === 'SCHOOL')
      fail('FORBIDDEN', 'Schools report progress on tasks; the city or county bureau assigns them.', []);
    const denied = writeDenial(ctx.viewer, 'rectificationTask', { regionCode: inp.countyCode }, [
      'input',
      'countyCode',
    ]);
    if (denied) throw new UserErrors([denied]);
    const checks = await fundingChecks(ctx.db, inp.countyCode, inp.year);
    const yuan = (fen: number | null) => (fen == null ? '—' : `${(fen / 100).toFixed(2)}元`);
    let title: string;
    let failed: boolean;
    if (inp.check === 'BUDGET_NOT_LOWER') {
      failed = checks.budget.status === 'RED';
      title = `${inp.year}年教育经费预算低于上年（${yuan(checks.budget.amountFen)} < ${yuan(checks.budget.previousFen)}），落实“只增不减”`;
    } else if (inp.check === 'MATCHING_PAID') {
      const unpaid = checks.matching.filter((m) => m.status === 'RED');
      failed = unpaid.length > 0;
      title = `${inp.year}年县级配套经费未足额到位：${unpaid.map((m) => `${m.programmeName}（应配${yuan(m.requiredFen)}，已到位${yuan(m.paidFen)}）`).join('；')}`;
    } else {
      failed = checks.perPupil.status === 'RED';
      title = `${inp.year}年城乡生均公用经费差距${((checks.perPupil.gapBasisPoints ?? 0) / 100).toFixed(2)}%，超过${(checks.perPupil.limitBasisPoints / 100).toFixed(2)}%`;
    }
    if (!failed)
      fail('INVALID_STATE', `The ${inp.check} check of ${inp.countyCode} for ${inp.year} is not RED.`, [
        'input',
        'check',
      ]);
    return createRectificationTask(ctx, {
      itemKey: ITEM_OF_CHECK[inp.check],
      regionCode: inp.countyCode,
      title: title.slice(0, 200),
      acceptanceStandard: '检查项转为绿色并提交凭证',
      deadline: inp.deadline,
    });
  },
});
