/**
 * Bulk upsert designs with every row audited: the same teachers written in batches of 5,000
 * (the SDK batch of bulk.ts, which the engine writes as one statement) by several designs,
 * each batch in its own transaction, against COPY of the same rows with no audit at all:
 *
 *   (a) COPY into teachers, no audit: the reference (inserts only).
 *   (b) The current path, called directly: upsertAudited (shared/bulkSql.ts), one statement
 *       per batch whose JSON parameter carries each change's before and after images and
 *       feeds both the upsert and the audit insert (data-modifying CTEs).
 *   (c) upsertRecords (the same upsert from one JSON parameter, no audit in it) with
 *       statement-level AFTER INSERT and AFTER UPDATE triggers on transition tables that
 *       write the events with one INSERT … SELECT; the actor and request id reach the trigger
 *       through set_config(…, true) in the same transaction (statementTrigger below).
 *   (d) One statement, no trigger: the records once as JSON, the before images read by a CTE
 *       from the statement's snapshot (which does not see the upsert), the events built in SQL.
 *   (e) (d) fed by COPY into a temporary (unlogged) staging table instead of JSON.
 *   (f) upsertRecords with a FOR EACH ROW trigger: what a naive audit trigger costs.
 *   (g) upsertRecords with no audit: the ceiling of any audited upsert.
 *   (h) (c) with the events' INSERT as static SQL in the trigger instead of EXECUTE: the plan
 *       PL/pgSQL caches from the first call (see statementTrigger).
 *
 * Each design writes N new teachers (all CREATE), then the same N again renamed, one in ten
 * moved to a school of another county (all UPDATE, and a LEAVE event for each move). After
 * each pass the audit trail is checked against the events the current design records (count,
 * action, key, region, before and after images, actor and request id, LEAVE before its
 * UPDATE); before the timed runs every design writes a mixed batch (new rows, expected
 * updates, and a key created "concurrently" that the upsert must skip and not audit).
 * Designs take turns in every round; the table shows the median of the rounds.
 *
 *   node --import tsx test/bench/bulkAuditDesigns.ts [rows=20000] [admin-url=postgres://postgres@127.0.0.1:5432/postgres]
 *
 * Everything happens in a throwaway database (edugov_bulkdesign_<stamp>: the project's
 * migrations, one generated city with 3,000 schools and 100,000 teachers), dropped at the end.
 */
import { sql } from 'drizzle-orm';
import { pathToFileURL } from 'node:url';
import type postgres from 'postgres';
import type { Context } from '../../schema/context.js';
import type { Viewer } from '../../schema/domains/access/viewer.js';
import type { Change } from '../../schema/domains/audit/record.js';
import type { TeacherRecord } from '../../schema/domains/organisation/snapshots.js';
import { teachers } from '../../schema/domains/organisation/table.js';
import { upsertAudited, upsertRecords } from '../../schema/domains/shared/bulkSql.js';
import { openDatabase, type Database } from '../../server/db.js';
import { createBenchDatabase, FULL } from './dataset.js';

const BATCH = 5000;
const ROUNDS = 3;

const viewer: Viewer = {
  kind: 'user',
  actor: 'user:bench',
  role: 'CITY_ADMIN',
  regionCode: '439900',
  schoolCode: null,
  schoolId: null,
  scopes: new Set(['read', 'write']),
};

/** The audited record's fields (TeacherRecord), their columns and SQL types, in table order. */
const COLUMNS = [
  ['staffNo', 'staff_no', 'text'],
  ['name', 'name', 'text'],
  ['gender', 'gender', 'gender'],
  ['schoolId', 'school_id', 'integer'],
  ['countyCode', 'county_code', 'text'],
  ['subjects', 'subjects', 'text[]'],
  ['title', 'title', 'professional_title'],
  ['backboneLevel', 'backbone_level', 'backbone_level'],
  ['yearsAtSchool', 'years_at_school', 'integer'],
  ['qualification', 'qualification', 'qualification'],
  ['idNumber', 'id_number', 'text'],
  ['phone', 'phone', 'text'],
] as const satisfies readonly (readonly [keyof TeacherRecord, string, string])[];

const columnList = COLUMNS.map(([, c]) => c).join(', ');

/** The audit snapshot of the teachers row `t` (teacherSnapshot's shape), built in SQL. */
const snapshot = (t: string) => `jsonb_build_object(${COLUMNS.map(([p, c]) => `'${p}', ${t}.${c}`).join(', ')})`;

const AUDIT_COLUMNS = 'actor, actor_role, request_id, action, entity_type, entity_key, region_code, before, after';

/**
 * The trigger functions' opening: the actor and request id the transaction set with
 * set_config(…, true), refused when missing, so no write escapes the audit unnoticed.
 */
const ACTOR_FROM_SESSION = `declare
  actor text := nullif(current_setting('edugov.actor', true), '');
  actor_role text := nullif(current_setting('edugov.actor_role', true), '');
  request_id text := nullif(current_setting('edugov.request_id', true), '');
begin
  if actor is null or actor_role is null then
    raise exception 'teachers changed with no audit actor (set edugov.actor and edugov.actor_role)';
  end if;`;

/**
 * Design (c), and (h) with `dynamic` false. The actor comes from the transaction
 * (set_config(…, true)); a custom setting set that way once reads as '' in later transactions
 * of the session, not as missing, so an empty actor is refused like a missing one.
 * ON CONFLICT DO UPDATE fires both statement triggers, the INSERT one with the rows inserted,
 * the UPDATE one with the rows updated (old and new images), even when either set is empty; a
 * conflict its WHERE refused is in neither. The events are inserted by EXECUTE so that each
 * statement is planned with the transition tables' real sizes: a static statement keeps the
 * plan PL/pgSQL made on its first call, and the first UPDATE-trigger call of a session usually
 * sees an empty old_rows (an all-insert batch), which plans the old/new join as a nested loop
 * that is quadratic in the batch (design (h) keeps that plan).
 */
function statementTrigger(dynamic: boolean) {
  const who = dynamic ? '$1, $2, $3' : 'actor, actor_role, request_id';
  const run = (query: string) =>
    dynamic ? `execute $q$${query}$q$ using actor, actor_role, request_id;` : `${query};`;
  const inserted = `insert into audit_events (${AUDIT_COLUMNS})
    select ${who}, 'CREATE', 'Teacher', n.staff_no, n.county_code, null, ${snapshot('n')}
    from new_rows n
    order by n.staff_no`;
  const updated = `insert into audit_events (${AUDIT_COLUMNS})
    select ${who}, e.action, 'Teacher', n.staff_no, e.region_code, e.before, e.after
    from old_rows o
    join new_rows n on n.id = o.id
    cross join lateral (values (0, 'LEAVE', o.county_code, null::jsonb, null::jsonb),
                               (1, 'UPDATE', n.county_code, ${snapshot('o')}, ${snapshot('n')}))
      as e(step, action, region_code, before, after)
    where e.step = 1 or o.county_code <> n.county_code
    order by n.staff_no, e.step`;
  return `
create function teachers_audit() returns trigger language plpgsql as $$
${ACTOR_FROM_SESSION}
  if tg_op = 'INSERT' then
    ${run(inserted)}
  else
    ${run(updated)}
  end if;
  return null;
end $$;
create trigger teachers_audit_insert after insert on teachers
  referencing new table as new_rows for each statement execute function teachers_audit();
create trigger teachers_audit_update after update on teachers
  referencing old table as old_rows new table as new_rows for each statement execute function teachers_audit();
`;
}

/** Design (f): the same events, one plpgsql INSERT per row. */
const ROW_TRIGGER = `
create function teachers_audit_row() returns trigger language plpgsql as $$
${ACTOR_FROM_SESSION}
  if tg_op = 'INSERT' then
    insert into audit_events (${AUDIT_COLUMNS})
    values (actor, actor_role, request_id, 'CREATE', 'Teacher', new.staff_no, new.county_code, null, ${snapshot('new')});
  else
    if old.county_code <> new.county_code then
      insert into audit_events (${AUDIT_COLUMNS})
      values (actor, actor_role, request_id, 'LEAVE', 'Teacher', new.staff_no, old.county_code, null, null);
    end if;
    insert into audit_events (${AUDIT_COLUMNS})
    values (actor, actor_role, request_id, 'UPDATE', 'Teacher', new.staff_no, new.county_code, ${snapshot('old')}, ${snapshot('new')});
  end if;
  return null;
end $$;
create trigger teachers_audit_row after insert or update on teachers for each row execute function teachers_audit_row();
`;

const DROP_TRIGGERS = `
drop trigger if exists teachers_audit_insert on teachers;
drop trigger if exists teachers_audit_update on teachers;
drop trigger if exists teachers_audit_row on teachers;
drop function if exists teachers_audit();
drop function if exists teachers_audit_row();
`;

/**
 * Designs (d) and (e): upsert and audit in one statement. `source` is the records (relation
 * `r`), `expected` the keys the batch read and locked (only those may be updated, as in
 * upsertRecords). All parts of a statement share one snapshot, so `prior` holds the rows as
 * they were before the upsert; a key another transaction created meanwhile is skipped by the
 * conflict's WHERE, so it is neither returned nor audited. $1..$3: actor, role, request id.
 */
function snapshotStatement(source: string, expected: string) {
  const updates = COLUMNS.filter(([p]) => p !== 'staffNo')
    .map(([, c]) => `${c} = excluded.${c}`)
    .join(', ');
  return `with r as (${source}),
  prior as (select t.* from teachers t where t.staff_no in (select r.staff_no from r)),
  written as (
    insert into teachers as t (${columnList})
    select ${COLUMNS.map(([, c]) => `r.${c}`).join(', ')} from r order by r.staff_no
    on conflict (staff_no) do update set ${updates}, updated_at = now()
      where t.staff_no in (${expected})
    returning t.*
  ),
  audited as (
    insert into audit_events (${AUDIT_COLUMNS})
    select $1, $2, $3, e.action, 'Teacher', w.staff_no, e.region_code, e.before, e.after
    from written w
    left join prior p on p.id = w.id
    cross join lateral (values (0, 'LEAVE', p.county_code, null::jsonb, null::jsonb),
                               (1, case when p.id is null then 'CREATE' else 'UPDATE' end, w.county_code,
                                case when p.id is not null then ${snapshot('p')} end, ${snapshot('w')}))
      as e(step, action, region_code, before, after)
    where e.step = 1 or p.county_code <> w.county_code
    order by w.staff_no, e.step
  )
  select w.id, w.staff_no, w.created_at, w.updated_at from written w`;
}

const JSON_STATEMENT = snapshotStatement(
  `select ${COLUMNS.map(([p, c]) => `x."${p}" as ${c}`).join(', ')}
    from json_to_recordset($4::json) as x(${COLUMNS.map(([p, , t]) => `"${p}" ${t}`).join(', ')})`,
  'select json_array_elements_text($5::json)',
);
const STAGE_TABLE = `create temporary table teachers_stage (${COLUMNS.map(([, c, t]) => `${c} ${t}`).join(', ')}, expected boolean not null) on commit delete rows`;
const STAGE_STATEMENT = snapshotStatement(
  'select * from teachers_stage',
  'select s.staff_no from teachers_stage s where s.expected',
);

/** One row of a batch: the record to store, what is stored under its key (null: new) and whether the batch read it. */
interface Row {
  after: TeacherRecord;
  before: TeacherRecord | null;
  /** The batch found (and locked) the key; false for new rows and for a key created since by someone else. */
  expected: boolean;
}

interface Batch {
  rows: Row[];
  requestId: string;
}

interface Design {
  id: string;
  name: string;
  audited: boolean;
  /** COPY cannot update. */
  updates: boolean;
  install?(): Promise<void>;
  uninstall?(): Promise<void>;
  /** Writes the batch in one transaction; the number of rows written. */
  write(batch: Batch): Promise<number>;
}

type Schools = { id: number; county_code: string }[];

/** A teacher as the bulk engine would store it; `version` 1 renames it and moves one in ten to another county. */
function record(schools: Schools, prefix: string, i: number, version: 0 | 1): TeacherRecord {
  const school = schools[(i + (version === 1 && i % 10 === 0 ? 1 : 0)) % schools.length];
  return {
    staffNo: `${prefix}${String(i).padStart(7, '0')}`,
    name: version === 0 ? `批量${i % 1000}` : `更新${i % 1000}`,
    gender: i % 2 ? 'MALE' : 'FEMALE',
    schoolId: school.id,
    countyCode: school.county_code,
    subjects: ['语文'],
    title: 'UNRANKED',
    backboneLevel: 'NONE',
    yearsAtSchool: i % 25,
    qualification: 'BACHELOR',
    idNumber: null,
    phone: i % 3 ? null : `139${String(i).padStart(8, '0')}`,
  };
}

/** The changes the engine builds for a batch (bulk.ts `store`). */
function changes(rows: Row[]): Change[] {
  return rows.map((r) => ({
    action: r.before ? 'UPDATE' : 'CREATE',
    entityType: 'Teacher',
    entityKey: r.after.staffNo,
    regionCode: r.after.countyCode,
    before: r.before,
    after: r.after,
    fromRegionCode: r.before ? r.before.countyCode : null,
  }));
}

const upserts = (rows: Row[]) => rows.map((r) => ({ record: r.after as Record<string, unknown>, exists: r.expected }));

/** COPY text of the records (with the `expected` flag for the staging table). */
function copyText(rows: Row[], withExpected: boolean) {
  const value = (v: unknown) => (v == null ? '\\N' : Array.isArray(v) ? `{${v.join(',')}}` : String(v));
  return rows
    .map(
      (r) =>
        COLUMNS.map(([p]) => value(r.after[p])).join('\t') + (withExpected ? `\t${r.expected ? 't' : 'f'}` : '') + '\n',
    )
    .join('');
}

async function copyInto(pg: postgres.Sql | postgres.TransactionSql, target: string, text: string) {
  const stream = await pg.unsafe(`copy ${target} from stdin`).writable();
  await new Promise<void>((res, rej) => stream.end(text, (err?: Error | null) => (err ? rej(err) : res())));
}

function designs(database: Database, pg: postgres.Sql): Design[] {
  const { db } = database;
  const ctx = (b: Batch) => ({ viewer, requestId: b.requestId }) as Context;
  const setActor = (b: Batch) =>
    sql`select set_config('edugov.actor', ${viewer.actor}, true), set_config('edugov.actor_role', ${viewer.role}, true),
      set_config('edugov.request_id', ${b.requestId}, true)`;
  const viaUpsertRecords = (b: Batch) =>
    db.transaction(async (tx) => {
      await tx.execute(setActor(b));
      return (await upsertRecords(tx, teachers, teachers.staffNo, upserts(b.rows))).length;
    });
  const params = (b: Batch) => [viewer.actor, viewer.role, b.requestId];
  return [
    {
      id: 'a',
      name: 'COPY, no audit (reference)',
      audited: false,
      updates: false,
      async write(b) {
        await copyInto(pg, `teachers (${columnList})`, copyText(b.rows, false));
        return b.rows.length;
      },
    },
    {
      id: 'b',
      name: 'current: upsertAudited, JSON changes + CTEs',
      audited: true,
      updates: true,
      write: (b) =>
        db.transaction(
          async (tx) => (await upsertAudited(tx, ctx(b), teachers, teachers.staffNo, changes(b.rows))).length,
        ),
    },
    {
      id: 'c',
      name: 'upsertRecords + statement triggers',
      audited: true,
      updates: true,
      install: () => pg.unsafe(statementTrigger(true)).then(() => {}),
      uninstall: () => pg.unsafe(DROP_TRIGGERS).then(() => {}),
      write: viaUpsertRecords,
    },
    {
      id: 'd',
      name: 'one statement, before from its snapshot',
      audited: true,
      updates: true,
      write: (b) =>
        pg.begin(async (tx) => {
          const expected = b.rows.filter((r) => r.expected).map((r) => r.after.staffNo);
          const json = JSON.stringify(b.rows.map((r) => r.after));
          const rows = await tx.unsafe(JSON_STATEMENT, [...params(b), json, JSON.stringify(expected)], {
            prepare: false,
          });
          return rows.length;
        }),
    },
    {
      id: 'e',
      name: 'COPY to temp stage + (d)',
      audited: true,
      updates: true,
      install: () => pg.unsafe(STAGE_TABLE).then(() => {}),
      uninstall: () => pg.unsafe('drop table if exists teachers_stage').then(() => {}),
      write: (b) =>
        pg.begin(async (tx) => {
          await copyInto(tx, 'teachers_stage', copyText(b.rows, true));
          return (await tx.unsafe(STAGE_STATEMENT, params(b), { prepare: false })).length;
        }),
    },
    {
      id: 'f',
      name: 'upsertRecords + row trigger',
      audited: true,
      updates: true,
      install: () => pg.unsafe(ROW_TRIGGER).then(() => {}),
      uninstall: () => pg.unsafe(DROP_TRIGGERS).then(() => {}),
      write: viaUpsertRecords,
    },
    {
      id: 'g',
      name: 'upsertRecords, no audit (ceiling)',
      audited: false,
      updates: true,
      write: (b) =>
        db.transaction(async (tx) => (await upsertRecords(tx, teachers, teachers.staffNo, upserts(b.rows))).length),
    },
    {
      id: 'h',
      name: '(c) with static SQL: plan of the first call',
      audited: true,
      updates: true,
      install: () => pg.unsafe(statementTrigger(false)).then(() => {}),
      uninstall: () => pg.unsafe(DROP_TRIGGERS).then(() => {}),
      write: viaUpsertRecords,
    },
  ];
}

/** The events the batch's written rows must have left, in order: a move's LEAVE, then the change. */
function expectedEvents(rows: Row[]) {
  return rows.flatMap((r) => {
    const change = {
      action: r.before ? 'UPDATE' : 'CREATE',
      key: r.after.staffNo,
      region: r.after.countyCode,
      before: r.before,
      after: r.after,
    };
    if (!r.before || r.before.countyCode === r.after.countyCode) return [change];
    return [{ action: 'LEAVE', key: r.after.staffNo, region: r.before.countyCode, before: null, after: null }, change];
  });
}

/**
 * Checks the audit events of `requestId` against the rows written: as many events as
 * expected, each matching one expected event in every column, and every LEAVE before its
 * UPDATE. Throws on any difference.
 */
async function verify(pg: postgres.Sql, design: Design, requestId: string, written: Row[]) {
  const expected = design.audited ? expectedEvents(written) : [];
  const [r] = await pg<{ total: number; matching: number; misordered: number }[]>`
    with a as (select * from audit_events where request_id = ${requestId}),
      x as (select * from jsonb_to_recordset(${JSON.stringify(expected)}::jsonb)
        as x(action text, key text, region text, before jsonb, after jsonb))
    select (select count(*)::int from a) as total,
      (select count(*)::int from x where exists (select from a where a.entity_type = 'Teacher' and a.entity_key = x.key
        and a.action = x.action and a.region_code = x.region and a.before is not distinct from x.before
        and a.after is not distinct from x.after and a.actor = ${viewer.actor} and a.actor_role = ${viewer.role})) as matching,
      (select count(*)::int from (select max(id) filter (where action = 'LEAVE') as leave,
          min(id) filter (where action = 'UPDATE') as change from a group by entity_key) k
        where k.leave > k.change) as misordered`;
  if (r.total !== expected.length || r.matching !== expected.length || r.misordered !== 0)
    throw new Error(
      `(${design.id}) ${requestId}: expected ${expected.length} events, found ${r.total}, ${r.matching} as expected, ${r.misordered} LEAVE after their UPDATE`,
    );
  return r.total;
}

/**
 * A batch mixing two new keys, two keys the batch read (one moving county) and a key another
 * transaction created after the batch read it (inserted here beforehand, flagged not
 * expected): four rows written, the fifth left alone, and exactly their events recorded.
 */
async function mixedBatch(pg: postgres.Sql, schools: Schools, design: Design) {
  if (!design.updates) return;
  const prefix = `M${design.id}`;
  const stored = [0, 5, 20].map((i) => record(schools, prefix, i, 0));
  await copyInto(
    pg,
    `teachers (${columnList})`,
    copyText(
      stored.map((after) => ({ after, before: null, expected: false })),
      false,
    ),
  );
  const rows: Row[] = [
    { after: record(schools, prefix, 0, 1), before: stored[0], expected: true }, // renamed, moved: LEAVE + UPDATE
    { after: record(schools, prefix, 5, 1), before: stored[1], expected: true }, // renamed
    { after: record(schools, prefix, 20, 1), before: null, expected: false }, // created since the batch read: skipped
    { after: record(schools, prefix, 30, 0), before: null, expected: false },
    { after: record(schools, prefix, 40, 0), before: null, expected: false },
  ];
  const requestId = `${prefix}-mixed`;
  await design.install?.();
  try {
    const n = await design.write({ rows, requestId });
    if (n !== 4) throw new Error(`(${design.id}) mixed batch: ${n} rows written, expected 4`);
    const [kept] = await pg<{ name: string }[]>`select name from teachers where staff_no = ${stored[2].staffNo}`;
    if (kept.name !== stored[2].name) throw new Error(`(${design.id}) mixed batch: the concurrent row was overwritten`);
    await verify(pg, design, requestId, [rows[0], rows[1], rows[3], rows[4]]);
  } finally {
    await design.uninstall?.();
  }
}

interface Timing {
  insert: number[];
  update: number[];
  events: number;
}

/** One round of a design: N new rows, then the same N updated; rows/s of each pass. */
async function round(pg: postgres.Sql, schools: Schools, design: Design, rows: number, r: number, t: Timing) {
  const prefix = `${design.id.toUpperCase()}${r}`;
  const pass = async (kind: 'insert' | 'update') => {
    const requestId = `${prefix}-${kind}`;
    const all: Row[] = [];
    let ms = 0;
    for (let i = 0; i < rows; i += BATCH) {
      const batch = Array.from({ length: Math.min(BATCH, rows - i) }, (_, k): Row => {
        const n = i + k;
        return kind === 'insert'
          ? { after: record(schools, prefix, n, 0), before: null, expected: false }
          : { after: record(schools, prefix, n, 1), before: record(schools, prefix, n, 0), expected: true };
      });
      const t0 = performance.now();
      const written = await design.write({ rows: batch, requestId });
      ms += performance.now() - t0;
      if (written !== batch.length) throw new Error(`(${design.id}) ${kind}: ${written} of ${batch.length} written`);
      all.push(...batch);
    }
    t.events += await verify(pg, design, requestId, all);
    t[kind].push(rows / (ms / 1000));
  };
  await design.install?.();
  try {
    await pass('insert');
    if (design.updates) await pass('update');
  } finally {
    await design.uninstall?.();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const rows = Number(process.argv[2] ?? 20_000);
  const adminUrl = process.argv[3] ?? process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  // The project's migrations and the generated city of the other benchmarks, without the demo data.
  const scratch = await createBenchDatabase(adminUrl, FULL, { demo: false });
  // One connection for everything (the staging table is per session), with the server's settings (JIT off).
  const database = await openDatabase({ url: scratch.url, poolSize: 1 });
  const pg = (database.db as unknown as { $client: postgres.Sql }).$client;
  try {
    const schools = await pg<Schools>`select id, county_code from schools order by code`;
    const all = designs(database, pg);
    for (const d of all) await mixedBatch(pg, schools, d);
    const timings = new Map(all.map((d) => [d.id, { insert: [], update: [], events: 0 } as Timing]));
    for (let r = 1; r <= ROUNDS; r++) {
      // Each round starts with another design, so none always runs first or right after another.
      const order = all.map((_, k) => all[(k + (r - 1) * 2) % all.length]);
      for (const d of order) await round(pg, schools, d, rows, r, timings.get(d.id)!);
      process.stderr.write(`round ${r}/${ROUNDS} done\n`);
    }
    const f = (n: number) => Math.round(n).toLocaleString('en');
    const copy = median(timings.get('a')!.insert);
    const cell = (xs: number[]) =>
      xs.length
        ? `${f(median(xs)).padStart(13)} ${(median(xs) / copy).toFixed(2).padStart(6)}`
        : `${'—'.padStart(13)} ${'—'.padStart(6)}`;
    const lines = [
      `bulk upsert designs: ${f(rows)} teachers per pass, batches of ${f(BATCH)} (one transaction each), median of ${ROUNDS} rounds`,
      `table holds ${f(FULL.teachers)} teachers to start; ×COPY is against the median COPY insert; every audit event checked`,
      '',
      `${'design'.padEnd(52)}${'insert rows/s'.padStart(13)} ${'×COPY'.padStart(6)}${'update rows/s'.padStart(15)} ${'×COPY'.padStart(6)}  events checked`,
      ...all.map((d) => {
        const t = timings.get(d.id)!;
        return `(${d.id}) ${d.name.padEnd(48)}${cell(t.insert)}  ${cell(t.update)}  ${d.audited ? f(t.events) : '—'}`;
      }),
      '',
      'each round (insert | update rows/s):',
      ...all.map((d) => {
        const t = timings.get(d.id)!;
        return `(${d.id}) ${t.insert.map(f).join(' / ')}${t.update.length ? ` | ${t.update.map(f).join(' / ')}` : ''}`;
      }),
      '',
    ];
    process.stdout.write(lines.join('\n'));
  } finally {
    await database.close();
    await scratch.drop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
