import { and, asc, eq, getTableName, inArray, sql } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Context } from '../../schema/context.js';
import { auditEvents } from '../../schema/domains/audit/table.js';
import { createEvaluationCycle } from '../../schema/domains/evaluation/services/createEvaluationCycle.js';
import { importStudentScores } from '../../schema/domains/evaluation/services/importStudentScores.js';
import { upsertIndicatorValues } from '../../schema/domains/evaluation/services/upsertIndicatorValues.js';
import { upsertConsortia } from '../../schema/domains/organisation/services/upsertConsortia.js';
import { upsertRegions } from '../../schema/domains/organisation/services/upsertRegions.js';
import { upsertSchools } from '../../schema/domains/organisation/services/upsertSchools.js';
import { upsertTeachers } from '../../schema/domains/organisation/services/upsertTeachers.js';
import { consortia, regions, schools, teachers } from '../../schema/domains/organisation/table.js';
import type { BulkErrorPolicy, BulkResult } from '../../schema/domains/shared/bulk.js';
import { actingAs } from '../exchanges/fixture.js';
import { createTestDb, DEMO, onRealPostgres, serviceContext, type TestDb } from '../harness.js';

/**
 * Bulk upserts racing on real PostgreSQL (many connections). A key that does not exist when a
 * batch reads it may be created by another writer before the batch writes: the write must
 * then see that row, check the writer's jurisdiction over it, and report and audit what
 * really happened — one CREATE per key, later writes as UPDATEs with the real `before`.
 */
describe.skipIf(!onRealPostgres)('bulk upserts under concurrency (PostgreSQL)', () => {
  let t: TestDb;
  let wuling: Context;
  let anxiang: Context;
  let city: Context;
  /** Two primary schools in each county, for teachers and consortia. */
  let wulingSchools: string[];
  let anxiangSchools: string[];

  beforeAll(async () => {
    t = await createTestDb({ poolSize: 60 });
    wuling = actingAs(t.database, 'COUNTY_ADMIN', DEMO.wuling);
    anxiang = actingAs(t.database, 'COUNTY_ADMIN', DEMO.anxiang);
    city = actingAs(t.database, 'CITY_ADMIN', DEMO.city);
    const primaryIn = async (county: string) =>
      (
        await t.database.db
          .select({ code: schools.code })
          .from(schools)
          .where(and(eq(schools.countyCode, county), eq(schools.stage, 'PRIMARY')))
          .orderBy(asc(schools.code))
          .limit(3)
      ).map((s) => s.code);
    wulingSchools = await primaryIn(DEMO.wuling);
    anxiangSchools = await primaryIn(DEMO.anxiang);
    expect(wulingSchools).toHaveLength(3);
    expect(anxiangSchools).toHaveLength(3);
  });
  afterAll(() => t?.drop());

  const eventsOf = (entityType: string, keys: string[]) =>
    t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, entityType), inArray(auditEvents.entityKey, keys)))
      .orderBy(asc(auditEvents.id));
  const statuses = (r: BulkResult<unknown>) => r.results.map((x) => x.status);
  const count = (xs: string[], x: string) => xs.filter((y) => y === x).length;

  /**
   * Runs `first` until it waits on a row lock held by another connection (taken by `hold`),
   * runs `second` to completion meanwhile, then releases the lock. `first` has read the
   * table before `second` committed and writes after it: the interleaving that loses updates.
   */
  async function interleave<A, B>(
    hold: (sql: postgres.TransactionSql) => Promise<unknown>,
    first: () => Promise<A>,
    second: () => Promise<B>,
  ) {
    const conn = postgres(t.url!, { max: 1, onnotice: () => {} });
    let a: Promise<A> | undefined;
    let b: B | undefined;
    try {
      await conn.begin(async (tx) => {
        await hold(tx);
        a = first();
        a.catch(() => {}); // awaited below
        await waitForLockWait();
        b = await second();
      });
    } finally {
      await conn.end();
    }
    return { first: await a!, second: b! };
  }

  async function waitForLockWait() {
    for (let i = 0; i < 500; i++) {
      const [{ n }] = (await t.database.db.execute(
        sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
      )) as unknown as { n: number }[];
      if (n > 0) return;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error('the first writer never waited on the held lock');
  }

  /** One race of 武陵区 (many keys) against 安乡县 (some of the same keys), for one entity. */
  interface TwoCounties {
    entityType: string;
    keyField: string;
    upsert(ctx: Context, input: { rows: unknown[]; onError?: BulkErrorPolicy }): Promise<BulkResult<unknown>>;
    row(county: 'wuling' | 'anxiang', key: string): Record<string, unknown>;
    /** The stored row's county, by key. */
    countyOf(keys: string[]): Promise<Map<string, string>>;
    /** Locks an existing row of the 武陵 batch, so that batch waits after it has read the table. */
    lock(tx: postgres.TransactionSql, key: string): Promise<unknown>;
  }

  /** Where rows of `table` are, by natural key, and a lock on one of them from another connection. */
  const stored = (table: PgTable, key: AnyPgColumn, county: AnyPgColumn): Pick<TwoCounties, 'countyOf' | 'lock'> => ({
    async countyOf(keys) {
      const rows = await t.database.db.select({ k: key, c: county }).from(table).where(inArray(key, keys));
      return new Map(rows.map((r) => [r.k as string, r.c as string]));
    },
    lock: (tx, k) => tx.unsafe(`select 1 from ${getTableName(table)} where ${key.name} = $1 for update`, [k]),
  });

  const schoolCase: TwoCounties = {
    entityType: 'School',
    keyField: 'code',
    upsert: upsertSchools,
    row: (c, code) => ({
      code,
      name: c === 'wuling' ? `武陵区竞争小学${code.slice(-4)}` : `安乡县竞争小学${code.slice(-4)}`,
      stage: 'PRIMARY',
      locality: c === 'wuling' ? 'URBAN' : 'RURAL',
      countyCode: c === 'wuling' ? DEMO.wuling : DEMO.anxiang,
    }),
    ...stored(schools, schools.code, schools.countyCode),
  };
  const teacherCase: TwoCounties = {
    entityType: 'Teacher',
    keyField: 'staffNo',
    upsert: upsertTeachers,
    row: (c, staffNo) => ({
      staffNo,
      name: c === 'wuling' ? '武陵教师' : '安乡教师',
      gender: 'FEMALE',
      schoolCode: c === 'wuling' ? wulingSchools[0] : anxiangSchools[0],
      qualification: 'BACHELOR',
    }),
    ...stored(teachers, teachers.staffNo, teachers.countyCode),
  };
  const consortiumCase: TwoCounties = {
    entityType: 'Consortium',
    keyField: 'code',
    upsert: upsertConsortia,
    row: (c, code) => {
      const [lead, ...members] = c === 'wuling' ? wulingSchools : anxiangSchools;
      return {
        code,
        name: c === 'wuling' ? '武陵区城区教育集团' : '安乡县乡村学校共同体',
        kind: 'COMMUNITY',
        regionCode: c === 'wuling' ? DEMO.wuling : DEMO.anxiang,
        leadSchoolCode: lead,
        memberSchoolCodes: members,
      };
    },
    ...stored(consortia, consortia.code, consortia.regionCode),
  };

  const cases: [TwoCounties, number, number, (i: number) => string][] = [
    [schoolCase, 5000, 100, (i) => `21437${String(i).padStart(5, '0')}`],
    [teacherCase, 1000, 100, (i) => `RACE-T-${String(i).padStart(5, '0')}`],
    [consortiumCase, 200, 50, (i) => `RACE-C-${String(i).padStart(4, '0')}`],
  ];

  for (const [c, wulingCount, anxiangCount, keyOf] of cases) {
    it(`${c.entityType}: 武陵区 writes ${wulingCount} keys after 安乡县 created ${anxiangCount} of them — FORBIDDEN for those, one CREATE per key`, async () => {
      const keys = Array.from({ length: wulingCount }, (_, i) => keyOf(i));
      // 安乡's keys are spread over 武陵's batch; the last key already exists in 武陵 and is the one held.
      const contested = keys.filter((_, i) => i % (wulingCount / anxiangCount) === 1);
      const held = keys[keys.length - 1];
      expect((await c.upsert(serviceContext(t.database), { rows: [c.row('wuling', held)] })).results[0].status).toBe(
        'CREATED',
      );
      const { first: w, second: a } = await interleave(
        (tx) => c.lock(tx, held),
        () => c.upsert(wuling, { rows: keys.map((k) => c.row('wuling', k)), onError: 'APPLY_VALID' }),
        () => c.upsert(anxiang, { rows: contested.map((k) => c.row('anxiang', k)) }),
      );

      expect(count(statuses(a), 'CREATED')).toBe(anxiangCount);
      const isContested = new Set(contested);
      w.results.forEach((r, i) => {
        if (isContested.has(keys[i])) {
          expect(r.status).toBe('FAILED');
          expect(r.errors.map((e) => [e.code, e.path.join('.')])).toEqual([
            ['FORBIDDEN', `input.rows.${i}.${c.keyField}`],
          ]);
        } else {
          expect(r.status).toBe(keys[i] === held ? 'UNCHANGED' : 'CREATED');
        }
      });
      expect(w.applied).toBe(true);

      const county = await c.countyOf(keys);
      for (const k of keys) expect(county.get(k)).toBe(isContested.has(k) ? DEMO.anxiang : DEMO.wuling);
      const events = await eventsOf(c.entityType, keys);
      const creates = events.filter((e) => e.action === 'CREATE');
      expect(creates).toHaveLength(wulingCount);
      expect(new Set(creates.map((e) => e.entityKey)).size).toBe(wulingCount);
      // Nothing but 安乡's own CREATE was recorded for the contested keys.
      const onContested = events.filter((e) => isContested.has(e.entityKey));
      expect(onContested.map((e) => [e.action, e.actor, e.regionCode])).toEqual(
        contested.map(() => ['CREATE', anxiang.viewer.actor, DEMO.anxiang]),
      );
    });
  }

  it(
    'School, REJECT_BATCH: a batch that lost keys to another county writes nothing and names ' + 'every lost row',
    async () => {
      const keys = Array.from({ length: 300 }, (_, i) => `21436${String(i).padStart(5, '0')}`);
      const contested = [keys[7], keys[150], keys[298]];
      const held = keys[299];
      await upsertSchools(serviceContext(t.database), { rows: [schoolCase.row('wuling', held)] });
      const { first: w } = await interleave(
        (tx) => schoolCase.lock(tx, held),
        () => upsertSchools(wuling, { rows: keys.map((k) => schoolCase.row('wuling', k)) }),
        () => upsertSchools(anxiang, { rows: contested.map((k) => schoolCase.row('anxiang', k)) }),
      );
      expect(w.applied).toBe(false);
      expect(w.errors.map((e) => [e.code, e.path.join('.')])).toEqual([
        ['FORBIDDEN', 'input.rows.7.code'],
        ['FORBIDDEN', 'input.rows.150.code'],
        ['FORBIDDEN', 'input.rows.298.code'],
      ]);
      expect(count(statuses(w), 'SKIPPED')).toBe(297);
      const county = await schoolCase.countyOf(keys);
      expect([...county.entries()].sort()).toEqual(
        [...contested.map((k) => [k, DEMO.anxiang]), [held, DEMO.wuling]].sort(),
      );
      expect((await eventsOf('School', keys)).map((e) => e.action)).toEqual(['CREATE', 'CREATE', 'CREATE', 'CREATE']);
    },
  );

  it(
    'School: 武陵区 5,000 codes and 安乡县 100 of them at the same moment — each code created ' +
      'once, by the county that holds it',
    async () => {
      for (const [round, delayMs] of [
        [0, 0],
        [1, 15],
        [2, 60],
      ] as const) {
        // 2143[3-7]…: above the demo data's sequence numbers (2143 0xx xxx).
        const keys = Array.from({ length: 5000 }, (_, i) => `2143${round + 3}${String(i).padStart(5, '0')}`);
        const contested = keys.filter((_, i) => i % 50 === 3);
        const [w, a] = await Promise.all([
          upsertSchools(wuling, { rows: keys.map((k) => schoolCase.row('wuling', k)), onError: 'APPLY_VALID' }),
          new Promise((r) => setTimeout(r, delayMs)).then(() =>
            upsertSchools(anxiang, {
              rows: contested.map((k) => schoolCase.row('anxiang', k)),
              onError: 'APPLY_VALID',
            }),
          ),
        ]);
        const county = await schoolCase.countyOf(keys);
        const events = await eventsOf('School', keys);
        expect(events.map((e) => e.action)).toEqual(keys.map(() => 'CREATE'));
        const creator = new Map(events.map((e) => [e.entityKey, e.actor]));
        contested.forEach((k, i) => {
          const wr = w.results[keys.indexOf(k)];
          const ar = a.results[i];
          // Exactly one of the two created it; the other was refused, and the row sits where its creator may write.
          expect([wr.status, ar.status].sort()).toEqual(['CREATED', 'FAILED']);
          const loser = wr.status === 'FAILED' ? wr : ar;
          expect(loser.errors.map((e) => e.code)).toEqual(['FORBIDDEN']);
          const won = wr.status === 'CREATED' ? wuling : anxiang;
          expect(creator.get(k)).toBe(won.viewer.actor);
          expect(county.get(k)).toBe(won.viewer.regionCode);
        });
        expect(count(statuses(w), 'CREATED') + count(statuses(a), 'CREATED')).toBe(5000);
      }
    },
  );

  /** 50 writers of one key, each with different content: one CREATE, 49 UPDATEs chained by their `before`. */
  interface OneKey {
    entityType: string;
    /** The natural key, or its beginning where the service completes it. */
    key: string;
    write(i: number): Promise<BulkResult<unknown>>;
  }
  const oneKeyCases = (): OneKey[] => [
    {
      entityType: 'Region',
      key: '430799',
      write: (i) => upsertRegions(city, { rows: [{ code: '430799', name: `测试新区${i}` }] }),
    },
    {
      entityType: 'School',
      key: '2143988888',
      write: (i) =>
        upsertSchools(anxiang, { rows: [{ ...schoolCase.row('anxiang', '2143988888'), enrolment: 100 + i }] }),
    },
    {
      entityType: 'Teacher',
      key: 'RACE-ONE-T',
      write: (i) =>
        upsertTeachers(anxiang, { rows: [{ ...teacherCase.row('anxiang', 'RACE-ONE-T'), yearsAtSchool: i }] }),
    },
    {
      entityType: 'Consortium',
      key: 'RACE-ONE-C',
      write: (i) =>
        upsertConsortia(anxiang, {
          rows: [{ ...consortiumCase.row('anxiang', 'RACE-ONE-C'), name: `安乡县乡村学校共同体第${i}组` }],
        }),
    },
    {
      entityType: 'SchoolIndicatorValue',
      // The key names the stage section; a single-section school's rows get it from the school.
      key: `${anxiangSchools[0]}:2031:`,
      write: (i) =>
        upsertIndicatorValues(anxiang, {
          rows: [{ schoolCode: anxiangSchools[0], year: 2031, indicator: 'QUALIFIED_TEACHERS', value: 4 + i / 100 }],
        }),
    },
  ];

  it(
    '50 writers of one key, for every bulk-upserted entity: one CREATED, 49 UPDATED, audit ' +
      'CREATE then UPDATEs whose before is the previous after',
    async () => {
      for (const c of oneKeyCases()) {
        const results = await Promise.all(Array.from({ length: 50 }, (_, i) => c.write(i)));
        const all = results.flatMap((r) => r.results);
        expect(all.flatMap((r) => r.errors)).toEqual([]);
        expect(
          [
            count(
              all.map((r) => r.status),
              'CREATED',
            ),
            count(
              all.map((r) => r.status),
              'UPDATED',
            ),
          ],
          c.entityType,
        ).toEqual([1, 49]);
        // Every writer reports the same natural key (its stage section filled in where the row left it out).
        const keys = [...new Set(all.map((r) => r.key))];
        expect(keys, c.entityType).toHaveLength(1);
        expect(keys[0].startsWith(c.key), c.entityType).toBe(true);
        const events = await eventsOf(c.entityType, keys);
        expect(
          events.map((e) => e.action),
          c.entityType,
        ).toEqual(['CREATE', ...Array(49).fill('UPDATE')]);
        expect(events[0].before).toBeNull();
        for (let k = 1; k < events.length; k++)
          expect(events[k].before, `${c.entityType} event ${k}`).toEqual(events[k - 1].after);
      }
      const [region] = await t.database.db.select().from(regions).where(eq(regions.code, '430799'));
      const last = (await eventsOf('Region', ['430799'])).at(-1)!;
      expect(region.name).toBe((last.after as { name: string }).name);
    },
  );

  it('50 imports of one student key: one import created it, the 49 others updated it', async () => {
    const [senior] = await t.database.db
      .select({ code: schools.code })
      .from(schools)
      .where(and(eq(schools.countyCode, DEMO.anxiang), eq(schools.stage, 'SENIOR')))
      .limit(1);
    const cycle = await createEvaluationCycle(city, {
      regionCode: DEMO.city,
      year: 2031,
      stage: 'SENIOR',
      name: '并发导入测试',
      intakeMin: 0,
      intakeMax: 720,
      outcomeMin: 0,
      outcomeMax: 750,
    });
    const row = (i: number) => ({
      studentKey: 'RACE-STUDENT-1',
      schoolCode: senior.code,
      cohort: '2031级',
      intakeScore: 500,
      outcomeScore: 600 + i,
    });
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => importStudentScores(anxiang, { cycleId: cycle.id, rows: [row(i)] })),
    );
    const all = results.flatMap((r) => r.results.map((x) => x.status));
    expect([count(all, 'CREATED'), count(all, 'UPDATED')]).toEqual([1, 49]);
    const events = await eventsOf('StudentScoreImport', [`${cycle.id}:${senior.code}`]);
    const after = events.map((e) => e.after as { created: string[]; updated: string[] });
    expect(after.filter((a) => a.created.includes('RACE-STUDENT-1'))).toHaveLength(1);
    expect(after.filter((a) => a.updated.includes('RACE-STUDENT-1'))).toHaveLength(49);
  });
});
