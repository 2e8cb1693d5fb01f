import { z } from 'zod';
import type { poolKind } from './table.js';

/**
 * Kind-specific attributes of an offered resource, stored as tagged JSON. The capacity column
 * carries the countable part (units of equipment, course seats, teacher hours per week,
 * concurrent licences of a research resource), so nothing is stored twice.
 */
export type PoolKind = (typeof poolKind.enumValues)[number];

export const UNIT_OF_KIND = {
  EQUIPMENT: 'UNITS',
  COURSE: 'SEATS',
  TEACHER_EXCHANGE: 'HOURS_PER_WEEK',
  RESEARCH: 'ACCESSES',
} as const satisfies Record<PoolKind, string>;

/** Input field carrying each kind's attributes. */
export const ATTRIBUTE_FIELD = {
  EQUIPMENT: 'equipment',
  COURSE: 'course',
  TEACHER_EXCHANGE: 'teacherTime',
  RESEARCH: 'research',
} as const satisfies Record<PoolKind, string>;

const text = (max: number) => z.string().trim().min(1).max(max);

export const ATTRIBUTE_SCHEMAS = {
  EQUIPMENT: z.object({ model: text(80), location: text(120) }),
  COURSE: z.object({ gradeBand: text(40), delivery: z.enum(['ONLINE', 'OFFLINE', 'BLENDED']) }),
  TEACHER_EXCHANGE: z.object({ title: text(40).nullish(), note: text(200).nullish() }),
  RESEARCH: z.object({ format: text(40), link: z.url({ protocol: /^https?$/ }) }),
} as const;

export type Attributes =
  | ({ kind: 'EQUIPMENT' } & z.infer<typeof ATTRIBUTE_SCHEMAS.EQUIPMENT>)
  | ({ kind: 'COURSE' } & z.infer<typeof ATTRIBUTE_SCHEMAS.COURSE>)
  | ({ kind: 'TEACHER_EXCHANGE' } & z.infer<typeof ATTRIBUTE_SCHEMAS.TEACHER_EXCHANGE>)
  | ({ kind: 'RESEARCH' } & z.infer<typeof ATTRIBUTE_SCHEMAS.RESEARCH>);
