import { and, asc, sql } from 'drizzle-orm';
import { builder } from '../../../builder.js';
import { canRead, readScope, scopeCondition } from '../../access/jurisdiction.js';
import { REGION_CODE, underRegion } from '../../organisation/codes.js';
import { SchoolProfileRef } from '../../evaluation/graphql/profileTypes.js';
import { connectionOf } from '../../shared/graphql/connectionTypes.js';
import { nodeReadRule } from '../../shared/graphql/nodeTypes.js';
import { EstablishmentRequestStatusEnum } from './enums.js';
import { establishmentRequestCondition, establishmentTransferCondition } from '../filters.js';
import { schoolStaffing } from '../report.js';
import { establishmentHoldings, establishmentRequests, establishmentTransfers } from '../table.js';
import {
  EstablishmentHoldingRef,
  EstablishmentRequestRef,
  EstablishmentTransferRef,
  SchoolStaffingRef,
} from './types.js';
import './countyProfileTypes.js';

const RequestFilterInput = builder.inputType('EstablishmentRequestFilter', {
  description: 'Filter for establishment requests and offers; results never leave the caller’s jurisdiction.',
  fields: (t) => ({
    regionCode: t.string({ description: 'Only counties under this region.' }),
    status: t.field({ type: [EstablishmentRequestStatusEnum], description: 'Any of these statuses.' }),
  }),
});

builder.queryFields((t) => ({
  establishmentHoldings: t.field({
    type: [EstablishmentHoldingRef],
    description:
      'Approved establishment (核定编制) of the city pool and counties under a region, by holder ' +
      'then category; aggregate figures within the caller’s jurisdiction.',
    args: {
      regionCode: t.arg.string({
        description:
          'A province, a city (its pool and counties) or a county; all in the caller’s jurisdiction ' + 'when omitted.',
      }),
    },
    resolve: async (_root, args, ctx) =>
      args.regionCode != null && !REGION_CODE.test(args.regionCode)
        ? []
        : ctx.db
            .select()
            .from(establishmentHoldings)
            .where(
              and(
                scopeCondition(readScope(ctx.viewer, 'establishment'), { region: establishmentHoldings.holderCode }),
                args.regionCode ? underRegion(establishmentHoldings.holderCode, args.regionCode) : undefined,
              ),
            )
            .orderBy(asc(establishmentHoldings.holderCode), asc(establishmentHoldings.category)),
  }),

  establishmentRequests: t.drizzleConnection(
    {
      type: 'establishmentRequests',
      description:
        'County requests for and offers of posts (编制申报) within the caller’s jurisdiction, ' +
        'newest first. Portals see none.',
      args: { filter: t.arg({ type: RequestFilterInput }) },
      totalCount: (_p, args, ctx) =>
        ctx.db.$count(
          establishmentRequests,
          establishmentRequestCondition(ctx.viewer, args.filter)(establishmentRequests),
        ),
      resolve: async (query, _root, args, ctx) => {
        const condition = establishmentRequestCondition(ctx.viewer, args.filter);
        return ctx.db.query.establishmentRequests.findMany(
          query({
            where: { RAW: (r) => condition(r as typeof establishmentRequests) ?? sql`true` },
            orderBy: { id: 'desc' },
          }),
        );
      },
    },
    connectionOf(EstablishmentRequestRef),
  ),

  establishmentTransfers: t.drizzleConnection(
    {
      type: 'establishmentTransfers',
      description:
        'Approved establishment transfers (编制调剂台账) touching the caller’s jurisdiction, ' +
        'newest first. Portals see none.',
      args: { regionCode: t.arg.string({ description: 'Only transfers to or from holders under this region.' }) },
      totalCount: (_p, args, ctx) =>
        ctx.db.$count(
          establishmentTransfers,
          establishmentTransferCondition(ctx.viewer, args.regionCode)(establishmentTransfers),
        ),
      resolve: async (query, _root, args, ctx) => {
        const condition = establishmentTransferCondition(ctx.viewer, args.regionCode);
        return ctx.db.query.establishmentTransfers.findMany(
          query({
            where: { RAW: (r) => condition(r as typeof establishmentTransfers) ?? sql`true` },
            orderBy: { id: 'desc' },
          }),
        );
      },
    },
    connectionOf(EstablishmentTransferRef),
  ),
}));

builder.objectField(SchoolProfileRef, 'staffing', (t) =>
  t.field({
    type: SchoolStaffingRef,
    nullable: true,
    description:
      'Staffing (学校编制): assigned posts vs standard vs register, vacancies by subject; null ' +
      'outside the caller’s jurisdiction.',
    resolve: async (s, _a, ctx) =>
      canRead(ctx.viewer, 'schoolEstablishment', { regionCode: s.countyCode, schoolId: s.id })
        ? ((await schoolStaffing(ctx.db, [s])).get(s.id) ?? null)
        : null,
  }),
);

nodeReadRule('EstablishmentRequest', {
  table: 'establishmentRequests',
  key: 'id',
  visible: (ctx) => establishmentRequestCondition(ctx.viewer, null),
});
nodeReadRule('EstablishmentTransfer', {
  table: 'establishmentTransfers',
  key: 'id',
  visible: (ctx) => establishmentTransferCondition(ctx.viewer, null),
});
