import type { z } from 'zod';
import { defineVerb } from '../../shared/verb.js';
import { approveFields, approveStep } from '../steps.js';
import { exchangeIdField, transition } from '../transition.js';

const input = approveFields.extend(exchangeIdField);
export type ApproveExchangeInput = z.input<typeof input>;

/** Approves a proposed exchange (审批通过) at the level the responsibility list names. */
export const approveExchange = defineVerb({
  permission: 'exchangeAssignment',
  input,
  run: (ctx, { id, ...v }) => transition(ctx, id, approveStep(ctx, v)),
});
