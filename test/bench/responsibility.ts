/**
 * Benchmark of the responsibility domain on the local PostgreSQL (creates and drops its own
 * database). Run: npx tsx test/bench/responsibility.ts [tasks=20000] [iterations=200]
 *
 * Measures, over HTTP through the real server (NODE_ENV=test, one request at a time):
 *   - reference: `{ region(code) { name } }` — the cheapest round trip the API serves;
 *   - the matrix view of the published list (items × levels);
 *   - rectificationTasks filtered by warning colour (the rule computed in SQL) vs the same page
 *     filtered by status only (same index path, no warning expression);
 * and in process: whoLeads (one SQL statement) vs `select 1`.
 * Prints median and mean milliseconds, requests per second, and each ratio to its reference.
 */
process.env.TEST_DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/postgres';
const { createTestDb, startTestServer, token, DEMO } = await import('../harness.js');
const { whoLeads } = await import('../../schema/domains/responsibility/leads.js');
const { sql } = await import('drizzle-orm');

const TASKS = Number(process.argv[2] ?? 20_000);
const N = Number(process.argv[3] ?? 200);

const started = performance.now();
const testDb = await createTestDb({ seed: true });
// The cost-based rate limit would throttle a sequential benchmark; it is measured elsewhere.
const server = await startTestServer({ db: testDb, env: { NODE_ENV: 'production', EDUGOV_RATE_LIMIT: 'false' } });
const db = testDb.database.db;
console.log(`database seeded in ${Math.round(performance.now() - started)} ms`);

// Bulk tasks straight in SQL (volume only; the services are exercised by the tests): spread
// over counties, items and schedules so every colour is present.
await db.execute(sql`
  insert into rectification_tasks (item_id, item_key, region_code, title, acceptance_standard, start_date, deadline, progress, created_by)
  select i.id, i.key, c.code, '基准任务 ' || g, '验收标准',
         date '2026-01-01' + (g % 200), date '2026-01-01' + (g % 200) + 30 + (g % 400), g % 101, 'bench'
  from generate_series(1, ${TASKS}) g
  join lateral (select id, key from responsibility_items where list_id = (select id from responsibility_lists where status = 'PUBLISHED' and region_code = '430700') order by id offset (g % 30) limit 1) i on true
  join lateral (select code from regions where code like '4307%' and level = 'COUNTY' order by code offset (g % 9) limit 1) c on true`);
await db.execute(sql`analyze rectification_tasks`);
const counts: any = await db.execute(sql`select count(*)::int n from rectification_tasks`);
console.log(`rectification tasks: ${(counts.rows ?? counts)[0].n}`);

const city = await token({ role: 'CITY_ADMIN', regionCode: DEMO.city });
const listRes = await server.gql(`{ currentResponsibilityList(regionCode: "430700") { id itemCount } }`, {}, city);
const listId = listRes.body.data.currentResponsibilityList.id;

async function time(label: string, fn: () => Promise<unknown>) {
  for (let i = 0; i < Math.min(20, N); i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < N; i++) {
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

const results = [];
const reference = await time('reference: region(code) { name }', gql(`{ region(code: "430721") { name } }`));
results.push([reference, null]);
results.push([
  await time(
    'matrix of the published list',
    gql(
      `query($id: ID!) { responsibilityList(id: $id) { matrix { levels rows { key domain title city county school lead } } } }`,
      { id: listId },
    ),
  ),
  reference,
]);
results.push([
  await time(
    'list with items + assignments + problems',
    gql(
      `query($id: ID!) { responsibilityList(id: $id) { items { key title lead assignments { level role } } problems { kind itemKey } } }`,
      { id: listId },
    ),
  ),
  reference,
]);
const plain = await time(
  'rectificationTasks(status: IN_PROGRESS) first 50 + totalCount',
  gql(
    `{ rectificationTasks(first: 50, filter: { status: [IN_PROGRESS] }) { totalCount nodes { title deadline progress } } }`,
  ),
);
results.push([plain, reference]);
results.push([
  await time(
    'rectificationTasks(warning: RED) first 50 + totalCount',
    gql(
      `{ rectificationTasks(first: 50, filter: { warning: [RED] }) { totalCount nodes { title deadline progress warning } } }`,
    ),
  ),
  plain,
]);
results.push([
  await time(
    'rectificationTasks(warning: YELLOW, region) first 50 + totalCount',
    gql(
      `{ rectificationTasks(first: 50, filter: { warning: [YELLOW], regionCode: "430721" }) { totalCount nodes { title warning } } }`,
    ),
  ),
  plain,
]);
const select1 = await time('in process: select 1', () => db.execute(sql`select 1`));
results.push([select1, null]);
results.push([
  await time('in process: whoLeads(430721, EXCHANGE.CROSS_COUNTY)', () =>
    whoLeads(db, '430721', 'EXCHANGE.CROSS_COUNTY'),
  ),
  select1,
]);

console.log(`\n${N} sequential iterations each (after warm-up), PostgreSQL 15 local, NODE_ENV=production`);
console.log('| measurement | median ms | mean ms | req/s | ratio (mean) to reference |');
console.log('|---|---|---|---|---|');
for (const [r, ref] of results as [Awaited<ReturnType<typeof time>>, Awaited<ReturnType<typeof time>> | null][]) {
  const ratio = ref ? `${(r.mean / ref.mean).toFixed(2)}× “${ref.label}”` : 'reference';
  console.log(`| ${r.label} | ${r.median.toFixed(2)} | ${r.mean.toFixed(2)} | ${r.rps.toFixed(0)} | ${ratio} |`);
}
await server.close();
