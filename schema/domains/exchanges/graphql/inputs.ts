import { builder } from '../../../builder.js';
import { OrderDirectionEnum } from '../../organisation/graphql/inputs.js';
import { ExchangeKindEnum, ExchangeStatusEnum } from './enums.js';

export const ExchangeFilterInput = builder.inputType('ExchangeFilter', {
  description:
    'Filter for exchange assignments (交流安排筛选). All given conditions must hold; results ' +
    'never leave the caller’s jurisdiction.',
  fields: (t) => ({
    regionCode: t.string({
      description: 'A county, city or province code: assignments whose sending or receiving school lies under ' + 'it.',
    }),
    schoolCode: t.string({ description: 'Assignments sending from or receiving at this school.' }),
    teacherStaffNo: t.string({ description: 'Assignments of this teacher (by staff number).' }),
    kind: t.field({ type: [ExchangeKindEnum], description: 'Any of these kinds.' }),
    status: t.field({ type: [ExchangeStatusEnum], description: 'Any of these statuses.' }),
    activeOn: t.field({
      type: 'Date',
      description:
        'Teacher on post that day: APPROVED, ACTIVE or COMPLETED with the date within start date ' +
        'and (actual or planned) end date.',
    }),
    crossCounty: t.boolean({ description: 'Only cross-county (true) or only within-county (false) assignments.' }),
  }),
});

export const ExchangeOrderFieldEnum = builder.enumType('ExchangeOrderField', {
  description: 'Sort key for exchange assignments.',
  values: {
    START_DATE: { description: 'Start date (开始日期).' },
    PROPOSED_AT: { description: 'When proposed (申报时间).' },
  },
});

export const ExchangeOrderInput = builder.inputType('ExchangeOrder', {
  description: 'Sort order for exchange assignments; the id breaks ties so cursors stay stable.',
  fields: (t) => ({
    field: t.field({ type: ExchangeOrderFieldEnum, required: true, description: 'Sort key.' }),
    direction: t.field({
      type: OrderDirectionEnum,
      defaultValue: 'DESC',
      description: 'Descending (default, latest first) or ascending.',
    }),
  }),
});
