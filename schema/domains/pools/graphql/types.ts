import { connectionOf } from '../../shared/graphql/connectionTypes.js';
import { batchedPerRequest, groupedPerRequest } from '../../shared/loaders.js';
import { and, eq } from 'drizzle-orm';
import { builder } from '../../../builder.js';
import type { Attributes } from '../attributes.js';
import { loadSegments, peakLoad, type Booking } from '../capacity.js';
import { AvailabilityRef, ResourceDetails } from './resourceDetailTypes.js';
import {
  AllocationMethodEnum,
  AllocationStatusEnum,
  CapacityUnitEnum,
  OfferVisibilityEnum,
  PoolKindEnum,
  RequestPriorityEnum,
  RequestStatusEnum,
} from './enums.js';
import {
  allocationCondition,
  allocationSchools,
  canSeeAllocation,
  canSeeOffer,
  canSeeOfferInternals,
  canSeeRequest,
  offerCondition,
  readsAllocationsBySchool,
  type AllocationSchools,
} from '../filters.js';
import { activeBookings, suggestOffersFor, type Need, type OfferSuggestion } from '../suggestions.js';
import type { poolResources, resourceAllocations } from '../table.js';
import { globalIdOf } from '../../shared/ids.js';
import { PERSONAL_FIELD_EXTENSION, personalValue } from '../../access/personalFields.js';

export const ResourcePoolRef = builder.drizzleNode('resourcePools', {
  name: 'ResourcePool',
  description: 'Shared-resource pool of a city (资源共享池), of one kind; a public catalogue of offers.',
  id: { column: (p) => p.id },
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Pool code (资源池编号).' }),
    name: t.exposeString('name', { description: 'Name (名称), e.g. 常德市县中实验设备共享中心.' }),
    kind: t.expose('kind', { type: PoolKindEnum, description: 'Kind of pool (类型).' }),
    description: t.exposeString('description', { description: 'What the pool is for (简介).' }),
    city: t.relation('city', { description: 'City that runs the pool (主管城市).' }),
    resources: t.relatedConnection(
      'resources',
      {
        description:
          'Offers in the pool (入池资源), by id: published ones for everyone, internal ones for the ' +
          'city’s bureaus and the offering school.',
        args: { subject: t.arg.string({ description: 'Only offers of this subject or category.' }) },
        query: (args, ctx) => ({
          where: {
            RAW: (r) =>
              and(
                offerCondition(ctx.viewer)(r as typeof poolResources),
                args.subject ? eq(r.subject, args.subject) : undefined,
              )!,
          },
          orderBy: { id: 'asc' },
        }),
        totalCount: true,
      },
      connectionOf(PoolResourceRef),
    ),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When the pool was opened (创建时间).' }),
  }),
});

/** An offer as a record with personal fields (its contact person). */
const offerRecord = (r: { id: number; countyCode: string }) => ({
  entityType: 'PoolResource' as const,
  entityKey: String(r.id),
  regionCode: r.countyCode,
});

/** Active bookings of every resource a request shows, in one statement per request. */
const bookingsLoader = groupedPerRequest<number, Booking[]>(
  (ctx, ids) => activeBookings(ctx.db, ids),
  () => [],
);

/** Suggested offers of every open request a page shows, in two statements per request. */
const suggestionsLoader = batchedPerRequest<Need, OfferSuggestion[]>((ctx, needs) =>
  suggestOffersFor(ctx.db, ctx.viewer, needs),
);

export const PoolResourceRef = builder.drizzleNode('poolResources', {
  name: 'PoolResource',
  description:
    'A resource offered into a pool by a school or county (入池资源): capacity, availability ' +
    'window and kind-specific attributes. Internal offers, internal notes and contact details ' +
    'are never shown to portals.',
  id: { column: (r) => r.id },
  readRule: (r, ctx) => canSeeOffer(ctx.viewer, r),
  fields: (t) => ({
    title: t.exposeString('title', { description: 'Title (资源名称).' }),
    subject: t.exposeString('subject', {
      description: 'Subject or category used for matching (学科/类别), e.g. 物理, 信息技术.',
    }),
    pool: t.relation('pool', { description: 'Pool it was offered into (所属资源池).' }),
    county: t.relation('county', { description: 'Offering county (提供县区).' }),
    school: t.relation('school', {
      nullable: true,
      description: 'Offering school (提供学校); null when the county offers.',
    }),
    capacity: t.exposeInt('capacity', {
      description: 'Capacity (容量) in `unit`: at no day may active allocations exceed it.',
    }),
    unit: t.expose('unit', { type: CapacityUnitEnum, description: 'What the capacity counts (容量单位).' }),
    availableFrom: t.field({
      type: 'Date',
      description: 'First day it can be used (可用起始日).',
      resolve: (r) => r.availableFrom,
    }),
    availableTo: t.field({
      type: 'Date',
      description: 'Last day it can be used, inclusive (可用截止日).',
      resolve: (r) => r.availableTo,
    }),
    visibility: t.expose('visibility', {
      type: OfferVisibilityEnum,
      description: 'Published catalogue or internal (公开范围).',
    }),
    details: t.field({
      type: ResourceDetails,
      description: 'Kind-specific attributes (资源属性).',
      resolve: (r) => r.attributes as Attributes,
    }),
    internalNote: t.string({
      nullable: true,
      description: 'Internal remarks (内部备注); null for portals and outside the city’s bureaus.',
      resolve: (r, _a, ctx) => (canSeeOfferInternals(ctx.viewer, r) ? r.internalNote : null),
    }),
    contactName: t.string({
      nullable: true,
      description:
        'Contact person (联系人). Personal data: null unless the caller may see this offer’s ' +
        'internals and holds the personal scope.',
      extensions: { [PERSONAL_FIELD_EXTENSION]: true },
      resolve: (r, _a, ctx) =>
        personalValue(ctx, offerRecord(r), 'contactName', r.contactName, canSeeOfferInternals(ctx.viewer, r)),
    }),
    contactPhone: t.string({
      nullable: true,
      description: 'Contact phone (联系电话). Personal data, as contactName.',
      extensions: { [PERSONAL_FIELD_EXTENSION]: true },
      resolve: (r, _a, ctx) =>
        personalValue(ctx, offerRecord(r), 'contactPhone', r.contactPhone, canSeeOfferInternals(ctx.viewer, r)),
    }),
    offeredBy: t.string({
      nullable: true,
      description: 'Who offered it (提供人, actor id); null for callers who may not see internals.',
      resolve: (r, _a, ctx) => (canSeeOfferInternals(ctx.viewer, r) ? r.offeredBy : null),
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was offered (入池时间).' }),
    availability: t.field({
      type: AvailabilityRef,
      description:
        'Free and allocated quantity over a period (可用情况); defaults to the availability ' +
        'window, clipped to it.',
      args: {
        from: t.arg({ type: 'Date', description: 'First day (default: start of the window).' }),
        to: t.arg({ type: 'Date', description: 'Last day, inclusive (default: end of the window).' }),
      },
      resolve: async (r, args, ctx) => {
        const from = args.from && args.from > r.availableFrom ? args.from : r.availableFrom;
        const to = args.to && args.to < r.availableTo ? args.to : r.availableTo;
        if (to < from) return { from, to, capacity: r.capacity, peak: r.capacity, segments: [] };
        const bookings = await bookingsLoader(ctx).load(r.id);
        return {
          from,
          to,
          capacity: r.capacity,
          peak: peakLoad(bookings, from, to),
          segments: loadSegments(bookings, from, to),
        };
      },
    }),
    allocations: t.relatedConnection(
      'allocations',
      {
        description:
          'Allocations of this resource the caller may see (分配记录), newest first; never shown to portals.',
        query: (_args, ctx) => ({
          where: { RAW: (a) => allocationCondition(ctx.viewer, null)(a as typeof resourceAllocations)! },
          orderBy: { id: 'desc' },
        }),
        totalCount: true,
      },
      connectionOf(ResourceAllocationRef),
    ),
  }),
});

const OfferSuggestionRef = builder.objectRef<OfferSuggestion>('OfferSuggestion').implement({
  description:
    'An offer of the pool that could meet a request (可用资源提示): ask the pool before buying (避免重复采购).',
  fields: (t) => ({
    resource: t.field({ type: PoolResourceRef, description: 'The offer (资源).', resolve: (s) => s.resource }),
    free: t.exposeInt('free', { description: 'Quantity still free over the requested period (可分配量).' }),
  }),
});

export const ResourceRequestRef = builder.drizzleNode('resourceRequests', {
  name: 'ResourceRequest',
  description:
    'A county’s request to a pool (县级资源申请): what, how many, for when, how urgent and ' +
    'why. Visible to the requesting county or school and the city above; never to portals.',
  id: { column: (r) => r.id },
  readRule: (r, ctx) => canSeeRequest(ctx.viewer, r),
  fields: (t) => ({
    pool: t.relation('pool', { description: 'Pool asked (申请资源池).' }),
    county: t.relation('county', { description: 'Requesting county (申请县区).' }),
    school: t.relation('school', {
      nullable: true,
      description: 'School the county asks for (需求学校), when one does.',
    }),
    subject: t.exposeString('subject', { description: 'Subject or category needed (学科/类别).' }),
    specification: t.exposeString('specification', { description: 'What is needed (需求说明).' }),
    quantity: t.exposeInt('quantity', { description: 'Quantity asked, in the pool’s unit (申请数量).' }),
    matchedQuantity: t.exposeInt('matchedQuantity', {
      description: 'Quantity covered by active allocations (已匹配数量).',
    }),
    periodStart: t.field({
      type: 'Date',
      description: 'First day needed (需求起始日).',
      resolve: (r) => r.periodStart,
    }),
    periodEnd: t.field({
      type: 'Date',
      description: 'Last day needed, inclusive (需求截止日).',
      resolve: (r) => r.periodEnd,
    }),
    priority: t.expose('priority', { type: RequestPriorityEnum, description: 'Urgency (优先级).' }),
    reason: t.exposeString('reason', { description: 'Why it is needed (申请理由).' }),
    status: t.expose('status', { type: RequestStatusEnum, description: 'Lifecycle status (状态).' }),
    needsNewPurchase: t.exposeBoolean('needsNewPurchase', {
      description: 'The county asks to buy new rather than share (申请新购).',
    }),
    acknowledgedOfferIds: t.field({
      type: ['ID'],
      description:
        'Global ids of the pool offers the requester acknowledged before asking for a new purchase ' +
        '(已知悉的池内资源).',
      resolve: (r) => r.acknowledgedOfferIds.map((id) => globalIdOf('PoolResource', id)),
    }),
    purchaseJustification: t.exposeString('purchaseJustification', {
      nullable: true,
      description: 'Why the pool’s offers do not do (新购理由).',
    }),
    requestedBy: t.exposeString('requestedBy', { description: 'Who submitted it (申请人, actor id).' }),
    requestedAt: t.expose('requestedAt', { type: 'DateTime', description: 'When it was submitted (申请时间).' }),
    closedBy: t.exposeString('closedBy', {
      nullable: true,
      description: 'Who withdrew, rejected or confirmed it (办结人).',
    }),
    closedAt: t.expose('closedAt', { type: 'DateTime', nullable: true, description: 'When (办结时间).' }),
    closeReason: t.exposeString('closeReason', { nullable: true, description: 'Why (办结说明).' }),
    allocations: t.relation('allocations', {
      description: 'Allocations made for it, active and released (分配记录).',
      query: { orderBy: { id: 'asc' } },
    }),
    suggestedOffers: t.field({
      type: [OfferSuggestionRef],
      description:
        'Offers of the pool that could meet this request now (池内可用资源, 避免重复采购); empty ' +
        'once it is closed or fully matched.',
      resolve: (r, _a, ctx) =>
        r.status === 'SUBMITTED' || r.status === 'PARTIALLY_MATCHED'
          ? suggestionsLoader(ctx).load({
              poolId: r.poolId,
              subject: r.subject,
              periodStart: r.periodStart,
              periodEnd: r.periodEnd,
            })
          : [],
    }),
  }),
});

/** Per request, the schools of every allocation a school admin reads: one statement per list, not two per row. */
export const allocationSchoolsOf = groupedPerRequest<number, AllocationSchools>(
  (ctx, ids) => allocationSchools(ctx.db, ids),
  () => ({ request: null, offer: null }),
  { memoise: true },
);

export const ResourceAllocationRef = builder.drizzleNode('resourceAllocations', {
  name: 'ResourceAllocation',
  description:
    'An allocation (资源分配): a quantity of one resource for one request over a period, with ' +
    'who asked, who matched, when and why (全过程可追溯).',
  id: { column: (a) => a.id },
  readRule: async (a, ctx) =>
    canSeeAllocation(
      ctx.viewer,
      a,
      readsAllocationsBySchool(ctx.viewer) ? await allocationSchoolsOf(ctx).load(a.id) : undefined,
    ),
  fields: (t) => ({
    request: t.relation('request', { description: 'The request served (对应申请).' }),
    resource: t.relation('resource', { description: 'The resource allocated (分配资源).' }),
    quantity: t.exposeInt('quantity', { description: 'Quantity held (分配数量).' }),
    periodStart: t.field({ type: 'Date', description: 'First day (起).', resolve: (a) => a.periodStart }),
    periodEnd: t.field({ type: 'Date', description: 'Last day, inclusive (止).', resolve: (a) => a.periodEnd }),
    status: t.expose('status', { type: AllocationStatusEnum, description: 'Active or released (状态).' }),
    method: t.expose('method', { type: AllocationMethodEnum, description: 'Manual or automatic (匹配方式).' }),
    reason: t.exposeString('reason', { description: 'Why this resource was matched (匹配理由).' }),
    requestedBy: t.string({
      description: 'Who asked (申请人): the request’s submitter.',
      select: { with: { request: { columns: { requestedBy: true } } } },
      resolve: (a) => a.request.requestedBy,
    }),
    requestedAt: t.field({
      type: 'DateTime',
      description: 'When it was asked for (申请时间).',
      select: { with: { request: { columns: { requestedAt: true } } } },
      resolve: (a) => a.request.requestedAt,
    }),
    matchedBy: t.exposeString('matchedBy', { description: 'Who matched it (匹配人, actor id).' }),
    matchedAt: t.expose('matchedAt', { type: 'DateTime', description: 'When it was matched (匹配时间).' }),
    releasedBy: t.exposeString('releasedBy', { nullable: true, description: 'Who released it (释放人).' }),
    releasedAt: t.expose('releasedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When it was released (释放时间).',
    }),
    releaseReason: t.exposeString('releaseReason', { nullable: true, description: 'Why it was released (释放原因).' }),
  }),
});
