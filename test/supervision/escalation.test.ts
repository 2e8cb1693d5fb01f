import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemViewer } from '../../schema/domains/access/viewer.js';
import { rowsOf } from '../../schema/domains/evaluation/sqlRows.js';
import { runEscalationJob } from '../../schema/domains/supervision/escalationJob.js';
import { openDatabase, type Database } from '../../server/db.js';
import { createTestDb, onRealPostgres, serviceContext, type TestDb } from '../harness.js';

/**
 * The escalation job is idempotent (a second run adds nothing) and, with several server
 * processes on one PostgreSQL database, single-run: each process has its own pool, the job's
 * advisory lock lets one of them work at a time, and each escalation is made and audited once.
 */
const LATER = new Date('2027-12-01T02:00:00+08:00');

async function escalationCounts(db: Database) {
  const made = rowsOf<{ task_id: number; stage: string }>(
    await db.db.execute(sql`select task_id, stage from escalations order by task_id, stage`),
  );
  const audited = rowsOf<{ entity_key: string; n: number }>(
    await db.db.execute(
      sql`select entity_key, count(*)::int as n from audit_events where entity_type = 'Escalation' and action = 'CREATE' group by entity_key`,
    ),
  );
  return {
    made: made.map((r) => `escalation:${r.task_id}:${r.stage}`),
    audited: Object.fromEntries(audited.map((a) => [a.entity_key, a.n])),
  };
}

describe('escalation job: idempotent', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb();
  });
  afterAll(() => db.drop());

  it('a second run at the same time escalates nothing more', async () => {
    const ctx = serviceContext(db.database, systemViewer('escalation-test'));
    const first = await runEscalationJob(ctx, { now: LATER });
    expect(first.ran).toBe(true);
    expect(first.listed.length).toBeGreaterThan(0);
    const again = await runEscalationJob(ctx, { now: LATER });
    expect(again).toEqual({ ran: true, listed: [], accountability: [] });
    const { made, audited } = await escalationCounts(db.database);
    expect(Object.values(audited).every((n) => n === 1)).toBe(true);
    expect(Object.keys(audited).sort()).toEqual([...made].sort());
  });
});

describe.skipIf(!onRealPostgres)('escalation job: single-run across two server processes (PostgreSQL)', () => {
  let db: TestDb;
  let a: Database;
  let b: Database;
  beforeAll(async () => {
    db = await createTestDb({ poolSize: 4 });
    // Two independent pools on the same database, as two server processes have.
    a = await openDatabase({ url: db.url!, poolSize: 4 });
    b = await openDatabase({ url: db.url!, poolSize: 4 });
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await db.drop();
  });

  it('does nothing in either process while another holds the job', async () => {
    const before = (await escalationCounts(a)).made;
    const holder = postgres(db.url!, { max: 1, onnotice: () => {} });
    const reserved = await holder.reserve();
    await reserved`begin`;
    await reserved`select pg_advisory_xact_lock(hashtext('edugov.supervision.escalations'))`;
    const [ra, rb] = await Promise.all([
      runEscalationJob(serviceContext(a, systemViewer('process-a')), { now: LATER }),
      runEscalationJob(serviceContext(b, systemViewer('process-b')), { now: LATER }),
    ]);
    expect([ra.ran, rb.ran]).toEqual([false, false]);
    await reserved`rollback`;
    reserved.release();
    await holder.end();
    expect((await escalationCounts(a)).made).toEqual(before);
  });

  it('run at once from both processes, makes and audits each escalation exactly once', async () => {
    const before = (await escalationCounts(a)).made;
    const runs = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        runEscalationJob(serviceContext(i % 2 ? b : a, systemViewer(`process-${i % 2 ? 'b' : 'a'}`)), { now: LATER }),
      ),
    );
    const returned = runs
      .flatMap((r) => [...r.listed, ...r.accountability])
      .map((e) => `escalation:${e.taskId}:${e.stage}`);
    const { made, audited } = await escalationCounts(a);
    const added = made.filter((k) => !before.includes(k));
    expect(added.length).toBeGreaterThan(0);
    expect([...returned].sort()).toEqual([...added].sort());
    expect(new Set(returned).size).toBe(returned.length);
    expect(Object.values(audited).every((n) => n === 1)).toBe(true);
    expect(Object.keys(audited).sort()).toEqual([...made].sort());
  });
});
