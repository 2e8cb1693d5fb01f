import { closeRequestVerb } from '../closeRequest.js';

/** The requesting county (or school) withdraws its request; any allocations are released (撤回申请). */
export const withdrawResourceRequest = closeRequestVerb('WITHDRAWN');
