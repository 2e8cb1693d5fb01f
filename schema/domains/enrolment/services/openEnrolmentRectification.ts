import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { fail } from '../../../errors.js';
import { createRectificationTask } from '../../responsibility/services/createRectificationTask.js';
import { zRowId } from '../../shared/ids.js';
import { defineVerb } from '../../shared/verb.js';
import type { CheckKind } from '../checks.js';
import { canReadPlan, loadLines, PLAN_TYPE, planKey, schoolByCode } from '../planRecords.js';
import { writeDenial } from '../../access/jurisdiction.js';
import { checkLines } from '../planChecks.js';
import { enrolmentPlans } from '../table.js';
import { requiredText, schoolCode } from '../validate.js';
import { isoDate } from '../../responsibility/validate.js';

/** The responsibility-list matter each check belongs to (the task hangs off it). */
const MATTER_OF_CHECK: Record<CheckKind, string> = {
  BOUNDARY: 'ENROLMENT.ADMISSION_BOUNDARIES',
  PLAN_EXCEEDED: 'ENROLMENT.ADMISSION_QUOTA',
  QUOTA_SHARE: 'ENROLMENT.ADMISSION_RULES',
};

const input = z.object({
  planId: zRowId(PLAN_TYPE),
  schoolCode,
  check: z.enum(['BOUNDARY', 'PLAN_EXCEEDED', 'QUOTA_SHARE']),
  deadline: isoDate,
  acceptanceStandard: requiredText(2000),
});
export type OpenEnrolmentRectificationInput = z.input<typeof input>;

/**
 * Opens a rectification task (整改任务) for a failed check (RED or YELLOW) of a school in a
 * published plan, through createRectificationTask: on the check's matter, for the school's
 * county (the level that implements enrolment), described by the check's finding.
 */
export const openEnrolmentRectification = defineVerb({
  permission: 'rectificationTask',
  input,
  run: async (ctx, input) => {
    // The task is the school's county's: the caller must be able to assign it there.
    const school = await schoolByCode(ctx.db, input.schoolCode);
    if (!school) fail('NOT_FOUND', `School ${input.schoolCode} does not exist.`, ['input', 'schoolCode']);
    const denied = writeDenial(ctx.viewer, 'rectificationTask', { regionCode: school.countyCode }, [
      'input',
      'schoolCode',
    ]);
    if (denied) fail(denied.code, denied.message, denied.path);
    const [plan] = await ctx.db.select().from(enrolmentPlans).where(eq(enrolmentPlans.id, input.planId));
    if (!plan || !canReadPlan(ctx.viewer, plan))
      fail('NOT_FOUND', `Enrolment plan ${input.planId} does not exist.`, ['input', 'planId']);
    if (plan.status === 'DRAFT')
      fail('INVALID_STATE', `Plan ${planKey(plan)} is a draft; checks open tasks on published plans.`, [
        'input',
        'planId',
      ]);
    const line = (await loadLines(ctx.db, [plan.id])).get(plan.id)!.find((c) => c.schoolCode === input.schoolCode);
    if (!line)
      fail('NOT_FOUND', `Plan ${planKey(plan)} does not list school ${input.schoolCode}.`, ['input', 'schoolCode']);
    const item = (await checkLines(ctx.db, plan, [line])).get(line.line.id)!.items.find((i) => i.kind === input.check)!;
    if (item.status === 'GREEN')
      fail('INVALID_STATE', `The ${input.check} check of ${input.schoolCode} is GREEN: nothing to rectify.`, [
        'input',
        'check',
      ]);
    return createRectificationTask(ctx, {
      itemKey: MATTER_OF_CHECK[input.check],
      regionCode: line.line.countyCode,
      title: `${plan.year}年招生检查整改（${input.schoolCode}，${input.check}）`,
      description: `${item.status}: ${item.message}`,
      acceptanceStandard: input.acceptanceStandard,
      deadline: input.deadline,
    });
  },
});
