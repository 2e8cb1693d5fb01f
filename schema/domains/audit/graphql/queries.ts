import { builder } from '../../../builder.js';
import { readChanges } from '../feed.js';
import { listPersonalDataReads } from '../personalData.js';

interface EventRow {
  id: number;
  txid: string;
  occurredAt: string;
  actor: string;
  actorRole: string;
  action: string;
  entityType: string;
  entityKey: string;
  regionCode: string | null;
  before: unknown;
  after: unknown;
  cursor: string;
}

const ChangeEventRef = builder.objectRef<EventRow>('ChangeEvent').implement({
  description: 'One recorded change (变更记录): who changed what, with the values before and after.',
  fields: (t) => ({
    cursor: t.exposeString('cursor', { description: 'Resume after this event with changes(after: cursor).' }),
    occurredAt: t.field({
      type: 'DateTime',
      description: 'When the change committed its statement (变更时间).',
      resolve: (e) => e.occurredAt,
    }),
    actor: t.exposeString('actor', {
      description: 'Who made the change: user:<subject>, apikey:<prefix> or system:<reason> (操作者).',
    }),
    actorRole: t.exposeString('actorRole', { description: 'Role of the actor at the time (操作者角色).' }),
    action: t.exposeString('action', {
      description:
        'CREATE, UPDATE, DELETE, or LEAVE: the record moved out of this event’s region (a teacher ' +
        'or school to another county) — remove any copy kept for that region. A LEAVE carries the ' +
        'key only (before and after null) and precedes the UPDATE that the new region sees; a ' +
        'reader covering both regions gets both, in that order.',
    }),
    entityType: t.exposeString('entityType', { description: 'Region, School, Teacher, …' }),
    entityKey: t.exposeString('entityKey', { description: 'Natural key of the changed record.' }),
    regionCode: t.exposeString('regionCode', {
      nullable: true,
      description: 'Region the changed record belongs to (所属区划).',
    }),
    before: t.field({
      type: 'JSON',
      nullable: true,
      description:
        'The record before the change, naming other records by natural key (a teacher’s ' +
        'schoolCode); null on CREATE and LEAVE. Personal fields (身份证号, 手机号) are null unless ' +
        'the caller holds the personal scope there, and reads are recorded as for fields.',
      resolve: (e) => e.before,
    }),
    after: t.field({
      type: 'JSON',
      nullable: true,
      description:
        'The record after the change, naming other records by natural key; null on DELETE and ' +
        'LEAVE. Personal fields as in before.',
      resolve: (e) => e.after,
    }),
  }),
});

const ChangePageRef = builder
  .objectRef<{ events: EventRow[]; endCursor: string | null; hasNextPage: boolean }>('ChangePage')
  .implement({
    description: 'A page of the change feed (变更流), oldest first.',
    fields: (t) => ({
      events: t.field({
        type: [ChangeEventRef],
        description: 'Events of this page, oldest first.',
        resolve: (p) => p.events,
      }),
      endCursor: t.exposeString('endCursor', {
        nullable: true,
        description: 'Store this; pass it as `after` next time.',
      }),
      hasNextPage: t.exposeBoolean('hasNextPage', {
        description: 'More events are ready now; otherwise poll again later from endCursor.',
      }),
    }),
  });

builder.queryField('changes', (t) =>
  t.field({
    type: ChangePageRef,
    description:
      'Audit/change feed for data-platform sync (数据同步变更流), oldest first, resumable by ' +
      'cursor. Never skips an event: events of still-running transactions appear once those ' +
      'finish. Needs the sync scope; limited to the caller’s jurisdiction.',
    args: {
      after: t.arg.string({ description: 'Cursor from a previous page; omit to start from the beginning.' }),
      first: t.arg.int({ description: 'Page size, 1–1000 (default 100).' }),
    },
    // Expected failures (UserErrors) become GraphQL errors with their code in server/formatError.ts.
    resolve: (_root, args, ctx) => readChanges(ctx, args),
  }),
);

interface PersonalDataReadRow {
  id: number;
  occurredAt: string;
  actor: string;
  actorRole: string;
  requestId: string | null;
  entityType: string;
  entityKeys: string[];
  fields: string[];
  regionCodes: string[];
}

const PersonalDataReadRef = builder.objectRef<PersonalDataReadRow>('PersonalDataRead').implement({
  description:
    'A read of personal data (个人信息访问记录): who saw which records’ personal fields, when, in which request.',
  fields: (t) => ({
    occurredAt: t.field({
      type: 'DateTime',
      description: 'When the response was sent (访问时间).',
      resolve: (r) => r.occurredAt,
    }),
    actor: t.exposeString('actor', { description: 'user:<subject> or apikey:<prefix> (访问者).' }),
    actorRole: t.exposeString('actorRole', { description: 'Role of the reader.' }),
    requestId: t.exposeString('requestId', {
      nullable: true,
      description: 'Request id (x-request-id), to match server logs.',
    }),
    entityType: t.exposeString('entityType', { description: 'Kind of record, e.g. Teacher.' }),
    entityKeys: t.exposeStringList('entityKeys', {
      description: 'Natural keys of the records whose personal fields were returned.',
    }),
    fields: t.exposeStringList('fields', { description: 'Personal fields returned, e.g. idNumber, phone.' }),
    regionCodes: t.exposeStringList('regionCodes', { description: 'Regions the records belong to.' }),
  }),
});

builder.queryField('personalDataReads', (t) =>
  t.field({
    type: [PersonalDataReadRef],
    description:
      'Who read personal data in the caller’s jurisdiction (个人信息访问审计), newest first. ' +
      'Needs the sync scope (city and county admins).',
    args: {
      since: t.arg({ type: 'DateTime', description: 'Only reads at or after this time.' }),
      first: t.arg.int({ description: 'At most this many entries, 1–1000 (default 100).' }),
    },
    resolve: (_root, args, ctx) => listPersonalDataReads(ctx, args),
  }),
);
