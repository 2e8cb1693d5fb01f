import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approveEstablishmentTransfer } from '../../schema/domains/staffing/services/approveEstablishmentTransfer.js';
import { upsertEstablishments } from '../../schema/domains/staffing/services/upsertEstablishments.js';
import { establishmentHoldings, establishmentTransfers } from '../../schema/domains/staffing/table.js';
import { toUserErrors } from '../../schema/errors.js';
import { actingAs } from '../exchanges/fixture.js';
import { createTestDb, onRealPostgres, type TestDb } from '../harness.js';
import { loadLeversWorld, W } from './fixture.js';

/**
 * Concurrent approvals of establishment transfers (PostgreSQL only: PGlite has one connection)
 * can never create or lose posts: the city's total stays what 核定 set, each holding equals its
 * start plus what the ledger moved in minus what it moved out, none goes negative.
 */
describe.skipIf(!onRealPostgres)('establishment transfers under concurrency', () => {
  let test: TestDb;
  const holders = [W.city, W.anxiang, W.hanshou, W.lixian];
  const start: Record<string, number> = { [W.city]: 30, [W.anxiang]: 40, [W.hanshou]: 40, [W.lixian]: 40 };
  const total = 150;

  beforeAll(async () => {
    test = await createTestDb({ seed: false, poolSize: 20 });
    await loadLeversWorld(test.database);
    const r = await upsertEstablishments(actingAs(test.database, 'CITY_ADMIN', W.city), {
      rows: holders.map((h) => ({ holderCode: h, category: 'TEACHING', approved: start[h] })),
    });
    expect(r.errors).toEqual([]);
  });
  afterAll(() => test?.drop());

  const holdings = async () =>
    Object.fromEntries(
      (await test.database.db.select().from(establishmentHoldings).where(sql`category = 'TEACHING'`)).map((h) => [
        h.holderCode,
        h.approved,
      ]),
    );

  it('120 concurrent approvals in every direction conserve the total and match the ledger', async () => {
    const ctx = actingAs(test.database, 'CITY_ADMIN', W.city);
    // Deterministic pseudo-random directions and quantities (LCG), some bound to overdraw.
    let x = 7;
    const rnd = (n: number) => {
      x = (x * 1103515245 + 12345) % 2 ** 31;
      return x % n;
    };
    const moves = Array.from({ length: 120 }, () => {
      const from = holders[rnd(4)];
      let to = holders[rnd(4)];
      if (to === from) to = holders[(holders.indexOf(from) + 1) % 4];
      return { fromCode: from, toCode: to, category: 'TEACHING' as const, quantity: 1 + rnd(12), reason: '并发调剂' };
    });
    const results = await Promise.allSettled(moves.map((m) => approveEstablishmentTransfer(ctx, m)));
    const failed = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
    for (const f of failed) expect(toUserErrors(f.reason)?.map((e) => e.code)).toEqual(['OVER_CAPACITY']);
    const won = results.filter((r) => r.status === 'fulfilled').length;
    const ledger = await test.database.db.select().from(establishmentTransfers);
    expect(ledger.length).toBe(won);
    const now = await holdings();
    expect(Object.values(now).reduce((a, b) => a + b, 0)).toBe(total);
    for (const h of holders) {
      const moved = ledger.reduce(
        (n, t) => n + (t.toCode === h ? t.quantity : 0) - (t.fromCode === h ? t.quantity : 0),
        0,
      );
      expect(now[h]).toBe(start[h] + moved);
      expect(now[h]).toBeGreaterThanOrEqual(0);
    }
  });

  it(
    '60 concurrent approvals draining one county: exactly what it holds moves, the rest get ' + 'OVER_CAPACITY',
    async () => {
      const ctx = actingAs(test.database, 'CITY_ADMIN', W.city);
      const before = await holdings();
      const have = before[W.hanshou];
      const n = have + 20;
      const results = await Promise.allSettled(
        Array.from({ length: n }, (_, i) =>
          approveEstablishmentTransfer(ctx, {
            fromCode: W.hanshou,
            toCode: i % 2 ? W.anxiang : W.city,
            category: 'TEACHING',
            quantity: 1,
            reason: '抽调',
          }),
        ),
      );
      expect(results.filter((r) => r.status === 'fulfilled').length).toBe(have);
      const after = await holdings();
      expect(after[W.hanshou]).toBe(0);
      expect(Object.values(after).reduce((a, b) => a + b, 0)).toBe(total);
    },
  );
});
