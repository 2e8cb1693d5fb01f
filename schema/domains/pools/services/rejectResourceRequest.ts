import { closeRequestVerb } from '../closeRequest.js';

/** The matching authority turns a request down with a reason; any allocations are released (驳回申请). */
export const rejectResourceRequest = closeRequestVerb('REJECTED');
