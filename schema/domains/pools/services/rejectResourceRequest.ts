import type { Context } from '../../../context.js';
import { closeRequest, type CloseRequestInput } from './closeRequest.js';

/** The matching authority turns a request down with a reason; any allocations are released (驳回申请). */
export function rejectResourceRequest(ctx: Context, input: CloseRequestInput) {
  return closeRequest(ctx, 'REJECTED', input);
}
