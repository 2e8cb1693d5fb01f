import { closeRequestVerb } from '../closeRequest.js';

/** The requesting county confirms a fully matched request was delivered (确认到位): FULFILLED. */
export const confirmResourceFulfilment = closeRequestVerb('FULFILLED');
