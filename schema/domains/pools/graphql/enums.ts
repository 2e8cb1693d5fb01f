import { builder } from '../../../builder.js';

export const PoolKindEnum = builder.enumType('PoolKind', {
  description: 'Kind of shared-resource pool (资源共享池类型).',
  values: {
    TEACHER_EXCHANGE: { description: 'Teacher exchange pool (教师交流轮岗信息库): teacher time, in hours per week.' },
    EQUIPMENT: { description: 'Lab and equipment sharing centre (实验设备共享中心): units of equipment.' },
    COURSE: { description: 'Course-sharing platform (特色课程共享平台): course seats.' },
    RESEARCH: { description: 'Teaching-research library (教研资源库): concurrent licences or accesses.' },
  },
});

export const CapacityUnitEnum = builder.enumType('CapacityUnit', {
  description: 'What a resource’s capacity counts (容量单位); follows the pool kind.',
  values: {
    UNITS: { description: 'Units of equipment (台/套).' },
    SEATS: { description: 'Course seats (席位).' },
    HOURS_PER_WEEK: { description: 'Teaching hours per week (周课时).' },
    ACCESSES: { description: 'Concurrent accesses or licences (并发使用数).' },
  },
});

export const OfferVisibilityEnum = builder.enumType('OfferVisibility', {
  description: 'Who sees an offered resource (公开范围).',
  values: {
    PUBLISHED: { description: 'In the public catalogue shown by portals (公开目录).' },
    INTERNAL: { description: 'Only for the city’s education bureaus and the offering school (内部共享).' },
  },
});

export const RequestPriorityEnum = builder.enumType('RequestPriority', {
  description: 'Urgency of a county’s request (申请优先级); auto-matching serves higher priorities first.',
  values: {
    LOW: { description: 'Low (一般).' },
    NORMAL: { description: 'Normal (常规).' },
    HIGH: { description: 'High (较急).' },
    URGENT: { description: 'Urgent (紧急).' },
  },
});

export const RequestStatusEnum = builder.enumType('RequestStatus', {
  description:
    'Lifecycle of a resource request (申请状态): SUBMITTED → PARTIALLY_MATCHED → MATCHED → ' +
    'FULFILLED, or REJECTED / WITHDRAWN.',
  values: {
    SUBMITTED: { description: 'Submitted, nothing allocated yet (已申报).' },
    PARTIALLY_MATCHED: { description: 'Some of the quantity is allocated (部分匹配).' },
    MATCHED: { description: 'The whole quantity is allocated (已匹配).' },
    FULFILLED: { description: 'The county confirmed delivery (已到位).' },
    REJECTED: { description: 'Turned down by the matching authority, with a reason (已驳回).' },
    WITHDRAWN: { description: 'Withdrawn by the requester (已撤回).' },
  },
});

export const AllocationStatusEnum = builder.enumType('AllocationStatus', {
  description: 'State of an allocation (分配状态).',
  values: {
    ACTIVE: { description: 'Holds capacity of the resource for its period (生效).' },
    RELEASED: { description: 'Capacity given back (已释放).' },
  },
});

export const AllocationMethodEnum = builder.enumType('AllocationMethod', {
  description: 'How an allocation was made (匹配方式).',
  values: {
    MANUAL: { description: 'Chosen by an administrator (人工匹配).' },
    AUTO: { description: 'Proposed and applied by autoMatchRequests (自动匹配).' },
  },
});

export const CourseDeliveryEnum = builder.enumType('CourseDelivery', {
  description: 'How a shared course is delivered (授课方式).',
  values: {
    ONLINE: { description: 'Online (线上).' },
    OFFLINE: { description: 'In person (线下).' },
    BLENDED: { description: 'Blended (线上线下混合).' },
  },
});
