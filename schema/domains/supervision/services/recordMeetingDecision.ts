import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { fail, UserErrors } from '../../../errors.js';
import { writeDenial } from '../../access/jurisdiction.js';
import { recordChanges } from '../../audit/record.js';
import { createRectificationTask } from '../../responsibility/services/createRectificationTask.js';
import { isoDate, requiredText } from '../../responsibility/validate.js';
import { zRowId } from '../../shared/ids.js';
import { defineVerb } from '../../shared/verb.js';
import { REQUIRED_MESSAGE } from '../../shared/zodErrors.js';
import { MEETING_TYPE, meetingKey } from '../ids.js';
import { within } from '../nested.js';
import { coordinationMeetings, meetingDecisions } from '../table.js';

const input = z.object({
  meetingId: zRowId(MEETING_TYPE),
  decision: requiredText(2000),
  itemKey: z.string().trim().min(1, REQUIRED_MESSAGE),
  regionCode: z.string().trim().nullish(),
  schoolCode: z.string().trim().nullish(),
  title: requiredText(200),
  acceptanceStandard: requiredText(2000),
  deadline: isoDate,
});
export type RecordMeetingDecisionInput = z.input<typeof input>;

/**
 * Records a decision of a meeting (会议议定事项) with its owner (a region or school) and
 * deadline; it becomes a rectification task through createRectificationTask and is tracked,
 * warned and accepted like every task.
 */
export const recordMeetingDecision = defineVerb({
  permission: 'coordinationMeeting',
  input,
  run: (ctx, input) =>
    ctx.db.transaction(async (tx) => {
      const path = ['input', 'meetingId'];
      const [meeting] = await tx
        .select()
        .from(coordinationMeetings)
        .where(eq(coordinationMeetings.id, input.meetingId))
        .for('update');
      if (!meeting) fail('NOT_FOUND', `Meeting ${input.meetingId} does not exist.`, path);
      const denied = writeDenial(ctx.viewer, 'coordinationMeeting', { regionCode: meeting.regionCode }, path);
      if (denied) throw new UserErrors([denied]);
      const task = await within(
        ctx,
        tx,
        (inner) =>
          createRectificationTask(inner, {
            itemKey: input.itemKey,
            regionCode: input.regionCode ?? null,
            schoolCode: input.schoolCode ?? null,
            title: input.title,
            description: input.decision,
            acceptanceStandard: input.acceptanceStandard,
            startDate: meeting.heldOn,
            deadline: input.deadline,
          }),
        ['itemKey', 'regionCode', 'schoolCode', 'title', 'acceptanceStandard', 'deadline'],
        path,
      );
      const [row] = await tx
        .insert(meetingDecisions)
        .values({ meetingId: meeting.id, decision: input.decision, taskId: task.id })
        .returning();
      await recordChanges(tx, ctx, [
        {
          action: 'CREATE',
          entityType: 'MeetingDecision',
          entityKey: `${meetingKey(meeting)}:decision:${row.id}`,
          regionCode: meeting.regionCode,
          before: null,
          after: {
            decision: row.decision,
            taskId: task.id,
            owner: task.schoolId ?? task.regionCode,
            deadline: task.deadline,
          },
        },
      ]);
      return row;
    }),
});
