import { builder } from '../../../builder.js';
import {
  recordExchangeRegister,
  type RecordExchangeRegisterInput,
  type RegisterRecorded,
} from '../services/recordExchangeRegister.js';
import { entityMutation } from '../../shared/graphql/payloadTypes.js';
import { ExchangeKindEnum } from './enums.js';
import { approveExchange, type ApproveExchangeInput } from '../services/approveExchange.js';
import { cancelExchange, type CancelExchangeInput } from '../services/cancelExchange.js';
import { completeExchange, type CompleteExchangeInput } from '../services/completeExchange.js';
import { proposeExchange, type ProposeExchangeInput } from '../services/proposeExchange.js';
import { rejectExchange, type RejectExchangeInput } from '../services/rejectExchange.js';
import { startExchange, type StartExchangeInput } from '../services/startExchange.js';
import type { ExchangeAssignment } from '../table.js';
import { ExchangeAssignmentRef } from './types.js';

const common = { entityField: 'exchangeAssignment', entityRef: ExchangeAssignmentRef } as const;

entityMutation<ExchangeAssignment, ProposeExchangeInput>({
  ...common,
  field: 'proposeExchange',
  description:
    'Proposes posting a teacher from their home school to another school (提出交流申请). ' +
    'COUNTY_ADMIN of the teacher’s county or CITY_ADMIN above it. Refused: target = home ' +
    'school, end before start, a ROTATION/SUPPORT overlapping another live one (CONFLICT), ' +
    'itinerant hours over exchange.itinerantHoursCap (OVER_CAPACITY), and an ineligible ' +
    'teacher where exchange.enforceEligibility is set (NOT_ELIGIBLE).',
  inputFields: (t) => ({
    teacherStaffNo: t.string({ required: true, description: 'Staff number of the teacher (教职工号).' }),
    targetSchoolCode: t.string({ required: true, description: 'Receiving school (接收学校标识码).' }),
    kind: t.field({ type: ExchangeKindEnum, required: true, description: 'Kind of exchange (交流方式).' }),
    startDate: t.field({ type: 'Date', required: true, description: 'First day (开始日期).' }),
    endDate: t.field({
      type: 'Date',
      required: true,
      description: 'Planned last day, inclusive, less than 6 years on (结束日期).',
    }),
    subject: t.string({ description: 'Subject to teach there (任教学科).' }),
    weeklyHours: t.int({
      description: 'Hours per week at the target school; required for ITINERANT, refused otherwise (周课时).',
    }),
    reason: t.string({ required: true, description: 'Why (交流原因), e.g. 城乡结对帮扶.' }),
  }),
  verb: proposeExchange,
});

const idField = (t: any) => t.id({ required: true, description: 'Global id of the exchange assignment.' });

entityMutation<ExchangeAssignment, ApproveExchangeInput>({
  ...common,
  field: 'approveExchange',
  description:
    'Approves a PROPOSED exchange (审批通过). Only the level the responsibility list names — ' +
    'by default the city for cross-county, the county within one county — over both schools; ' +
    'approving twice is INVALID_STATE.',
  inputFields: (t) => ({ id: idField(t), note: t.string({ description: 'Decision note (审批意见).' }) }),
  verb: approveExchange,
});

entityMutation<ExchangeAssignment, RejectExchangeInput>({
  ...common,
  field: 'rejectExchange',
  description: 'Rejects a PROPOSED exchange with a reason (不予批准); decided by the same level as approveExchange.',
  inputFields: (t) => ({ id: idField(t), reason: t.string({ required: true, description: 'Why not (理由).' }) }),
  verb: rejectExchange,
});

entityMutation<ExchangeAssignment, StartExchangeInput>({
  ...common,
  field: 'startExchange',
  description:
    'Records that the teacher took up an APPROVED post (到岗); the sending or receiving county, or the city.',
  inputFields: (t) => ({ id: idField(t) }),
  verb: startExchange,
});

entityMutation<ExchangeAssignment, CompleteExchangeInput>({
  ...common,
  field: 'completeExchange',
  description:
    'Ends an ACTIVE exchange (交流结束), on the planned end date or earlier (endedOn); the ' +
    'sending or receiving county, or the city.',
  inputFields: (t) => ({
    id: idField(t),
    endedOn: t.field({ type: 'Date', description: 'Actual last day; defaults to the planned end date.' }),
  }),
  verb: completeExchange,
});

entityMutation<ExchangeAssignment, CancelExchangeInput>({
  ...common,
  field: 'cancelExchange',
  description:
    'Withdraws a PROPOSED or APPROVED exchange before it begins (撤销), with a reason; end an ' +
    'ACTIVE one with completeExchange.',
  inputFields: (t) => ({ id: idField(t), reason: t.string({ required: true, description: 'Why (撤销原因).' }) }),
  verb: cancelExchange,
});

const ExchangeRegisterRef = builder.objectRef<RegisterRecorded>('ExchangeRegister').implement({
  description:
    'The teacher register recorded for a school year (交流轮岗年度名册): the eligible ' +
    'population of that year’s exchange statistics.',
  fields: (t) => ({
    regionCode: t.exposeString('regionCode', { description: 'Region recorded (区划).' }),
    year: t.exposeInt('year', { description: 'School year Y (Y-09-01 to (Y+1)-08-31).' }),
    teachers: t.exposeInt('teachers', { description: 'Teachers listed (名册人数).' }),
  }),
});

entityMutation<RegisterRecorded, RecordExchangeRegisterInput>({
  field: 'recordExchangeRegister',
  description:
    'Records the teacher register of a school year for a region and everything under it ' +
    '(记录交流轮岗年度名册): each teacher of an open school with the school, its stage, years ' +
    'at the school and backbone level as they are now. exchangeStats of that year counts its ' +
    'eligible population from it from then on, so later moves do not change past figures. ' +
    'Recording again replaces the year’s register. Audited.',
  entityField: 'register',
  entityRef: ExchangeRegisterRef,
  inputFields: (t) => ({
    regionCode: t.string({ required: true, description: 'County or city code.' }),
    year: t.int({ required: true, description: 'School year Y.' }),
  }),
  verb: recordExchangeRegister,
});
