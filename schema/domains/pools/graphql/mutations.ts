import { builder } from '../../../builder.js';
import { entityMutation } from '../../shared/graphql/payloadTypes.js';
import { CourseDeliveryEnum, OfferVisibilityEnum, PoolKindEnum, RequestPriorityEnum } from './enums.js';
import { allocateResource, type AllocateResourceInput } from '../services/allocateResource.js';
import {
  autoMatchRequests,
  type AutoMatchRequestsInput,
  type AutoMatchSummary,
} from '../services/autoMatchRequests.js';
import type { CloseRequestInput } from '../closeRequest.js';
import { confirmResourceFulfilment } from '../services/confirmResourceFulfilment.js';
import { createResourcePool, type CreateResourcePoolInput } from '../services/createResourcePool.js';
import { offerResource, type OfferResourceInput } from '../services/offerResource.js';
import { rejectResourceRequest } from '../services/rejectResourceRequest.js';
import { releaseAllocation, type ReleaseAllocationInput } from '../services/releaseAllocation.js';
import { submitResourceRequest, type SubmitResourceRequestInput } from '../services/submitResourceRequest.js';
import { withdrawResourceRequest } from '../services/withdrawResourceRequest.js';
import { PoolResourceRef, ResourceAllocationRef, ResourcePoolRef, ResourceRequestRef } from './types.js';

entityMutation<typeof ResourcePoolRef.$inferType, CreateResourcePoolInput>({
  field: 'createResourcePool',
  description: 'Opens a shared-resource pool of a city (创建资源共享池). CITY_ADMIN of that city; audited.',
  entityField: 'pool',
  entityRef: ResourcePoolRef,
  inputFields: (t) => ({
    code: t.string({ required: true, description: 'Unique code, 3–32 letters, digits or hyphens, e.g. CD-EQUIP.' }),
    name: t.string({ required: true, description: 'Name (名称).' }),
    kind: t.field({ type: PoolKindEnum, required: true, description: 'Kind of pool (类型).' }),
    cityCode: t.string({ required: true, description: 'Owning city (主管城市), a code ending 00.' }),
    description: t.string({ description: 'What the pool is for (简介).' }),
  }),
  verb: createResourcePool,
});

const EquipmentInput = builder.inputType('EquipmentDetailsInput', {
  description: 'Equipment attributes (设备信息); the capacity is the number of units.',
  fields: (t) => ({
    model: t.string({ required: true, description: 'Model (型号).' }),
    location: t.string({ required: true, description: 'Where it is kept (存放地点).' }),
  }),
});
const CourseInput = builder.inputType('CourseDetailsInput', {
  description: 'Course attributes (课程信息); the capacity is the number of seats.',
  fields: (t) => ({
    gradeBand: t.string({ required: true, description: 'Grades it suits (适用年级).' }),
    delivery: t.field({ type: CourseDeliveryEnum, required: true, description: 'Delivery mode (授课方式).' }),
  }),
});
const TeacherTimeInput = builder.inputType('TeacherTimeDetailsInput', {
  description: 'Teacher-time attributes (师资信息); the capacity is hours per week. No personal data here.',
  fields: (t) => ({
    title: t.string({ description: 'Professional title of the teacher offered (职称).' }),
    note: t.string({ description: 'Public remarks (说明).' }),
  }),
});
const ResearchInput = builder.inputType('ResearchDetailsInput', {
  description: 'Research-resource attributes (教研资源信息); the capacity is concurrent accesses.',
  fields: (t) => ({
    format: t.string({ required: true, description: 'Format (形式).' }),
    link: t.string({ required: true, description: 'http(s) link (链接).' }),
  }),
});

entityMutation<typeof PoolResourceRef.$inferType, OfferResourceInput>({
  field: 'offerResource',
  description:
    'Offers a resource into a pool (资源入池): a school offers its own, a county its own or ' +
    'its schools’. Exactly the details input matching the pool kind is required.',
  entityField: 'resource',
  entityRef: PoolResourceRef,
  inputFields: (t) => ({
    poolId: t.id({ required: true, description: 'Pool to offer into.' }),
    title: t.string({ required: true, description: 'Title (资源名称).' }),
    subject: t.string({ required: true, description: 'Subject or category used for matching (学科/类别).' }),
    capacity: t.int({ required: true, description: 'Capacity (容量) in the pool’s unit; positive.' }),
    availableFrom: t.field({ type: 'Date', required: true, description: 'First day it can be used.' }),
    availableTo: t.field({ type: 'Date', required: true, description: 'Last day it can be used, inclusive.' }),
    schoolCode: t.string({ description: 'Offering school (default: the caller’s school for school admins).' }),
    countyCode: t.string({ description: 'Offering county (default: the school’s or the caller’s county).' }),
    visibility: t.field({ type: OfferVisibilityEnum, description: 'PUBLISHED (default) or INTERNAL.' }),
    internalNote: t.string({ description: 'Internal remarks, never shown to portals.' }),
    contactName: t.string({ description: 'Contact person (personal data).' }),
    contactPhone: t.string({ description: 'Contact phone (personal data).' }),
    teacherStaffNo: t.string({
      description:
        'TEACHER_EXCHANGE pools: staff number of the teacher offered (教职工号), a teacher of the ' +
        'offering school or county. Internal, never shown to portals; allocating the offer to a ' +
        'school’s request proposes the 走教 exchange it implies.',
    }),
    equipment: t.field({ type: EquipmentInput, description: 'For EQUIPMENT pools.' }),
    course: t.field({ type: CourseInput, description: 'For COURSE pools.' }),
    teacherTime: t.field({ type: TeacherTimeInput, description: 'For TEACHER_EXCHANGE pools.' }),
    research: t.field({ type: ResearchInput, description: 'For RESEARCH pools.' }),
  }),
  verb: offerResource,
});

entityMutation<typeof ResourceRequestRef.$inferType, SubmitResourceRequestInput>({
  field: 'submitResourceRequest',
  description:
    'A county (or a school through its county) asks a pool for what it lacks (县级按需申请). ' +
    'The returned request lists `suggestedOffers`; asking for a new purchase while such offers ' +
    'exist needs every one acknowledged and a justification (避免重复采购).',
  entityField: 'request',
  entityRef: ResourceRequestRef,
  inputFields: (t) => ({
    poolId: t.id({ required: true, description: 'Pool asked.' }),
    countyCode: t.string({ description: 'Requesting county (default: the caller’s county or school’s county).' }),
    schoolCode: t.string({ description: 'School the request is for, if any.' }),
    subject: t.string({ required: true, description: 'Subject or category needed (学科/类别).' }),
    specification: t.string({ required: true, description: 'What is needed (需求说明).' }),
    quantity: t.int({ required: true, description: 'Quantity in the pool’s unit; positive.' }),
    periodStart: t.field({ type: 'Date', required: true, description: 'First day needed.' }),
    periodEnd: t.field({ type: 'Date', required: true, description: 'Last day needed, inclusive.' }),
    priority: t.field({ type: RequestPriorityEnum, description: 'Urgency (default NORMAL).' }),
    reason: t.string({ required: true, description: 'Why it is needed (申请理由).' }),
    needsNewPurchase: t.boolean({ description: 'Ask to buy new rather than share (申请新购).' }),
    acknowledgedOfferIds: t.idList({
      description:
        'Pool offers seen and judged unsuitable, required for a new purchase when the pool has ' + 'fitting offers.',
    }),
    purchaseJustification: t.string({ description: 'Why the pool’s offers do not do (新购理由).' }),
  }),
  verb: submitResourceRequest,
});

entityMutation<typeof ResourceAllocationRef.$inferType, AllocateResourceInput>({
  field: 'allocateResource',
  description:
    'Ties a request to a resource for a period and quantity (市级统筹匹配). Who may match ' +
    'follows the responsibility list (RESOURCES.POOL_MATCHING, the city by default). Refused ' +
    'with OVER_CAPACITY when the resource is fully booked on any day of the period — checked ' +
    'by the database inside the transaction. In a TEACHER_EXCHANGE pool, when the offer names ' +
    'a teacher and the request a school, the allocation proposes the 走教 exchange it implies ' +
    '(ITINERANT, teacher’s school → requesting school, weekly hours = quantity, the ' +
    'allocation’s period) or links `exchangeAssignmentId`; if the exchange rules refuse it ' +
    '(e.g. the itinerant hours cap: OVER_CAPACITY), the allocation is refused and nothing is ' +
    'written.',
  entityField: 'allocation',
  entityRef: ResourceAllocationRef,
  inputFields: (t) => ({
    requestId: t.id({ required: true, description: 'Request to serve.' }),
    resourceId: t.id({ required: true, description: 'Resource of the same pool.' }),
    quantity: t.int({ required: true, description: 'Quantity; positive, at most what the request still needs.' }),
    periodStart: t.field({ type: 'Date', description: 'Default: the request’s first day.' }),
    periodEnd: t.field({ type: 'Date', description: 'Default: the request’s last day.' }),
    reason: t.string({
      required: true,
      description: 'Why this resource (匹配理由); kept on the allocation and in the audit trail.',
    }),
    exchangeAssignmentId: t.id({
      description:
        'TEACHER_EXCHANGE pools: an existing exchange assignment this allocation implements (same ' +
        'teacher as the offer, the requesting school as target, dates covering the period), linked ' +
        'instead of proposing a new one.',
    }),
  }),
  verb: allocateResource,
});

const AutoMatchSummaryRef = builder.objectRef<AutoMatchSummary>('AutoMatchSummary').implement({
  description:
    'Outcome of autoMatchRequests (自动匹配结果). Rule: open requests are served by priority ' +
    '(URGENT, HIGH, NORMAL, LOW), within a priority weaker counties first (higher setting ' +
    'pools.countyPriorityWeight, 资源向薄弱县倾斜), then oldest first, then by id; each takes ' +
    'free capacity from same-subject offers whose window covers its period, its own county’s ' +
    'offers first, then by resource id.',
  fields: (t) => ({
    // drizzleField: the nested selection joins this one query instead of loading per allocation.
    pool: t.drizzleField({
      type: ResourcePoolRef,
      description: 'The pool matched.',
      resolve: (query, s, _a, ctx) =>
        ctx.db.query.resourcePools.findFirst(query({ where: { id: s.poolId } })).then((p) => p!),
    }),
    dryRun: t.exposeBoolean('dryRun', { description: 'Only proposed: nothing was written.' }),
    authorityLevel: t.string({
      description: 'Level that leads pool matching (牵头层级) per the responsibility list.',
      resolve: (s) => s.authority.level,
    }),
    authoritySource: t.string({
      description: 'PUBLISHED_LIST or DEFAULT: where that answer came from.',
      resolve: (s) => s.authority.source,
    }),
    requestsConsidered: t.exposeInt('requestsConsidered', {
      description: 'Open requests looked at (参与匹配的申请数).',
    }),
    requestsMatched: t.exposeInt('requestsMatched', { description: 'Requests now fully matched (完全匹配).' }),
    requestsPartiallyMatched: t.exposeInt('requestsPartiallyMatched', {
      description: 'Requests now partially matched (部分匹配).',
    }),
    requestsUnmatched: t.exposeInt('requestsUnmatched', {
      description: 'Requests still without any allocation (未匹配).',
    }),
    allocationsCreated: t.int({
      description: 'Allocations written, or proposed on a dry run (分配条数).',
      resolve: (s) => s.planned.length,
    }),
    unitsAllocated: t.exposeInt('unitsAllocated', { description: 'Total quantity allocated (分配总量).' }),
    allocations: t.drizzleField({
      type: [ResourceAllocationRef],
      description: 'The allocations written (empty on a dry run), at most the first 100.',
      resolve: (query, s, _a, ctx) =>
        s.allocationIds.length
          ? ctx.db.query.resourceAllocations.findMany(
              query({ where: { id: { in: s.allocationIds.slice(0, 100) } }, orderBy: { id: 'asc' } }),
            )
          : [],
    }),
  }),
});

entityMutation<AutoMatchSummary, AutoMatchRequestsInput>({
  field: 'autoMatchRequests',
  description:
    'Proposes and applies allocations for every open request of a pool in one transaction ' +
    '(自动统筹匹配); see AutoMatchSummary for the documented order. dryRun only proposes.',
  entityField: 'summary',
  entityRef: AutoMatchSummaryRef,
  inputFields: (t) => ({
    poolId: t.id({ required: true, description: 'Pool to match.' }),
    dryRun: t.boolean({ description: 'Compute and report without writing (default false).' }),
  }),
  verb: autoMatchRequests,
});

entityMutation<typeof ResourceAllocationRef.$inferType, ReleaseAllocationInput>({
  field: 'releaseAllocation',
  description:
    'Gives an allocation’s capacity back (释放分配); the request reopens to PARTIALLY_MATCHED ' +
    'or SUBMITTED. Same authority as matching.',
  entityField: 'allocation',
  entityRef: ResourceAllocationRef,
  inputFields: (t) => ({
    allocationId: t.id({ required: true, description: 'Allocation to release.' }),
    reason: t.string({ required: true, description: 'Why (释放原因).' }),
  }),
  verb: releaseAllocation,
});

const closeFields = (what: string) => (t: any) => ({
  requestId: t.id({ required: true, description: `Request to ${what}.` }),
  reason: t.string({
    required: true,
    description: 'Reason or remark (说明), kept on the request and in the audit trail.',
  }),
});

entityMutation<typeof ResourceRequestRef.$inferType, CloseRequestInput>({
  field: 'withdrawResourceRequest',
  description: 'The requesting county or school withdraws a request (撤回申请); its allocations are released.',
  entityField: 'request',
  entityRef: ResourceRequestRef,
  inputFields: closeFields('withdraw'),
  verb: withdrawResourceRequest,
});

entityMutation<typeof ResourceRequestRef.$inferType, CloseRequestInput>({
  field: 'rejectResourceRequest',
  description:
    'The matching authority turns down an open request with a reason (驳回申请); its allocations are released.',
  entityField: 'request',
  entityRef: ResourceRequestRef,
  inputFields: closeFields('reject'),
  verb: rejectResourceRequest,
});

entityMutation<typeof ResourceRequestRef.$inferType, CloseRequestInput>({
  field: 'confirmResourceFulfilment',
  description: 'The requesting county confirms a fully matched request was delivered (确认到位): MATCHED → FULFILLED.',
  entityField: 'request',
  entityRef: ResourceRequestRef,
  inputFields: closeFields('confirm'),
  verb: confirmResourceFulfilment,
});
