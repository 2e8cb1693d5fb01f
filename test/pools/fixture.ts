import { sql } from 'drizzle-orm';
import { rowsOf } from '../../schema/domains/evaluation/sqlRows.js';
import type { Db } from '../../server/db.js';
import type { TestServer } from '../harness.js';
import { graphql } from '../graphql/index.js';
import type { OfferResourceInput, TypedDocumentString } from '../graphql/graphql.js';

/** GraphQL documents and small helpers shared by the pools test files. */
export const M = {
  createPool: graphql(
    `mutation PoolsFixtureCreatePool($input: CreateResourcePoolInput!) { createResourcePool(input: $input) { pool { id code kind } errors { code path message } } }`,
  ),
  offer: graphql(
    `mutation PoolsFixtureOffer($input: OfferResourceInput!) { offerResource(input: $input) { resource { id title capacity unit visibility county { code } school { code } } errors { code path message } } }`,
  ),
  submit:
    graphql(`mutation PoolsFixtureSubmit($input: SubmitResourceRequestInput!) { submitResourceRequest(input: $input) {
    request { id status quantity matchedQuantity needsNewPurchase acknowledgedOfferIds purchaseJustification requestedBy suggestedOffers { free resource { id title } } } errors { code path message } } }`),
  allocate: graphql(`mutation PoolsFixtureAllocate($input: AllocateResourceInput!) { allocateResource(input: $input) {
    allocation { id quantity periodStart periodEnd status method reason matchedBy requestedBy request { id status matchedQuantity } } errors { code path message } } }`),
  release: graphql(
    `mutation PoolsFixtureRelease($input: ReleaseAllocationInput!) { releaseAllocation(input: $input) { allocation { id status releasedBy releaseReason request { status matchedQuantity } } errors { code path message } } }`,
  ),
  withdraw: graphql(
    `mutation PoolsFixtureWithdraw($input: WithdrawResourceRequestInput!) { withdrawResourceRequest(input: $input) { request { id status matchedQuantity closedBy closeReason allocations { status } } errors { code path message } } }`,
  ),
  reject: graphql(
    `mutation PoolsFixtureReject($input: RejectResourceRequestInput!) { rejectResourceRequest(input: $input) { request { id status closeReason } errors { code path message } } }`,
  ),
  confirm: graphql(
    `mutation PoolsFixtureConfirm($input: ConfirmResourceFulfilmentInput!) { confirmResourceFulfilment(input: $input) { request { id status } errors { code path message } } }`,
  ),
  autoMatch:
    graphql(`mutation PoolsFixtureAutoMatch($input: AutoMatchRequestsInput!) { autoMatchRequests(input: $input) { summary {
    dryRun authorityLevel authoritySource requestsConsidered requestsMatched requestsPartiallyMatched requestsUnmatched allocationsCreated unitsAllocated
    allocations { id quantity method reason request { id } resource { id } } } errors { code path message } } }`),
};

/** A mutation's payload: whatever it returns, and its errors. */
export type Payload = { errors: { code: string; path: string[]; message: string }[] };
/** A mutation document taking one `input` and returning one payload. */
export type Mutation<R extends Record<string, Payload>, I> = TypedDocumentString<R, { input: I }>;

/** Row counts of every pools table plus the audit trail: "nothing changed" means these are equal. */
export async function poolCounts(db: Db) {
  const r = await db.execute(sql`select
    (select count(*) from resource_pools)::int as pools,
    (select count(*) from pool_resources)::int as resources,
    (select count(*) from resource_requests)::int as requests,
    (select count(*) from resource_allocations)::int as allocations,
    (select count(*) from resource_allocations where status = 'ACTIVE')::int as active,
    (select coalesce(string_agg(status::text || matched_quantity, ',' order by id), '') from resource_requests) as statuses,
    (select count(*) from audit_events)::int as audit`);
  return rowsOf<Record<string, number | string>>(r)[0];
}

/** Runs a mutation and returns its payload (the single root field). */
export async function run<R extends Record<string, Payload>, I>(
  s: TestServer,
  doc: Mutation<R, I>,
  input: NoInfer<I>,
  tok?: string,
): Promise<R[keyof R]> {
  const { body } = await s.gql(doc, { input }, tok);
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return Object.values(body.data)[0] as R[keyof R];
}

export const EQUIP = (extra: Partial<OfferResourceInput> = {}) => ({
  title: '数字化物理实验系统',
  subject: '物理',
  capacity: 5,
  availableFrom: '2026-09-01',
  availableTo: '2027-01-31',
  equipment: { model: 'DISLab 8.0', location: '安乡县第一中学实验楼' },
  ...extra,
});
