import { and, asc, eq, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeFeedCursor, readChanges } from '../../schema/domains/audit/feed.js';
import { auditEvents } from '../../schema/domains/audit/table.js';
import { schools, teachers } from '../../schema/domains/organisation/table.js';
import type { ResultOf, VariablesOf } from '@graphql-typed-document-node/core';
import { DEMO, onRealPostgres, present, serviceContext, startTestServer, token, type TestServer } from '../harness.js';
import { graphql } from '../graphql/index.js';

/**
 * The change feed (Query.changes): complete, ordered, resumable, limited to the caller's
 * jurisdiction, and never skipping an event whatever order transactions commit in.
 *
 * On real PostgreSQL the feed horizon (`pg_snapshot_xmin`) is cluster-wide, so a writer in
 * another test file's database can hold the feed back for a moment: reads that expect new
 * events poll (bounded in time) instead of assuming the events are served at once.
 */

const FEED = graphql(`query AuditChangesFeed($after: String, $first: Int) { changes(after: $after, first: $first) {
  events { cursor action entityType entityKey regionCode before after actor actorRole }
  endCursor hasNextPage } }`);
const UPSERT_SCHOOLS =
  graphql(`mutation AuditChangesUpsertSchools($input: UpsertSchoolsInput!) { upsertSchools(input: $input) {
  applied created updated unchanged failed
  results { index key status school { code enrolment } errors { code path message } }
  errors { code path message } } }`);
const UPSERT_REGIONS =
  graphql(`mutation AuditChangesUpsertRegions($input: UpsertRegionsInput!) { upsertRegions(input: $input) {
  applied created results { status } errors { code path message } } }`);
const DEFAULT_PAGE = graphql(`query AuditChangesDefaultPage { changes { events { cursor } hasNextPage } }`);
const UPSERT_TEACHERS = graphql(
  `mutation AuditChangesUpsertTeachers($input: UpsertTeachersInput!) { upsertTeachers(input: $input) { updated errors { code path message } } }`,
);

type FeedEvent = ResultOf<typeof FEED>['changes']['events'][number];
type SchoolRow = VariablesOf<typeof UPSERT_SCHOOLS>['input']['rows'][number];
/** A record of a feed event (JSON), read field by field. */
const record = (v: unknown) => v as Record<string, unknown>;
interface Page<E = FeedEvent> {
  events: E[];
  endCursor: string | null;
  hasNextPage: boolean;
}

let s: TestServer;
let city: string;
const db = () => s.db.database.db;

beforeAll(async () => {
  s = await startTestServer();
  city = await token({ role: 'CITY_ADMIN', regionCode: DEMO.city });
});
afterAll(() => s?.close());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** (txid, id) of a cursor, for ordering checks. */
function position(cursor: string): [bigint, bigint] {
  const m = /^chg:(\d+):(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!m) throw new Error(`not a feed cursor: ${cursor}`);
  return [BigInt(m[1]), BigInt(m[2])];
}
const key = (cursor: string) => position(cursor).join(':');

function expectStrictlyIncreasing(cursors: string[]) {
  for (let i = 1; i < cursors.length; i++) {
    const [t0, i0] = position(cursors[i - 1]);
    const [t1, i1] = position(cursors[i]);
    if (!(t1 > t0 || (t1 === t0 && i1 > i0))) {
      throw new Error(`cursor ${i} (${t1}:${i1}) does not follow ${t0}:${i0}`);
    }
  }
}

async function feedPage(tok: string | undefined, after: string | null, first = 1000): Promise<Page> {
  const { status, body } = await s.gql(FEED, { after, first }, tok);
  expect(status).toBe(200);
  expect(body.errors).toBeUndefined();
  return body.data.changes;
}

async function feedError(tok: string | undefined, vars: VariablesOf<typeof FEED>) {
  const { status, body } = await s.gql(FEED, vars, tok);
  expect(status).toBe(200);
  expect(body.data).toBeNull();
  expect(body.errors).toHaveLength(1);
  const err = body.errors![0];
  return { ...err, extensions: present(err.extensions, 'extensions') };
}

/**
 * Reads pages from `after` until `done(collected)` holds and the last page says there is no
 * more, or until the time runs out. Checks that every full page (hasNextPage) is full.
 */
async function drain<E extends { cursor: string }>(
  read: (after: string | null) => Promise<Page<E>>,
  after: string | null,
  done: (events: E[]) => boolean,
  { timeoutMs = 15_000, first = 1000 } = {},
): Promise<{ events: E[]; endCursor: string | null; pages: number }> {
  const events: E[] = [];
  const deadline = Date.now() + timeoutMs;
  let pages = 0;
  for (let i = 0; i < 10_000; i++) {
    const page = await read(after);
    pages++;
    if (page.hasNextPage) expect(page.events).toHaveLength(first);
    events.push(...page.events);
    after = page.endCursor ?? after;
    if (page.hasNextPage) continue;
    if (done(events) || Date.now() > deadline) break;
    await sleep(20);
  }
  return { events, endCursor: after, pages };
}

/** Cursor of the newest event in the database (only meaningful while nobody writes). */
async function headCursor(): Promise<string> {
  const [last] = await db()
    .select({ txid: auditEvents.txid, id: auditEvents.id })
    .from(auditEvents)
    .orderBy(sql`${auditEvents.txid} desc`, sql`${auditEvents.id} desc`)
    .limit(1);
  return encodeFeedCursor(last);
}

async function feedKeysInDb(regionPrefix: string): Promise<string[]> {
  const rows = await db()
    .select({ txid: auditEvents.txid, id: auditEvents.id })
    .from(auditEvents)
    .where(sql`${auditEvents.regionCode} like ${`${regionPrefix}%`}`)
    .orderBy(asc(auditEvents.txid), asc(auditEvents.id));
  return rows.map((r) => `${r.txid}:${r.id}`);
}

async function schoolsOf(county: string, n: number) {
  return db().select().from(schools).where(eq(schools.countyCode, county)).orderBy(asc(schools.code)).limit(n);
}

function schoolRow(sch: typeof schools.$inferSelect, patch: Partial<SchoolRow> = {}): SchoolRow {
  return {
    code: sch.code,
    name: sch.name,
    stage: sch.stage,
    locality: sch.locality,
    countyCode: sch.countyCode,
    enrolment: sch.enrolment,
    staffCount: sch.staffCount,
    isCountyHighSchool: sch.isCountyHighSchool,
    status: sch.status,
    ...patch,
  };
}

/** The snapshot the audit trail stores for a school (bulk spec `snapshot`). */
function schoolSnapshot(sch: typeof schools.$inferSelect) {
  const {
    code,
    name,
    stage,
    locality,
    countyCode,
    siteCountyCode,
    enrolment,
    staffCount,
    isCountyHighSchool,
    isWeak,
    status,
  } = sch;
  return {
    code,
    name,
    stage,
    locality,
    countyCode,
    siteCountyCode,
    enrolment,
    staffCount,
    isCountyHighSchool,
    isWeak,
    status,
  };
}

describe('reading the whole feed', () => {
  let stored: string;

  it('a city admin pages through every event of its city, oldest first, with strictly increasing cursors', async () => {
    const [{ n }] = await db()
      .select({ n: sql<number>`count(*)::int` })
      .from(auditEvents)
      .where(sql`region_code like '4307%'`);
    expect(n).toBeGreaterThan(5000); // the demo data is seeded through the audited services
    const expected = await feedKeysInDb('4307');
    expect(expected).toHaveLength(n);

    const { events, endCursor, pages } = await drain(
      (after) => feedPage(city, after),
      null,
      (e) => e.length >= n,
    );
    expect(events).toHaveLength(n);
    expect(pages).toBeGreaterThanOrEqual(Math.ceil(n / 1000));
    expectStrictlyIncreasing(events.map((e) => e.cursor));
    expect(events.map((e) => key(e.cursor))).toEqual(expected);
    expect(events.every((e) => e.regionCode!.startsWith('4307'))).toBe(true);
    expect(endCursor).toBe(events.at(-1)!.cursor);

    // Oldest first: the city region itself was the first thing the seed wrote in 4307xx.
    expect(events[0]).toMatchObject({
      action: 'CREATE',
      entityType: 'Region',
      entityKey: DEMO.city,
      regionCode: DEMO.city,
      actor: 'system:demo-seed',
      actorRole: 'SYSTEM',
      before: null,
      after: { code: DEMO.city, name: '常德市', level: 'CITY', parentCode: '430000' },
    });
    stored = endCursor!;
  });

  it('with no new events, endCursor stays the after that was passed', async () => {
    const page = await feedPage(city, stored);
    expect(page).toEqual({ events: [], endCursor: stored, hasNextPage: false });
  });

  it(
    'resuming from a stored endCursor after new writes returns exactly the new events, in ' +
      'commit-transaction order',
    async () => {
      const [a] = await schoolsOf(DEMO.taoyuan, 1);
      const [b] = await schoolsOf(DEMO.wuling, 1);
      const up = await s.gql(
        UPSERT_SCHOOLS,
        {
          input: {
            rows: [schoolRow(a, { enrolment: a.enrolment + 11 }), schoolRow(b, { staffCount: b.staffCount + 2 })],
          },
        },
        city,
      );
      expect(up.body.data.upsertSchools).toMatchObject({ applied: true, updated: 2, created: 0, errors: [] });
      const reg = await s.gql(UPSERT_REGIONS, { input: { rows: [{ code: '430799', name: '测试新区' }] } }, city);
      expect(reg.body.data.upsertRegions).toMatchObject({ applied: true, created: 1, errors: [] });

      const { events, endCursor } = await drain(
        (after) => feedPage(city, after),
        stored,
        (e) => e.length >= 3,
      );
      expect(events.map((e) => [e.action, e.entityType, e.entityKey, e.actor])).toEqual([
        ['UPDATE', 'School', a.code, 'user:test-city_admin'],
        ['UPDATE', 'School', b.code, 'user:test-city_admin'],
        ['CREATE', 'Region', '430799', 'user:test-city_admin'],
      ]);
      expect(record(events[0].before).enrolment).toBe(a.enrolment);
      expect(record(events[0].after).enrolment).toBe(a.enrolment + 11);
      expect(record(events[1].after).staffCount).toBe(b.staffCount + 2);
      expectStrictlyIncreasing([stored, ...events.map((e) => e.cursor)]);

      // A page smaller than what is waiting says there is more.
      const one = await feedPage(city, stored, 1);
      expect(one.events.map((e) => e.entityKey)).toEqual([a.code]);
      expect(one.hasNextPage).toBe(true);
      expect(one.endCursor).toBe(events[0].cursor);

      // And once caught up, the cursor holds still.
      expect(await feedPage(city, endCursor)).toEqual({ events: [], endCursor, hasNextPage: false });
    },
  );
});

describe('who may read the feed', () => {
  it('a county admin sees exactly the events of its county', async () => {
    const t = await token({ role: 'COUNTY_ADMIN', regionCode: DEMO.anxiang });
    const expected = await feedKeysInDb(DEMO.anxiang);
    expect(expected.length).toBeGreaterThan(500);
    const { events } = await drain(
      (after) => feedPage(t, after),
      null,
      (e) => e.length >= expected.length,
    );
    expect(events.map((e) => key(e.cursor))).toEqual(expected);
    expect(new Set(events.map((e) => e.regionCode))).toEqual(new Set([DEMO.anxiang]));
  });

  it('a region with no events gives an empty page and a null endCursor', async () => {
    const t = await token({ role: 'COUNTY_ADMIN', regionCode: '431121' });
    expect(await feedPage(t, null)).toEqual({ events: [], endCursor: null, hasNextPage: false });
  });

  it('portal, evaluator, school admin, anonymous and a city admin without the sync scope are refused', async () => {
    const [sch] = await schoolsOf(DEMO.anxiang, 1);
    const callers: Record<string, string | undefined> = {
      portal: await token({ role: 'PORTAL', regionCode: DEMO.city }),
      evaluator: await token({ role: 'EVALUATOR', regionCode: DEMO.city }),
      schoolAdmin: await token({ role: 'SCHOOL_ADMIN', schoolCode: sch.code }),
      cityReadOnly: await token({ role: 'CITY_ADMIN', regionCode: DEMO.city, scopes: ['read', 'write'] }),
      anonymous: undefined,
    };
    for (const [who, tok] of Object.entries(callers)) {
      const err = await feedError(tok, { first: 10 });
      expect([who, err.extensions.code]).toEqual([who, 'FORBIDDEN']);
      expect(err.path).toEqual(['changes']);
    }
  });
});

describe('arguments', () => {
  it('a bad cursor is a VALIDATION error on `after`', async () => {
    const b64 = (s: string) => Buffer.from(s).toString('base64url');
    for (const after of ['not-a-cursor', b64('chg:1:x'), b64('sch:1:1'), b64('chg:1:2:3'), b64('chg:-1:2')]) {
      const err = await feedError(city, { after, first: 5 });
      expect([after, err.extensions.code, err.extensions.path]).toEqual([after, 'VALIDATION', ['after']]);
    }
    // An empty string behaves like no cursor: from the start.
    const fromStart = await feedPage(city, '', 1);
    expect(fromStart.events[0]).toMatchObject({ entityType: 'Region', entityKey: DEMO.city });
  });

  // BUG (schema/domains/audit/feed.ts decodeFeedCursor): the cursor regex admits 19-digit
  // numbers above the bigint range, so the `::bigint` cast fails in SQL and the caller gets an
  // INTERNAL_SERVER_ERROR (with the SQL text outside production) instead of VALIDATION.
  // Flip to `it` once fixed.
  it('a cursor whose numbers overflow bigint is a VALIDATION error, not an internal one', async () => {
    const after = Buffer.from('chg:9999999999999999999:1').toString('base64url');
    const err = await feedError(city, { after, first: 5 });
    expect(err.extensions.code).toBe('VALIDATION');
  });

  it('first must be between 1 and 1000', async () => {
    for (const first of [0, -1, 1001, 100000]) {
      const err = await feedError(city, { first });
      expect([first, err.extensions.code, err.extensions.path]).toEqual([first, 'LIMIT_EXCEEDED', ['first']]);
    }
    expect((await feedPage(city, null, 1000)).events).toHaveLength(1000);
    const def = await s.gql(DEFAULT_PAGE, {}, city);
    expect(def.body.data.changes.events).toHaveLength(100);
    expect(def.body.data.changes.hasNextPage).toBe(true);
  });
});

describe('what writes put in the feed', () => {
  it(
    'an update is one UPDATE event with before/after and the actor; a re-run and a rejected ' + 'batch add nothing',
    async () => {
      const clerk = await token({ role: 'COUNTY_ADMIN', regionCode: DEMO.anxiang, subject: 'anxiang-clerk' });
      const [sch, other, sentinel] = await schoolsOf(DEMO.anxiang, 3);
      const start = await headCursor();

      const newEnrolment = sch.enrolment + 37;
      const row = schoolRow(sch, { enrolment: newEnrolment });
      const up = await s.gql(UPSERT_SCHOOLS, { input: { rows: [row] } }, clerk);
      expect(up.body.data.upsertSchools).toMatchObject({ applied: true, updated: 1, unchanged: 0, failed: 0 });
      expect(up.body.data.upsertSchools.results[0]).toMatchObject({
        status: 'UPDATED',
        school: { code: sch.code, enrolment: newEnrolment },
      });

      const first = await drain(
        (after) => feedPage(city, after),
        start,
        (e) => e.length >= 1,
      );
      expect(first.events).toHaveLength(1);
      expect(first.events[0]).toEqual({
        cursor: first.endCursor,
        action: 'UPDATE',
        entityType: 'School',
        entityKey: sch.code,
        regionCode: DEMO.anxiang,
        actor: 'user:anxiang-clerk',
        actorRole: 'COUNTY_ADMIN',
        before: schoolSnapshot(sch),
        after: { ...schoolSnapshot(sch), enrolment: newEnrolment },
      });

      // Same row again: UNCHANGED, nothing written.
      const again = await s.gql(UPSERT_SCHOOLS, { input: { rows: [row] } }, clerk);
      expect(again.body.data.upsertSchools).toMatchObject({ applied: true, updated: 0, unchanged: 1 });
      expect(again.body.data.upsertSchools.results[0].status).toBe('UNCHANGED');

      // A rejected batch (one good row, one bad): nothing written, nothing recorded.
      const rejected = await s.gql(
        UPSERT_SCHOOLS,
        {
          input: { rows: [schoolRow(other, { enrolment: other.enrolment + 1 }), schoolRow(other, { code: '12345' })] },
        },
        clerk,
      );
      expect(rejected.body.data.upsertSchools).toMatchObject({ applied: false, updated: 0, failed: 1 });
      expect(rejected.body.data.upsertSchools.results.map((r) => r.status)).toEqual(['SKIPPED', 'FAILED']);
      const [otherNow] = await db().select().from(schools).where(eq(schools.code, other.code));
      expect(otherNow.enrolment).toBe(other.enrolment);

      // A later change is the very next event: proof that neither call above recorded anything
      // (its transaction is newer, so everything committed before it is served before it).
      const s2 = await s.gql(
        UPSERT_SCHOOLS,
        { input: { rows: [schoolRow(sentinel, { enrolment: sentinel.enrolment + 1 })] } },
        clerk,
      );
      expect(s2.body.data.upsertSchools.updated).toBe(1);
      const next = await drain(
        (after) => feedPage(city, after),
        first.endCursor,
        (e) => e.length >= 1,
      );
      expect(next.events.map((e) => [e.action, e.entityKey])).toEqual([['UPDATE', sentinel.code]]);

      const trail = await db()
        .select({ action: auditEvents.action })
        .from(auditEvents)
        .where(and(eq(auditEvents.entityType, 'School'), eq(auditEvents.entityKey, sch.code)))
        .orderBy(asc(auditEvents.id));
      expect(trail.map((t) => t.action)).toEqual(['CREATE', 'UPDATE']);
      expect(
        await db().$count(
          auditEvents,
          and(eq(auditEvents.entityType, 'School'), eq(auditEvents.entityKey, other.code)),
        ),
      ).toBe(1);
    },
  );
  it('a teacher moved between schools names both schools by their code (学校标识码), not by row id', async () => {
    const [from, to] = await schoolsOf(DEMO.anxiang, 2);
    const [teacher] = await db()
      .select()
      .from(teachers)
      .where(eq(teachers.schoolId, from.id))
      .orderBy(asc(teachers.staffNo))
      .limit(1);
    const start = await headCursor();
    const moved = await s.gql(
      UPSERT_TEACHERS,
      {
        input: {
          rows: [
            {
              staffNo: teacher.staffNo,
              name: teacher.name,
              gender: teacher.gender,
              schoolCode: to.code,
              qualification: teacher.qualification,
            },
          ],
        },
      },
      city,
    );
    expect(moved.body.data.upsertTeachers).toEqual({ updated: 1, errors: [] });
    const { events } = await drain(
      (after) => feedPage(city, after),
      start,
      (e) => e.length >= 1,
    );
    expect(
      events.map((e) => [e.entityType, e.entityKey, record(e.before).schoolCode, record(e.after).schoolCode]),
    ).toEqual([['Teacher', teacher.staffNo, from.code, to.code]]);
    expect(JSON.stringify(events[0])).not.toContain('schoolId');
  });
});

describe.skipIf(!onRealPostgres)('out-of-order commits (real PostgreSQL)', () => {
  let pg: postgres.Sql;
  type Inserted = { id: string; txid: string };
  class Rollback extends Error {}

  beforeAll(() => {
    pg = postgres(s.db.url!, { max: 10, onnotice: () => {} });
  });
  afterAll(() => pg?.end({ timeout: 5 }));

  async function insertEvent(tx: postgres.TransactionSql, entityKey: string): Promise<Inserted> {
    const [row] = await tx<Inserted[]>`
      insert into audit_events (actor, actor_role, action, entity_type, entity_key, region_code)
      values ('test:writer', 'SYSTEM', 'UPDATE', 'Probe', ${entityKey}, ${DEMO.anxiang})
      returning id::text as id, txid::text as txid`;
    return row;
  }

  const service = (after: string | null) => readChanges(serviceContext(s.db.database), { after, first: 1000 });

  /** Opens a transaction that inserts one event and stays open until `finish` is called. */
  async function openWriter(entityKey: string) {
    let finish!: (commit: boolean) => void;
    const gate = new Promise<boolean>((r) => (finish = r));
    let inserted!: (row: Inserted) => void;
    const row = new Promise<Inserted>((r) => (inserted = r));
    const done = pg
      .begin(async (tx) => {
        inserted(await insertEvent(tx, entityKey));
        if (!(await gate)) throw new Rollback();
      })
      .then(
        () => 'committed' as const,
        (e) => {
          if (e instanceof Rollback) return 'rolled back' as const;
          throw e;
        },
      );
    return { row: await row, finish, done };
  }

  it(
    'a transaction that committed first is held back while an older one is still open, then ' +
      'both arrive in txid order',
    async () => {
      const start = await headCursor();
      const a = await openWriter('A');
      try {
        const b = await pg.begin((tx) => insertEvent(tx, 'B'));
        expect(BigInt(a.row.txid)).toBeLessThan(BigInt(b.txid));
        // B is committed and visible to ordinary queries…
        expect(await db().$count(auditEvents, eq(auditEvents.id, Number(b.id)))).toBe(1);
        // …but the feed does not serve it while A (older) is open, through the service or GraphQL.
        const held = await service(start);
        expect(held.events).toEqual([]);
        expect(held.endCursor).toBe(start);
        expect(await feedPage(city, start)).toEqual({ events: [], endCursor: start, hasNextPage: false });

        a.finish(true);
        expect(await a.done).toBe('committed');
        const { events } = await drain(service, start, (e) => e.length >= 2);
        expect(events.map((e) => [String(e.id), e.entityKey])).toEqual([
          [a.row.id, 'A'],
          [b.id, 'B'],
        ]);
        const viaGraphql = await drain(
          (after) => feedPage(city, after),
          start,
          (e) => e.length >= 2,
        );
        expect(viaGraphql.events.map((e) => e.entityKey)).toEqual(['A', 'B']);
      } finally {
        a.finish(true);
        await a.done.catch(() => {});
      }
    },
  );

  it('an older transaction that rolls back releases the newer events and never appears', async () => {
    const start = await headCursor();
    const a = await openWriter('A-rollback');
    try {
      const b = await pg.begin((tx) => insertEvent(tx, 'B-after-rollback'));
      expect(await service(start)).toEqual({ events: [], endCursor: start, hasNextPage: false });
      a.finish(false);
      expect(await a.done).toBe('rolled back');
      const { events } = await drain(service, start, (e) => e.length >= 1);
      expect(events.map((e) => String(e.id))).toEqual([b.id]);
    } finally {
      a.finish(false);
      await a.done.catch(() => {});
    }
  });

  it('a consumer polling during random concurrent commits collects every committed event exactly once', async () => {
    const WRITERS = 8;
    const PER_WRITER = 25;
    const before = new Set((await pg<{ id: string }[]>`select id::text as id from audit_events`).map((r) => r.id));
    const start = await headCursor();
    const committed: string[] = [];
    const commitOrder: bigint[] = []; // txids, in the order their commits returned
    const rolledBack: string[] = [];
    const rand = (max: number) => Math.floor(Math.random() * (max + 1));

    async function writer(w: number) {
      for (let i = 0; i < PER_WRITER; i++) {
        await sleep(rand(3));
        const rollback = Math.random() < 0.1;
        let row: Inserted | undefined;
        try {
          await pg.begin(async (tx) => {
            row = await insertEvent(tx, `w${w}-${i}`);
            await tx`select pg_sleep(${rand(20) / 1000})`;
            if (rollback) throw new Rollback();
          });
          committed.push(row!.id);
          commitOrder.push(BigInt(row!.txid));
        } catch (e) {
          if (!(e instanceof Rollback)) throw e;
          rolledBack.push(row!.id);
        }
      }
    }

    const seen: Awaited<ReturnType<typeof service>>['events'] = [];
    let cursor: string | null = start;
    let writing = true;
    let polls = 0;
    const deadline = Date.now() + 20_000;
    const consumer = (async () => {
      while (writing && polls < 20_000 && Date.now() < deadline) {
        const page = await service(cursor);
        polls++;
        seen.push(...page.events);
        cursor = page.endCursor;
        if (!page.hasNextPage) await sleep(2);
      }
    })();
    try {
      await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
    } finally {
      writing = false;
      await consumer;
    }
    const pollsWhileWriting = polls;
    // The scenario really happened: some transactions committed after younger ones.
    const inversions = commitOrder.filter((t, i) => i > 0 && t < commitOrder[i - 1]).length;
    expect(inversions).toBeGreaterThan(0);

    const after = (await pg<{ id: string }[]>`select id::text as id from audit_events`)
      .map((r) => r.id)
      .filter((id) => !before.has(id));
    expect(after.length).toBe(committed.length);
    expect(new Set(after)).toEqual(new Set(committed));
    expect(committed.length + rolledBack.length).toBe(WRITERS * PER_WRITER);

    const rest = await drain(service, cursor, (e) => seen.length + e.length >= after.length);
    seen.push(...rest.events);

    const ids = seen.map((e) => String(e.id));
    expect(new Set(ids).size).toBe(ids.length); // no duplicates
    expect([...ids].sort()).toEqual([...after].sort()); // every committed event, nothing else
    expect(ids.filter((id) => rolledBack.includes(id))).toEqual([]);
    expectStrictlyIncreasing(seen.map((e) => e.cursor));
    // The consumer really polled alongside the writers (not only in the final drain).
    expect(pollsWhileWriting).toBeGreaterThan(10);
  });
});
