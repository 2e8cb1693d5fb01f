import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../context.js';
import { fail } from '../../errors.js';
import type { Viewer } from '../access/viewer.js';
import { actsAt, isUnitAt, writeDenial, type Place } from '../access/jurisdiction.js';
import { schools } from '../organisation/table.js';
import type { Assignment } from './rules.js';
import { rectificationTasks, responsibilityAssignments } from './table.js';

export type TaskRow = typeof rectificationTasks.$inferSelect;

export const taskPlace = (t: Pick<TaskRow, 'regionCode' | 'schoolId'>): Place => ({
  regionCode: t.regionCode,
  schoolId: t.schoolId,
});

/** Whether the viewer acts for the task's responsible unit: the unit itself, or a school's county bureau. */
export function actsForUnit(viewer: Viewer, t: Pick<TaskRow, 'regionCode' | 'schoolId'>): boolean {
  if (viewer.kind === 'system') return true;
  const place = taskPlace(t);
  return (
    isUnitAt(viewer, place) || (place.schoolId != null && actsAt(viewer, 'COUNTY', { regionCode: place.regionCode }))
  );
}

/** A task locked for update, with its item's assignments; FORBIDDEN outside the caller's jurisdiction. */
export async function lockTask(tx: DbOrTx, viewer: Viewer, taskId: number, path: (string | number)[]) {
  const [task] = await tx.select().from(rectificationTasks).where(eq(rectificationTasks.id, taskId)).for('update');
  if (!task) fail('NOT_FOUND', `Rectification task ${taskId} does not exist.`, path);
  const denied = writeDenial(viewer, 'rectificationTask', taskPlace(task), path);
  if (denied) fail(denied.code, denied.message, denied.path);
  const assignments: Assignment[] = await tx
    .select({ level: responsibilityAssignments.level, role: responsibilityAssignments.role })
    .from(responsibilityAssignments)
    .where(eq(responsibilityAssignments.itemId, task.itemId));
  return { task, assignments };
}

export function taskKey(t: Pick<TaskRow, 'id'>): string {
  return `task:${t.id}`;
}

export function taskSnapshot(t: TaskRow) {
  return {
    itemKey: t.itemKey,
    regionCode: t.regionCode,
    schoolId: t.schoolId,
    title: t.title,
    acceptanceStandard: t.acceptanceStandard,
    startDate: t.startDate,
    deadline: t.deadline,
    status: t.status,
    progress: t.progress,
  };
}

export async function schoolByCode(db: DbOrTx, code: string) {
  const [s] = await db
    .select({ id: schools.id, code: schools.code, countyCode: schools.countyCode })
    .from(schools)
    .where(eq(schools.code, code));
  return s ?? null;
}
