import type { Context } from '../../../context.js';
import { closeRequest, type CloseRequestInput } from './closeRequest.js';

/** The requesting county confirms a fully matched request was delivered (确认到位): FULFILLED. */
export function confirmResourceFulfilment(ctx: Context, input: CloseRequestInput) {
  return closeRequest(ctx, 'FULFILLED', input);
}
