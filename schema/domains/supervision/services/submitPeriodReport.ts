import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Context } from '../../../context.js';
import { fail, UserError, UserErrors } from '../../../errors.js';
import { isUnitAt, regionCovers, writeDenial } from '../../access/jurisdiction.js';
import { recordChanges } from '../../audit/record.js';
import { TASK_TYPE } from '../../responsibility/ids.js';
import { reportTaskProgress } from '../../responsibility/services/reportTaskProgress.js';
import { rectificationTasks } from '../../responsibility/table.js';
import { requiredText } from '../../responsibility/validate.js';
import { zRowId } from '../../shared/ids.js';
import { defineVerb } from '../../shared/verb.js';
import { nowOf } from '../clock.js';
import { PERIOD_TYPE, taskGlobal } from '../ids.js';
import { endOfDayCst } from '../periods.js';
import { periodReports, periodReportTasks, reportingPeriods } from '../table.js';
import { regionOrFail } from '../units.js';
import { evidenceLinks } from '../evidence.js';

const input = z.object({
  periodId: zRowId(PERIOD_TYPE),
  regionCode: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'must be a 6-digit GB/T 2260 code'),
  narrative: requiredText(8000),
  attachments: evidenceLinks.nullish(),
  tasks: z
    .array(
      z.object({
        taskId: zRowId(TASK_TYPE),
        progress: z.number().int().min(0, 'must be between 0 and 100').max(100, 'must be between 0 and 100'),
        note: requiredText(4000),
        evidence: evidenceLinks.nullish(),
      }),
    )
    .max(100),
});
export type SubmitPeriodReportInput = z.input<typeof input>;

/**
 * A responsible unit's report for a reporting period (调度报告): narrative, attachment links
 * and progress on each of its tasks (and its schools'), each passed on as a progress report
 * (reportTaskProgress), so warnings and acceptance follow. One report per unit and period;
 * submitted after the due date it counts as LATE.
 */
export const submitPeriodReport = defineVerb({
  permission: 'periodReport',
  input,
  run: (ctx, input) =>
    ctx.db.transaction(async (tx) => {
      const [period] = await tx.select().from(reportingPeriods).where(eq(reportingPeriods.id, input.periodId));
      if (!period) fail('NOT_FOUND', `Reporting period ${input.periodId} does not exist.`, ['input', 'periodId']);
      const unitPath = ['input', 'regionCode'];
      await regionOrFail(tx, input.regionCode, unitPath);
      if (!regionCovers(period.regionCode, input.regionCode))
        fail('VALIDATION', `${input.regionCode} is not under ${period.regionCode}, whose period this is.`, unitPath);
      const denied = writeDenial(ctx.viewer, 'periodReport', { regionCode: input.regionCode }, unitPath);
      if (denied) throw new UserErrors([denied]);
      if (ctx.viewer.kind !== 'system' && !isUnitAt(ctx.viewer, { regionCode: input.regionCode })) {
        fail('FORBIDDEN', 'A unit reports for itself: the bureau of that region.', unitPath);
      }
      const now = nowOf(ctx);
      if (now < new Date(endOfDayCst(period.startDate).getTime() - 86_400_000))
        fail('INVALID_STATE', `The period ${period.label} has not started.`, ['input', 'periodId']);
      const [already] = await tx
        .select({ id: periodReports.id })
        .from(periodReports)
        .where(and(eq(periodReports.periodId, period.id), eq(periodReports.regionCode, input.regionCode)));
      if (already)
        fail('CONFLICT', `${input.regionCode} has already reported for ${period.label}.`, ['input', 'periodId']);
      const problems: UserError[] = [];
      const ids = input.tasks.map((t) => t.taskId);
      const owned = ids.length
        ? await tx
            .select({ id: rectificationTasks.id, regionCode: rectificationTasks.regionCode })
            .from(rectificationTasks)
            .where(inArray(rectificationTasks.id, ids))
        : [];
      input.tasks.forEach((t, i) => {
        const path = ['input', 'tasks', i, 'taskId'];
        const task = owned.find((o) => o.id === t.taskId);
        if (ids.indexOf(t.taskId) !== i) problems.push(new UserError('DUPLICATE', 'The task is listed twice.', path));
        else if (!task)
          problems.push(new UserError('NOT_FOUND', `Rectification task ${t.taskId} does not exist.`, path));
        else if (task.regionCode !== input.regionCode)
          problems.push(
            new UserError(
              'VALIDATION',
              `The task is not ${input.regionCode}'s (its unit is in ${task.regionCode}).`,
              path,
            ),
          );
      });
      if (problems.length) throw new UserErrors(problems);
      const [report] = await tx
        .insert(periodReports)
        .values({
          periodId: period.id,
          regionCode: input.regionCode,
          narrative: input.narrative,
          attachments: input.attachments ?? [],
          submittedAt: now.toISOString(),
          submittedBy: ctx.viewer.actor,
        })
        .returning();
      const inner: Context = { ...ctx, db: tx as unknown as Context['db'] };
      for (const [i, t] of input.tasks.entries()) {
        try {
          await reportTaskProgress(inner, {
            taskId: taskGlobal(t.taskId),
            progress: t.progress,
            note: t.note,
            evidence: t.evidence ?? [],
          });
        } catch (err) {
          if (!(err instanceof UserErrors)) throw err;
          throw new UserErrors(
            err.errors.map((e) => new UserError(e.code, e.message, ['input', 'tasks', i, ...e.path.slice(1)])),
          );
        }
      }
      if (input.tasks.length)
        await tx
          .insert(periodReportTasks)
          .values(
            input.tasks.map((t) => ({ reportId: report.id, taskId: t.taskId, progress: t.progress, note: t.note })),
          );
      const due = endOfDayCst(period.dueDate);
      await recordChanges(tx, ctx, [
        {
          action: 'CREATE',
          entityType: 'PeriodReport',
          entityKey: `report:${period.id}:${input.regionCode}`,
          regionCode: input.regionCode,
          before: null,
          after: {
            period: period.label,
            narrative: report.narrative,
            attachments: report.attachments,
            submittedAt: report.submittedAt,
            late: now >= due,
            tasks: input.tasks.map((t) => ({ taskId: t.taskId, progress: t.progress, note: t.note })),
          },
        },
      ]);
      return report;
    }),
});
