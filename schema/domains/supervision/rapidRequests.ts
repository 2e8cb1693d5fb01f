import type { rapidRequests } from './table.js';

/** A rapid-response request as recorded in the audit trail, and its natural key. */
export type RapidRequestRow = typeof rapidRequests.$inferSelect;
export const rapidRequestKey = (r: { id: number }) => `rapid-request:${r.id}`;
export const rapidRequestSnapshot = (r: RapidRequestRow) => ({
  regionCode: r.regionCode,
  cityCode: r.cityCode,
  subject: r.subject,
  body: r.body,
  responseDeadline: r.responseDeadline,
  status: r.status,
  response: r.response,
  respondedAt: r.respondedAt,
});
