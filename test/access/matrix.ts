import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isUnionType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
} from 'graphql';
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { schema } from '../../schema/index.js';
import { rowsOf } from '../../schema/domains/evaluation/sqlRows.js';
import { DEMO, token, type GraphQLErrorBody, type TestServer } from '../harness.js';

/**
 * Generates the cells of the authorisation matrices (test/authorization.*.test.ts) from the
 * schema: a document and plausible variables for every mutation and query, aimed at real
 * objects of 安乡县 (DEMO.anxiang) made or found by `createSamples`. Values are chosen by
 * argument name and type, so a new mutation or query is covered without editing this file —
 * unless it takes an ID argument of a kind the samples do not hold, which fails loudly.
 */
export const mutations = Object.values(schema.getMutationType()!.getFields());
export const queries = Object.values(schema.getQueryType()!.getFields());

/** Objects inside 安乡县 (the teacher, school, task, request… all belong to it), as GraphQL ids and keys. */
export interface Samples {
  ids: {
    teacher: string;
    exchange: string;
    pool: string;
    offer: string;
    request: string;
    allocation: string;
    list: string;
    task: string;
    cycle: string;
    framework: string;
    invitation: string;
    establishmentRequest: string;
    enrolmentDraft: string;
    enrolmentPlan: string;
    inspection: string;
    finding: string;
    escalation: string;
    period: string;
    meeting: string;
    rapidRequest: string;
  };
  staffNo: string;
  schoolCode: string;
  /** A published item whose tasks are accepted by the city only (PLANNING.SCHOOL_STANDARDS: CITY supervises). */
  itemKey: string;
}

/** ID arguments by name: which sample they point at. */
const ID_ARGUMENTS: Record<string, keyof Samples['ids']> = {
  taskId: 'task',
  requestId: 'request',
  allocationId: 'allocation',
  resourceId: 'offer',
  acknowledgedOfferIds: 'offer',
  poolId: 'pool',
  listId: 'list',
  copyFromListId: 'list',
  cycleId: 'cycle',
  frameworkId: 'framework',
  invitationId: 'invitation',
  establishmentRequestId: 'establishmentRequest',
  establishmentOfferId: 'establishmentRequest',
  planId: 'enrolmentDraft',
  copyFromPlanId: 'enrolmentPlan',
  inspectionId: 'inspection',
  findingId: 'finding',
  escalationId: 'escalation',
  periodId: 'period',
  meetingId: 'meeting',
  rapidRequestId: 'rapidRequest',
  exchangeAssignmentId: 'exchange',
};
/** A bare `id` (or `ids`) names the object of its field: approveExchange(id) an exchange, evaluationCycle(id) a cycle. */
const ID_OF_FIELD: [RegExp, keyof Samples['ids']][] = [
  [/Exchange$/, 'exchange'],
  [/^evaluationCycle$/, 'cycle'],
  [/^resourcePool$/, 'pool'],
  [/^responsibilityList$/, 'list'],
  [/^enrolmentPlan$/, 'enrolmentPlan'],
  [/^nodes?$/, 'teacher'],
];

/** Argument and input-field names whose value points at a sampled object (a NOT_FOUND there means a wrong sample). */
export const SAMPLED_FIELDS = new Set([
  'id',
  'ids',
  ...Object.keys(ID_ARGUMENTS),
  'staffNo',
  'teacherStaffNo',
  'schoolCode',
  'countyCode',
  'regionCode',
  'cityCode',
  'holderCode',
  'fromCode',
  'toCode',
  'programmeCode',
]);

function sampleId(name: string, field: string, s: Samples): string {
  const kind = name === 'id' || name === 'ids' ? ID_OF_FIELD.find(([re]) => re.test(field))?.[1] : ID_ARGUMENTS[name];
  if (!kind)
    throw new Error(
      `The matrix has no 安乡 sample for ID argument ${name} of ${field}: add one to test/access/matrix.ts.`,
    );
  return s.ids[kind];
}

/**
 * Optional fields sent anyway, so services reach their jurisdiction check: a place (one is
 * enough: schoolCode rather than regionCode where both exist), and fields whose absence the
 * input rules refuse before anything is looked up (走教 hours, an invited evaluator, whether an
 * assessment item is met).
 */
export const MUTATION_OPTIONALS: ReadonlySet<string> = new Set([
  'schoolCode',
  'countyCode',
  'weeklyHours',
  'evaluatorSubject',
  'met',
]);
/** Queries narrow lists to 安乡 so the outside callers' answers are about 安乡's records. */
export const QUERY_OPTIONALS: ReadonlySet<string> = new Set(['filter', 'regionCode']);

export interface ValueOptions {
  samples: Samples;
  /** Optional fields to send anyway (MUTATION_OPTIONALS, QUERY_OPTIONALS). */
  optionals: ReadonlySet<string>;
  /** Every string empty, every number negative and every id malformed (enums and dates stay well-formed). */
  malformed?: boolean;
}

/** Decodes to no `Type:id`: a caller without rights must hear about its rights first, not about this. */
export const MALFORMED_ID = 'zzz';

/** A plausible value for an argument or input field, chosen by name and type. */
export function valueFor(name: string, type: GraphQLInputType, field: string, o: ValueOptions, depth = 0): unknown {
  const s = o.samples;
  const nullable = getNullableType(type);
  if (isListType(nullable)) return [valueFor(name, nullable.ofType, field, o, depth + 1)];
  const named = getNamedType(type);
  if (isEnumType(named)) return named.getValues()[0].value;
  if (isInputObjectType(named)) {
    const out: Record<string, unknown> = {};
    if (depth > 4) return out;
    for (const f of Object.values(named.getFields())) {
      if (isNonNullType(f.type) || o.optionals.has(f.name)) out[f.name] = valueFor(f.name, f.type, field, o, depth + 1);
    }
    return out;
  }
  if (named.name === 'ID') return o.malformed ? MALFORMED_ID : sampleId(name, field, s);
  if (o.malformed)
    return named.name === 'Int' || named.name === 'Float'
      ? -1
      : named.name === 'String'
        ? ''
        : valueFor(name, type, field, { ...o, malformed: false }, depth);
  switch (named.name) {
    case 'Int':
      return name === 'year' || name === 'years' ? 2026 : name === 'weeklyHours' ? 2 : 1;
    case 'Float':
      return /Max$|^max/.test(name) ? 100 : /Min$/.test(name) ? 0 : 1;
    case 'Boolean':
      return true;
    case 'Date':
      return /start|from/i.test(name) ? '2026-09-01' : '2027-06-30';
    case 'DateTime':
      return '2026-09-01T08:00:00+08:00';
    case 'JSON':
      return 1;
  }
  if (name === 'staffNo' || name === 'teacherStaffNo') return s.staffNo;
  if (name === 'code' && /region/i.test(field)) return DEMO.anxiang;
  if (name === 'code' || /schoolCodes?$/i.test(name)) return s.schoolCode; // ten digits also pass as a pool, consortium or indicator code
  if (name === 'cityCode') return DEMO.city;
  if (/regionCode$|countyCodes?$|parentCode$|holderCode$|fromCode$|toCode$/i.test(name)) return DEMO.anxiang;
  if (name === 'programmeCode') return 'CD-2026-XZFZ'; // a demo programme of 常德市 with an allocation to 安乡
  if (/Fen$/.test(name)) return '100'; // amounts in 分 are digit strings
  if (name === 'evidenceUrl') return 'https://czj.changde.gov.cn/matrix.pdf';
  if (name === 'key' || name === 'itemKey') return s.itemKey;
  if (name === 'newKey') return `${s.itemKey}_MATRIX`;
  if (name === 'studentKey') return 'MATRIX-0001';
  if (name === 'evaluatorSubject') return 'matrix-evaluator';
  if (name === 'itemCode') return 'G01'; // 政府保障程度 item 1 of the 优质均衡 catalogue
  return '测试';
}

/** A selection of every field reachable without required arguments, a few levels deep. */
export function selectionFor(type: GraphQLNamedType, depth: number): string {
  if (isScalarType(type) || isEnumType(type)) return '';
  if (isInterfaceType(type) || isUnionType(type)) {
    const possible = schema.getPossibleTypes(type);
    return `{ __typename ${possible.map((p) => `... on ${p.name} ${selectionFor(p, depth)}`).join(' ')} }`;
  }
  if (!isObjectType(type)) return '';
  const parts = ['__typename'];
  for (const f of Object.values(type.getFields()) as GraphQLField<unknown, unknown>[]) {
    if (f.args.some((a) => isNonNullType(a.type))) continue;
    const named = getNamedType(f.type);
    if (isScalarType(named) || isEnumType(named)) parts.push(f.name);
    else if (depth > 0) parts.push(`${f.name} ${selectionFor(named, depth - 1)}`);
  }
  return `{ ${parts.join(' ')} }`;
}

type Mutation = (typeof mutations)[number];
type Query = (typeof queries)[number];

/** The mutation's document (payload errors only) and variables. */
export function mutationCall(m: Mutation, s: Samples, malformed = false) {
  const inputArg = m.args.find((a) => a.name === 'input');
  const payload = getNamedType(m.type);
  const select =
    isObjectType(payload) && payload.getFields().errors ? '{ __typename errors { code path } }' : '{ __typename }';
  const query = inputArg
    ? `mutation($input: ${inputArg.type.toString()}) { ${m.name}(input: $input) ${select} }`
    : `mutation { ${m.name} ${select} }`;
  const variables = inputArg
    ? { input: valueFor('input', inputArg.type, m.name, { samples: s, optionals: MUTATION_OPTIONALS, malformed }) }
    : {};
  return { query, variables };
}

/** The query with its required arguments (and `first`, and optionals), selecting everything a few levels deep. */
export function queryCall(q: Query, s: Samples, optionals: ReadonlySet<string> = new Set(), first = 5) {
  const args = q.args.filter((a) => isNonNullType(a.type) || a.name === 'first' || optionals.has(a.name));
  const decl = args.filter((a) => a.name !== 'first').map((a) => `$${a.name}: ${a.type.toString()}`);
  const call = args.map((a) => (a.name === 'first' ? `first: ${first}` : `${a.name}: $${a.name}`));
  const variables = Object.fromEntries(
    args
      .filter((a) => a.name !== 'first')
      .map((a) => [a.name, valueFor(a.name, a.type, q.name, { samples: s, optionals })]),
  );
  const query = `query${decl.length ? `(${decl.join(', ')})` : ''} { ${q.name}${call.length ? `(${call.join(', ')})` : ''} ${selectionFor(getNamedType(q.type), 3)} }`;
  return { query, variables };
}

export interface Outcome {
  status: number;
  /** Whether the mutation ran (its payload came back), rather than failing before the service. */
  ran: boolean;
  errors: { code: string; path: (string | number)[] }[];
}

/** Runs one mutation cell: top-level error codes and payload errors together. */
export async function runMutation(
  server: TestServer,
  m: Mutation,
  s: Samples,
  bearer?: string,
  malformed = false,
): Promise<Outcome> {
  const { query, variables } = mutationCall(m, s, malformed);
  const { status, body } = await server.gql<{ data?: Record<string, { errors?: Outcome['errors'] } | null> | null }>(
    query,
    variables,
    bearer,
  );
  const result = body.data?.[m.name];
  return {
    status,
    ran: result != null,
    errors: [
      ...(body.errors ?? []).map((e: GraphQLErrorBody) => ({ code: e.extensions?.code as string, path: e.path ?? [] })),
      ...(result?.errors ?? []).map((e) => ({ code: e.code, path: e.path })),
    ],
  };
}

export const refusedForRights = (o: Outcome) =>
  o.errors.some((e) => e.code === 'FORBIDDEN' || e.code === 'UNAUTHENTICATED');
/** NOT_FOUND for a sampled object: the service hides it from the caller (or the sample is wrong). */
export const sampleNotFound = (o: Outcome) =>
  o.errors.some((e) => e.code === 'NOT_FOUND' && SAMPLED_FIELDS.has(String(e.path.at(-1))));
export const describeOutcome = (o: Outcome) =>
  `${o.status} ${o.errors.map((e) => `${e.code}@${e.path.join('.')}`).join(', ') || 'no errors'}`;

/** Row count and content hash of every table but API keys (whose last-use time moves on every request). */
export async function fingerprint(server: TestServer): Promise<Record<string, string>> {
  const db = server.db.database.db;
  const tables = rowsOf<{ tablename: string }>(
    await db.execute(
      sql`select tablename from pg_tables where schemaname = 'public' and tablename <> 'api_keys' order by 1`,
    ),
  ).map((t) => t.tablename);
  const out: Record<string, string> = {};
  for (const t of tables) {
    const [r] = rowsOf<{ n: number; h: string }>(
      await db.execute(
        sql.raw(
          `select count(*)::int as n, coalesce(md5(string_agg(md5(x::text), '' order by md5(x::text))), '') as h from "${t}" x`,
        ),
      ),
    );
    out[t] = `${r.n}:${r.h}`;
  }
  return out;
}

/**
 * Real objects of 安乡县 for the cells to aim at: found in the demo data, or made through the
 * API by the admins whose job it is (so their ids are real global ids).
 */
export async function createSamples(server: TestServer): Promise<Samples> {
  const city = await token({ role: 'CITY_ADMIN', regionCode: DEMO.city, subject: 'matrix-city' });
  const county = await token({ role: 'COUNTY_ADMIN', regionCode: DEMO.anxiang, subject: 'matrix-county' });
  const ask = async (who: string, query: string, variables: Record<string, unknown> = {}) => {
    const { body } = await server.gql(query, variables, who);
    expect(body.errors, query).toBeUndefined();
    return body.data;
  };
  const write = async (who: string, field: string, query: string, input: Record<string, unknown>) => {
    const data = await ask(who, query, { input });
    expect(data[field].errors, field).toEqual([]);
    return data[field];
  };

  // A teacher with personal data at a school of 安乡, and a within-county exchange still to be decided.
  const found = await ask(
    county,
    `query($anxiang: String!) {
      teachers(first: 1, filter: { regionCode: $anxiang }) { nodes { id staffNo idNumber school { code } } }
      exchangeAssignments(first: 1, filter: { regionCode: $anxiang, status: [PROPOSED], crossCounty: false }) { nodes { id } }
      resourcePools(regionCode: "${DEMO.city}", kind: TEACHER_EXCHANGE, first: 1) { nodes { id } }
      evaluationFrameworks(regionCode: "${DEMO.city}") { id }
      currentResponsibilityList(regionCode: "${DEMO.city}") { id }
      currentEnrolmentPlan(regionCode: "${DEMO.city}", year: 2026, stage: SENIOR) { id }
    }`,
    { anxiang: DEMO.anxiang },
  );
  const teacher = found.teachers.nodes[0];
  expect(teacher.idNumber).toBeTruthy();
  const schoolCode: string = teacher.school.code;
  const itemKey = 'PLANNING.SCHOOL_STANDARDS';
  const pool: string = found.resourcePools.nodes[0].id;
  const exchange: string = found.exchangeAssignments.nodes[0].id;

  const offer = await write(
    county,
    'offerResource',
    `mutation($input: OfferResourceInput!) { offerResource(input: $input) { resource { id } errors { code path message } } }`,
    {
      poolId: pool,
      title: '矩阵测试：数学走教',
      subject: '数学',
      capacity: 4,
      availableFrom: '2026-09-01',
      availableTo: '2027-07-31',
      schoolCode,
      teacherTime: { title: '一级教师' },
    },
  );
  const request = await write(
    county,
    'submitResourceRequest',
    `mutation($input: SubmitResourceRequestInput!) { submitResourceRequest(input: $input) { request { id } errors { code path message } } }`,
    {
      poolId: pool,
      schoolCode,
      subject: '数学',
      specification: '每周两课时',
      quantity: 2,
      periodStart: '2026-09-01',
      periodEnd: '2027-06-30',
      reason: '矩阵测试',
    },
  );
  const allocation = await write(
    city,
    'allocateResource',
    `mutation($input: AllocateResourceInput!) { allocateResource(input: $input) { allocation { id } errors { code path message } } }`,
    {
      requestId: request.request.id,
      resourceId: offer.resource.id,
      quantity: 1,
      reason: '矩阵测试',
    },
  );
  const task = await write(
    county,
    'createRectificationTask',
    `mutation($input: CreateRectificationTaskInput!) { createRectificationTask(input: $input) { task { id } errors { code path message } } }`,
    {
      itemKey,
      schoolCode,
      title: '矩阵测试整改',
      acceptanceStandard: '达标',
      deadline: '2027-06-30',
    },
  );
  const list = await write(
    city,
    'createResponsibilityList',
    `mutation($input: CreateResponsibilityListInput!) { createResponsibilityList(input: $input) { list { id } errors { code path message } } }`,
    {
      regionCode: DEMO.city,
      year: 2027,
      title: '矩阵测试草稿',
      copyFromListId: found.currentResponsibilityList.id,
    },
  );
  const cycle = await write(
    city,
    'createEvaluationCycle',
    `mutation($input: CreateEvaluationCycleInput!) { createEvaluationCycle(input: $input) { cycle { id } errors { code path message } } }`,
    {
      regionCode: DEMO.anxiang,
      year: 2027,
      stage: 'SENIOR',
      name: '安乡县矩阵测试周期',
      intakeMin: 0,
      intakeMax: 100,
      outcomeMin: 0,
      outcomeMax: 100,
      frameworkId: found.evaluationFrameworks[0].id,
    },
  );
  const invited = await write(
    city,
    'inviteEvaluators',
    `mutation($input: InviteEvaluatorsInput!) { inviteEvaluators(input: $input) { result { invitations { id } } errors { code path message } } }`,
    {
      cycleId: cycle.cycle.id,
      invitations: [{ schoolCode, party: 'COUNTY_SELF' }],
    },
  );
  const establishmentRequest = await write(
    county,
    'submitEstablishmentRequest',
    `mutation($input: SubmitEstablishmentRequestInput!) { submitEstablishmentRequest(input: $input) { establishmentRequest { id } errors { code path message } } }`,
    {
      countyCode: DEMO.anxiang,
      kind: 'REQUEST',
      category: 'TEACHING',
      quantity: 2,
      reason: '矩阵测试',
    },
  );
  // A draft enrolment plan listing the sampled school (the matrix aims its plan mutations at it).
  const enrolmentDraft = await write(
    city,
    'createEnrolmentPlan',
    `mutation($input: CreateEnrolmentPlanInput!) { createEnrolmentPlan(input: $input) { plan { id } errors { code path message } } }`,
    {
      regionCode: DEMO.city,
      year: 2027,
      stage: 'SENIOR',
      title: '矩阵测试招生计划',
      quotaShareMinPercent: 50,
    },
  );
  // Its line for the sampled school (whatever its stage): the cells then reach the school's jurisdiction, not NOT_FOUND.
  const draftRow = Number(Buffer.from(enrolmentDraft.plan.id, 'base64').toString().split(':')[1]);
  await server.db.database.db.execute(
    sql`insert into enrolment_school_plans (plan_id, school_id, county_code, allowed_county_codes) select ${draftRow}, id, county_code, array[county_code] from schools where code = ${schoolCode}`,
  );
  // Supervision: an inspection of 安乡 with a finding, a 安乡 meeting and 快速响应 request, a
  // period of the city's rhythm and an escalation of a 安乡 task (the job run with no waiting time).
  const inspection = await write(
    city,
    'planInspection',
    `mutation($input: PlanInspectionInput!) { planInspection(input: $input) { inspection { id } errors { code path message } } }`,
    {
      regionCode: DEMO.city,
      kind: 'FOLLOW_UP',
      title: '矩阵测试督查',
      scopeRegionCodes: [DEMO.anxiang],
      periodStart: '2026-09-01',
      periodEnd: '2026-09-30',
    },
  );
  const finding = await write(
    city,
    'recordFinding',
    `mutation($input: RecordFindingInput!) { recordFinding(input: $input) { finding { id } errors { code path message } } }`,
    {
      inspectionId: inspection.inspection.id,
      schoolCode,
      severity: 'MINOR',
      itemKey,
      description: '矩阵测试发现',
    },
  );
  const meeting = await write(
    county,
    'scheduleMeeting',
    `mutation($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { meeting { id } errors { code path message } } }`,
    {
      regionCode: DEMO.anxiang,
      kind: 'CONSULTATION',
      title: '矩阵测试会商',
      heldOn: '2026-09-10',
      participants: ['安乡县教育局'],
    },
  );
  const rapid = await write(
    county,
    'submitRapidRequest',
    `mutation($input: SubmitRapidRequestInput!) { submitRapidRequest(input: $input) { request { id } errors { code path message } } }`,
    {
      regionCode: DEMO.anxiang,
      subject: '矩阵测试请示',
      body: '矩阵测试',
      responseDeadline: '2099-12-31',
    },
  );
  await write(
    city,
    'setRegionSetting',
    `mutation($input: SetRegionSettingInput!) { setRegionSetting(input: $input) { setting { key } errors { code path message } } }`,
    {
      regionCode: DEMO.city,
      key: 'supervision.escalation',
      value: { listAfterRedDays: 0, accountabilityAfterListedDays: 30, supervisingLeader: '矩阵测试' },
    },
  );
  await write(
    city,
    'runEscalations',
    `mutation($input: RunEscalationsInput!) { runEscalations(input: $input) { run { ran } errors { code path message } } }`,
    { cityCode: DEMO.city },
  );
  const supervision = await ask(
    county,
    `{ escalations(first: 1, regionCode: "${DEMO.anxiang}") { nodes { id } } reportingPeriods(regionCode: "${DEMO.city}", first: 1) { nodes { id } } }`,
  );

  return {
    ids: {
      inspection: inspection.inspection.id,
      finding: finding.finding.id,
      escalation: supervision.escalations.nodes[0].id,
      period: supervision.reportingPeriods.nodes[0].id,
      meeting: meeting.meeting.id,
      rapidRequest: rapid.request.id,
      teacher: teacher.id,
      exchange,
      pool,
      offer: offer.resource.id,
      request: request.request.id,
      allocation: allocation.allocation.id,
      list: list.list.id,
      task: task.task.id,
      cycle: cycle.cycle.id,
      framework: found.evaluationFrameworks[0].id,
      invitation: invited.result.invitations[0].id,
      establishmentRequest: establishmentRequest.establishmentRequest.id,
      enrolmentDraft: enrolmentDraft.plan.id,
      enrolmentPlan: found.currentEnrolmentPlan.id,
    },
    staffNo: teacher.staffNo,
    schoolCode,
    itemKey,
  };
}
