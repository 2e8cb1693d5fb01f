import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Tx } from '../../../context.js';
import { fail, UserErrors } from '../../../errors.js';
import { recordChanges, type Change } from '../../audit/record.js';
import type { LeadAnswer } from '../../responsibility/leads.js';
import { resolveSetting } from '../../settings/resolve.js';
import { OPEN_STATUSES, openStatus } from '../capacity.js';
import { withCapacityGuard } from '../dbRefusal.js';
import { zRowId } from '../../shared/ids.js';
import { defineVerb } from '../../shared/verb.js';
import { matchingRight } from '../matchingRights.js';
import { planMatches, type PlannedAllocation } from '../matchPlan.js';
import { poolResources, resourceAllocations, resourcePools, resourceRequests } from '../table.js';
import { requestUpdated } from '../auditChanges.js';
import { impliedExchange } from '../exchangeLink.js';

const schema = z.object({
  poolId: zRowId('ResourcePool'),
  /** Propose only: compute the allocations and report them without writing anything. */
  dryRun: z.boolean().nullish(),
});
export type AutoMatchRequestsInput = z.input<typeof schema>;

export interface AutoMatchSummary {
  poolId: number;
  dryRun: boolean;
  authority: LeadAnswer;
  requestsConsidered: number;
  requestsMatched: number;
  requestsPartiallyMatched: number;
  requestsUnmatched: number;
  unitsAllocated: number;
  planned: PlannedAllocation[];
  /** Ids of the allocations written (empty on a dry run). */
  allocationIds: number[];
}

/**
 * Matches every open request of a pool to its offers in one transaction (市级统筹匹配); the
 * order of service is documented on planMatches (priority, then weaker counties first).
 * Requests and resources are locked (in that order, as in allocateResource) so the plan is
 * computed on data nobody else can change before it is written; the capacity trigger still
 * checks the written rows.
 */
export const autoMatchRequests = defineVerb({
  permission: 'resourceAllocation',
  input: schema,
  run: async (ctx, input): Promise<AutoMatchSummary> => {
    const { poolId } = input;
    const dryRun = input.dryRun ?? false;

    const run = async (tx: Tx) => {
      const [pool] = await tx.select().from(resourcePools).where(eq(resourcePools.id, poolId));
      if (!pool) fail('NOT_FOUND', 'No such pool.', ['input', 'poolId']);
      const { lead, denied } = await matchingRight(tx, ctx.viewer, { cityCode: pool.cityCode, countyCode: null }, [
        'input',
        'poolId',
      ]);
      if (denied) throw new UserErrors([denied]);
      // With the county leading, a county admin matches its own county's requests only.
      const onlyCounty = lead.level === 'COUNTY' && ctx.viewer.kind !== 'system' ? ctx.viewer.regionCode : null;

      const requests = await tx
        .select()
        .from(resourceRequests)
        .where(
          and(
            eq(resourceRequests.poolId, poolId),
            inArray(resourceRequests.status, [...OPEN_STATUSES]),
            onlyCounty ? eq(resourceRequests.countyCode, onlyCounty) : undefined,
          ),
        )
        .orderBy(resourceRequests.id)
        .for('no key update');
      const subjects = [...new Set(requests.map((r) => r.subject))];
      const resources = subjects.length
        ? await tx
            .select({
              id: poolResources.id,
              subject: poolResources.subject,
              countyCode: poolResources.countyCode,
              capacity: poolResources.capacity,
              availableFrom: poolResources.availableFrom,
              availableTo: poolResources.availableTo,
              teacherId: poolResources.teacherId,
            })
            .from(poolResources)
            .where(and(eq(poolResources.poolId, poolId), inArray(poolResources.subject, subjects)))
            .orderBy(poolResources.id)
            .for('no key update')
        : [];
      const bookings = resources.length
        ? await tx
            .select({
              resourceId: resourceAllocations.resourceId,
              periodStart: resourceAllocations.periodStart,
              periodEnd: resourceAllocations.periodEnd,
              quantity: resourceAllocations.quantity,
            })
            .from(resourceAllocations)
            .innerJoin(poolResources, eq(poolResources.id, resourceAllocations.resourceId))
            .where(and(eq(poolResources.poolId, poolId), eq(resourceAllocations.status, 'ACTIVE')))
        : [];
      const counties = [...new Set(requests.map((r) => r.countyCode))].sort();
      const weights = new Map<string, number>();
      for (const c of counties) weights.set(c, await resolveSetting(tx, 'pools.countyPriorityWeight', c));

      const plan = planMatches(requests, resources, bookings, weights);
      const matched = new Map<number, number>();
      for (const p of plan) matched.set(p.requestId, (matched.get(p.requestId) ?? 0) + p.quantity);
      const summary: AutoMatchSummary = {
        poolId,
        dryRun,
        authority: lead,
        requestsConsidered: requests.length,
        requestsMatched: 0,
        requestsPartiallyMatched: 0,
        requestsUnmatched: 0,
        unitsAllocated: plan.reduce((n, p) => n + p.quantity, 0),
        planned: plan,
        allocationIds: [],
      };
      for (const r of requests) {
        const status = openStatus(r.matchedQuantity + (matched.get(r.id) ?? 0), r.quantity);
        if (status === 'MATCHED') summary.requestsMatched++;
        else if (status === 'PARTIALLY_MATCHED') summary.requestsPartiallyMatched++;
        else summary.requestsUnmatched++;
      }
      if (dryRun || plan.length === 0) return summary;

      // Bulk writes pass the rows as one JSON parameter (jsonb_to_recordset): thousands of rows
      // per statement without thousands of bind parameters. The capacity trigger runs once per
      // statement and checks them all.
      const byId = new Map(requests.map((r) => [r.id, r]));
      const resourceCounty = new Map(resources.map((r) => [r.id, r.countyCode]));
      const changes: Change[] = [];
      const CHUNK = 5000;
      for (let i = 0; i < plan.length; i += CHUNK) {
        const chunk = plan.slice(i, i + CHUNK).map((p) => ({
          ...p,
          requestCountyCode: byId.get(p.requestId)!.countyCode,
          offerCountyCode: resourceCounty.get(p.resourceId)!,
        }));
        const inserted = rowsOf<{ id: number; request_id: number; resource_id: number; matched_at: string }>(
          await tx.execute(sql`
            insert into ${resourceAllocations} (request_id, resource_id, request_county_code, offer_county_code, quantity, period_start, period_end, method, reason, matched_by)
            select x."requestId", x."resourceId", x."requestCountyCode", x."offerCountyCode", x.quantity, x."periodStart", x."periodEnd", 'AUTO', x.reason, ${ctx.viewer.actor}
            from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) as x("requestId" integer, "resourceId" integer, "requestCountyCode" text,
              "offerCountyCode" text, quantity integer, "periodStart" date, "periodEnd" date, reason text)
            returning id, request_id, resource_id, matched_at::text`),
        );
        // A plan takes from one resource at most once per request, so (request, resource) identifies a row.
        const idOf = new Map(inserted.map((r) => [`${r.request_id}:${r.resource_id}`, r]));
        for (const p of chunk) {
          const row = idOf.get(`${p.requestId}:${p.resourceId}`)!;
          summary.allocationIds.push(row.id);
          const after = {
            id: row.id,
            requestId: p.requestId,
            resourceId: p.resourceId,
            requestCountyCode: p.requestCountyCode,
            offerCountyCode: p.offerCountyCode,
            quantity: p.quantity,
            periodStart: p.periodStart,
            periodEnd: p.periodEnd,
            status: 'ACTIVE',
            method: 'AUTO',
            reason: p.reason,
            matchedBy: ctx.viewer.actor,
            matchedAt: row.matched_at,
            releasedBy: null,
            releasedAt: null,
            releaseReason: null,
            authority: lead,
          };
          changes.push({
            action: 'CREATE',
            entityType: 'ResourceAllocation',
            entityKey: String(row.id),
            regionCode: p.requestCountyCode,
            before: null,
            after,
          });
        }
      }
      // Teacher-time allocations propose the 走教 exchanges they imply; a refusal refuses the whole run.
      if (pool.kind === 'TEACHER_EXCHANGE') {
        const resourceOf = new Map(resources.map((r) => [r.id, r]));
        for (let i = 0; i < plan.length; i++) {
          const p = plan[i];
          const change = await impliedExchange(
            tx,
            ctx,
            {
              pool,
              request: byId.get(p.requestId)!,
              resource: resourceOf.get(p.resourceId)!,
              allocation: { ...p, id: summary.allocationIds[i] },
            },
            ['input', 'poolId'],
          );
          if (change) changes.push(change);
        }
      }
      const updates = [...matched].map(([id, add]) => {
        const r = byId.get(id)!;
        const m = r.matchedQuantity + add;
        return { before: r, after: { ...r, matchedQuantity: m, status: openStatus(m, r.quantity) } };
      });
      for (let i = 0; i < updates.length; i += CHUNK) {
        const values = updates
          .slice(i, i + CHUNK)
          .map((u) => ({ id: u.after.id, m: u.after.matchedQuantity, s: u.after.status }));
        await tx.execute(sql`
          update ${resourceRequests} set matched_quantity = x.m, status = x.s::request_status, updated_at = now()
          from jsonb_to_recordset(${JSON.stringify(values)}::jsonb) as x(id integer, m integer, s text)
          where ${resourceRequests.id} = x.id`);
      }
      for (const u of updates) {
        changes.push(requestUpdated(u.before, u.after));
      }
      await recordChanges(tx, ctx, changes);
      return summary;
    };
    return withCapacityGuard(['input', 'poolId'], () => ctx.db.transaction(run));
  },
});

/** postgres.js returns the rows, PGlite a result holding them. */
function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}
