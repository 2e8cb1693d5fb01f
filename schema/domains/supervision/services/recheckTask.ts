import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { fail, UserError, UserErrors } from '../../../errors.js';
import { findingWriteDenial } from '../../access/jurisdiction.js';
import { recordChanges, type Change } from '../../audit/record.js';
import { schools } from '../../organisation/table.js';
import { TASK_TYPE } from '../../responsibility/ids.js';
import { todayCst } from '../../responsibility/dates.js';
import { rectificationTasks } from '../../responsibility/table.js';
import { taskKey, taskSnapshot } from '../../responsibility/tasks.js';
import { isoDate, requiredText } from '../../responsibility/validate.js';
import { zRowId } from '../../shared/ids.js';
import { defineVerb } from '../../shared/verb.js';
import { nowOf } from '../clock.js';
import { INSPECTION_TYPE } from '../ids.js';
import { findingKey, findingSnapshot, inScope, loadInspection } from '../inspections.js';
import { inspectionFindings } from '../table.js';
import { evidenceLinks } from '../evidence.js';

const input = z.object({
  inspectionId: zRowId(INSPECTION_TYPE),
  taskId: zRowId(TASK_TYPE),
  passed: z.boolean(),
  description: requiredText(4000),
  evidence: evidenceLinks.nullish(),
  /** When the re-check fails: the new deadline and the inspector's view of the real progress. */
  reopenDeadline: isoDate.nullish(),
  assessedProgress: z.number().int().min(0, 'must be between 0 and 99').max(99, 'must be between 0 and 99').nullish(),
});
export type RecheckTaskInput = z.input<typeof input>;

/**
 * 回头看: a FOLLOW_UP inspection re-checks an accepted task. The result is recorded as a
 * finding on the task's unit; a failed re-check reopens the task (back to IN_PROGRESS at the
 * assessed progress, with a new deadline), so it is reported, warned and accepted again.
 */
export const recheckTask = defineVerb({
  permission: 'inspectionFinding',
  input,
  run: (ctx, input) =>
    ctx.db.transaction(async (tx) => {
      const { inspection, place, actors } = await loadInspection(tx, input.inspectionId, ['input', 'inspectionId']);
      const denied = findingWriteDenial(ctx.viewer, { place, inspectors: actors }, ['input', 'inspectionId']);
      if (denied) throw new UserErrors([denied]);
      if (inspection.kind !== 'FOLLOW_UP')
        fail('INVALID_STATE', 'Only a FOLLOW_UP (回头看) inspection re-checks accepted tasks.', [
          'input',
          'inspectionId',
        ]);
      const taskPath = ['input', 'taskId'];
      const [task] = await tx
        .select()
        .from(rectificationTasks)
        .where(eq(rectificationTasks.id, input.taskId))
        .for('update');
      if (!task) fail('NOT_FOUND', `Rectification task ${input.taskId} does not exist.`, taskPath);
      let schoolCode: string | null = null;
      if (task.schoolId != null)
        [{ code: schoolCode }] = await tx
          .select({ code: schools.code })
          .from(schools)
          .where(eq(schools.id, task.schoolId));
      if (!inScope(inspection, { regionCode: task.regionCode, schoolId: task.schoolId }, schoolCode))
        fail('VALIDATION', 'The task’s unit is outside the inspection’s scope.', taskPath);
      if (task.status !== 'ACCEPTED')
        fail('INVALID_STATE', `The task is ${task.status}; 回头看 re-checks accepted tasks.`, taskPath);
      if (!input.passed) {
        const missing: UserError[] = [];
        if (!input.reopenDeadline)
          missing.push(
            new UserError('REQUIRED', 'A failed re-check reopens the task: give its new deadline.', [
              'input',
              'reopenDeadline',
            ]),
          );
        else if (input.reopenDeadline < todayCst(nowOf(ctx)))
          missing.push(new UserError('VALIDATION', 'The new deadline is in the past.', ['input', 'reopenDeadline']));
        if (input.assessedProgress == null)
          missing.push(
            new UserError('REQUIRED', 'A failed re-check reopens the task: give the assessed progress.', [
              'input',
              'assessedProgress',
            ]),
          );
        if (missing.length) throw new UserErrors(missing);
      }
      const [finding] = await tx
        .insert(inspectionFindings)
        .values({
          inspectionId: inspection.id,
          regionCode: task.regionCode,
          schoolId: task.schoolId,
          severity: input.passed ? 'MINOR' : 'MAJOR',
          itemKey: task.itemKey,
          description: input.description,
          evidence: input.evidence ?? [],
          taskId: task.id,
          recheckPassed: input.passed,
          recordedBy: ctx.viewer.actor,
        })
        .returning();
      const changes: Change[] = [
        {
          action: 'CREATE',
          entityType: 'InspectionFinding',
          entityKey: findingKey(finding),
          regionCode: finding.regionCode,
          before: null,
          after: findingSnapshot(finding),
        },
      ];
      if (!input.passed) {
        const now = nowOf(ctx).toISOString();
        const [reopened] = await tx
          .update(rectificationTasks)
          .set({
            status: 'IN_PROGRESS',
            progress: input.assessedProgress!,
            deadline: input.reopenDeadline!,
            acceptedAt: null,
            updatedAt: now,
          })
          .where(eq(rectificationTasks.id, task.id))
          .returning();
        changes.push({
          action: 'UPDATE',
          entityType: 'RectificationTask',
          entityKey: taskKey(task),
          regionCode: task.regionCode,
          before: taskSnapshot(task),
          after: { ...taskSnapshot(reopened), reopenedBy: { inspectionId: inspection.id, findingId: finding.id } },
        });
      }
      await recordChanges(tx, ctx, changes);
      return finding;
    }),
});
