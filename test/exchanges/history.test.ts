import { asc, getColumns } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../schema/domains/audit/table.js';
import { approveExchange } from '../../schema/domains/exchanges/services/approveExchange.js';
import { cancelExchange } from '../../schema/domains/exchanges/services/cancelExchange.js';
import { completeExchange } from '../../schema/domains/exchanges/services/completeExchange.js';
import { loadExchangeHistory, type HistoryEntry } from '../../schema/domains/exchanges/demoHistory.js';
import { proposeExchange } from '../../schema/domains/exchanges/services/proposeExchange.js';
import { rejectExchange } from '../../schema/domains/exchanges/services/rejectExchange.js';
import { startExchange } from '../../schema/domains/exchanges/services/startExchange.js';
import { exchangeAssignments } from '../../schema/domains/exchanges/table.js';
import { toUserErrors } from '../../schema/errors.js';
import { createTestDb, serviceContext, type TestDb } from '../harness.js';
import { actingAs, CHENZHOU, loadFixture } from './fixture.js';

/**
 * loadExchangeHistory, the bulk path of the exchanges domain: the same rows and audit events
 * as proposing and stepping one call at a time, in a few statements, under the same rules.
 */
const B1 = '3443100001'; // 北湖区, the teachers' school
const B2 = '2143100002';
const B3 = '2143100003';
const S1 = '2143100011'; // 苏仙区
const S2 = '2143100012';

const entry = (
  teacherStaffNo: string,
  targetSchoolCode: string,
  kind: HistoryEntry['proposal']['kind'],
  startDate: string,
  endDate: string,
  steps: HistoryEntry['steps'],
  weeklyHours?: number,
): HistoryEntry => ({
  proposal: { teacherStaffNo, targetSchoolCode, kind, startDate, endDate, weeklyHours, reason: '城乡结对帮扶' },
  steps,
});

/** Every verb and outcome, a cross-county decision, an early end, two itinerant postings at the cap together. */
const HISTORY: HistoryEntry[] = [
  entry('BH-0001', B3, 'ROTATION', '2024-09-01', '2025-08-31', [
    { verb: 'approve', note: '同意' },
    { verb: 'start' },
    { verb: 'complete' },
  ]),
  // Overlaps the first, which has ended by the time this one is proposed.
  entry('BH-0001', B2, 'SUPPORT', '2025-03-01', '2025-07-10', [{ verb: 'approve' }, { verb: 'start' }]),
  entry('BH-0002', S1, 'ITINERANT', '2025-09-01', '2026-01-20', [{ verb: 'approve' }, { verb: 'start' }], 6),
  entry('BH-0002', B2, 'ITINERANT', '2025-10-01', '2026-06-30', [], 6),
  entry('BH-0003', B3, 'ROTATION', '2025-09-01', '2026-08-31', [{ verb: 'reject', reason: '学校教学任务重' }]),
  entry('BH-0004', B3, 'SUPPORT', '2025-09-01', '2026-07-10', [
    { verb: 'approve' },
    { verb: 'cancel', reason: '教师病休' },
  ]),
  entry('BH-0005', B3, 'ROTATION', '2024-09-01', '2025-08-31', [
    { verb: 'approve' },
    { verb: 'start' },
    { verb: 'complete', endedOn: '2025-01-20' },
  ]),
  entry('SX-0001', B1, 'SHADOWING', '2025-10-08', '2025-12-31', [{ verb: 'approve', note: '同意跟岗' }]),
];

/** The same history one call at a time, as the API would receive it. */
async function oneByOne(database: TestDb['database'], entries: HistoryEntry[]) {
  const ctx = serviceContext(database);
  for (const e of entries) {
    const { id } = await proposeExchange(ctx, e.proposal);
    for (const step of e.steps) {
      if (step.verb === 'approve') await approveExchange(ctx, { id, note: step.note });
      if (step.verb === 'reject') await rejectExchange(ctx, { id, reason: step.reason });
      if (step.verb === 'cancel') await cancelExchange(ctx, { id, reason: step.reason });
      if (step.verb === 'start') await startExchange(ctx, { id });
      if (step.verb === 'complete') await completeExchange(ctx, { id, endedOn: step.endedOn });
    }
  }
}

/** Rows and events without what differs between any two runs: timestamps, transaction and request ids. */
async function contents(database: TestDb['database']) {
  const rows = await database.db.select().from(exchangeAssignments).orderBy(asc(exchangeAssignments.id));
  const events = await database.db.select().from(auditEvents).orderBy(asc(auditEvents.id));
  const kept = Object.keys(getColumns(exchangeAssignments)).filter((k) => !k.endsWith('At'));
  return {
    rows: rows.map((r) => Object.fromEntries(kept.map((k) => [k, r[k as keyof typeof r]]))),
    events: events
      .filter((e) => e.entityType === 'ExchangeAssignment')
      .map((e) => ({
        id: e.id,
        actor: e.actor,
        action: e.action,
        key: e.entityKey,
        region: e.regionCode,
        before: e.before,
        after: e.after,
      })),
  };
}

async function errorsOf(call: Promise<unknown>) {
  const errors = await call.then(
    () => [],
    (err) => toUserErrors(err) ?? Promise.reject(err),
  );
  return errors.map((e) => [e.code, e.path.join('.')]);
}

let serial: TestDb;
let bulk: TestDb;
let serialStatements = 0;
let bulkStatements = 0;
beforeAll(async () => {
  [serial, bulk] = await Promise.all([createTestDb({ seed: false }), createTestDb({ seed: false })]);
  await Promise.all([loadFixture(serial.database, CHENZHOU), loadFixture(bulk.database, CHENZHOU)]);
  let before = serial.database.statements.count;
  await oneByOne(serial.database, HISTORY);
  serialStatements = serial.database.statements.count - before;
  before = bulk.database.statements.count;
  await loadExchangeHistory(serviceContext(bulk.database), { entries: HISTORY });
  bulkStatements = bulk.database.statements.count - before;
});
afterAll(async () => {
  await serial?.drop();
  await bulk?.drop();
});

describe('loadExchangeHistory', () => {
  it('writes the rows and audit events that one call per proposal and step writes', async () => {
    const expected = await contents(serial.database);
    expect(expected.rows).toHaveLength(HISTORY.length);
    expect(expected.events).toHaveLength(HISTORY.length + HISTORY.reduce((n, e) => n + e.steps.length, 0));
    expect(expected.rows.map((r) => r.status)).toEqual([
      'COMPLETED',
      'ACTIVE',
      'ACTIVE',
      'PROPOSED',
      'REJECTED',
      'CANCELLED',
      'COMPLETED',
      'APPROVED',
    ]);
    expect(expected.rows.map((r) => r.approvalLevel)).toEqual([
      'COUNTY',
      'COUNTY',
      'CITY',
      'COUNTY',
      'COUNTY',
      'COUNTY',
      'COUNTY',
      'CITY',
    ]);
    expect(expected.rows[6].endedOn).toBe('2025-01-20');
    expect(await contents(bulk.database)).toEqual(expected);
  });

  it('in a few statements, however many entries and steps', () => {
    // Teachers, schools, settings, live postings, two responsibility lookups, one insert, one audit insert.
    expect(bulkStatements).toBeLessThanOrEqual(10);
    expect(serialStatements).toBeGreaterThan(5 * bulkStatements);
  });

  it('reports every broken rule at once, under the entry and step, and writes nothing', async () => {
    const before = await contents(bulk.database);
    const broken = [
      entry('BH-9999', B3, 'ROTATION', '2027-09-01', '2028-08-31', []),
      entry('BH-0006', B3, 'ROTATION', '2027-09-01', '2027-08-31', []),
      entry('BH-0006', B3, 'ROTATION', '2027-09-01', '2028-08-31', [{ verb: 'start' }]),
      entry('BH-0007', B3, 'ROTATION', '2027-09-01', '2028-08-31', [{ verb: 'approve' }]),
      // Would end rejected, but could not have been proposed while the entry above was live.
      entry('BH-0007', B2, 'SUPPORT', '2028-03-01', '2028-07-10', [{ verb: 'reject', reason: '重复申请' }]),
      // Overlaps the stored ACTIVE support posting of BH-0001.
      entry('BH-0001', B3, 'ROTATION', '2025-05-01', '2025-06-30', []),
      // BH-0002 already teaches 6 + 6 hours a week in November 2025 (cap 12).
      entry('BH-0002', B3, 'ITINERANT', '2025-11-01', '2025-12-31', [], 1),
      entry('BH-0008', B1, 'ROTATION', '2027-09-01', '2028-08-31', []),
      // A step's own input is checked too: a rejection must say why.
      entry('BH-0008', B3, 'ROTATION', '2029-09-01', '2030-08-31', [{ verb: 'reject', reason: '' }]),
    ];
    expect(await errorsOf(loadExchangeHistory(serviceContext(bulk.database), { entries: broken }))).toEqual([
      ['NOT_FOUND', 'input.entries.0.proposal.teacherStaffNo'],
      ['VALIDATION', 'input.entries.1.proposal.endDate'],
      ['INVALID_STATE', 'input.entries.2.steps.0'],
      ['CONFLICT', 'input.entries.4.proposal.startDate'],
      ['CONFLICT', 'input.entries.5.proposal.startDate'],
      ['OVER_CAPACITY', 'input.entries.6.proposal.weeklyHours'],
      ['VALIDATION', 'input.entries.7.proposal.targetSchoolCode'],
      ['VALIDATION', 'input.entries.8.steps.0.reason'],
    ]);
    expect(await contents(bulk.database)).toEqual(before);
  });

  it('checks each step against the viewer: a county bureau decides within its county only', async () => {
    const county = actingAs(bulk.database, 'COUNTY_ADMIN', '431002');
    const within = entry('BH-0008', B3, 'ROTATION', '2027-09-01', '2028-08-31', [{ verb: 'approve' }]);
    const cross = entry('BH-0009', S2, 'ROTATION', '2027-09-01', '2028-08-31', [{ verb: 'approve' }]);
    const outside = entry('SX-0001', S2, 'ROTATION', '2027-09-01', '2028-08-31', []);
    expect(await errorsOf(loadExchangeHistory(county, { entries: [within, cross, outside] }))).toEqual([
      ['FORBIDDEN', 'input.entries.1.steps.0'],
      ['FORBIDDEN', 'input.entries.2.proposal.teacherStaffNo'],
    ]);
    const [row] = await loadExchangeHistory(county, { entries: [within] });
    expect(row).toMatchObject({
      status: 'APPROVED',
      approvalLevel: 'COUNTY',
      proposedBy: county.viewer.actor,
      decidedBy: county.viewer.actor,
    });
    const portal = actingAs(bulk.database, 'PORTAL', null);
    expect(await errorsOf(loadExchangeHistory(portal, { entries: [cross] }))).toEqual([['FORBIDDEN', '']]);
  });
});
