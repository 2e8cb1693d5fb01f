import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../schema/domains/evaluation/sqlRows.js';
import { todayCst } from '../../schema/domains/responsibility/dates.js';
import { addDays } from '../../schema/domains/supervision/periods.js';
import { fingerprint } from '../access/matrix.js';
import { DEMO, present, startTestServer, token, type TestServer } from '../harness.js';
import { graphql } from '../graphql/index.js';
import type { TypedDocumentString } from '../graphql/graphql.js';

/**
 * The whole supervision cycle through the API, as the city, a county and an inspector would
 * run it: inspection → finding → task → period report → RED warning → 挂牌督办 → 问责 →
 * acceptance → 回头看 reopening the task. 汉寿县 (430722) has no demo tasks.
 */
const HANSHOU = '430722';
let server: TestServer;
let city: string, county: string, inspector: string, outsider: string;
type Payload = { errors: { code: string; path: string[] }[] };
type Mutation<F extends string, I> = TypedDocumentString<{ [K in F]: Payload }, { input: I }>;

async function ok<F extends string, R extends { [K in F]: Payload }, I>(
  who: string,
  field: F,
  query: TypedDocumentString<R, { input: I }>,
  input: NoInfer<I>,
): Promise<R[F]> {
  const { body } = await server.gql(query, { input }, who);
  expect(body.errors, field).toBeUndefined();
  expect(body.data[field].errors, field).toEqual([]);
  return body.data[field];
}
async function errs<F extends string, I>(who: string, field: F, query: Mutation<F, I>, input: NoInfer<I>) {
  const { body } = await server.gql(query, { input }, who);
  expect(body.errors, field).toBeUndefined();
  return body.data[field].errors.map((e) => `${e.code}@${e.path.join('.')}`);
}

const PLAN = graphql(
  `mutation SupervisionCyclePlan($input: PlanInspectionInput!) { planInspection(input: $input) { inspection { id kind } errors { code path message } } }`,
);
const FINDING = graphql(
  `mutation SupervisionCycleFinding($input: RecordFindingInput!) { recordFinding(input: $input) { finding { id taskId severity } errors { code path message } } }`,
);
const CONVERT = graphql(
  `mutation SupervisionCycleConvert($input: ConvertFindingToTaskInput!) { convertFindingToTask(input: $input) { finding { id taskId } errors { code path message } } }`,
);
const PERIODS = graphql(
  `mutation SupervisionCyclePeriods($input: GenerateReportingPeriodsInput!) { generateReportingPeriods(input: $input) { result { periods { id label startDate } } errors { code path message } } }`,
);
const REPORT = graphql(
  `mutation SupervisionCycleReport($input: SubmitPeriodReportInput!) { submitPeriodReport(input: $input) { report { regionCode tasks { progress } } errors { code path message } } }`,
);
const SETTING = graphql(
  `mutation SupervisionCycleSetting($input: SetRegionSettingInput!) { setRegionSetting(input: $input) { setting { key } errors { code path message } } }`,
);
const ESCALATE = graphql(
  `mutation SupervisionCycleEscalate($input: RunEscalationsInput!) { runEscalations(input: $input) { run { ran listed { id stage task { id } } accountability { id stage task { id } } } errors { code path message } } }`,
);
const DECIDE = graphql(
  `mutation SupervisionCycleDecide($input: RecordAccountabilityDecisionInput!) { recordAccountabilityDecision(input: $input) { escalation { stage accountablePerson decision decidedOn } errors { code path message } } }`,
);
const PROGRESS = graphql(
  `mutation SupervisionCycleProgress($input: ReportTaskProgressInput!) { reportTaskProgress(input: $input) { task { status } errors { code path message } } }`,
);
const ACCEPT = graphql(
  `mutation SupervisionCycleAccept($input: AcceptTaskInput!) { acceptTask(input: $input) { task { status } errors { code path message } } }`,
);
const RECHECK = graphql(
  `mutation SupervisionCycleRecheck($input: RecheckTaskInput!) { recheckTask(input: $input) { finding { recheckPassed taskId } errors { code path message } } }`,
);
const TASK = graphql(
  `query SupervisionCycleTask($id: ID!) { node(id: $id) { ... on RectificationTask { status progress warning deadline } } }`,
);
const INSPECTIONS = graphql(
  `query SupervisionCycleInspections { inspections(first: 10) { totalCount nodes { id findings(first: 5) { totalCount } } } }`,
);
const OUTSIDER = graphql(
  `query SupervisionCycleOutsider($id: ID!) { inspections(first: 10) { totalCount } node(id: $id) { id } }`,
);
const ESCALATIONS = graphql(
  `query SupervisionCycleEscalations($r: String) { escalations(first: 10, regionCode: $r) { totalCount } }`,
);
const RAPID = graphql(
  `mutation SupervisionCycleRapid($input: SubmitRapidRequestInput!) { submitRapidRequest(input: $input) { request { id } errors { code path message } } }`,
);

beforeAll(async () => {
  server = await startTestServer();
  city = await token({ role: 'CITY_ADMIN', regionCode: DEMO.city, subject: 'cycle-city' });
  county = await token({ role: 'COUNTY_ADMIN', regionCode: HANSHOU, subject: 'cycle-county' });
  inspector = await token({ role: 'EVALUATOR', regionCode: DEMO.city, subject: 'cycle-assessor' });
  outsider = await token({ role: 'EVALUATOR', regionCode: DEMO.city, subject: 'cycle-other-assessor' });
});
afterAll(() => server.close());

describe('supervision cycle through the API', () => {
  let inspectionId: string, findingId: string, taskId: string, periodId: string;
  const today = todayCst();

  it('the city plans an inspection with a third-party assessor, who records a finding; others cannot', async () => {
    const plan = await ok(city, 'planInspection', PLAN, {
      regionCode: DEMO.city,
      kind: 'SPECIAL',
      title: '汉寿县县中经费专项督导',
      scopeRegionCodes: [HANSHOU],
      periodStart: addDays(today, -10),
      periodEnd: today,
      inspectors: [{ subject: 'cycle-assessor', name: '赵评估', kind: 'THIRD_PARTY' }],
    });
    inspectionId = present(plan.inspection).id;
    const input = {
      inspectionId,
      regionCode: HANSHOU,
      severity: 'MAJOR' as const,
      itemKey: 'FUNDING.PER_STUDENT_FUNDING',
      description: '生均公用经费未足额拨付。',
      evidence: ['https://example.org/hanshou.pdf'],
    };
    expect(await errs(outsider, 'recordFinding', FINDING, input)).toEqual(['FORBIDDEN@input.inspectionId']);
    const finding = await ok(inspector, 'recordFinding', FINDING, input);
    findingId = present(finding.finding).id;
    // The inspector sees exactly this inspection; the other assessor none.
    const mine = await server.gql(INSPECTIONS, {}, inspector);
    expect(mine.body.data.inspections).toEqual({
      totalCount: 1,
      nodes: [{ id: inspectionId, findings: { totalCount: 1 } }],
    });
    const theirs = await server.gql(OUTSIDER, { id: findingId }, outsider);
    expect(theirs.body.data).toEqual({ inspections: { totalCount: 0 }, node: null });
  });

  it('the finding becomes a task, reported on in the period report, and warned RED', async () => {
    // An inspector cannot open tasks: the bureau does.
    expect(
      await errs(inspector, 'convertFindingToTask', CONVERT, {
        findingId,
        title: 'x',
        acceptanceStandard: 'y',
        deadline: addDays(today, 30),
      }),
    ).toEqual(['FORBIDDEN@']);
    const converted = await ok(city, 'convertFindingToTask', CONVERT, {
      findingId,
      title: '足额拨付生均公用经费',
      acceptanceStandard: '拨付凭证齐全。',
      startDate: addDays(today, -150),
      deadline: addDays(today, 30),
    });
    taskId = present(present(converted.finding).taskId);
    expect(taskId).toBeTruthy();
    expect(
      await errs(city, 'convertFindingToTask', CONVERT, {
        findingId,
        title: 'x',
        acceptanceStandard: 'y',
        deadline: addDays(today, 30),
      }),
    ).toEqual(['INVALID_STATE@input.findingId']);
    const periods = await ok(city, 'generateReportingPeriods', PERIODS, {
      cityCode: DEMO.city,
      from: today,
      to: today,
    });
    periodId = present(periods.result).periods[0].id;
    await ok(county, 'submitPeriodReport', REPORT, {
      periodId,
      regionCode: HANSHOU,
      narrative: '已拨付部分经费。',
      tasks: [{ taskId, progress: 10, note: '拨付10%。' }],
    });
    const { body } = await server.gql(TASK, { id: taskId }, county);
    // 150 of 180 days gone (83% expected), 10% reported: lag 73 → RED.
    expect(body.data.node).toMatchObject({ status: 'IN_PROGRESS', progress: 10, warning: 'RED' });
  });

  it('escalates to 挂牌督办 once, then to 问责, each audited in the change feed', async () => {
    await ok(city, 'setRegionSetting', SETTING, {
      regionCode: DEMO.city,
      key: 'supervision.escalation',
      value: { listAfterRedDays: 7, accountabilityAfterListedDays: 0, supervisingLeader: '市教育局副局长' },
    });
    expect(await errs(county, 'runEscalations', ESCALATE, { cityCode: DEMO.city })).toEqual(['FORBIDDEN@']);
    const first = await ok(city, 'runEscalations', ESCALATE, { cityCode: DEMO.city });
    const firstRun = present(first.run);
    expect(firstRun.ran).toBe(true);
    expect(firstRun.listed.filter((e) => e.task.id === taskId)).toHaveLength(1);
    const second = await ok(city, 'runEscalations', ESCALATE, { cityCode: DEMO.city });
    const secondRun = present(second.run);
    expect(secondRun.listed.filter((e) => e.task.id === taskId)).toHaveLength(0);
    const accountability = secondRun.accountability.find((e) => e.task.id === taskId);
    expect(accountability).toBeTruthy();
    const third = await ok(city, 'runEscalations', ESCALATE, { cityCode: DEMO.city });
    const thirdRun = present(third.run);
    expect([...thirdRun.listed, ...thirdRun.accountability]).toEqual([]);
    const decided = await ok(city, 'recordAccountabilityDecision', DECIDE, {
      escalationId: present(accountability).id,
      accountablePerson: '汉寿县教育局计财股负责人',
      decision: '诫勉谈话',
      decidedOn: today,
    });
    expect(decided.escalation).toEqual({
      stage: 'ACCOUNTABILITY',
      accountablePerson: '汉寿县教育局计财股负责人',
      decision: '诫勉谈话',
      decidedOn: today,
    });
    const rowId = Buffer.from(taskId, 'base64').toString().split(':')[1];
    const events = rowsOf<{ entity_key: string; action: string }>(
      await server.db.database.db.execute(
        sql`select entity_key, action from audit_events where entity_type = 'Escalation' and entity_key like ${`escalation:${rowId}:%`} order by id`,
      ),
    );
    expect(events.map((e) => `${e.action}:${e.entity_key}`)).toEqual([
      `CREATE:escalation:${rowId}:LISTED`,
      `CREATE:escalation:${rowId}:ACCOUNTABILITY`,
      `UPDATE:escalation:${rowId}:ACCOUNTABILITY`,
    ]);
    // The county sees its own escalations; a portal none.
    const portal = await token({ role: 'PORTAL', regionCode: DEMO.city });
    expect((await server.gql(ESCALATIONS, { r: HANSHOU }, county)).body.data.escalations.totalCount).toBe(2);
    expect((await server.gql(ESCALATIONS, {}, portal)).body.data.escalations.totalCount).toBe(0);
  });

  it('acceptance closes the task; a failed 回头看 reopens it', async () => {
    await ok(county, 'reportTaskProgress', PROGRESS, { taskId, progress: 100, note: '全部拨付到位。' });
    await ok(city, 'acceptTask', ACCEPT, { taskId, note: '凭证齐全，同意销号。' });
    const follow = await ok(city, 'planInspection', PLAN, {
      regionCode: DEMO.city,
      kind: 'FOLLOW_UP',
      title: '汉寿县经费整改回头看',
      scopeRegionCodes: [HANSHOU],
      periodStart: today,
      periodEnd: addDays(today, 5),
      inspectors: [{ subject: 'cycle-assessor', name: '赵评估', kind: 'THIRD_PARTY' }],
    });
    const recheck = {
      inspectionId: present(follow.inspection).id,
      taskId,
      passed: false,
      description: '抽查发现两所学校经费被挤占。',
    };
    expect(await errs(inspector, 'recheckTask', RECHECK, recheck)).toEqual([
      'REQUIRED@input.reopenDeadline',
      'REQUIRED@input.assessedProgress',
    ]);
    const done = await ok(inspector, 'recheckTask', RECHECK, {
      ...recheck,
      reopenDeadline: addDays(today, 60),
      assessedProgress: 60,
    });
    expect(done.finding).toEqual({ recheckPassed: false, taskId });
    const { body } = await server.gql(TASK, { id: taskId }, county);
    expect(body.data.node).toMatchObject({ status: 'IN_PROGRESS', progress: 60, deadline: addDays(today, 60) });
    // A second 回头看 needs an accepted task.
    expect(await errs(inspector, 'recheckTask', RECHECK, { ...recheck, passed: true })).toEqual([
      'INVALID_STATE@input.taskId',
    ]);
  });

  it('bad input gets typed errors at the field and changes nothing', async () => {
    const before = await fingerprint(server);
    // A case, checked in turn: who sends which mutation with which input, and the errors expected.
    const kase = <F extends string, I>(
      who: string,
      field: F,
      query: Mutation<F, I>,
      input: NoInfer<I>,
      expected: string[],
    ) => ({
      label: `${field} ${JSON.stringify(input)}`,
      run: () => errs(who, field, query, input),
      expected,
    });
    const cases = [
      kase(
        city,
        'planInspection',
        PLAN,
        {
          regionCode: DEMO.city,
          kind: 'SPECIAL',
          title: '越界',
          scopeRegionCodes: ['430100'],
          periodStart: today,
          periodEnd: today,
        },
        ['VALIDATION@input.scopeRegionCodes.0'],
      ),
      kase(
        city,
        'planInspection',
        PLAN,
        {
          regionCode: DEMO.city,
          kind: 'SPECIAL',
          title: '倒置',
          scopeRegionCodes: [HANSHOU],
          periodStart: today,
          periodEnd: addDays(today, -1),
        },
        ['VALIDATION@input.periodEnd'],
      ),
      kase(
        city,
        'planInspection',
        PLAN,
        {
          regionCode: DEMO.city,
          kind: 'SPECIAL',
          title: '',
          scopeRegionCodes: [HANSHOU],
          periodStart: today,
          periodEnd: today,
        },
        ['REQUIRED@input.title'],
      ),
      kase(
        county,
        'planInspection',
        PLAN,
        {
          regionCode: DEMO.anxiang,
          kind: 'SPECIAL',
          title: '越权',
          scopeSchoolCodes: [],
          periodStart: today,
          periodEnd: today,
        },
        ['FORBIDDEN@input.regionCode'],
      ),
      kase(
        inspector,
        'recordFinding',
        FINDING,
        { inspectionId, regionCode: HANSHOU, severity: 'MINOR', itemKey: 'NO.SUCH_ITEM', description: '无' },
        ['NOT_FOUND@input.itemKey'],
      ),
      kase(
        inspector,
        'recordFinding',
        FINDING,
        {
          inspectionId,
          regionCode: HANSHOU,
          severity: 'MINOR',
          itemKey: 'FUNDING.PER_STUDENT_FUNDING',
          description: '无',
          evidence: ['ftp://x/y'],
        },
        ['VALIDATION@input.evidence.0'],
      ),
      kase(
        inspector,
        'recordFinding',
        FINDING,
        {
          inspectionId,
          regionCode: DEMO.anxiang,
          severity: 'MINOR',
          itemKey: 'FUNDING.PER_STUDENT_FUNDING',
          description: '范围外',
        },
        ['VALIDATION@input.regionCode'],
      ),
      kase(county, 'submitPeriodReport', REPORT, { periodId, regionCode: HANSHOU, narrative: '重复', tasks: [] }, [
        'CONFLICT@input.periodId',
      ]),
      kase(city, 'generateReportingPeriods', PERIODS, { cityCode: DEMO.city, from: today, to: addDays(today, -1) }, [
        'VALIDATION@input.to',
      ]),
      kase(city, 'generateReportingPeriods', PERIODS, { cityCode: HANSHOU, from: today, to: today }, [
        'VALIDATION@input.cityCode',
      ]),
      kase(
        city,
        'recordAccountabilityDecision',
        DECIDE,
        { escalationId: 'zzz', accountablePerson: 'x', decision: 'y', decidedOn: today },
        ['VALIDATION@input.escalationId'],
      ),
      kase(
        county,
        'submitRapidRequest',
        RAPID,
        { regionCode: HANSHOU, subject: '请示', body: '内容', responseDeadline: addDays(today, -1) },
        ['VALIDATION@input.responseDeadline'],
      ),
      kase(
        city,
        'submitRapidRequest',
        RAPID,
        { regionCode: HANSHOU, subject: '请示', body: '内容', responseDeadline: today },
        ['FORBIDDEN@input.regionCode'],
      ),
    ];
    for (const { label, run, expected } of cases) expect(await run(), label).toEqual(expected);
    expect(await fingerprint(server)).toEqual(before);
  });
});
