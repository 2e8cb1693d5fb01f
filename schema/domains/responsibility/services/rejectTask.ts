import type { z } from 'zod';
import { defineVerb } from '../../shared/verb.js';
import { rejectSchema, reviewTask } from '../taskReview.js';

export type RejectTaskInput = z.input<typeof rejectSchema>;

/** Refuses a completed task (验收不通过): it goes back to the unit with the reviewer's assessment. */
export const rejectTask = defineVerb({
  permission: 'rectificationTask',
  input: rejectSchema,
  run: (ctx, input) => reviewTask(ctx, input, input.assessedProgress),
});
