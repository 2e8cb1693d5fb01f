import { z } from 'zod';

/**
 * Every per-region setting: its value rule, default and meaning. Domains add their keys here
 * (one entry each), so the API can validate and document all of them in one place.
 */
export interface SettingDefinition<T = unknown> {
  schema: z.ZodType<T>;
  default: T;
  description: string;
}

const def = <T>(d: SettingDefinition<T>) => d;

export const SETTINGS = {
  'exchange.eligibilityYears': def({
    schema: z.number().int().min(1).max(30),
    default: 6,
    description: 'Years at one school after which a teacher is eligible for exchange (交流轮岗 eligibility).',
  }),
  'exchange.enforceEligibility': def({
    schema: z.boolean(),
    default: false,
    description: 'Refuse exchange proposals for teachers below the eligibility threshold.',
  }),
  'exchange.targetRatio': def({
    schema: z.number().min(0).max(1),
    default: 0.1,
    description: 'Share of eligible teachers to exchange each year (national expectation ≥ 10%).',
  }),
  'exchange.backboneShareTarget': def({
    schema: z.number().min(0).max(1),
    default: 0.2,
    description: 'Share of backbone teachers among those exchanged (national expectation ≥ 20%).',
  }),
  'exchange.itinerantHoursCap': def({
    schema: z.number().int().min(1).max(40),
    default: 12,
    description: 'Maximum total itinerant (走教) hours per week for one teacher.',
  }),
} satisfies Record<string, SettingDefinition<any>>;

export type SettingKey = keyof typeof SETTINGS;
export type SettingValue<K extends SettingKey> = (typeof SETTINGS)[K]['default'];
