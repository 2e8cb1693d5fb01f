import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemViewer } from '../../schema/domains/access/viewer.js';
import { auditEvents } from '../../schema/domains/audit/table.js';
import { upsertRegions } from '../../schema/domains/organisation/services/upsertRegions.js';
import { submitResourceRequest } from '../../schema/domains/pools/services/submitResourceRequest.js';
import { resourceAllocations, resourceRequests } from '../../schema/domains/pools/table.js';
import { rowsOf } from '../../schema/domains/evaluation/sqlRows.js';
import {
  createTestDb,
  DEMO,
  onRealPostgres,
  present,
  serviceContext,
  startTestServer,
  token,
  type TestServer,
} from '../harness.js';
import { EQUIP, M, run } from './fixture.js';

/**
 * The capacity invariant under real concurrency (PostgreSQL only: PGlite has one connection).
 * 100 callers race for the last free unit of one resource.
 */
describe.skipIf(!onRealPostgres)('allocating the last unit under concurrency', () => {
  let s: TestServer;
  let city: string;
  let resourceId: string;
  const requestIds: string[] = [];
  const counties = ['430702', '430703', '430721', '430722', '430723', '430724', '430725', '430726', '430781'];
  const num = (gid: string) => Number(Buffer.from(gid, 'base64').toString().split(':')[1]);

  beforeAll(async () => {
    // Only the regions are needed; the full demo data set would just slow this file down.
    const db = await createTestDb({ poolSize: 20, seed: false });
    const regionRows = [
      { code: '430000', name: '湖南省' },
      { code: DEMO.city, name: '常德市' },
      ...counties.map((code, i) => ({ code, name: `测试县${i}` })),
    ];
    expect((await upsertRegions(serviceContext(db.database), { rows: regionRows })).errors).toEqual([]);
    s = await startTestServer({ db, env: { EDUGOV_RATE_LIMIT: 'false' } }); // 100 requests at once from one client
    city = await token({ role: 'CITY_ADMIN', regionCode: DEMO.city });
    const pool = present(
      (
        await run(
          s,
          M.createPool,
          { code: 'T-RACE', name: '并发测试设备中心', kind: 'EQUIPMENT', cityCode: DEMO.city },
          city,
        )
      ).pool,
    ).id;
    resourceId = present(
      (await run(s, M.offer, { poolId: pool, ...EQUIP({ capacity: 3, countyCode: DEMO.anxiang }) }, city)).resource,
    ).id;
    const ctx = serviceContext(db.database, systemViewer('test'));
    const first = await submitResourceRequest(ctx, {
      poolId: pool,
      countyCode: DEMO.anxiang,
      subject: '物理',
      specification: '两套',
      quantity: 2,
      periodStart: '2026-09-01',
      periodEnd: '2027-01-31',
      reason: '先到',
    });
    const gid = (t: string, id: number) => Buffer.from(`${t}:${id}`).toString('base64');
    expect(
      (
        await run(
          s,
          M.allocate,
          { requestId: gid('ResourceRequest', first.id), resourceId, quantity: 2, reason: '先分两套' },
          city,
        )
      ).errors,
    ).toEqual([]);
    for (let i = 0; i < 100; i++) {
      const r = await submitResourceRequest(ctx, {
        poolId: pool,
        countyCode: counties[i % counties.length],
        subject: '物理',
        specification: '一套',
        quantity: 1,
        periodStart: '2026-10-01',
        periodEnd: '2026-12-31',
        reason: `第 ${i} 个申请`,
      });
      requestIds.push(gid('ResourceRequest', r.id));
    }
  });
  afterAll(() => s?.close());

  it(
    'through the API: exactly one of 100 concurrent allocations wins; the rest get ' +
      'OVER_CAPACITY; state stays consistent',
    async () => {
      const auditBefore = await s.db.database.db.$count(auditEvents);
      const results = await Promise.all(
        requestIds.map((requestId) =>
          run(s, M.allocate, { requestId, resourceId, quantity: 1, reason: '抢最后一套' }, city),
        ),
      );
      const won = results.filter((r) => r.allocation);
      const lost = results.filter((r) => !r.allocation);
      expect(won.length).toBe(1);
      expect(lost.length).toBe(99);
      for (const r of lost)
        expect(r.errors).toEqual([expect.objectContaining({ code: 'OVER_CAPACITY', path: ['input', 'quantity'] })]);

      const db = s.db.database.db;
      const active = await db
        .select()
        .from(resourceAllocations)
        .where(sql`resource_id = ${num(resourceId)} and status = 'ACTIVE'`);
      expect(active.reduce((n, a) => n + a.quantity, 0)).toBe(3);
      const statuses = await db
        .select({ status: resourceRequests.status, n: sql<number>`count(*)::int` })
        .from(resourceRequests)
        .where(sql`reason like '第 %'`)
        .groupBy(resourceRequests.status);
      expect(Object.fromEntries(statuses.map((x) => [x.status, x.n]))).toEqual({ MATCHED: 1, SUBMITTED: 99 });
      // Exactly the winner's two events (allocation created, request updated) were recorded.
      expect((await db.$count(auditEvents)) - auditBefore).toBe(2);
    },
  );

  it(
    'in the database alone: 100 concurrent raw inserts for the last unit, bypassing every ' +
      'application check, commit exactly once',
    async () => {
      const db = s.db.database.db;
      await db.execute(
        sql`update resource_allocations set status = 'RELEASED' where resource_id = ${num(resourceId)} and quantity = 1`,
      );
      const reqs = await db.select().from(resourceRequests).where(sql`reason like '第 %'`).orderBy(resourceRequests.id);
      expect(reqs.length).toBe(100);
      const attempts = await Promise.allSettled(
        reqs.map((req) =>
          db.transaction(async (tx) => {
            await tx.insert(resourceAllocations).values({
              requestId: req.id,
              resourceId: num(resourceId),
              requestCountyCode: req.countyCode,
              offerCountyCode: DEMO.anxiang,
              quantity: 1,
              periodStart: '2026-11-01',
              periodEnd: '2026-11-30',
              method: 'MANUAL',
              reason: 'raw',
              matchedBy: 'test',
            });
            // Widen the race window: hold the transaction open a moment after the insert.
            await tx.execute(sql`select pg_sleep(0.01)`);
          }),
        ),
      );
      const ok = attempts.filter((a) => a.status === 'fulfilled').length;
      expect(ok).toBe(1);
      const reasons = attempts
        .filter((a): a is PromiseRejectedResult => a.status === 'rejected')
        .map((a) => a.reason?.cause?.code ?? a.reason?.code);
      expect(reasons).toEqual(Array(99).fill('EGCAP'));
      const [{ peak }] = rowsOf<{ peak: number }>(
        await db.execute(
          sql`select count(*)::int as peak from resource_allocations where resource_id = ${num(resourceId)} and status = 'ACTIVE' and period_start <= '2026-11-15' and period_end >= '2026-11-15'`,
        ),
      );
      expect(peak).toBe(2); // the 2-unit allocation row + the single winner
    },
  );
});
