import type { z } from 'zod';
import { defineVerb } from '../../shared/verb.js';
import { acceptSchema, reviewTask } from '../taskReview.js';

export type AcceptTaskInput = z.input<typeof acceptSchema>;

/** Accepts a completed task and closes it (验收销号). */
export const acceptTask = defineVerb({
  permission: 'rectificationTask',
  input: acceptSchema,
  run: (ctx, input) => reviewTask(ctx, input, null),
});
