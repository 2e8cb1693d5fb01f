import { builder } from '../../../builder.js';
import { canRead } from '../../access/jurisdiction.js';
import { CountyProfileRef } from '../../organisation/graphql/countyProfileTypes.js';
import { countyStaffing } from '../report.js';
import { CountyStaffingRef } from './types.js';

builder.objectField(CountyProfileRef, 'staffing', (t) =>
  t.field({
    type: CountyStaffingRef,
    nullable: true,
    description:
      'Staffing report: approved vs standard vs filled, 县中 vacancies by subject; null outside ' +
      'the caller’s jurisdiction.',
    resolve: (r, _a, ctx) =>
      canRead(ctx.viewer, 'establishment', { regionCode: r.code }) ? countyStaffing(ctx.db, r.code) : null,
  }),
);
