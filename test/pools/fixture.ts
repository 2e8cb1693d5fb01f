import { sql } from 'drizzle-orm';
import type { Db } from '../../server/db.js';
import type { TestServer } from '../harness.js';

/** GraphQL documents and small helpers shared by the pools test files. */
export const ERR = 'errors { code path message }';
export const M = {
  createPool: `mutation($input: CreateResourcePoolInput!) { createResourcePool(input: $input) { pool { id code kind } ${ERR} } }`,
  offer: `mutation($input: OfferResourceInput!) { offerResource(input: $input) { resource { id title capacity unit visibility county { code } school { code } } ${ERR} } }`,
  submit: `mutation($input: SubmitResourceRequestInput!) { submitResourceRequest(input: $input) {
    request { id status quantity matchedQuantity needsNewPurchase acknowledgedOfferIds purchaseJustification requestedBy suggestedOffers { free resource { id title } } } ${ERR} } }`,
  allocate: `mutation($input: AllocateResourceInput!) { allocateResource(input: $input) {
    allocation { id quantity periodStart periodEnd status method reason matchedBy requestedBy request { id status matchedQuantity } } ${ERR} } }`,
  release: `mutation($input: ReleaseAllocationInput!) { releaseAllocation(input: $input) { allocation { id status releasedBy releaseReason request { status matchedQuantity } } ${ERR} } }`,
  withdraw: `mutation($input: WithdrawResourceRequestInput!) { withdrawResourceRequest(input: $input) { request { id status matchedQuantity closedBy closeReason allocations { status } } ${ERR} } }`,
  reject: `mutation($input: RejectResourceRequestInput!) { rejectResourceRequest(input: $input) { request { id status closeReason } ${ERR} } }`,
  confirm: `mutation($input: ConfirmResourceFulfilmentInput!) { confirmResourceFulfilment(input: $input) { request { id status } ${ERR} } }`,
  autoMatch: `mutation($input: AutoMatchRequestsInput!) { autoMatchRequests(input: $input) { summary {
    dryRun authorityLevel authoritySource requestsConsidered requestsMatched requestsPartiallyMatched requestsUnmatched allocationsCreated unitsAllocated
    allocations { id quantity method reason request { id } resource { id } } } ${ERR} } }`,
};

/** Row counts of every pools table plus the audit trail: "nothing changed" means these are equal. */
export async function poolCounts(db: Db) {
  const r: any = await db.execute(sql`select
    (select count(*) from resource_pools)::int as pools,
    (select count(*) from pool_resources)::int as resources,
    (select count(*) from resource_requests)::int as requests,
    (select count(*) from resource_allocations)::int as allocations,
    (select count(*) from resource_allocations where status = 'ACTIVE')::int as active,
    (select coalesce(string_agg(status::text || matched_quantity, ',' order by id), '') from resource_requests) as statuses,
    (select count(*) from audit_events)::int as audit`);
  return (r.rows ?? r)[0] as Record<string, number | string>;
}

/** Runs a mutation and returns its payload (the single root field). */
export async function run(s: TestServer, doc: string, input: Record<string, unknown>, tok?: string) {
  const { body } = await s.gql(doc, { input }, tok);
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return Object.values(body.data)[0] as any;
}

export const EQUIP = (extra: Record<string, unknown> = {}) => ({
  title: '数字化物理实验系统',
  subject: '物理',
  capacity: 5,
  availableFrom: '2026-09-01',
  availableTo: '2027-01-31',
  equipment: { model: 'DISLab 8.0', location: '安乡县第一中学实验楼' },
  ...extra,
});
