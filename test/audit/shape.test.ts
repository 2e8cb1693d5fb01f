import { and, eq, getColumns, ne } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDITED_ENTITY_TYPES } from '../../schema/domains/audit/entities.js';
import { readChanges } from '../../schema/domains/audit/feed.js';
import { resourceAllocations, resourceRequests } from '../../schema/domains/pools/table.js';
import { releaseAllocation } from '../../schema/domains/pools/services/releaseAllocation.js';
import { setRegionSetting } from '../../schema/domains/settings/services/setRegionSetting.js';
import { DEMO, serviceContext, startTestServer, type TestServer } from '../harness.js';

/**
 * The shape of the change feed's events (README, "Change feed"): entity types from the one
 * audit vocabulary, and every UPDATE a full snapshot of the record before and after — the
 * same keys on both sides, never a patch — in every domain, after the demo seed (exchanges,
 * responsibility lists and tasks, evaluation cycles, pools' auto-matching) and a few writes.
 */
let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ seed: true });
});
afterAll(() => s?.close());

type Event = { action: string; entityType: string; entityKey: string; before: unknown; after: unknown };

async function wholeFeed(): Promise<Event[]> {
  const ctx = serviceContext(s.db.database);
  const events: Event[] = [];
  let after: string | null = null;
  for (;;) {
    const page = await readChanges(ctx, { after, first: 1000 });
    events.push(...(page.events as Event[]));
    if (!page.hasNextPage) return events;
    after = page.endCursor;
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

describe('change feed event shape', () => {
  it('every UPDATE carries full before and after snapshots with the same keys, in every domain', async () => {
    const ctx = serviceContext(s.db.database);
    // A pool allocation released (an UPDATE of the allocation and of its request) and a setting changed twice.
    const [{ active }] = await s.db.database.db
      .select({ active: resourceAllocations })
      .from(resourceAllocations)
      .innerJoin(resourceRequests, eq(resourceRequests.id, resourceAllocations.requestId))
      .where(and(eq(resourceAllocations.status, 'ACTIVE'), ne(resourceRequests.status, 'FULFILLED')))
      .limit(1);
    await releaseAllocation(ctx, { allocationId: active.id, reason: '测试：释放分配' });
    await setRegionSetting(ctx, { regionCode: DEMO.anxiang, key: 'exchange.targetRatio', value: 0.12 });
    await setRegionSetting(ctx, { regionCode: DEMO.anxiang, key: 'exchange.targetRatio', value: 0.15 });

    const events = await wholeFeed();
    expect(new Set(events.map((e) => e.entityType)).size).toBeGreaterThan(10);
    for (const e of events) expect(AUDITED_ENTITY_TYPES, `${e.entityType} ${e.entityKey}`).toContain(e.entityType);

    const updates = events.filter((e) => e.action === 'UPDATE');
    const domains = new Set(updates.map((e) => e.entityType));
    for (const t of [
      'ExchangeAssignment',
      'ResponsibilityList',
      'RectificationTask',
      'EvaluationCycle',
      'ResourceRequest',
      'ResourceAllocation',
      'RegionSetting',
    ]) {
      expect(domains, `an UPDATE of ${t}`).toContain(t);
    }
    for (const e of updates) {
      const where = `${e.entityType} ${e.entityKey}`;
      expect(isRecord(e.before) && isRecord(e.after), where).toBe(true);
      expect(Object.keys(e.before as object).sort(), where).toEqual(Object.keys(e.after as object).sort());
    }

    // Pools' UPDATEs are the whole record, not the fields that changed: every column of the row
    // (the feed names the school by its code, schoolCode in place of schoolId).
    const feedKeys = (table: typeof resourceRequests | typeof resourceAllocations) =>
      Object.keys(getColumns(table))
        .filter((k) => k !== 'updatedAt')
        .map((k) => (k === 'schoolId' ? 'schoolCode' : k));
    const requestColumns = feedKeys(resourceRequests);
    const released = updates.filter((e) => e.entityType === 'ResourceAllocation' && e.entityKey === String(active.id));
    expect(released).toHaveLength(1);
    expect(Object.keys(released[0].after as object)).toEqual(expect.arrayContaining(feedKeys(resourceAllocations)));
    expect(released[0].before).toMatchObject({
      status: 'ACTIVE',
      quantity: active.quantity,
      requestId: active.requestId,
    });
    expect(released[0].after).toMatchObject({
      status: 'RELEASED',
      quantity: active.quantity,
      requestId: active.requestId,
      releaseReason: '测试：释放分配',
    });
    for (const e of updates.filter((x) => x.entityType === 'ResourceRequest')) {
      expect(Object.keys(e.after as object), e.entityKey).toEqual(expect.arrayContaining(requestColumns));
    }
  });
});
