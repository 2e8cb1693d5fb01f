import { z } from 'zod';
import { defineVerb } from '../../shared/verb.js';
import { startStep } from '../steps.js';
import { exchangeIdField, transition } from '../transition.js';

const input = z.object(exchangeIdField);
export type StartExchangeInput = z.input<typeof input>;

/** Marks an approved exchange as begun (到岗): the sending or receiving bureau, or the city. */
export const startExchange = defineVerb({
  permission: 'exchangeAssignment',
  input,
  run: (ctx, { id }) => transition(ctx, id, startStep(ctx)),
});
