import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../schema/domains/audit/table.js';
import { systemViewer } from '../../schema/domains/access/viewer.js';
import { DEMO_AS_OF } from '../../schema/domains/responsibility/demo.js';
import { taskCondition } from '../../schema/domains/responsibility/filters.js';
import {
  rectificationReports,
  rectificationReviews,
  rectificationTasks,
} from '../../schema/domains/responsibility/table.js';
import {
  overdueSql,
  warningOf,
  warningSql,
  expectedProgress,
  isOverdue,
  type WarningInput,
} from '../../schema/domains/responsibility/warning.js';
import { rowsOf } from '../../schema/domains/evaluation/sqlRows.js';
import type { ResultOf, VariablesOf } from '@graphql-typed-document-node/core';
import { DEMO, onRealPostgres, present, startTestServer, token, type TestServer } from '../harness.js';
import { graphql } from '../graphql/index.js';
import type { TypedDocumentString } from '../graphql/graphql.js';

/**
 * Rectification tasks (整改任务): the red/yellow/green rule at its edges (TypeScript and SQL
 * forms agree), the task lifecycle to acceptance (销号), who may report and who may accept, the
 * filters, and every bad input with its exact code and path and nothing changed.
 */

graphql(`fragment ResponsibilityRectificationTask on RectificationTask { id itemKey regionCode school { code } title status progress warning overdue expectedProgress startDate deadline
  reports { progress note evidence reporter } reviews { decision note reviewerLevel } }`);
const M = {
  create: graphql(
    `mutation ResponsibilityRectificationCreate($input: CreateRectificationTaskInput!) { createRectificationTask(input: $input) { task { ...ResponsibilityRectificationTask } errors { code path message } } }`,
  ),
  report: graphql(
    `mutation ResponsibilityRectificationReport($input: ReportTaskProgressInput!) { reportTaskProgress(input: $input) { task { ...ResponsibilityRectificationTask } errors { code path message } } }`,
  ),
  accept: graphql(
    `mutation ResponsibilityRectificationAccept($input: AcceptTaskInput!) { acceptTask(input: $input) { task { ...ResponsibilityRectificationTask } errors { code path message } } }`,
  ),
  reject: graphql(
    `mutation ResponsibilityRectificationReject($input: RejectTaskInput!) { rejectTask(input: $input) { task { ...ResponsibilityRectificationTask } errors { code path message } } }`,
  ),
};
const FIELD = {
  create: 'createRectificationTask',
  report: 'reportTaskProgress',
  accept: 'acceptTask',
  reject: 'rejectTask',
} as const;
const TASKS = graphql(
  `query ResponsibilityRectificationTasks($filter: RectificationTaskFilter) { rectificationTasks(filter: $filter, first: 100) { totalCount nodes { ...ResponsibilityRectificationTask } } }`,
);
const CHANGES = graphql(
  `query ResponsibilityRectificationChanges($after: String) { changes(after: $after, first: 1000) { events { entityKey action } endCursor hasNextPage } }`,
);
const NODE = graphql(
  `query ResponsibilityRectificationNode($id: ID!) { node(id: $id) { ... on RectificationTask { title } } }`,
);

type Kind = keyof typeof M;
type Inputs = { [K in Kind]: VariablesOf<(typeof M)[K]>['input'] };
/** The four mutations answer with the same payload: the task (same fields) and errors. */
type Payload = ResultOf<typeof M.create>['createRectificationTask'];

let s: TestServer;
const tok: Record<string, string> = {};
let anxiangSchool: string;
let taoyuanSchool: string;
const db = () => s.db.database.db;

beforeAll(async () => {
  s = await startTestServer();
  anxiangSchool = await countyHighSchool(DEMO.anxiang);
  taoyuanSchool = await countyHighSchool(DEMO.taoyuan);
  tok.city = await token({ role: 'CITY_ADMIN', regionCode: DEMO.city });
  tok.anxiang = await token({ role: 'COUNTY_ADMIN', regionCode: DEMO.anxiang });
  tok.taoyuan = await token({ role: 'COUNTY_ADMIN', regionCode: DEMO.taoyuan });
  tok.school = await token({ role: 'SCHOOL_ADMIN', schoolCode: anxiangSchool });
  tok.portal = await token({ role: 'PORTAL' });
});
afterAll(() => s?.close());

async function countyHighSchool(county: string): Promise<string> {
  const res = await db().execute(
    sql`select code from schools where county_code = ${county} and is_county_high_school order by code limit 1`,
  );
  return rowsOf<{ code: string }>(res)[0].code;
}

async function run<K extends Kind>(kind: K, input: Inputs[K], t: string): Promise<Payload> {
  const doc = M[kind] as unknown as TypedDocumentString<Record<(typeof FIELD)[K], Payload>, { input: Inputs[K] }>;
  const { body } = await s.gql(doc, { input }, t);
  expect(body.errors).toBeUndefined();
  return body.data[FIELD[kind]];
}
async function ok<K extends Kind>(kind: K, input: Inputs[K], t: string) {
  const p = await run(kind, input, t);
  expect(p.errors).toEqual([]);
  return present(p.task, 'task');
}
async function counts() {
  const [tasks, reports, reviews, audit, state] = await Promise.all([
    db().$count(rectificationTasks),
    db().$count(rectificationReports),
    db().$count(rectificationReviews),
    db().$count(auditEvents),
    db()
      .select({ id: rectificationTasks.id, status: rectificationTasks.status, progress: rectificationTasks.progress })
      .from(rectificationTasks)
      .orderBy(rectificationTasks.id),
  ]);
  return { tasks, reports, reviews, audit, state };
}
async function refused<K extends Kind>(kind: K, input: Inputs[K], t: string, expected: [string, string][]) {
  const before = await counts();
  const p = await run(kind, input, t);
  expect(p.task).toBeNull();
  expect(p.errors.map((e) => [e.code, e.path.join('.')])).toEqual(expected);
  expect(await counts()).toEqual(before);
  return p.errors;
}

/** YYYY-MM-DD in China Standard Time, `days` from today. */
function day(days: number): string {
  return new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

describe('the warning rule (红黄绿预警) at its edges', () => {
  // A ten-day schedule: 2026-01-01 00:00 CST (2025-12-31T16:00Z) to 2026-01-11 00:00 CST; each day is 10 points.
  const task: WarningInput = { status: 'IN_PROGRESS', progress: 0, startDate: '2026-01-01', deadline: '2026-01-10' };
  const at = (iso: string) => new Date(iso);
  const dayStart = (n: number) => new Date(Date.parse('2025-12-31T16:00:00Z') + n * 86_400_000);
  const before = (d: Date) => new Date(d.getTime() - 1);
  const cases: [string, WarningInput, Date, 'RED' | 'YELLOW' | 'GREEN', boolean][] = [
    ['before the start nothing is expected', task, at('2025-12-20T00:00:00Z'), 'GREEN', false],
    ['at the start, 0 of 0', task, dayStart(0), 'GREEN', false],
    ['lag just under 10', task, before(dayStart(1)), 'GREEN', false],
    ['lag exactly 10 → YELLOW', task, dayStart(1), 'YELLOW', false],
    ['lag just under 30', task, before(dayStart(3)), 'YELLOW', false],
    ['lag exactly 30 → RED', task, dayStart(3), 'RED', false],
    ['20 reported at 30 expected → YELLOW', { ...task, progress: 20 }, dayStart(3), 'YELLOW', false],
    ['21 reported at 30 expected → GREEN', { ...task, progress: 21 }, dayStart(3), 'GREEN', false],
    ['ahead of schedule', { ...task, progress: 90 }, dayStart(5), 'GREEN', false],
    [
      'last millisecond of the deadline day, complete',
      { ...task, status: 'AWAITING_ACCEPTANCE', progress: 100 },
      before(dayStart(10)),
      'GREEN',
      false,
    ],
    // Reported complete before the deadline; waiting on the supervising level is not the unit's delay.
    [
      'deadline passed, complete and awaiting acceptance → GREEN for the unit, not overdue',
      { ...task, status: 'AWAITING_ACCEPTANCE', progress: 100 },
      dayStart(40),
      'GREEN',
      false,
    ],
    ['deadline passed, still in progress → RED, overdue', { ...task, progress: 95 }, dayStart(10), 'RED', true],
    ['deadline passed, accepted → GREEN', { ...task, status: 'ACCEPTED', progress: 100 }, dayStart(40), 'GREEN', false],
    [
      'one-day task, noon',
      { ...task, startDate: '2026-01-01', deadline: '2026-01-01', progress: 40 },
      at('2026-01-01T04:00:00Z'),
      'YELLOW',
      false,
    ],
  ];

  it.each(cases)('%s', (_name, t, now, colour, overdue) => {
    expect(warningOf(t, now)).toBe(colour);
    expect(isOverdue(t, now)).toBe(overdue);
  });

  it('the SQL form (used by the filters) agrees with the TypeScript form in every case', async () => {
    for (const [name, t, now, colour, overdue] of cases) {
      const cols = {
        status: sql`${t.status}::rectification_status`,
        progress: sql`${t.progress}::int`,
        startDate: sql`${t.startDate}::date`,
        deadline: sql`${t.deadline}::date`,
      } as never;
      const res = await db().execute(
        sql`select ${warningSql(cols, now)} as warning, ${overdueSql(cols, now)} as overdue`,
      );
      expect([name, ...Object.values(rowsOf<Record<string, unknown>>(res)[0])]).toEqual([name, colour, overdue]);
    }
  });

  it('expected progress is linear and clamped', () => {
    expect(expectedProgress(task, new Date(Date.parse('2025-12-31T16:00:00Z') + 2.5 * 86_400_000))).toBeCloseTo(25);
    expect(expectedProgress(task, new Date('2030-01-01'))).toBe(100);
    expect(expectedProgress(task, new Date('2020-01-01'))).toBe(0);
  });

  it('the demo tasks span all three colours as of the demo date, and the SQL filter finds the same ones', async () => {
    // The responsibility demo's seven tasks come first; the supervision demo adds its own after them.
    const rows = (await db().select().from(rectificationTasks).orderBy(rectificationTasks.id)).slice(0, 7);
    const own = new Set(rows.map((r) => r.id));
    const colours = rows.map((r) => warningOf(r, DEMO_AS_OF));
    expect(colours.filter((c) => c === 'RED')).toHaveLength(2);
    expect(colours.filter((c) => c === 'YELLOW')).toHaveLength(2);
    expect(colours.filter((c) => c === 'GREEN')).toHaveLength(3);
    expect(rows.map((r) => r.status).sort()).toEqual([
      'ACCEPTED',
      'AWAITING_ACCEPTANCE',
      'IN_PROGRESS',
      'IN_PROGRESS',
      'IN_PROGRESS',
      'IN_PROGRESS',
      'IN_PROGRESS',
    ]);
    for (const w of ['RED', 'YELLOW', 'GREEN'] as const) {
      const hit = await db()
        .select({ id: rectificationTasks.id })
        .from(rectificationTasks)
        .where(taskCondition(systemViewer('test'), { warning: [w] }, DEMO_AS_OF)(rectificationTasks))
        .orderBy(rectificationTasks.id);
      expect(hit.map((h) => h.id).filter((id) => own.has(id))).toEqual(
        rows.filter((_, i) => colours[i] === w).map((r) => r.id),
      );
    }
    const overdue = (
      await db()
        .select({ id: rectificationTasks.id, key: rectificationTasks.itemKey })
        .from(rectificationTasks)
        .where(taskCondition(systemViewer('test'), { overdue: true }, DEMO_AS_OF)(rectificationTasks))
    )
      .filter((o) => own.has(o.id))
      .map(({ key }) => ({ key }));
    expect(overdue).toEqual([{ key: 'FUNDING.COUNTY_MATCHING' }]);
  });
});

describe('task lifecycle (整改 → 验收销号)', () => {
  it('city opens, county reports, city rejects then accepts; every step audited and in the feed', async () => {
    const created = await ok(
      'create',
      {
        itemKey: 'SUPERVISION.BALANCE_MONITORING',
        regionCode: DEMO.anxiang,
        title: '降低小学校际差异系数',
        acceptanceStandard: '小学综合差异系数不高于0.50，七项指标均达标。',
        startDate: day(-10),
        deadline: day(30),
      },
      tok.city,
    );
    expect(created).toMatchObject({
      itemKey: 'SUPERVISION.BALANCE_MONITORING',
      regionCode: DEMO.anxiang,
      school: null,
      status: 'IN_PROGRESS',
      progress: 0,
      overdue: false,
      reports: [],
    });
    expect(created.warning).toBe('YELLOW'); // ~25 expected, 0 reported

    const half = await ok(
      'report',
      {
        taskId: created.id,
        progress: 50,
        note: '已完成3所薄弱学校设备补充。',
        evidence: ['https://jyj.example.cn/anxiang/zhenggai/1.pdf'],
      },
      tok.anxiang,
    );
    expect(half).toMatchObject({ status: 'IN_PROGRESS', progress: 50, warning: 'GREEN' });
    expect(half.reports[0]).toMatchObject({
      progress: 50,
      evidence: ['https://jyj.example.cn/anxiang/zhenggai/1.pdf'],
      reporter: 'user:test-county_admin',
    });
    await refused('accept', { taskId: created.id, note: '提前验收' }, tok.city, [['INVALID_STATE', 'input.taskId']]);

    const done = await ok('report', { taskId: created.id, progress: 100, note: '全部整改完成。' }, tok.anxiang);
    expect(done.status).toBe('AWAITING_ACCEPTANCE');
    // The county is the responsible unit, not the supervising level (the city supervises this matter).
    await refused('accept', { taskId: created.id, note: '自己验收' }, tok.anxiang, [['FORBIDDEN', 'input.taskId']]);
    await refused('accept', { taskId: created.id, note: '学校验收' }, tok.school, [['FORBIDDEN', 'input.taskId']]);

    const back = await ok(
      'reject',
      { taskId: created.id, note: '体育场馆面积指标仍未达标。', assessedProgress: 80 },
      tok.city,
    );
    expect(back).toMatchObject({
      status: 'IN_PROGRESS',
      progress: 80,
      reviews: [{ decision: 'REJECTED', reviewerLevel: 'CITY' }],
    });
    await ok('report', { taskId: created.id, progress: 100, note: '新建运动场已投入使用。' }, tok.anxiang);
    const closed = await ok('accept', { taskId: created.id, note: '经现场核查，同意销号。' }, tok.city);
    expect(closed).toMatchObject({ status: 'ACCEPTED', progress: 100, warning: 'GREEN', overdue: false });
    expect(closed.reviews.map((r) => r.decision)).toEqual(['ACCEPTED', 'REJECTED']);
    expect(closed.reports.map((r) => r.progress)).toEqual([100, 100, 50]);
    await refused('report', { taskId: created.id, progress: 90, note: '销号后再报' }, tok.anxiang, [
      ['INVALID_STATE', 'input.taskId'],
    ]);
    await refused('accept', { taskId: created.id, note: '再次验收' }, tok.city, [['INVALID_STATE', 'input.taskId']]);

    const id = Number(Buffer.from(created.id, 'base64').toString().split(':')[1]);
    const events = await db()
      .select()
      .from(auditEvents)
      .where(sql`${auditEvents.entityKey} = ${`task:${id}`}`)
      .orderBy(auditEvents.id);
    expect(events.map((e) => [e.action, e.actorRole, (e.after as { status?: string } | null)?.status])).toEqual([
      ['CREATE', 'CITY_ADMIN', 'IN_PROGRESS'],
      ['UPDATE', 'COUNTY_ADMIN', 'IN_PROGRESS'],
      ['UPDATE', 'COUNTY_ADMIN', 'AWAITING_ACCEPTANCE'],
      ['UPDATE', 'CITY_ADMIN', 'IN_PROGRESS'],
      ['UPDATE', 'COUNTY_ADMIN', 'AWAITING_ACCEPTANCE'],
      ['UPDATE', 'CITY_ADMIN', 'ACCEPTED'],
    ]);
    expect(events.every((e) => e.regionCode === DEMO.anxiang && e.entityType === 'RectificationTask')).toBe(true);
    // The county's change feed carries them too (paged from the start; polled briefly because
    // on PostgreSQL the feed horizon is cluster-wide).
    const seen: string[] = [];
    let after: string | null = null;
    for (const until = Date.now() + 10_000; seen.length < events.length && Date.now() < until; ) {
      const res = await s.gql(CHANGES, { after }, tok.anxiang);
      const page: ResultOf<typeof CHANGES>['changes'] = res.body.data.changes;
      seen.push(...page.events.filter((e) => e.entityKey === `task:${id}`).map((e) => e.action));
      after = page.endCursor;
      if (!page.hasNextPage) await new Promise((r) => setTimeout(r, 50));
    }
    expect(seen).toEqual(events.map((e) => e.action));
  });

  it('a school reports on its own task; its county may report for it and, when it supervises, accept it', async () => {
    // CURRICULUM.SCHOOL_TIMETABLE: the school leads, the county supervises.
    const task = await ok(
      'create',
      {
        itemKey: 'CURRICULUM.SCHOOL_TIMETABLE',
        schoolCode: anxiangSchool,
        title: '开足体育与艺术课时',
        acceptanceStandard: '课表中体育每周不少于2课时。',
        startDate: day(-1),
        deadline: day(60),
      },
      tok.anxiang,
    );
    expect(task).toMatchObject({ regionCode: DEMO.anxiang, school: { code: anxiangSchool } });
    await ok('report', { taskId: task.id, progress: 100, note: '课表已调整。' }, tok.school);
    await refused('accept', { taskId: task.id, note: '市级验收' }, tok.city, [['FORBIDDEN', 'input.taskId']]);
    await refused('accept', { taskId: task.id, note: '学校自验' }, tok.school, [['FORBIDDEN', 'input.taskId']]);
    await refused('accept', { taskId: task.id, note: '他县验收' }, tok.taoyuan, [['FORBIDDEN', 'input.taskId']]);
    expect(
      (await ok('accept', { taskId: task.id, note: '核查课表，同意销号。' }, tok.anxiang)).reviews[0],
    ).toMatchObject({ decision: 'ACCEPTED', reviewerLevel: 'COUNTY' });
  });
});

describe('bad input: typed errors, nothing changed', () => {
  let taskId: string;
  beforeAll(async () => {
    taskId = (
      await ok(
        'create',
        {
          itemKey: 'EXCHANGE.CROSS_COUNTY',
          regionCode: DEMO.anxiang,
          title: '走教课时落实',
          acceptanceStandard: '课表落实。',
          deadline: day(90),
        },
        tok.city,
      )
    ).id;
  });

  it('refuses progress outside 0–100, empty notes and bad evidence links', async () => {
    await refused('report', { taskId, progress: -1, note: '负数' }, tok.anxiang, [['VALIDATION', 'input.progress']]);
    await refused('report', { taskId, progress: 101, note: '超百' }, tok.anxiang, [['VALIDATION', 'input.progress']]);
    await refused('report', { taskId, progress: 30, note: ' ' }, tok.anxiang, [['REQUIRED', 'input.note']]);
    await refused(
      'report',
      { taskId, progress: 30, note: '链接', evidence: ['https://ok.example.cn/a.pdf', 'ftp://x/y'] },
      tok.anxiang,
      [['VALIDATION', 'input.evidence.1']],
    );
    await refused('report', { taskId: 'bm9wZQ', progress: 30, note: '坏编号' }, tok.anxiang, [
      ['VALIDATION', 'input.taskId'],
    ]);
    await refused('reject', { taskId, note: '退回', assessedProgress: 100 }, tok.city, [
      ['VALIDATION', 'input.assessedProgress'],
    ]);
  });

  it('refuses reports from anyone but the responsible unit', async () => {
    await refused('report', { taskId, progress: 30, note: '他县' }, tok.taoyuan, [['FORBIDDEN', 'input.taskId']]);
    await refused('report', { taskId, progress: 30, note: '市代报' }, tok.city, [['FORBIDDEN', 'input.taskId']]);
    await refused('report', { taskId, progress: 30, note: '门户' }, tok.portal, [['FORBIDDEN', '']]);
    await refused('report', { taskId, progress: 30, note: '匿名' }, '', [['UNAUTHENTICATED', '']]);
  });

  it('refuses tasks for units outside the caller’s jurisdiction, bad units, items and dates', async () => {
    const base = {
      itemKey: 'EXCHANGE.CROSS_COUNTY',
      title: '测试任务',
      acceptanceStandard: '验收标准',
      startDate: day(0),
      deadline: day(30),
    };
    await refused('create', { ...base, regionCode: DEMO.taoyuan }, tok.anxiang, [['FORBIDDEN', 'input.regionCode']]);
    await refused('create', { ...base, itemKey: 'PLANNING.SCHOOL_STANDARDS', schoolCode: taoyuanSchool }, tok.anxiang, [
      ['FORBIDDEN', 'input.schoolCode'],
    ]);
    await refused('create', { ...base, regionCode: '431002' }, tok.city, [['NOT_FOUND', 'input.regionCode']]);
    await refused('create', { ...base, regionCode: DEMO.anxiang }, tok.school, [['FORBIDDEN', '']]);
    await refused('create', { ...base, regionCode: DEMO.anxiang }, tok.portal, [['FORBIDDEN', '']]);
    await refused('create', { ...base, regionCode: DEMO.anxiang, schoolCode: anxiangSchool }, tok.city, [
      ['VALIDATION', 'input.schoolCode'],
    ]);
    await refused('create', { ...base }, tok.city, [['VALIDATION', 'input.regionCode']]);
    await refused('create', { ...base, regionCode: DEMO.anxiang, schoolCode: null, deadline: day(-1) }, tok.city, [
      ['VALIDATION', 'input.deadline'],
    ]);
    await refused('create', { ...base, regionCode: DEMO.anxiang, itemKey: 'NO.SUCH_ITEM' }, tok.city, [
      ['NOT_FOUND', 'input.itemKey'],
    ]);
    await refused('create', { ...base, regionCode: DEMO.anxiang, title: '', acceptanceStandard: '' }, tok.city, [
      ['REQUIRED', 'input.title'],
      ['REQUIRED', 'input.acceptanceStandard'],
    ]);
    // The county bureau holds no working role on county matching funds for a school, nor the school on it.
    await refused('create', { ...base, itemKey: 'FUNDING.COUNTY_MATCHING', schoolCode: anxiangSchool }, tok.city, [
      ['VALIDATION', 'input.schoolCode'],
    ]);
    // A city without a published list has nothing to rectify against.
    const yueyang = await token({ role: 'CITY_ADMIN', regionCode: '430600' });
    await db().execute(
      sql`insert into regions (code, name, level, parent_code) values ('430600', '岳阳市', 'CITY', '430000') on conflict do nothing`,
    );
    await refused('create', { ...base, regionCode: '430600' }, yueyang, [['INVALID_STATE', 'input.itemKey']]);
  });
});

describe('reading tasks', () => {
  it('filters by warning, overdue, item and region, computed at request time, with matching totals', async () => {
    const key = 'SUPERVISION.RECTIFICATION_ACCEPTANCE';
    const make = async (regionCode: string, startDate: string, deadline: string, progress: number) => {
      const t = await ok(
        'create',
        {
          itemKey: key,
          regionCode,
          title: `督导整改 ${startDate}`,
          acceptanceStandard: '问题清零。',
          startDate,
          deadline,
        },
        tok.city,
      );
      if (progress)
        await ok(
          'report',
          { taskId: t.id, progress, note: '阶段进展' },
          regionCode === DEMO.anxiang ? tok.anxiang : tok.taoyuan,
        );
      return t.id as string;
    };
    const overdue = await make(DEMO.anxiang, day(-20), day(-2), 0);
    const farBehind = await make(DEMO.taoyuan, day(-50), day(49), 10); // ~50 expected
    const behind = await make(DEMO.anxiang, day(-10), day(9), 40); // ~50–55 expected
    const onTrack = await make(DEMO.taoyuan, day(0), day(99), 0); // ≤ 1 expected
    const q = async (filter: Omit<NonNullable<VariablesOf<typeof TASKS>['filter']>, 'itemKey'>, t = tok.city) =>
      (await s.gql(TASKS, { filter: { itemKey: key, ...filter } }, t)).body.data.rectificationTasks;
    const ids = (c: { nodes: { id: string }[] }) => c.nodes.map((n) => n.id).sort();

    const red = await q({ warning: ['RED'] });
    expect(ids(red)).toEqual([overdue, farBehind].sort());
    expect(red.totalCount).toBe(2);
    expect(red.nodes.every((n) => n.warning === 'RED')).toBe(true);
    expect(ids(await q({ warning: ['YELLOW'] }))).toEqual([behind]);
    expect(ids(await q({ warning: ['GREEN'] }))).toEqual([onTrack]);
    expect(ids(await q({ warning: ['YELLOW', 'GREEN'] }))).toEqual([behind, onTrack].sort());
    expect(ids(await q({ overdue: true }))).toEqual([overdue]);
    expect((await q({ overdue: false })).totalCount).toBe(3);
    expect(ids(await q({ regionCode: DEMO.taoyuan }))).toEqual([farBehind, onTrack].sort());
    expect(ids(await q({ regionCode: DEMO.taoyuan, warning: ['RED'] }))).toEqual([farBehind]);

    // Jurisdiction: a county sees its own tasks only, a school its own, portals and anonymous none.
    const anxiang = await q({}, tok.anxiang);
    expect(ids(anxiang)).toEqual([overdue, behind].sort());
    expect((await q({ regionCode: DEMO.taoyuan }, tok.anxiang)).totalCount).toBe(0);
    const all = (await s.gql(TASKS, {}, tok.school)).body.data.rectificationTasks;
    expect(all.nodes.length).toBeGreaterThan(0);
    expect(all.nodes.every((n) => n.school?.code === anxiangSchool)).toBe(true);
    for (const t of [tok.portal, ''])
      expect((await s.gql(TASKS, {}, t)).body.data.rectificationTasks).toMatchObject({ totalCount: 0, nodes: [] });
    const node = await s.gql(NODE, { id: farBehind }, tok.anxiang);
    expect(node.body.data?.node ?? null).toBeNull();
  });
});

describe.skipIf(!onRealPostgres)('concurrency (PostgreSQL)', () => {
  it(
    'racing progress reports and an acceptance serialise on the task: the task always matches ' + 'its last report',
    async () => {
      const task = await ok(
        'create',
        {
          itemKey: 'EXCHANGE.CROSS_COUNTY',
          regionCode: DEMO.taoyuan,
          title: '并发进展',
          acceptanceStandard: '验收。',
          deadline: day(60),
        },
        tok.city,
      );
      const reports = [10, 20, 30, 40, 50, 60, 70, 100].map((progress) =>
        run('report', { taskId: task.id, progress, note: `进展 ${progress}` }, tok.taoyuan),
      );
      const accept = (async () => {
        await new Promise((r) => setTimeout(r, 5));
        return run('accept', { taskId: task.id, note: '并发验收' }, tok.city);
      })();
      const results = await Promise.all([...reports, accept]);
      expect(results.slice(0, -1).every((r) => r.errors.length === 0 || r.errors[0].code === 'INVALID_STATE')).toBe(
        true,
      );
      const id = Number(Buffer.from(task.id, 'base64').toString().split(':')[1]);
      const [row] = await db().select().from(rectificationTasks).where(sql`id = ${id}`);
      const last = await db().execute(
        sql`select progress from rectification_reports where task_id = ${id} order by id desc limit 1`,
      );
      const lastProgress = rowsOf<{ progress: number }>(last)[0].progress;
      if (row.status === 'ACCEPTED') {
        expect(lastProgress).toBe(100);
        expect(results.at(-1)!.errors).toEqual([]);
      } else {
        expect(row.progress).toBe(lastProgress);
        expect(row.status).toBe(lastProgress === 100 ? 'AWAITING_ACCEPTANCE' : 'IN_PROGRESS');
      }
    },
  );
});
