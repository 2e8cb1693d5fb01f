/**
 * Benchmark: computeValueAdded over 1,000,000 student records on real PostgreSQL, against
 * the same computation written by hand as one SQL statement, in the same run.
 *
 *   npx tsx test/bench/valueAdded.ts [students=1000000] [admin-url=postgres://postgres@127.0.0.1:5432/postgres]
 *
 * Creates (and drops) its own database. Setup (schools through the services, students with
 * generate_series) is not timed. Each side runs once to warm up, then RUNS times; the
 * median is reported. The service run includes everything a mutation does: authorisation,
 * the setting lookup, locking, deleting old results, the model + per-school statement,
 * storing results, updating the cycle and the audit event.
 */
import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import { migrateDatabase, openDatabase } from '../../server/db.js';
import { organisationSteps } from '../../server/seed/index.js';
import type { Context } from '../../schema/context.js';
import { systemViewer } from '../../schema/domains/access/viewer.js';
import { computeValueAdded } from '../../schema/domains/evaluation/services/computeValueAdded.js';
import { createEvaluationCycle } from '../../schema/domains/evaluation/services/createEvaluationCycle.js';

const STUDENTS = Number(process.argv[2] ?? 1_000_000);
const ADMIN = process.argv[3] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const RUNS = 5;

/** The reference: the whole computation as one hand-written statement returning per-school rows. */
const handWritten = (cycleId: number, minCohort: number) => `
with fit as (
  select regr_intercept(outcome_score, intake_score) a, regr_slope(outcome_score, intake_score) b,
         sqrt((regr_syy(outcome_score, intake_score) - regr_sxy(outcome_score, intake_score)^2 / regr_sxx(outcome_score, intake_score))
              / (regr_count(outcome_score, intake_score) - 2)) sd
  from student_scores where cycle_id = ${cycleId}
), est as (
  select school_id, count(*) n, avg(intake_score) xm, avg(outcome_score) ym,
         avg(outcome_score) - (min(f.a) + min(f.b) * avg(intake_score)) va, min(f.sd) / sqrt(count(*)) se
  from student_scores, fit f where cycle_id = ${cycleId} group by school_id
), ci as (select *, va - 1.96 * se lo, va + 1.96 * se hi, n >= ${minCohort} shown from est)
select school_id, n, xm, ym, va, se, lo, hi, va / se growth,
       case when not shown then 'SUPPRESSED' when lo > 0 then 'ABOVE' when hi < 0 then 'BELOW' else 'AVERAGE' end band,
       case when shown then rank() over (partition by shown order by va desc) end rnk,
       case when shown then 1 + (select count(*) from ci o where o.shown and o.lo > c.hi) end best,
       case when shown then (select count(*) from ci o where o.shown) - (select count(*) from ci o where o.shown and o.hi < c.lo) end worst
from ci c`;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const name = `edugov_bench_${randomBytes(4).toString('hex')}`;
  const admin = postgres(ADMIN, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(ADMIN);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), poolSize: 4, statementTimeoutMs: 600_000 });
  const raw = postgres(url.toString(), { max: 1, onnotice: () => {} });
  try {
    await migrateDatabase(database);
    const ctx: Context = {
      db: database.db,
      viewer: systemViewer('bench'),
      requestId: 'bench',
      log: pino({ level: 'silent' }),
      limits: { maxBatchRows: 5000 },
    };
    for (const step of organisationSteps(20261123).slice(0, 2)) await step.run(ctx);
    const cycle = await createEvaluationCycle(ctx, {
      regionCode: '430700',
      year: 2026,
      stage: 'SENIOR',
      name: '基准测试',
      intakeMin: 0,
      intakeMax: 720,
      outcomeMin: 0,
      outcomeMax: 750,
    });
    const t0 = performance.now();
    // Students spread evenly over every school of the city (~300 schools, ~3,300 each).
    await raw.unsafe(`
      insert into student_scores (cycle_id, student_key, school_id, county_code, cohort, intake_score, outcome_score)
      select ${cycle.id}, 'B' || g, s.id, s.county_code, '2023级', x, least(750, greatest(0, 95 + 0.82 * x + (s.id % 21) - 10 + 38 * z))
      from generate_series(1, ${STUDENTS}) g
      join (select id, county_code, (row_number() over (order by id) - 1)::int k, count(*) over () total from schools) s
        on s.k = g % s.total,
      lateral (select least(720, greatest(200, 520 + 55 * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()))) x,
                      sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) + g * 0 z) r`);
    await raw.unsafe(`analyze student_scores`);
    const [{ n, schools }] = await raw.unsafe(
      `select count(*)::int n, count(distinct school_id)::int schools from student_scores`,
    );
    console.log(`setup: ${n} students in ${schools} schools, ${Math.round(performance.now() - t0)} ms (not timed)`);

    const service: number[] = [];
    const reference: number[] = [];
    for (let i = 0; i <= RUNS; i++) {
      // Alternate so that caching and background load affect both sides alike.
      let t = performance.now();
      await computeValueAdded(ctx, { cycleId: cycle.id });
      if (i > 0) service.push(performance.now() - t);
      t = performance.now();
      const rows = await raw.unsafe(handWritten(cycle.id, 10));
      if (i > 0) reference.push(performance.now() - t);
      if (rows.length !== schools) throw new Error(`reference returned ${rows.length} rows`);
    }
    const s = median(service);
    const r = median(reference);
    console.log(
      `computeValueAdded (service, ${STUDENTS.toLocaleString('en')} students): median ${s.toFixed(0)} ms  runs ${service.map((x) => x.toFixed(0)).join(', ')}`,
    );
    console.log(
      `hand-written single SQL statement:                median ${r.toFixed(0)} ms  runs ${reference.map((x) => x.toFixed(0)).join(', ')}`,
    );
    console.log(`ratio service / hand-written: ${(s / r).toFixed(2)}×  (targets: ≤ 2000 ms and ≤ 1.5×)`);
    const check = await database.db.execute(
      sql`select count(*)::int as n from value_added_results where cycle_id = ${cycle.id}`,
    );
    console.log(`stored result rows: ${JSON.stringify(Array.isArray(check) ? check[0] : (check as any).rows[0])}`);
  } finally {
    await raw.end();
    await database.close();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
