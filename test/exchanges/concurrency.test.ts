import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserErrors } from '../../schema/errors.js';
import { auditEvents } from '../../schema/domains/audit/table.js';
import { approveExchange } from '../../schema/domains/exchanges/services/approveExchange.js';
import { proposeExchange } from '../../schema/domains/exchanges/services/proposeExchange.js';
import { exchangeAssignments } from '../../schema/domains/exchanges/table.js';
import { createTestDb, onRealPostgres, type TestDb } from '../harness.js';
import { actingAs, CHENZHOU, loadFixture } from './fixture.js';

/**
 * Races on real PostgreSQL (many connections): the rules hold when requests arrive together,
 * not just one after another.
 */
describe.skipIf(!onRealPostgres)('exchange rules under concurrency (PostgreSQL)', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb({ seed: false, poolSize: 60 });
    await loadFixture(t.database, CHENZHOU);
  });
  afterAll(() => t?.drop());

  const outcomes = (results: PromiseSettledResult<unknown>[]) => ({
    ok: results.filter((r) => r.status === 'fulfilled').length,
    codes: results
      .filter((r): r is PromiseRejectedResult => r.status === 'rejected')
      .map(
        (r) =>
          (r.reason as UserErrors).errors?.map((e) => `${e.code}@${e.path.join('.')}`).join(',') ?? String(r.reason),
      ),
  });
  const rowsOf = (staffNo: string) =>
    t.database.db.$count(exchangeAssignments, sql`teacher_id = (select id from teachers where staff_no = ${staffNo})`);

  it('50 concurrent overlapping proposals for one teacher: exactly one succeeds, 49 CONFLICT', async () => {
    const ctx = actingAs(t.database, 'COUNTY_ADMIN', '431002');
    const audits = await t.database.db.$count(auditEvents);
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        proposeExchange(ctx, {
          teacherStaffNo: 'BH-0001',
          targetSchoolCode: i % 2 ? '2143100002' : '2143100003',
          kind: i % 3 ? 'ROTATION' : 'SUPPORT',
          // All share 2027-03-01; each starts on a different day.
          startDate: `2026-09-${String((i % 28) + 1).padStart(2, '0')}`,
          endDate: `2027-0${(i % 5) + 3}-01`,
          reason: '县域内城乡交流',
        }),
      ),
    );
    const o = outcomes(results);
    expect(o.ok).toBe(1);
    expect(o.codes).toEqual(Array(49).fill('CONFLICT@input.startDate'));
    expect(await rowsOf('BH-0001')).toBe(1);
    expect(await t.database.db.$count(auditEvents)).toBe(audits + 1);
  });

  it('30 concurrent itinerant proposals of 5 hours under a 12-hour cap: exactly two succeed', async () => {
    const ctx = actingAs(t.database, 'COUNTY_ADMIN', '431002');
    const results = await Promise.allSettled(
      Array.from({ length: 30 }, () =>
        proposeExchange(ctx, {
          teacherStaffNo: 'BH-0002',
          targetSchoolCode: '2143100002',
          kind: 'ITINERANT',
          weeklyHours: 5,
          startDate: '2026-09-01',
          endDate: '2027-01-20',
          reason: '音乐学科走教',
        }),
      ),
    );
    const o = outcomes(results);
    expect(o.ok).toBe(2);
    expect(o.codes).toEqual(Array(28).fill('OVER_CAPACITY@input.weeklyHours'));
    expect(await rowsOf('BH-0002')).toBe(2);
  });

  it('10 concurrent approvals of one proposal: one approval, nine INVALID_STATE', async () => {
    const ctx = actingAs(t.database, 'COUNTY_ADMIN', '431002');
    const a = await proposeExchange(ctx, {
      teacherStaffNo: 'BH-0004',
      targetSchoolCode: '2143100003',
      kind: 'ROTATION',
      startDate: '2026-09-01',
      endDate: '2027-07-10',
      reason: '骨干教师送教下乡',
    });
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => approveExchange(ctx, { id: a.id })));
    const o = outcomes(results);
    expect(o.ok).toBe(1);
    expect(o.codes).toEqual(Array(9).fill('INVALID_STATE@input.id'));
    const events = await t.database.db.$count(
      auditEvents,
      sql`entity_type = 'ExchangeAssignment' and entity_key = ${String(a.id)} and action = 'UPDATE'`,
    );
    expect(events).toBe(1);
  });
});
