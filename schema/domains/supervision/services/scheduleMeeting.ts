import { eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { fail, UserError, UserErrors } from '../../../errors.js';
import { regionCovers, writeDenial } from '../../access/jurisdiction.js';
import { recordChanges } from '../../audit/record.js';
import { TASK_TYPE } from '../../responsibility/ids.js';
import { rectificationTasks } from '../../responsibility/table.js';
import { isoDate, requiredText } from '../../responsibility/validate.js';
import { zRowId } from '../../shared/ids.js';
import { defineVerb } from '../../shared/verb.js';
import { FINDING_TYPE, meetingKey, RAPID_REQUEST_TYPE } from '../ids.js';
import { coordinationMeetings, inspectionFindings, meetingAgendaItems, rapidRequests } from '../table.js';
import { regionOrFail } from '../units.js';

const input = z.object({
  regionCode: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'must be a 6-digit GB/T 2260 code'),
  kind: z.enum(['QUARTERLY_COORDINATION', 'CONSULTATION']),
  title: requiredText(200),
  heldOn: isoDate,
  participants: z.array(requiredText(100)).min(1, 'name at least one participating unit').max(50),
  agenda: z
    .array(
      z.object({
        title: requiredText(200),
        taskId: zRowId(TASK_TYPE).nullish(),
        findingId: zRowId(FINDING_TYPE).nullish(),
        rapidRequestId: zRowId(RAPID_REQUEST_TYPE).nullish(),
      }),
    )
    .max(50)
    .nullish(),
});
export type ScheduleMeetingInput = z.input<typeof input>;

/**
 * Convenes a coordination meeting (季度协调会 / 会商) with participating units and an agenda
 * whose items may point at tasks, findings and 快速响应 requests inside the convener's
 * jurisdiction. Decisions are added with recordMeetingDecision.
 */
export const scheduleMeeting = defineVerb({
  permission: 'coordinationMeeting',
  input,
  run: (ctx, input) =>
    ctx.db.transaction(async (tx) => {
      const path = ['input', 'regionCode'];
      const region = await regionOrFail(tx, input.regionCode, path);
      if (region.level === 'PROVINCE') fail('VALIDATION', 'A city or county bureau convenes.', path);
      const denied = writeDenial(ctx.viewer, 'coordinationMeeting', { regionCode: region.code }, path);
      if (denied) throw new UserErrors([denied]);
      const agenda = input.agenda ?? [];
      const ids = (k: 'taskId' | 'findingId' | 'rapidRequestId') =>
        agenda.map((a) => a[k]).filter((x): x is number => x != null);
      const tasks = ids('taskId').length
        ? await tx
            .select({ id: rectificationTasks.id, regionCode: rectificationTasks.regionCode })
            .from(rectificationTasks)
            .where(inArray(rectificationTasks.id, ids('taskId')))
        : [];
      const findings = ids('findingId').length
        ? await tx
            .select({ id: inspectionFindings.id, regionCode: inspectionFindings.regionCode })
            .from(inspectionFindings)
            .where(inArray(inspectionFindings.id, ids('findingId')))
        : [];
      const requests = ids('rapidRequestId').length
        ? await tx
            .select({ id: rapidRequests.id, regionCode: rapidRequests.regionCode })
            .from(rapidRequests)
            .where(inArray(rapidRequests.id, ids('rapidRequestId')))
        : [];
      const problems: UserError[] = [];
      agenda.forEach((a, i) => {
        const check = (
          field: 'taskId' | 'findingId' | 'rapidRequestId',
          rows: { id: number; regionCode: string }[],
          what: string,
        ) => {
          const id = a[field];
          if (id == null) return;
          const row = rows.find((r) => r.id === id);
          const at = ['input', 'agenda', i, field];
          if (!row) problems.push(new UserError('NOT_FOUND', `${what} ${id} does not exist.`, at));
          else if (!regionCovers(region.code, row.regionCode))
            problems.push(new UserError('FORBIDDEN', `${what} ${id} is outside ${region.code}.`, at));
        };
        check('taskId', tasks, 'Rectification task');
        check('findingId', findings, 'Finding');
        check('rapidRequestId', requests, 'Rapid-response request');
      });
      if (problems.length) throw new UserErrors(problems);
      const [meeting] = await tx
        .insert(coordinationMeetings)
        .values({
          regionCode: region.code,
          kind: input.kind,
          title: input.title,
          heldOn: input.heldOn,
          participants: input.participants,
          createdBy: ctx.viewer.actor,
        })
        .returning();
      if (agenda.length) {
        await tx.insert(meetingAgendaItems).values(
          agenda.map((a, i) => ({
            meetingId: meeting.id,
            position: i + 1,
            title: a.title,
            taskId: a.taskId ?? null,
            findingId: a.findingId ?? null,
            rapidRequestId: a.rapidRequestId ?? null,
          })),
        );
      }
      await recordChanges(tx, ctx, [
        {
          action: 'CREATE',
          entityType: 'CoordinationMeeting',
          entityKey: meetingKey(meeting),
          regionCode: meeting.regionCode,
          before: null,
          after: {
            kind: meeting.kind,
            title: meeting.title,
            heldOn: meeting.heldOn,
            participants: meeting.participants,
            agenda: agenda.map((a) => ({
              title: a.title,
              taskId: a.taskId ?? null,
              findingId: a.findingId ?? null,
              rapidRequestId: a.rapidRequestId ?? null,
            })),
          },
        },
      ]);
      const [fresh] = await tx.select().from(coordinationMeetings).where(eq(coordinationMeetings.id, meeting.id));
      return fresh;
    }),
});
