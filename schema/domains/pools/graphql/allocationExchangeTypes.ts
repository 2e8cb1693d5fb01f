import { builder } from '../../../builder.js';
import { TeacherRef } from '../../organisation/graphql/types.js';
import { canSeeAllocation, canSeeOfferInternals, readsAllocationsBySchool } from '../filters.js';
import { allocationSchoolsOf, PoolResourceRef, ResourceAllocationRef } from './types.js';
import { canReadAssignment } from '../../exchanges/access.js';
import { ExchangeAssignmentRef } from '../../exchanges/graphql/types.js';

/**
 * The two ends of a teacher-time allocation (TEACHER_EXCHANGE pool) and the 走教 exchange it
 * implies, each read under its own domain's rules: the exchange under the exchanges rules, the
 * allocation under the pools rules. Loaded with the parent row (a join), never per row.
 */
builder.drizzleObjectFields(ResourceAllocationRef, (t) => ({
  exchangeAssignment: t.field({
    type: ExchangeAssignmentRef,
    nullable: true,
    description:
      'The exchange assignment this teacher-time allocation implements (对应交流安排): the 走教 ' +
      'posting proposed when it was made, or the one linked. Null when there is none or the ' +
      'caller may not read exchanges of either school.',
    select: (_args, _ctx, nestedSelection) => ({ with: { exchangeAssignment: nestedSelection(true) } }),
    resolve: (a, _args, ctx) =>
      a.exchangeAssignment && canReadAssignment(ctx.viewer, a.exchangeAssignment) ? a.exchangeAssignment : null,
  }),
}));

builder.drizzleObjectFields(ExchangeAssignmentRef, (t) => ({
  allocation: t.field({
    type: ResourceAllocationRef,
    nullable: true,
    description:
      'The shared-resource allocation (TEACHER_EXCHANGE pool) this posting implements ' +
      '(对应资源分配), when it came from one. Null otherwise or when the pools rules hide it ' +
      'from the caller.',
    select: (_args, _ctx, nestedSelection) => ({ with: { allocation: nestedSelection(true) } }),
    resolve: async (e, _args, ctx) => {
      const a = e.allocation;
      if (!a) return null;
      const schools = readsAllocationsBySchool(ctx.viewer) ? await allocationSchoolsOf(ctx).load(a.id) : undefined;
      return canSeeAllocation(ctx.viewer, a, schools) ? a : null;
    },
  }),
}));

// The nested selection carries the Teacher type's own extras (activeExchangeCount); its typing does not say so.
builder.drizzleObjectFields(PoolResourceRef, (t) => ({
  offeredTeacher: t.field({
    type: TeacherRef,
    nullable: true,
    description:
      'TEACHER_EXCHANGE offers: the teacher whose time is offered (所提供教师). An internal ' +
      'detail: null for portals and outside the city’s bureaus and the offering school; the ' +
      'teacher’s personal fields follow the usual rules.',
    select: (_args, _ctx, nestedSelection) => ({ with: { offeredTeacher: nestedSelection(true) } }),
    resolve: (r, _args, ctx) =>
      r.offeredTeacher && canSeeOfferInternals(ctx.viewer, r)
        ? (r.offeredTeacher as unknown as typeof TeacherRef.$inferType)
        : null,
  }),
}));
