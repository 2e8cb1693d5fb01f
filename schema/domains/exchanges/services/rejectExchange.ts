import type { z } from 'zod';
import { defineVerb } from '../../shared/verb.js';
import { rejectFields, rejectStep } from '../steps.js';
import { exchangeIdField, transition } from '../transition.js';

const input = rejectFields.extend(exchangeIdField);
export type RejectExchangeInput = z.input<typeof input>;

/** Rejects a proposed exchange (不予批准) with a reason; decided by the same level as approval. */
export const rejectExchange = defineVerb({
  permission: 'exchangeAssignment',
  input,
  run: (ctx, { id, ...v }) => transition(ctx, id, rejectStep(ctx, v)),
});
