import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { fail } from '../../../errors.js';
import { recordChanges } from '../../audit/record.js';
import { zRowId } from '../../shared/ids.js';
import { defineVerb } from '../../shared/verb.js';
import { TASK_TYPE } from '../ids.js';
import { actsForUnit, lockTask, taskKey, taskSnapshot } from '../tasks.js';
import { rectificationReports, rectificationTasks } from '../table.js';
import { requiredText } from '../validate.js';

const schema = z.object({
  taskId: zRowId(TASK_TYPE),
  progress: z.number().int().min(0, 'must be between 0 and 100').max(100, 'must be between 0 and 100'),
  note: requiredText(4000),
  evidence: z
    .array(z.url({ protocol: /^https?$/, error: 'must be an http(s) link' }))
    .max(20)
    .nullish(),
});
export type ReportTaskProgressInput = z.input<typeof schema>;

/**
 * The responsible unit reports progress (进展报告): percentage, note and evidence links.
 * Reporting 100% puts the task up for acceptance; an accepted task takes no more reports.
 */
export const reportTaskProgress = defineVerb({
  permission: 'rectificationTask',
  input: schema,
  run: async (ctx, input) => {
    return ctx.db.transaction(async (tx) => {
      const path = ['input', 'taskId'];
      const { task } = await lockTask(tx, ctx.viewer, input.taskId, path);
      if (!actsForUnit(ctx.viewer, task))
        fail('FORBIDDEN', 'Only the responsible unit reports progress on its task.', path);
      if (task.status === 'ACCEPTED') fail('INVALID_STATE', 'The task has been accepted and closed (已销号).', path);
      const [report] = await tx
        .insert(rectificationReports)
        .values({
          taskId: task.id,
          progress: input.progress,
          note: input.note,
          evidence: input.evidence ?? [],
          reporter: ctx.viewer.actor,
        })
        .returning();
      const [after] = await tx
        .update(rectificationTasks)
        .set({
          progress: input.progress,
          status: input.progress === 100 ? 'AWAITING_ACCEPTANCE' : 'IN_PROGRESS',
          lastReportedAt: report.reportedAt,
          updatedAt: report.reportedAt,
        })
        .where(eq(rectificationTasks.id, task.id))
        .returning();
      await recordChanges(tx, ctx, [
        {
          action: 'UPDATE',
          entityType: 'RectificationTask',
          entityKey: taskKey(task),
          regionCode: task.regionCode,
          before: { ...taskSnapshot(task), report: null },
          after: {
            ...taskSnapshot(after),
            report: { progress: report.progress, note: report.note, evidence: report.evidence },
          },
        },
      ]);
      return after;
    });
  },
});
