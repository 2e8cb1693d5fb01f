import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Context } from '../../context.js';
import { fail } from '../../errors.js';
import { isUnitAt, levelOf } from '../access/jurisdiction.js';
import { recordChanges } from '../audit/record.js';
import { zRowId } from '../shared/ids.js';
import { TASK_TYPE } from './ids.js';
import { acceptingLevels } from './rules.js';
import { lockTask, taskKey, taskPlace, taskSnapshot } from './tasks.js';
import { rectificationReviews, rectificationTasks } from './table.js';
import { requiredText } from './validate.js';

/** The review of a task reported complete (验收): accepted and closed, or sent back to the unit. */
export const acceptSchema = z.object({ taskId: zRowId(TASK_TYPE), note: requiredText(4000) });
export const rejectSchema = acceptSchema.extend({
  /** The reviewer's view of how far the work really is, 0–99: the task's progress from now on. */
  assessedProgress: z.number().int().min(0, 'must be between 0 and 99').max(99, 'must be between 0 and 99'),
});

/**
 * Only the supervising level of the task's item decides (the item's SUPERVISE levels, or the
 * city when it names none), within its jurisdiction, and never on its own task; only tasks
 * reported complete (AWAITING_ACCEPTANCE) are reviewed.
 */
export async function reviewTask(ctx: Context, input: { taskId: number; note: string }, rejectTo: number | null) {
  const path = ['input', 'taskId'];
  return ctx.db.transaction(async (tx) => {
    const { task, assignments } = await lockTask(tx, ctx.viewer, input.taskId, path);
    const allowed = acceptingLevels({ assignments });
    const level = ctx.viewer.kind === 'system' ? allowed[0] : levelOf(ctx.viewer);
    if (!level || !allowed.includes(level)) {
      fail(
        'FORBIDDEN',
        `Only the supervising level (${allowed.join(', ')}) of ${task.itemKey} accepts or rejects its tasks.`,
        path,
      );
    }
    if (isUnitAt(ctx.viewer, taskPlace(task))) {
      fail('FORBIDDEN', 'The responsible unit cannot review its own task.', path);
    }
    if (task.status !== 'AWAITING_ACCEPTANCE') {
      fail('INVALID_STATE', `The task is ${task.status}; only a task reported 100% complete is reviewed.`, path);
    }
    const now = new Date().toISOString();
    await tx.insert(rectificationReviews).values({
      taskId: task.id,
      decision: rejectTo == null ? 'ACCEPTED' : 'REJECTED',
      note: input.note,
      reviewer: ctx.viewer.actor,
      reviewerLevel: level,
      reviewedAt: now,
    });
    const [after] = await tx
      .update(rectificationTasks)
      .set(
        rejectTo == null
          ? { status: 'ACCEPTED', acceptedAt: now, updatedAt: now }
          : { status: 'IN_PROGRESS', progress: rejectTo, updatedAt: now },
      )
      .where(eq(rectificationTasks.id, task.id))
      .returning();
    await recordChanges(tx, ctx, [
      {
        action: 'UPDATE',
        entityType: 'RectificationTask',
        entityKey: taskKey(task),
        regionCode: task.regionCode,
        before: { ...taskSnapshot(task), review: null },
        after: {
          ...taskSnapshot(after),
          review: { decision: rejectTo == null ? 'ACCEPTED' : 'REJECTED', note: input.note, level },
        },
      },
    ]);
    return after;
  });
}
