/**
 * Benchmark of the exchange domain on the local PostgreSQL (creates and drops its own
 * database). Run: npx tsx test/bench/exchanges.ts [history=60000] [iterations=200]
 *
 * Loads the demo data, then `history` extra completed rotations (2000–2019, straight in SQL,
 * for volume only), and measures:
 *   - over HTTP through the real server (NODE_ENV=production, one request at a time):
 *     reference `{ region(code) { name } }`; exchangeStats for the city and for a county;
 *     exchangeAssignments pages (region filter, activeOn filter) with totalCount; a teacher's
 *     history;
 *   - in process: the exchangeStats service vs one hand-written SQL aggregate of the same
 *     counts (the floor); proposeExchange vs a bare insert + audit insert in one transaction;
 *   - 50 concurrent overlapping proposals for one teacher (wall time, outcome).
 * Prints median and mean milliseconds, requests per second and each ratio to its reference.
 */
process.env.TEST_DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/postgres';
const { createTestDb, startTestServer, token, serviceContext, DEMO } = await import('../harness.js');
const { exchangeStats } = await import('../../schema/domains/exchanges/exchangeStats.js');
const { proposeExchange } = await import('../../schema/domains/exchanges/services/proposeExchange.js');
const { sql } = await import('drizzle-orm');

const HISTORY = Number(process.argv[2] ?? 60_000);
const N = Number(process.argv[3] ?? 200);

const started = performance.now();
const testDb = await createTestDb({ seed: true, poolSize: 60 });
const server = await startTestServer({ db: testDb, env: { NODE_ENV: 'production' } });
const db = testDb.database.db;
console.log(`database seeded in ${Math.round(performance.now() - started)} ms`);
// Always drop the throwaway database, also when a step fails.
try {
  // One completed rotation per teacher and school year, to another school of the same county:
  // no overlaps by construction, so the exclusion constraint accepts every row. In chunks, so no
  // statement approaches the statement timeout on a busy machine.
  for (let lo = 0; lo < HISTORY; lo += 10_000) {
    await db.execute(sql`
      with t as (select id, school_id, county_code, years_at_school, backbone_level, row_number() over (order by id) - 1 as k, count(*) over () as n from teachers),
           s as (select id, county_code, row_number() over (partition by county_code order by id) - 1 as k from schools)
      insert into exchange_assignments (teacher_id, kind, status, source_school_id, source_county_code, target_school_id, target_county_code,
        start_date, end_date, ended_on, reason, years_at_school_at_proposal, backbone_level_at_proposal, eligible_at_proposal, approval_level, proposed_by, decided_by, decided_at)
      select t.id, 'ROTATION', 'COMPLETED', t.school_id, t.county_code, s.id, s.county_code,
             make_date(2000 + (g / t.n)::int, 9, 1), make_date(2001 + (g / t.n)::int, 7, 10), make_date(2001 + (g / t.n)::int, 7, 10),
             '基准数据', t.years_at_school, t.backbone_level, t.years_at_school >= 6, 'COUNTY', 'bench', 'bench', now()
      from generate_series(${lo}::int, ${Math.min(lo + 10_000, HISTORY) - 1}::int) g
      join t on t.k = g % t.n
      join s on s.county_code = t.county_code and s.k = g % 7 and s.id <> t.school_id
      where 2000 + (g / t.n)::int < 2020`);
  }
  await db.execute(sql`analyze exchange_assignments`);
  const countRes: any = await db.execute(sql`select count(*)::int n from exchange_assignments`);
  console.log(`exchange assignments: ${(countRes.rows ?? countRes)[0].n}`);

  const city = await token({ role: 'CITY_ADMIN', regionCode: DEMO.city });

  type Result = { label: string; median: number; mean: number; rps: number };
  async function time(label: string, fn: () => Promise<unknown>, n = N): Promise<Result> {
    for (let i = 0; i < Math.min(20, n); i++) await fn();
    const samples: number[] = [];
    for (let i = 0; i < n; i++) {
      const t = performance.now();
      await fn();
      samples.push(performance.now() - t);
    }
    samples.sort((a, b) => a - b);
    const median = samples[Math.floor(samples.length / 2)];
    const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
    return { label, median, mean, rps: 1000 / mean };
  }
  const gql =
    (q: string, v: Record<string, unknown> = {}) =>
    async () => {
      const r = await server.gql(q, v, city);
      if (r.body.errors) throw new Error(JSON.stringify(r.body.errors));
    };

  const results: [Result, Result | null][] = [];
  const reference = await time('reference: region(code) { name }', gql(`{ region(code: "430721") { name } }`));
  results.push([reference, null]);
  const ROW = `eligibleTeachers exchangedTeachers ratio ratioMet backboneShare met urbanToRural strongToWeak crossCounty`;
  results.push([
    await time(
      'exchangeStats(city 430700, 2025): 9 counties + total',
      gql(`{ exchangeStats(regionCode: "430700", year: 2025) { counties { ${ROW} } total { ${ROW} } } }`),
    ),
    reference,
  ]);
  results.push([
    await time(
      'exchangeStats(county 430725, 2010)',
      gql(`{ exchangeStats(regionCode: "430725", year: 2010) { total { ${ROW} } } }`),
    ),
    reference,
  ]);
  results.push([
    await time(
      'exchangeAssignments(region 430721) first 50 + totalCount',
      gql(
        `{ exchangeAssignments(first: 50, filter: { regionCode: "430721" }) { totalCount nodes { kind status teacherName startDate sourceSchool { name } targetSchool { name } } } }`,
      ),
    ),
    reference,
  ]);
  results.push([
    await time(
      'exchangeAssignments(activeOn 2010-12-01) first 50 + totalCount',
      gql(
        `{ exchangeAssignments(first: 50, filter: { activeOn: "2010-12-01" }) { totalCount nodes { kind teacherName targetSchool { name } } } }`,
      ),
    ),
    reference,
  ]);
  const someone: any = await db.execute(sql`select staff_no from teachers order by id limit 1 offset 100`);
  const staffNo = (someone.rows ?? someone)[0].staff_no;
  results.push([
    await time(
      'teacher(staffNo) { exchanges(first: 20) } history',
      gql(
        `query($s: String!) { teacher(staffNo: $s) { name exchanges(first: 20) { totalCount nodes { kind startDate targetSchool { name } } } } }`,
        { s: staffNo },
      ),
    ),
    reference,
  ]);

  // In process: the service against one hand-written aggregate over the same rows (the floor).
  const floor = await time('in process: one hand-written SQL aggregate (city, 2025)', () =>
    db.execute(sql`
      select a.source_county_code, count(distinct a.teacher_id), count(distinct a.teacher_id) filter (where a.backbone_level_at_proposal <> 'NONE'), count(*)
      from exchange_assignments a join schools s on s.id = a.source_school_id join schools t on t.id = a.target_school_id
      where a.source_county_code like '4307%' and a.kind in ('ROTATION','SUPPORT','ITINERANT') and a.status in ('APPROVED','ACTIVE','COMPLETED')
        and a.start_date between '2025-09-01' and '2026-08-31'
      group by 1`),
  );
  results.push([floor, null]);
  results.push([
    await time('in process: exchangeStats service (city, 2025)', () => exchangeStats(db, '430700', 2025)),
    floor,
  ]);

  // Writes: proposeExchange (authorise, validate, settings, responsibility lookup, insert, audit)
  // against the bare statements it cannot avoid: insert + audit insert in one transaction.
  const teachersRes: any = await db.execute(
    sql`select staff_no, school_id, county_code, id from teachers where county_code = '430725' order by id limit ${N + 40}`,
  );
  const pool = (teachersRes.rows ?? teachersRes) as {
    staff_no: string;
    school_id: number;
    county_code: string;
    id: number;
  }[];
  const targetRes: any = await db.execute(
    sql`select id, code from schools where county_code = '430725' and stage = 'PRIMARY' order by id limit 2`,
  );
  const [t1, t2] = (targetRes.rows ?? targetRes) as { id: number; code: string }[];
  const ctx = serviceContext(testDb.database);
  let i = 0;
  const bare = await time('in process: bare insert + audit insert in a transaction', () => {
    const t = pool[i++ % pool.length];
    return db.transaction(async (tx) => {
      await tx.execute(sql`insert into exchange_assignments (teacher_id, kind, status, source_school_id, source_county_code, target_school_id, target_county_code, start_date, end_date, reason, years_at_school_at_proposal, backbone_level_at_proposal, eligible_at_proposal, approval_level, proposed_by)
        values (${t.id}, 'SHADOWING', 'PROPOSED', ${t.school_id}, ${t.county_code}, ${t1.id === t.school_id ? t2.id : t1.id}, ${t.county_code}, '2031-09-01', '2031-12-31', '基准', 8, 'NONE', true, 'COUNTY', 'bench')`);
      await tx.execute(
        sql`insert into audit_events (actor, actor_role, action, entity_type, entity_key) values ('bench', 'SYSTEM', 'CREATE', 'ExchangeAssignment', 'x')`,
      );
    });
  });
  results.push([bare, null]);
  let j = 0;
  results.push([
    await time('in process: proposeExchange (ROTATION, one teacher each)', () => {
      const t = pool[j++ % pool.length];
      const target = t1.id === t.school_id ? t2 : t1;
      return proposeExchange(ctx, {
        teacherStaffNo: t.staff_no,
        targetSchoolCode: target.code,
        kind: 'ROTATION',
        startDate: `${2040 + Math.floor(j / pool.length)}-09-01`,
        endDate: `${2041 + Math.floor(j / pool.length)}-07-10`,
        reason: '基准测试',
      });
    }),
    bare,
  ]);

  // 50 concurrent overlapping proposals for one teacher: one wins, the database refuses the rest.
  const victim = pool[pool.length - 1];
  const race = performance.now();
  const outcomes = await Promise.allSettled(
    Array.from({ length: 50 }, () =>
      proposeExchange(ctx, {
        teacherStaffNo: victim.staff_no,
        targetSchoolCode: (t1.id === victim.school_id ? t2 : t1).code,
        kind: 'SUPPORT',
        startDate: '2050-09-01',
        endDate: '2051-07-10',
        reason: '并发基准',
      }),
    ),
  );
  const raceMs = performance.now() - race;
  const won = outcomes.filter((o) => o.status === 'fulfilled').length;

  console.log(`\n${N} sequential iterations each (after warm-up), PostgreSQL 15 local, NODE_ENV=production`);
  console.log('| measurement | median ms | mean ms | req/s | ratio (mean) to reference |');
  console.log('|---|---|---|---|---|');
  for (const [r, ref] of results) {
    const ratio = ref ? `${(r.mean / ref.mean).toFixed(2)}× “${ref.label}”` : 'reference';
    console.log(`| ${r.label} | ${r.median.toFixed(2)} | ${r.mean.toFixed(2)} | ${r.rps.toFixed(0)} | ${ratio} |`);
  }
  console.log(
    `\n50 concurrent overlapping proposals for one teacher: ${won} succeeded, ${50 - won} refused (CONFLICT), ${raceMs.toFixed(0)} ms wall time`,
  );
} finally {
  await server.close();
}
