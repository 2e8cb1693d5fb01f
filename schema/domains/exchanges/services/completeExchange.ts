import type { z } from 'zod';
import { defineVerb } from '../../shared/verb.js';
import { completeFields, completeStep } from '../steps.js';
import { exchangeIdField, transition } from '../transition.js';

const input = completeFields.extend(exchangeIdField);
export type CompleteExchangeInput = z.input<typeof input>;

/**
 * Closes an active exchange (期满考核/结束). `endedOn` defaults to the planned end date; an
 * earlier day ends the posting early (提前结束), never before it started or after it was due.
 */
export const completeExchange = defineVerb({
  permission: 'exchangeAssignment',
  input,
  run: (ctx, { id, ...v }) => transition(ctx, id, completeStep(ctx, v)),
});
