import type { z } from 'zod';
import { defineVerb } from '../../shared/verb.js';
import { cancelFields, cancelStep } from '../steps.js';
import { exchangeIdField, transition } from '../transition.js';

const input = cancelFields.extend(exchangeIdField);
export type CancelExchangeInput = z.input<typeof input>;

/**
 * Withdraws an exchange before it begins (撤销): proposed or approved. An active posting is
 * ended with completeExchange(endedOn) instead, so its record of service is kept.
 */
export const cancelExchange = defineVerb({
  permission: 'exchangeAssignment',
  input,
  run: (ctx, { id, ...v }) => transition(ctx, id, cancelStep(ctx, v)),
});
