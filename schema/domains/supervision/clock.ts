import type { Context } from '../../context.js';

/**
 * The time a supervision verb acts at. Requests use the wall clock; the demo seed and tests
 * pin it (`{ ...ctx, now }`) so that due dates, lateness and escalation ages are reproducible.
 */
export type ClockedContext = Context & { now?: Date };
export const nowOf = (ctx: Context): Date => (ctx as ClockedContext).now ?? new Date();
