import { createContextCache } from '@pothos/core';
import DataLoader from 'dataloader';
import { asc, eq, inArray } from 'drizzle-orm';
import type { Context } from '../../context.js';
import { fundingAllocations, fundingProgrammes } from './table.js';

type Allocation = typeof fundingAllocations.$inferSelect;

/** Allocations of the programmes on a page, in one statement (FundingProgramme.allocations / allocatedFen). */
export const allocationsOf = createContextCache(
  (ctx: Context) =>
    new DataLoader<number, Allocation[]>(async (ids) => {
      const rows = await ctx.db
        .select()
        .from(fundingAllocations)
        .where(inArray(fundingAllocations.programmeId, [...ids]))
        .orderBy(asc(fundingAllocations.countyCode));
      return ids.map((id) => rows.filter((r) => r.programmeId === id));
    }),
);

/** Programme code behind each allocation of a page of spending reports, in one statement. */
export const programmeCodeOf = createContextCache(
  (ctx: Context) =>
    new DataLoader<number, string | null>(async (ids) => {
      const rows = await ctx.db
        .select({ id: fundingAllocations.id, code: fundingProgrammes.code })
        .from(fundingAllocations)
        .innerJoin(fundingProgrammes, eq(fundingProgrammes.id, fundingAllocations.programmeId))
        .where(inArray(fundingAllocations.id, [...ids]));
      return ids.map((id) => rows.find((r) => r.id === id)?.code ?? null);
    }),
);
