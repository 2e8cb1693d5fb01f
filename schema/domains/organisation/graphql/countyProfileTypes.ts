import { eq } from 'drizzle-orm';
import { builder } from '../../../builder.js';
import { regionLevelOf, REGION_CODE } from '../codes.js';
import { regions } from '../table.js';
import { RegionRef } from './types.js';

/**
 * County profile (县域画像): what the city's three levers over county high schools look like
 * in one county. The region lives here; the domains (staffing, funding, enrolment) add their
 * fields with `builder.objectField(CountyProfileRef, …)`. Each section checks its own read rule.
 */
export const CountyProfileRef = builder.objectRef<typeof regions.$inferSelect>('CountyProfile').implement({
  description:
    'County profile (县域画像): enrolment (招生), staffing (编制) and funding (经费) of one ' +
    'county; aggregate figures only, each section null or empty where the caller may not read ' +
    'it.',
  fields: (t) => ({
    region: t.field({ type: RegionRef, description: 'The county.', resolve: (r) => r }),
  }),
});

builder.queryField('countyProfile', (t) =>
  t.field({
    type: CountyProfileRef,
    nullable: true,
    description: 'County profile (县域画像) by GB/T 2260 code; null for an unknown code or one that is not a county.',
    args: { regionCode: t.arg.string({ required: true, description: 'County code, e.g. 430721.' }) },
    resolve: async (_root, args, ctx) => {
      if (!REGION_CODE.test(args.regionCode) || regionLevelOf(args.regionCode) !== 'COUNTY') return null;
      const [r] = await ctx.db.select().from(regions).where(eq(regions.code, args.regionCode));
      return r ?? null;
    },
  }),
);
