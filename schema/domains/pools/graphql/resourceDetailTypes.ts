import { builder } from '../../../builder.js';
import type { Attributes } from '../attributes.js';
import { CourseDeliveryEnum } from './enums.js';

/** Parts of an offered resource: its kind-specific attributes and its availability over a period. */
const EquipmentDetails = builder.objectRef<Attributes & { kind: 'EQUIPMENT' }>('EquipmentDetails').implement({
  description: 'Attributes of shared equipment (设备信息); capacity counts the units.',
  fields: (t) => ({
    model: t.exposeString('model', { description: 'Model (型号), e.g. 数字化物理实验系统 DISLab 8.0.' }),
    location: t.exposeString('location', { description: 'Where it is kept (存放地点).' }),
  }),
});
const CourseDetails = builder.objectRef<Attributes & { kind: 'COURSE' }>('CourseDetails').implement({
  description: 'Attributes of a shared course (课程信息); capacity counts the seats.',
  fields: (t) => ({
    gradeBand: t.exposeString('gradeBand', { description: 'Grades it suits (适用年级), e.g. 高一至高二.' }),
    delivery: t.field({
      type: CourseDeliveryEnum,
      description: 'Online, in person or blended (授课方式).',
      resolve: (a) => a.delivery,
    }),
  }),
});
const TeacherTimeDetails = builder
  .objectRef<Attributes & { kind: 'TEACHER_EXCHANGE' }>('TeacherTimeDetails')
  .implement({
    description: 'Attributes of offered teacher time (师资信息); capacity counts hours per week. No personal data.',
    fields: (t) => ({
      title: t.string({
        nullable: true,
        description: 'Professional title of the teacher offered (职称), e.g. 高级教师.',
        resolve: (a) => a.title ?? null,
      }),
      note: t.string({
        nullable: true,
        description: 'Public remarks (说明), e.g. 可承担走教.',
        resolve: (a) => a.note ?? null,
      }),
    }),
  });
const ResearchDetails = builder.objectRef<Attributes & { kind: 'RESEARCH' }>('ResearchDetails').implement({
  description: 'Attributes of a teaching-research resource (教研资源信息); capacity counts concurrent accesses.',
  fields: (t) => ({
    format: t.exposeString('format', { description: 'Format (形式), e.g. 课例视频, 教学设计.' }),
    link: t.exposeString('link', { description: 'Where to find it (链接).' }),
  }),
});
const DETAILS = {
  EQUIPMENT: EquipmentDetails,
  COURSE: CourseDetails,
  TEACHER_EXCHANGE: TeacherTimeDetails,
  RESEARCH: ResearchDetails,
};
export const ResourceDetails = builder.unionType('ResourceDetails', {
  description: 'Kind-specific attributes of an offered resource (资源属性), by pool kind.',
  types: [EquipmentDetails, CourseDetails, TeacherTimeDetails, ResearchDetails],
  resolveType: (a) => DETAILS[(a as Attributes).kind],
});

interface Availability {
  from: string;
  to: string;
  capacity: number;
  peak: number;
  segments: { from: string; to: string; allocated: number }[];
}
const AvailabilitySegmentRef = builder
  .objectRef<{ from: string; to: string; allocated: number; capacity: number }>('AvailabilitySegment')
  .implement({
    description: 'A run of days with the same allocated quantity (占用时段).',
    fields: (t) => ({
      from: t.field({ type: 'Date', description: 'First day (起).', resolve: (s) => s.from }),
      to: t.field({ type: 'Date', description: 'Last day, inclusive (止).', resolve: (s) => s.to }),
      allocated: t.exposeInt('allocated', {
        description: 'Quantity held by active allocations on these days (已分配).',
      }),
      free: t.int({
        description: 'Capacity still free on these days (可用).',
        resolve: (s) => s.capacity - s.allocated,
      }),
    }),
  });
export const AvailabilityRef = builder.objectRef<Availability>('ResourceAvailability').implement({
  description: 'How much of a resource is free over a period (资源可用情况).',
  fields: (t) => ({
    from: t.field({ type: 'Date', description: 'Start of the period looked at (起).', resolve: (a) => a.from }),
    to: t.field({ type: 'Date', description: 'End of the period, inclusive (止).', resolve: (a) => a.to }),
    capacity: t.exposeInt('capacity', { description: 'Capacity of the resource (容量).' }),
    peakAllocated: t.int({
      description: 'Largest quantity allocated on any day of the period (峰值占用).',
      resolve: (a) => a.peak,
    }),
    free: t.int({
      description: 'Quantity free on every day of the period: what one more allocation could take (可分配量).',
      resolve: (a) => a.capacity - a.peak,
    }),
    segments: t.field({
      type: [AvailabilitySegmentRef],
      description: 'Allocated and free quantity day by day, as runs of equal load (逐日占用).',
      resolve: (a) => a.segments.map((s) => ({ ...s, capacity: a.capacity })),
    }),
  }),
});
