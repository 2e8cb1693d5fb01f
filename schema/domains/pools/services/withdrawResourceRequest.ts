import type { Context } from '../../../context.js';
import { closeRequest, type CloseRequestInput } from './closeRequest.js';

/** The requesting county (or school) withdraws its request; any allocations are released (撤回申请). */
export function withdrawResourceRequest(ctx: Context, input: CloseRequestInput) {
  return closeRequest(ctx, 'WITHDRAWN', input);
}
