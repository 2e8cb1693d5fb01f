import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { resourceAllocations, resourceRequests } from '../../schema/domains/pools/table.js';
import { rowsOf } from '../../schema/domains/evaluation/sqlRows.js';
import { DEMO, present, startTestServer, token, type TestServer } from '../harness.js';
import { graphql } from '../graphql/index.js';
import type { SubmitResourceRequestInput } from '../graphql/graphql.js';
import { M, poolCounts, run } from './fixture.js';

// Lets a test stand in for a published responsibility list that hands pool matching to counties.
const published = vi.hoisted(() => ({ level: null as null | 'CITY' | 'COUNTY' | 'SCHOOL' }));
vi.mock('../../schema/domains/responsibility/leads.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../schema/domains/responsibility/leads.js')>();
  return {
    ...actual,
    whoLeads: async (db: Parameters<typeof actual.whoLeads>[0], region: string, key: string) =>
      published.level
        ? { level: published.level, source: 'PUBLISHED_LIST', listId: 7 }
        : actual.whoLeads(db, region, key),
  };
});

const SET = graphql(
  `mutation PoolsMatchingSet($i: SetRegionSettingInput!) { setRegionSetting(input: $i) { errors { code } } }`,
);

let s: TestServer;
const db = () => s.db.database.db;
let city: string, anxiang: string, taoyuan: string, wuling: string;
let pool: string;
const ids: Record<string, string> = {};
const YEAR = { availableFrom: '2026-09-01', availableTo: '2027-07-15' };
const TERM = { periodStart: '2026-09-01', periodEnd: '2027-01-20' };
const num = (gid: string) => Number(Buffer.from(gid, 'base64').toString().split(':')[1]);
const course = (title: string, subject: string, capacity: number, countyCode: string) => ({
  title,
  subject,
  capacity,
  countyCode,
  ...YEAR,
  course: { gradeBand: '高一至高二', delivery: 'ONLINE' as const },
});

beforeAll(async () => {
  s = await startTestServer({ env: { EDUGOV_RATE_LIMIT: 'false' } }); // this suite is about pools, not request budgets
  city = await token({ role: 'CITY_ADMIN', regionCode: DEMO.city });
  anxiang = await token({ role: 'COUNTY_ADMIN', regionCode: DEMO.anxiang });
  taoyuan = await token({ role: 'COUNTY_ADMIN', regionCode: DEMO.taoyuan });
  wuling = await token({ role: 'COUNTY_ADMIN', regionCode: DEMO.wuling });
  pool = present(
    (
      await run(
        s,
        M.createPool,
        { code: 'T-COURSE', name: '测试特色课程共享平台', kind: 'COURSE', cityCode: DEMO.city },
        city,
      )
    ).pool,
  ).id;
  ids.wulingCourse = present(
    (await run(s, M.offer, { poolId: pool, ...course('非遗传承：常德丝弦', '非遗传承', 30, DEMO.wuling) }, wuling))
      .resource,
  ).id;
  ids.anxiangCourse = present(
    (await run(s, M.offer, { poolId: pool, ...course('非遗传承：安乡竹编', '非遗传承', 10, DEMO.anxiang) }, anxiang))
      .resource,
  ).id;
  ids.codingCourse = present(
    (await run(s, M.offer, { poolId: pool, ...course('Python 编程入门', '信息技术', 5, DEMO.taoyuan) }, taoyuan))
      .resource,
  ).id;
  const ask = async (
    tok: string,
    subject: string,
    quantity: number,
    priority: SubmitResourceRequestInput['priority'],
    period = TERM,
  ) =>
    present(
      (
        await run(
          s,
          M.submit,
          {
            poolId: pool,
            subject,
            specification: `${subject}课程 ${quantity} 个席位`,
            quantity,
            priority,
            reason: '本县缺少师资',
            ...period,
          },
          tok,
        )
      ).request,
    ).id;
  // Submitted in this order: 安乡 first, so only the weight can put 桃源 ahead of it.
  ids.anxiangReq = await ask(anxiang, '非遗传承', 20, 'NORMAL');
  ids.taoyuanReq = await ask(taoyuan, '非遗传承', 20, 'NORMAL');
  ids.wulingReq = await ask(wuling, '非遗传承', 5, 'URGENT');
  ids.codingReq = await ask(anxiang, '信息技术', 8, 'LOW');
  ids.summerReq = await ask(taoyuan, '信息技术', 2, 'HIGH', { periodStart: '2027-07-01', periodEnd: '2027-08-31' });
  // 桃源 is the weaker county (薄弱县): served before 安乡 at equal priority.
  const set = await s.gql(SET, { i: { regionCode: DEMO.taoyuan, key: 'pools.countyPriorityWeight', value: 3 } }, city);
  expect(set.body.data.setRegionSetting.errors).toEqual([]);
});
afterAll(() => s?.close());

describe('autoMatchRequests', () => {
  it('only the leading level (the city by default) may run it', async () => {
    const before = await poolCounts(db());
    const p = await run(s, M.autoMatch, { poolId: pool }, anxiang);
    expect(p).toEqual({
      summary: null,
      errors: [expect.objectContaining({ code: 'FORBIDDEN', path: ['input', 'poolId'] })],
    });
    expect(await poolCounts(db())).toEqual(before);
  });

  it('a dry run proposes without writing', async () => {
    const before = await poolCounts(db());
    const p = await run(s, M.autoMatch, { poolId: pool, dryRun: true }, city);
    expect(p.errors).toEqual([]);
    expect(p.summary).toMatchObject({
      dryRun: true,
      requestsConsidered: 5,
      allocationsCreated: 5,
      unitsAllocated: 45,
      allocations: [],
    });
    expect(await poolCounts(db())).toEqual(before);
  });

  it('serves priority first, then weaker counties, own-county offers first; applies and audits it', async () => {
    const before = await poolCounts(db());
    const p = await run(s, M.autoMatch, { poolId: pool }, city);
    expect(p.errors).toEqual([]);
    expect(p.summary).toMatchObject({
      dryRun: false,
      authorityLevel: 'CITY',
      requestsConsidered: 5,
      requestsMatched: 2,
      requestsPartiallyMatched: 2,
      requestsUnmatched: 1,
      allocationsCreated: 5,
      unitsAllocated: 45,
    });
    const summary = present(p.summary);
    const got = summary.allocations.map((a) => [a.request.id, a.resource.id, a.quantity]);
    expect(got).toEqual([
      [ids.wulingReq, ids.wulingCourse, 5], // URGENT, its own county's course
      [ids.taoyuanReq, ids.wulingCourse, 20], // weight 3: before 安乡; no own-county offer
      [ids.anxiangReq, ids.anxiangCourse, 10], // own county first …
      [ids.anxiangReq, ids.wulingCourse, 5], // … then the rest of 丝弦
      [ids.codingReq, ids.codingCourse, 5], // LOW: what is left, 5 of 8
      // The summer request lies outside every availability window: unmatched.
    ]);
    expect(summary.allocations.every((a) => a.method === 'AUTO' && /priority/.test(a.reason))).toBe(true);
    const statuses = Object.fromEntries(
      (
        await db()
          .select({ id: resourceRequests.id, status: resourceRequests.status, m: resourceRequests.matchedQuantity })
          .from(resourceRequests)
      ).map((r) => [r.id, `${r.status}:${r.m}`]),
    );
    expect(statuses[num(ids.wulingReq)]).toBe('MATCHED:5');
    expect(statuses[num(ids.taoyuanReq)]).toBe('MATCHED:20');
    expect(statuses[num(ids.anxiangReq)]).toBe('PARTIALLY_MATCHED:15');
    expect(statuses[num(ids.codingReq)]).toBe('PARTIALLY_MATCHED:5');
    expect(statuses[num(ids.summerReq)]).toBe('SUBMITTED:0');
    const after = await poolCounts(db());
    expect(Number(after.allocations) - Number(before.allocations)).toBe(5);
    // One audit event per allocation and per request whose matching changed.
    expect(Number(after.audit) - Number(before.audit)).toBe(5 + 4);
  });

  it('is deterministic and never overbooks: a second run finds nothing more to give', async () => {
    const p = await run(s, M.autoMatch, { poolId: pool }, city);
    expect(p.summary).toMatchObject({ requestsConsidered: 3, allocationsCreated: 0, unitsAllocated: 0 });
    const rows = rowsOf<{ used: number; cap: number }>(
      await db().execute(
        sql`select resource_id, sum(quantity)::int as used, min(r.capacity) as cap from resource_allocations a join pool_resources r on r.id = a.resource_id where a.status = 'ACTIVE' group by resource_id`,
      ),
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.used).toBeLessThanOrEqual(r.cap);
  });

  it('releasing capacity lets the next run serve the partially matched request', async () => {
    const [a] = await db()
      .select()
      .from(resourceAllocations)
      .where(sql`request_id = ${num(ids.taoyuanReq)}`);
    await run(
      s,
      M.release,
      { allocationId: Buffer.from(`ResourceAllocation:${a.id}`).toString('base64'), reason: '桃源改为线下授课' },
      city,
    );
    await run(s, M.withdraw, { requestId: ids.taoyuanReq, reason: '改为线下' }, taoyuan);
    const p = await run(s, M.autoMatch, { poolId: pool }, city);
    expect(p.summary).toMatchObject({ allocationsCreated: 1, unitsAllocated: 5, requestsMatched: 1 });
    expect(present(p.summary).allocations[0]).toMatchObject({
      request: { id: ids.anxiangReq },
      resource: { id: ids.wulingCourse },
      quantity: 5,
    });
  });
});

describe('when the published responsibility list hands pool matching to counties', () => {
  it('county admins match their own county’s requests, and the city no longer may', async () => {
    published.level = 'COUNTY';
    try {
      const req = present(
        (
          await run(
            s,
            M.submit,
            {
              poolId: pool,
              subject: '信息技术',
              specification: '编程课',
              quantity: 1,
              ...TERM,
              reason: '缺少信息技术教师',
            },
            anxiang,
          )
        ).request,
      ).id;
      const other = present(
        (
          await run(
            s,
            M.submit,
            {
              poolId: pool,
              subject: '信息技术',
              specification: '编程课',
              quantity: 1,
              ...TERM,
              reason: '缺少信息技术教师',
            },
            wuling,
          )
        ).request,
      ).id;
      const free = present(
        (await run(s, M.offer, { poolId: pool, ...course('Scratch 创意编程', '信息技术', 3, DEMO.wuling) }, wuling))
          .resource,
      ).id;
      const input = { requestId: req, resourceId: free, quantity: 1, reason: '县级自主匹配' };
      const before = await poolCounts(db());
      expect((await run(s, M.allocate, input, city)).errors[0]).toMatchObject({
        code: 'FORBIDDEN',
        path: ['input', 'requestId'],
      });
      expect((await run(s, M.allocate, { ...input, requestId: other }, anxiang)).errors[0]).toMatchObject({
        code: 'FORBIDDEN',
        path: ['input', 'requestId'],
      });
      expect(await poolCounts(db())).toEqual(before);
      const ok = await run(s, M.allocate, input, anxiang);
      expect(ok.errors).toEqual([]);
      const feed = rowsOf<{ after: { authority: unknown } }>(
        await db().execute(
          sql`select after from audit_events where entity_type = 'ResourceAllocation' order by id desc limit 1`,
        ),
      );
      expect(feed[0].after.authority).toEqual({ level: 'COUNTY', source: 'PUBLISHED_LIST', listId: 7 });
      // A county's auto-match touches only its own county's requests.
      const auto = await run(s, M.autoMatch, { poolId: pool }, wuling);
      expect(auto.errors).toEqual([]);
      expect(present(auto.summary).allocations.map((a) => a.request.id)).toEqual([other]);
    } finally {
      published.level = null;
    }
  });
});
