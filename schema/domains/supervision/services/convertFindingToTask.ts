import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { fail, UserErrors } from '../../../errors.js';
import { levelOf, writeDenial } from '../../access/jurisdiction.js';
import { recordChanges } from '../../audit/record.js';
import { schools } from '../../organisation/table.js';
import { createRectificationTask } from '../../responsibility/services/createRectificationTask.js';
import { isoDate, optionalText, requiredText } from '../../responsibility/validate.js';
import { zRowId } from '../../shared/ids.js';
import { defineVerb } from '../../shared/verb.js';
import { FINDING_TYPE } from '../ids.js';
import { findingKey, findingSnapshot } from '../inspections.js';
import { within } from '../nested.js';
import { inspectionFindings } from '../table.js';

const input = z.object({
  findingId: zRowId(FINDING_TYPE),
  title: requiredText(200),
  acceptanceStandard: requiredText(2000),
  startDate: isoDate.nullish(),
  deadline: isoDate,
  description: optionalText(4000).nullish(),
});
export type ConvertFindingToTaskInput = z.input<typeof input>;

/**
 * Turns a finding into a rectification task (发现问题转整改任务) for the inspected unit, on the
 * matter it violates, through createRectificationTask (same jurisdiction and list rules); the
 * task's flow — reports, warning, acceptance — continues there. A finding becomes one task.
 */
export const convertFindingToTask = defineVerb({
  permission: 'rectificationTask',
  input,
  run: (ctx, input) =>
    ctx.db.transaction(async (tx) => {
      const path = ['input', 'findingId'];
      const [finding] = await tx
        .select()
        .from(inspectionFindings)
        .where(eq(inspectionFindings.id, input.findingId))
        .for('update');
      if (!finding) fail('NOT_FOUND', `Finding ${input.findingId} does not exist.`, path);
      // Rights before state: the bureau over the unit opens tasks (as createRectificationTask decides).
      const denied = writeDenial(
        ctx.viewer,
        'rectificationTask',
        { regionCode: finding.regionCode, schoolId: finding.schoolId },
        path,
      );
      if (denied) throw new UserErrors([denied]);
      if (levelOf(ctx.viewer) === 'SCHOOL')
        fail('FORBIDDEN', 'Schools report progress on tasks; the city or county bureau assigns them.', path);
      if (finding.recheckPassed != null)
        fail(
          'INVALID_STATE',
          'A 回头看 re-check result is not turned into a new task; a failed re-check reopens its ' + 'task.',
          path,
        );
      if (finding.taskId != null) fail('INVALID_STATE', 'The finding has already become a task.', path);
      let schoolCode: string | null = null;
      if (finding.schoolId != null) {
        [{ code: schoolCode }] = await tx
          .select({ code: schools.code })
          .from(schools)
          .where(eq(schools.id, finding.schoolId));
      }
      const task = await within(
        ctx,
        tx,
        (inner) =>
          createRectificationTask(inner, {
            itemKey: finding.itemKey,
            ...(schoolCode ? { schoolCode } : { regionCode: finding.regionCode }),
            title: input.title,
            description: input.description || finding.description,
            acceptanceStandard: input.acceptanceStandard,
            startDate: input.startDate ?? null,
            deadline: input.deadline,
          }),
        ['title', 'acceptanceStandard', 'startDate', 'deadline', 'description'],
        path,
      );
      const [after] = await tx
        .update(inspectionFindings)
        .set({ taskId: task.id })
        .where(eq(inspectionFindings.id, finding.id))
        .returning();
      await recordChanges(tx, ctx, [
        {
          action: 'UPDATE',
          entityType: 'InspectionFinding',
          entityKey: findingKey(finding),
          regionCode: finding.regionCode,
          before: findingSnapshot(finding),
          after: findingSnapshot(after),
        },
      ]);
      return after;
    }),
});
