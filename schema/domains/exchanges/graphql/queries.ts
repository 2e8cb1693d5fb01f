import { connectionOf } from '../../shared/graphql/connectionTypes.js';
import { sql } from 'drizzle-orm';
import { GraphQLError } from 'graphql';
import { z } from 'zod';
import { builder } from '../../../builder.js';
import { SchoolStageEnum } from '../../organisation/graphql/enums.js';
import { canRead } from '../../access/jurisdiction.js';
import { exchangeCondition } from '../filters.js';
import { ExchangeFilterInput, ExchangeOrderInput } from './inputs.js';
import { exchangeStats } from '../exchangeStats.js';
import { ExchangeStatsRef } from './statsTypes.js';
import { exchangeAssignments } from '../table.js';
import './types.js';
import { nodeReadRule } from '../../shared/graphql/nodeTypes.js';
import { ExchangeAssignmentRef } from './types.js';

const ORDER = { START_DATE: 'startDate', PROPOSED_AT: 'proposedAt' } as const;

builder.queryFields((t) => ({
  exchangeAssignments: t.drizzleConnection(
    {
      type: 'exchangeAssignments',
      description:
        'Teacher exchange assignments matching a filter (交流安排列表), latest start first by ' +
        'default. Restricted: only assignments whose sending or receiving school lies in the ' +
        'caller’s jurisdiction; none for portals and anonymous callers.',
      args: {
        filter: t.arg({ type: ExchangeFilterInput }),
        orderBy: t.arg({ type: ExchangeOrderInput }),
      },
      totalCount: (_parent, args, ctx) =>
        ctx.db.$count(exchangeAssignments, exchangeCondition(ctx.viewer, args.filter)(exchangeAssignments)),
      resolve: async (query, _root, args, ctx) => {
        const condition = exchangeCondition(ctx.viewer, args.filter);
        return ctx.db.query.exchangeAssignments.findMany(
          query({
            where: { RAW: (a) => condition(a) ?? sql`true` },
            orderBy: {
              [ORDER[args.orderBy?.field ?? 'START_DATE']]: args.orderBy?.direction === 'ASC' ? 'asc' : 'desc',
            },
          }),
        );
      },
    },
    connectionOf(ExchangeAssignmentRef),
  ),

  exchangeStats: t.field({
    type: ExchangeStatsRef,
    nullable: true,
    description:
      'Annual exchange ratio, backbone share, targets and flows (交流轮岗统计) for a county, or ' +
      'per county plus total for a city or province; null for an unknown region. A public ' +
      'aggregate: see ExchangeStats for the counting rules.',
    args: {
      regionCode: t.arg.string({ required: true, description: 'County, city or province code.' }),
      year: t.arg.int({
        required: true,
        description: 'School year Y (from Y-09-01 to (Y+1)-08-31).',
        validate: z.number().int().min(2000, 'year must be 2000 or later').max(2100, 'year must be 2100 or earlier'),
      }),
      stages: t.arg({
        type: [SchoolStageEnum],
        required: false,
        description:
          'School stages to count (统计学段). Default: PRIMARY, JUNIOR, NINE_YEAR — the ' +
          'compulsory-education population (义务教育教师).',
      }),
    },
    resolve: (_root, args, ctx) => {
      if (!canRead(ctx.viewer, 'region', { regionCode: args.regionCode })) {
        throw new GraphQLError('Reading statistics needs the read scope.', { extensions: { code: 'FORBIDDEN' } });
      }
      return exchangeStats(ctx.db, args.regionCode, args.year, args.stages?.length ? args.stages : undefined);
    },
  }),
}));

nodeReadRule('ExchangeAssignment', {
  table: 'exchangeAssignments',
  key: 'id',
  visible: (ctx) => exchangeCondition(ctx.viewer, null),
});
