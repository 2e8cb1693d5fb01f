import { and, eq, like, sql } from 'drizzle-orm';
import { builder } from '../../../builder.js';
import { canRead, readScope, scopeCondition } from '../../access/jurisdiction.js';
import type { Viewer } from '../../access/viewer.js';
import { REGION_CODE, regionPrefix } from '../../organisation/codes.js';
import { SchoolProfileRef } from '../../evaluation/graphql/profileTypes.js';
import { CountyProfileRef } from '../../organisation/graphql/countyProfileTypes.js';
import { connectionOf } from '../../shared/graphql/connectionTypes.js';
import { nodeReadRule } from '../../shared/graphql/nodeTypes.js';
import { fundingChecks, schoolSpending } from '../checks.js';
import { fundingProgrammes, spendingReports } from '../table.js';
import { FundingChecksRef, FundingProgrammeRef, SchoolFundingRef, SpendingReportRef } from './types.js';

const programmeCondition =
  (args: { regionCode?: string | null; year?: number | null }) => (p: typeof fundingProgrammes) =>
    and(
      args.regionCode && REGION_CODE.test(args.regionCode)
        ? like(p.cityCode, `${regionPrefix(args.regionCode).slice(0, 4)}%`)
        : undefined,
      args.year != null ? eq(p.year, args.year) : undefined,
    );

function spendingCondition(viewer: Viewer, args: { regionCode?: string | null; year?: number | null }) {
  const scope = readScope(viewer, 'spendingReport');
  return (r: typeof spendingReports) =>
    and(
      scopeCondition(scope, { region: r.countyCode, school: r.schoolId }),
      args.regionCode
        ? like(r.countyCode, `${REGION_CODE.test(args.regionCode) ? regionPrefix(args.regionCode) : args.regionCode}%`)
        : undefined,
      args.year != null ? eq(r.year, args.year) : undefined,
    );
}

builder.queryFields((t) => ({
  fundingProgrammes: t.drizzleConnection(
    {
      type: 'fundingProgrammes',
      description: 'City-coordinated programmes (市级统筹专项) of the city of a region, by code; public.',
      args: {
        regionCode: t.arg.string({ description: 'A city or one of its counties.' }),
        year: t.arg.int({ description: 'Only this budget year.' }),
      },
      totalCount: (_p, args, ctx) => ctx.db.$count(fundingProgrammes, programmeCondition(args)(fundingProgrammes)),
      resolve: async (query, _root, args, ctx) =>
        ctx.db.query.fundingProgrammes.findMany(
          query({
            where: { RAW: (p) => programmeCondition(args)(p as typeof fundingProgrammes) ?? sql`true` },
            orderBy: { id: 'asc' },
          }),
        ),
    },
    connectionOf(FundingProgrammeRef),
  ),

  spendingReports: t.drizzleConnection(
    {
      type: 'spendingReports',
      description:
        'Spending reports (支出报告) within the caller’s jurisdiction, by id; a school reads its ' +
        'own. Portals see none (they read countyProfile).',
      args: {
        regionCode: t.arg.string({ description: 'Only counties under this region.' }),
        year: t.arg.int({ description: 'Only this budget year.' }),
      },
      totalCount: (_p, args, ctx) =>
        ctx.db.$count(spendingReports, spendingCondition(ctx.viewer, args)(spendingReports)),
      resolve: async (query, _root, args, ctx) =>
        ctx.db.query.spendingReports.findMany(
          query({
            where: { RAW: (r) => spendingCondition(ctx.viewer, args)(r as typeof spendingReports) ?? sql`true` },
            orderBy: { id: 'asc' },
          }),
        ),
    },
    connectionOf(SpendingReportRef),
  ),
}));

builder.objectField(CountyProfileRef, 'funding', (t) =>
  t.field({
    type: FundingChecksRef,
    nullable: true,
    description:
      'Funding checks of the county for a year (经费保障): budget 只增不减, matching paid, ' +
      'per-pupil gap, donations apart; null outside the caller’s jurisdiction.',
    args: { year: t.arg.int({ required: true, description: 'Budget year.' }) },
    resolve: (r, args, ctx) =>
      canRead(ctx.viewer, 'fundingAllocation', { regionCode: r.code })
        ? fundingChecks(ctx.db, r.code, args.year)
        : null,
  }),
);

builder.objectField(SchoolProfileRef, 'funding', (t) =>
  t.field({
    type: SchoolFundingRef,
    nullable: true,
    description:
      'Spending of the school for a year (学校经费): public money and per pupil, donations and ' +
      'social funds apart; null outside the caller’s jurisdiction.',
    args: { year: t.arg.int({ required: true, description: 'Budget year.' }) },
    resolve: (s, args, ctx) =>
      canRead(ctx.viewer, 'fundingAllocation', { regionCode: s.countyCode, schoolId: s.id })
        ? schoolSpending(ctx.db, s, args.year)
        : null,
  }),
);

nodeReadRule('FundingProgramme', { table: 'fundingProgrammes', key: 'id', visible: () => () => undefined });
nodeReadRule('SpendingReport', {
  table: 'spendingReports',
  key: 'id',
  visible: (ctx) => spendingCondition(ctx.viewer, {}),
});
