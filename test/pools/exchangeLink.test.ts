import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../schema/domains/access/apiKeyService.js';
import { rowsOf } from '../../schema/domains/evaluation/sqlRows.js';
import { DEMO, present, startTestServer, token, type TestServer } from '../harness.js';
import { graphql } from '../graphql/index.js';
import { M, poolCounts, run } from './fixture.js';

/**
 * A teacher-time allocation (TEACHER_EXCHANGE pool) and the 走教 exchange it implies: proposed
 * or linked with the allocation, cancelled with its release, visible from both sides.
 */
let s: TestServer;
const db = () => s.db.database.db;
let city: string, anxiang: string, portal: string;
let pool: string, resource: string;
// Teachers without any exchange, picked from the demo register: two of one 安乡 school, one of 桃源.
let t1: { staffNo: string; school: string }, t2: { staffNo: string }, other: { staffNo: string };
let target: string;
const PERIOD = { periodStart: '2026-09-01', periodEnd: '2027-01-20' };
const num = (gid: string) => Number(Buffer.from(gid, 'base64').toString().split(':')[1]);
const rows = async <T = Record<string, unknown>>(q: ReturnType<typeof sql>) => rowsOf<T>(await db().execute(q));
const counts = async () => ({
  ...(await poolCounts(db())),
  exchanges: (await rows<{ n: number }>(sql`select count(*)::int as n from exchange_assignments`))[0].n,
});

const ALLOC =
  graphql(`mutation PoolsExchangeLinkAllocate($input: AllocateResourceInput!) { allocateResource(input: $input) { allocation { id quantity
  exchangeAssignment { id kind status weeklyHours startDate endDate reason teacherStaffNo sourceSchool { code } targetSchool { code } allocation { id } } } errors { code path message } } }`);
const PROPOSE = graphql(
  `mutation PoolsExchangeLinkPropose($input: ProposeExchangeInput!) { proposeExchange(input: $input) { exchangeAssignment { id } errors { code path message } } }`,
);
const EXCHANGE = graphql(
  `query PoolsExchangeLinkExchange($id: ID!) { node(id: $id) { ... on ExchangeAssignment { status cancelReason: reason allocation { id status } } } }`,
);
const OFFER_READ = graphql(
  `query PoolsExchangeLinkOfferRead($id: ID!) { node(id: $id) { ... on PoolResource { title offeredTeacher { staffNo } } } }`,
);

async function ask(quantity: number) {
  return present(
    (
      await run(
        s,
        M.submit,
        {
          poolId: pool,
          schoolCode: target,
          subject: '物理',
          specification: `物理走教 每周 ${quantity} 课时`,
          quantity,
          reason: '村小缺物理教师',
          ...PERIOD,
        },
        anxiang,
      )
    ).request,
  ).id;
}

beforeAll(async () => {
  s = await startTestServer({ env: { EDUGOV_RATE_LIMIT: 'false' } });
  city = await token({ role: 'CITY_ADMIN', regionCode: DEMO.city });
  anxiang = await token({ role: 'COUNTY_ADMIN', regionCode: DEMO.anxiang });
  portal = (await createApiKey(db(), { name: '家长门户', role: 'PORTAL', regionCode: DEMO.city })).token;
  const free = sql`not exists (select 1 from exchange_assignments e where e.teacher_id = t.id)`;
  const [a, b] = await rows<{ staff_no: string; school: string }>(sql`
    select t.staff_no, s.code as school from teachers t join schools s on s.id = t.school_id
    where t.county_code = ${DEMO.anxiang} and s.status <> 'CLOSED' and ${free}
      and s.id = (select t2.school_id from teachers t2 join schools s2 on s2.id = t2.school_id
                  where t2.county_code = ${DEMO.anxiang} and s2.status <> 'CLOSED' group by t2.school_id having count(*) >= 2 order by t2.school_id limit 1)
    order by t.id limit 2`);
  t1 = { staffNo: a.staff_no, school: a.school };
  t2 = { staffNo: b.staff_no };
  [other] = await rows<{ staffNo: string }>(
    sql`select t.staff_no as "staffNo" from teachers t where t.county_code = ${DEMO.taoyuan} order by t.id limit 1`,
  );
  [{ code: target }] = await rows<{ code: string }>(
    sql`select code from schools where county_code = ${DEMO.anxiang} and status <> 'CLOSED' and code <> ${t1.school} order by code limit 1`,
  );
  pool = present(
    (
      await run(
        s,
        M.createPool,
        { code: 'T-TEACH', name: '测试师资共享池', kind: 'TEACHER_EXCHANGE', cityCode: DEMO.city },
        city,
      )
    ).pool,
  ).id;
});
afterAll(() => s?.close());

describe('an offer naming a teacher', () => {
  const offer = (staffNo: string) => ({
    poolId: pool,
    title: '物理骨干教师走教',
    subject: '物理',
    capacity: 20,
    availableFrom: '2026-09-01',
    availableTo: '2027-07-15',
    schoolCode: t1.school,
    teacherStaffNo: staffNo,
    teacherTime: { title: '一级教师', note: '每周可走教' },
  });

  it('refuses a teacher of another county at teacherStaffNo, writing nothing', async () => {
    const before = await counts();
    const p = await run(s, M.offer, offer(other.staffNo), anxiang);
    expect(p.resource).toBeNull();
    expect(p.errors).toEqual([expect.objectContaining({ code: 'VALIDATION', path: ['input', 'teacherStaffNo'] })]);
    expect(await counts()).toEqual(before);
  });

  it('records the teacher of the offering school; portals never see it', async () => {
    const p = await run(s, M.offer, offer(t1.staffNo), anxiang);
    expect(p.errors).toEqual([]);
    resource = present(p.resource).id;
    const mine = await s.gql(OFFER_READ, { id: resource }, city);
    expect(mine.body.data.node).toEqual({ title: '物理骨干教师走教', offeredTeacher: { staffNo: t1.staffNo } });
    const theirs = await s.gql(OFFER_READ, { id: resource }, portal);
    expect(theirs.body.data.node).toEqual({ title: '物理骨干教师走教', offeredTeacher: null });
    expect(JSON.stringify(theirs.body)).not.toContain(t1.staffNo);
  });
});

describe('allocations and the exchanges they imply', () => {
  let firstAlloc: string, firstExchange: string, requestA: string, requestB: string;

  it(
    'proposes the ITINERANT exchange from the teacher’s school to the requesting school, ' + 'visible from both sides',
    async () => {
      const request = (requestA = await ask(6));
      const p = await run(
        s,
        ALLOC,
        { requestId: request, resourceId: resource, quantity: 6, reason: '就近安排骨干教师走教' },
        city,
      );
      expect(p.errors).toEqual([]);
      const allocation = present(p.allocation);
      const ex = present(allocation.exchangeAssignment);
      expect(ex).toMatchObject({
        kind: 'ITINERANT',
        status: 'PROPOSED',
        weeklyHours: 6,
        startDate: '2026-09-01',
        endDate: '2027-01-20',
        teacherStaffNo: t1.staffNo,
        sourceSchool: { code: t1.school },
        targetSchool: { code: target },
        allocation: { id: allocation.id },
      });
      expect(ex.reason).toContain(`#${num(request)}`);
      firstAlloc = allocation.id;
      firstExchange = ex.id;
      const [row] = await rows<{ allocation_id: number }>(
        sql`select allocation_id from exchange_assignments where id = ${num(ex.id)}`,
      );
      expect(row.allocation_id).toBe(num(firstAlloc));
      const [audit] = await rows(
        sql`select action, after from audit_events where entity_type = 'ExchangeAssignment' and entity_key = ${String(num(ex.id))}`,
      );
      expect(audit.action).toBe('CREATE');
      expect(audit.after).toMatchObject({ allocationId: num(firstAlloc), weeklyHours: 6, status: 'PROPOSED' });
    },
  );

  it(
    'refuses an allocation whose exchange breaks the itinerant hours cap (12) with ' + 'OVER_CAPACITY, writing nothing',
    async () => {
      requestB = await ask(8);
      const before = await counts();
      // 6 hours already proposed + 7 = 13 > 12; the resource itself (20 hours) has room.
      const p = await run(
        s,
        ALLOC,
        { requestId: requestB, resourceId: resource, quantity: 7, reason: '再安排走教' },
        city,
      );
      expect(p.allocation).toBeNull();
      expect(p.errors).toEqual([expect.objectContaining({ code: 'OVER_CAPACITY', path: ['input', 'quantity'] })]);
      expect(await counts()).toEqual(before);
    },
  );

  it('links an existing exchange of the offered teacher, and refuses one of another teacher', async () => {
    const propose = async (staffNo: string) =>
      present(
        (
          await run(
            s,
            PROPOSE,
            {
              teacherStaffNo: staffNo,
              targetSchoolCode: target,
              kind: 'ITINERANT',
              startDate: '2026-09-01',
              endDate: '2027-06-30',
              weeklyHours: 2,
              subject: '物理',
              reason: '村小物理课',
            },
            anxiang,
          )
        ).exchangeAssignment,
      ).id;
    const wrong = await propose(t2.staffNo);
    const right = await propose(t1.staffNo);
    const before = await counts();
    const refused = await run(
      s,
      ALLOC,
      { requestId: requestB, resourceId: resource, quantity: 2, reason: '落实已申报走教', exchangeAssignmentId: wrong },
      city,
    );
    expect(refused.errors).toEqual([
      expect.objectContaining({ code: 'VALIDATION', path: ['input', 'exchangeAssignmentId'] }),
    ]);
    expect(await counts()).toEqual(before);

    const p = await run(
      s,
      ALLOC,
      { requestId: requestB, resourceId: resource, quantity: 2, reason: '落实已申报走教', exchangeAssignmentId: right },
      city,
    );
    expect(p.errors).toEqual([]);
    const linked = present(p.allocation);
    expect(linked.exchangeAssignment).toMatchObject({ id: right, weeklyHours: 2, allocation: { id: linked.id } });
    expect((await counts()).exchanges).toBe(before.exchanges); // linked, not a new one
    const [audit] = await rows(
      sql`select action, before, after from audit_events where entity_type = 'ExchangeAssignment' and entity_key = ${String(num(right))} order by id desc limit 1`,
    );
    expect(audit).toMatchObject({
      action: 'UPDATE',
      before: { allocationId: null, status: 'PROPOSED' },
      after: { allocationId: num(linked.id), status: 'PROPOSED' },
    });
  });

  it('releasing the allocation cancels its still-proposed exchange, audited', async () => {
    const p = await run(s, M.release, { allocationId: firstAlloc, reason: '学校调整课表' }, city);
    expect(p.errors).toEqual([]);
    const { body } = await s.gql(EXCHANGE, { id: firstExchange }, city);
    expect(body.data.node).toMatchObject({ status: 'CANCELLED', allocation: { id: firstAlloc, status: 'RELEASED' } });
    const [audit] = await rows(
      sql`select action, before, after from audit_events where entity_type = 'ExchangeAssignment' and entity_key = ${String(num(firstExchange))} order by id desc limit 1`,
    );
    expect(audit).toMatchObject({
      action: 'UPDATE',
      before: { status: 'PROPOSED' },
      after: { status: 'CANCELLED', allocationId: num(firstAlloc) },
    });
  });

  it('auto-matching proposes the implied exchanges too, and is refused whole when one breaks the cap', async () => {
    // Live itinerant hours of the teacher now: 2 (the linked one). Open: request A (6, reopened by
    // the release) and request B (6 outstanding): 2 + 6 + 6 = 14 > 12, so the run is refused.
    const before = await counts();
    const refused = await run(s, M.autoMatch, { poolId: pool }, city);
    expect(refused.summary).toBeNull();
    expect(refused.errors).toEqual([expect.objectContaining({ code: 'OVER_CAPACITY', path: ['input', 'poolId'] })]);
    expect(await counts()).toEqual(before);
    // With request A withdrawn, 2 + 6 = 8 fits.
    expect((await run(s, M.withdraw, { requestId: requestA, reason: '学校已自行解决' }, anxiang)).errors).toEqual([]);
    const p = await run(s, M.autoMatch, { poolId: pool }, city);
    expect(p.errors).toEqual([]);
    const summary = present(p.summary);
    expect(summary.unitsAllocated).toBe(6);
    const [row] =
      await rows(sql`select e.kind, e.status, e.weekly_hours, a.quantity from exchange_assignments e join resource_allocations a on a.id = e.allocation_id
      where a.id = ${num(summary.allocations[0].id)}`);
    expect(row).toEqual({ kind: 'ITINERANT', status: 'PROPOSED', weekly_hours: 6, quantity: 6 });
  });
});
