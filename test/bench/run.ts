/**
 * `npm run bench` — edugov against PostGraphile 5 and the hand-written limit on the same
 * PostgreSQL data, plus bulk upsert vs COPY and cold start; `-- --smoke` runs a reduced size
 * (CI) and does not write BENCHMARKS.md. Requires PostgreSQL at 127.0.0.1:5432 (BENCH_DATABASE_URL).
 */
import { execSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { signUserToken } from '../../schema/domains/access/tokens.js';
import { BENCH_SECRET, bulkUpsert } from './bulk.js';
import { createBenchDatabase, FULL, SMOKE } from './dataset.js';
import { startServer, type RunningServer } from './servers.js';
import { startWireCounter } from './wireCounter.js';

const smoke = process.argv.includes('--smoke');
const size = smoke ? SMOKE : FULL;
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const CONCURRENCY = smoke ? [1, 4] : [1, 16, 64];
const DURATION = smoke ? 2 : 10;
const WARMUP = smoke ? 1 : 3;
const SECRET = BENCH_SECRET;
const PAGE = { schools: 50, teachers: 20 };

const EDUGOV_QUERY = `query($city: String!, $schools: Int!, $teachers: Int!) { regions(parentCode: $city, level: COUNTY, first: 100) { nodes { code name schools(first: $schools) { nodes { code name teachers(first: $teachers) { nodes { name backboneLevel activeExchangeCount } } } } } } }`;
const PG_QUERY = `query($city: String!, $schools: Int!, $teachers: Int!) { allRegions(condition: { parentCode: $city }, orderBy: CODE_ASC) { nodes { code name schoolsByCountyCode(first: $schools, orderBy: CODE_ASC) { nodes { code name teachersBySchoolId(first: $teachers, orderBy: [NAME_ASC, PRIMARY_KEY_ASC]) { nodes { name backboneLevel activeExchanges: exchangeAssignmentsByTeacherId(condition: { status: ACTIVE }) { totalCount } } } } } } } }`;

interface LoadFigure {
  concurrency: number;
  rps: number;
  p50: number;
  p99: number;
  failed: number;
  /** Server CPU time (all its threads) per completed request during the measured window. */
  cpuMsPerRequest: number;
}

function log(msg: string) {
  process.stderr.write(`[bench] ${msg}\n`);
}

async function post(url: string, body: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return { status: res.status, json: (await res.json()) as any };
}

async function load(server: RunningServer, body: string, headers: Record<string, string>): Promise<LoadFigure[]> {
  const figures: LoadFigure[] = [];
  for (const connections of CONCURRENCY) {
    const options = { url: server.url, method: 'POST' as const, headers: { 'content-type': 'application/json', ...headers }, body, connections, timeout: 60 };
    await autocannon({ ...options, duration: WARMUP });
    const cpuBefore = server.cpuMs();
    const r = await autocannon({ ...options, duration: DURATION });
    const cpuMsPerRequest = r.requests.total > 0 ? (server.cpuMs() - cpuBefore) / r.requests.total : NaN;
    // Failures are figures too: a server that times out under load shows it in the table.
    figures.push({ concurrency: connections, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, failed: r.non2xx + r.errors + r.timeouts, cpuMsPerRequest });
    log(`${server.name} c=${connections}: ${r.requests.average.toFixed(1)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, ${r.non2xx + r.errors + r.timeouts} failed, ${cpuMsPerRequest.toFixed(0)} ms CPU per request`);
  }
  return figures;
}

async function statementsPerRequest(counter: { statements(): number }, server: RunningServer, body: string, headers: Record<string, string>) {
  const before = counter.statements();
  const n = 10;
  for (let i = 0; i < n; i++) await post(server.url, body, headers);
  return (counter.statements() - before) / n;
}

async function coldStart() {
  const dir = mkdtempSync(join(tmpdir(), 'edugov-cold-'));
  const port = 4700 + Math.floor(Math.random() * 200);
  const t0 = performance.now();
  const child = spawn('npm', ['start'], { env: { ...process.env, EDUGOV_DATA_DIR: dir, PORT: String(port), LOG_LEVEL: 'warn' }, stdio: 'ignore', detached: true });
  try {
    for (;;) {
      try {
        const r = await post(`http://127.0.0.1:${port}/graphql`, JSON.stringify({ query: '{ region(code: "430700") { name } }' }));
        if (r.json?.data?.region?.name) break;
      } catch {
        /* starting */
      }
      if (performance.now() - t0 > 180_000) throw new Error('cold start did not answer within 180 s');
      await new Promise((r) => setTimeout(r, 100));
    }
    return (performance.now() - t0) / 1000;
  } finally {
    process.kill(-child.pid!, 'SIGTERM');
    await new Promise((r) => setTimeout(r, 1500));
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs a domain's own benchmark script (positional size arguments, then the admin URL). */
function runDomainBench(script: string, sizes: number[]): string | null {
  const path = new URL(script, import.meta.url).pathname;
  if (!existsSync(path)) return null;
  log(`running ${script} ${sizes.join(' ')}`);
  return execSync(`${process.execPath} --import tsx ${path} ${sizes.join(' ')} ${adminUrl}`, {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, RUNS: smoke ? '1' : '3' },
  });
}

const fmt = (n: number, d = 1) => n.toFixed(d);

async function main() {
  log(`${smoke ? 'smoke' : 'full'} run: ${size.counties} counties, ${size.schools} schools, ${size.teachers} teachers`);
  const db = await createBenchDatabase(adminUrl, size);
  const servers: RunningServer[] = [];
  try {
    const pgTarget = { host: new URL(adminUrl).hostname, port: Number(new URL(adminUrl).port || 5432) };
    const counters = await Promise.all([0, 1, 2].map(() => startWireCounter(pgTarget)));
    const via = (i: number) => {
      const u = new URL(db.url);
      u.port = String(counters[i].port);
      u.hostname = '127.0.0.1';
      return u.toString();
    };
    const basePort = 4900 + Math.floor(Math.random() * 50) * 3;
    const edugov = await startServer('edugov', ['server/launch.mjs'], { DATABASE_URL: via(0), NODE_ENV: 'production', EDUGOV_JWT_SECRET: SECRET, EDUGOV_DEMO_DATA: 'false', LOG_LEVEL: 'warn', DATABASE_POOL_SIZE: '10', EDUGOV_RATE_LIMIT: 'false', EDUGOV_TRUSTED_DOCUMENTS: 'off' }, basePort, '{ __typename }');
    servers.push(edugov);
    const pgl = await startServer('postgraphile', ['--import', './test/bench/polyfill.mjs', 'test/bench/postgraphileServer.mjs'], { DATABASE_URL: via(1), NODE_ENV: 'production' }, basePort + 1, '{ __typename }');
    servers.push(pgl);
    const limit = await startServer('limit', ['--import', 'tsx', 'test/bench/limitServer.ts'], { DATABASE_URL: via(2) }, basePort + 2, '{}');
    servers.push(limit);

    const variables = { city: '439900', ...PAGE };
    const portal = await signUserToken(SECRET, 'edugov', { subject: 'bench-portal', role: 'PORTAL', regionCode: '439900', ttl: '2h' });
    const auth = { authorization: `Bearer ${portal}` };
    const bodies = {
      edugov: JSON.stringify({ query: EDUGOV_QUERY, variables }),
      postgraphile: JSON.stringify({ query: PG_QUERY, variables }),
      limit: JSON.stringify({ variables }),
    };

    // Same answer from all three (PostGraphile's field names differ: compare the content).
    const a = (await post(edugov.url, bodies.edugov, auth)).json;
    const b = (await post(pgl.url, bodies.postgraphile)).json;
    if (!b.data) throw new Error(`postgraphile: ${JSON.stringify(b).slice(0, 1500)}`);
    const c = (await post(limit.url, bodies.limit)).json;
    const shape = (counties: any[], s: string, t: string) =>
      JSON.stringify(counties.map((x) => [x.code, x[s].nodes.map((y: any) => [y.code, y[t].nodes.map((z: any) => [z.name, z.backboneLevel, z.activeExchangeCount ?? z.activeExchanges.totalCount])])]));
    const ea = shape(a.data.regions.nodes, 'schools', 'teachers');
    if (ea !== shape(b.data.allRegions.nodes, 'schoolsByCountyCode', 'teachersBySchoolId') || ea !== shape(c.data.regions.nodes, 'schools', 'teachers')) {
      throw new Error('the three servers disagree on the nested page');
    }
    const teacherObjects = a.data.regions.nodes.reduce((n: number, x: any) => n + x.schools.nodes.reduce((m: number, y: any) => m + y.teachers.nodes.length, 0), 0);
    const bytes = Buffer.byteLength(JSON.stringify(a));
    log(`nested page: ${teacherObjects} teacher objects, ${Math.round(bytes / 1024)} KB; all three servers agree`);

    const statements = {
      edugov: await statementsPerRequest(counters[0], edugov, bodies.edugov, auth),
      postgraphile: await statementsPerRequest(counters[1], pgl, bodies.postgraphile, {}),
      limit: await statementsPerRequest(counters[2], limit, bodies.limit, {}),
    };
    const small = JSON.stringify({ query: EDUGOV_QUERY, variables: { city: '439900', schools: 2, teachers: 2 } });
    const statementsSmall = await statementsPerRequest(counters[0], edugov, small, auth);
    log(`statements per request: ${JSON.stringify(statements)}; edugov with first 2/2: ${statementsSmall}`);

    const nested = {
      edugov: await load(edugov, bodies.edugov, auth),
      postgraphile: await load(pgl, bodies.postgraphile, {}),
      limit: await load(limit, bodies.limit, {}),
    };
    const rss = { edugov: edugov.peakRssMb(), postgraphile: pgl.peakRssMb(), limit: limit.peakRssMb() };

    const bulk = await bulkUpsert(edugov.url, db.url, smoke ? 2000 : 100_000);
    log(`bulk upsert: SDK ${fmt(bulk.sdkRowsPerSec, 0)} rows/s, COPY ${fmt(bulk.copyRowsPerSec, 0)} rows/s`);
    for (const s of servers) await s.stop();
    servers.length = 0;
    for (const c2 of counters) await c2.close();

    const cold = await coldStart();
    log(`cold start: ${fmt(cold, 2)} s`);
    const valueAdded = runDomainBench('./valueAdded.ts', smoke ? [20_000] : [1_000_000]);
    const autoMatch = runDomainBench('./autoMatch.ts', smoke ? [300, 600] : [10_000, 20_000]);

    const report = renderReport({ nested, statements, statementsSmall, rss, bulk, cold, teacherObjects, bytes, valueAdded, autoMatch });
    process.stdout.write(report);
    if (!smoke) writeFileSync(BENCHMARKS_FILE, report + keptEvidence());
  } finally {
    for (const s of servers) await s.stop();
    await db.drop();
  }
}

const BENCHMARKS_FILE = new URL('../../BENCHMARKS.md', import.meta.url);
/** Below this line BENCHMARKS.md is written by hand (profiles, what was tried) and kept across runs. */
const EVIDENCE_MARKER = '<!-- Written by hand below this line; npm run bench keeps it. -->';

function keptEvidence(): string {
  const old = existsSync(BENCHMARKS_FILE) ? readFileSync(BENCHMARKS_FILE, 'utf8') : '';
  const at = old.indexOf(EVIDENCE_MARKER);
  return `\n${EVIDENCE_MARKER}\n${at >= 0 ? old.slice(at + EVIDENCE_MARKER.length).replace(/^\n/, '') : ''}`;
}

/** A figure printed by a domain script, e.g. "median 338 ms" after a label. */
function figureIn(text: string | null, pattern: RegExp): number | null {
  const m = text ? pattern.exec(text) : null;
  return m ? Number(m[1].replace(/,/g, '')) : null;
}

function targetsTable(r: any): string {
  const levels = CONCURRENCY.map((c) => {
    const [e, p, l] = (['edugov', 'postgraphile', 'limit'] as const).map((k) => r.nested[k].find((f: LoadFigure) => f.concurrency === c) as LoadFigure);
    return { c, vsPgl: e.rps / p.rps, vsLimit: e.rps / l.rps };
  });
  const vaMs = figureIn(r.valueAdded, /computeValueAdded[^\n]*median ([\d,]+) ms/);
  const vaRatio = figureIn(r.valueAdded, /ratio service \/ hand-written: ([\d.]+)/);
  const amMs = figureIn(r.autoMatch, /service \(median of \d+\):\s+([\d,]+) ms/);
  const yes = (ok: boolean | null) => (ok === null ? 'not measured' : ok ? 'yes' : '**no**');
  const rows: [string, string, boolean | null][] = [
    ['nested query ≥ 1.0× PostGraphile at every concurrency', levels.map((x) => `${fmt(x.vsPgl, 2)}× at c=${x.c}`).join(', '), levels.every((x) => x.vsPgl >= 1)],
    ['nested query ≥ 0.5× the limit at every concurrency', levels.map((x) => `${fmt(x.vsLimit, 2)}× at c=${x.c}`).join(', '), levels.every((x) => x.vsLimit >= 0.5)],
    ['≤ 2 SQL statements per nested request, whatever the page sizes', `${r.statements.edugov} (first 2/2: ${r.statementsSmall})`, Math.max(r.statements.edugov, r.statementsSmall) <= 2],
    ['value added ≤ 2 s and ≤ 1.5× the hand-written SQL', vaMs === null ? '—' : `${vaMs} ms, ${vaRatio}×`, vaMs === null ? null : vaMs <= 2000 && (vaRatio ?? Infinity) <= 1.5],
    ['bulk upsert ≥ 20,000 rows/s', `${fmt(r.bulk.sdkRowsPerSec, 0)} rows/s (${fmt(r.bulk.sdkRowsPerSec / r.bulk.copyRowsPerSec, 2)}× COPY)`, r.bulk.sdkRowsPerSec >= 20_000],
    ['autoMatchRequests 10,000 × 20,000 ≤ 2 s', amMs === null ? '—' : `${amMs} ms`, amMs === null ? null : amMs <= 2000],
    ['cold start ≤ 10 s', `${fmt(r.cold, 2)} s`, r.cold <= 10],
    ['server RSS ≤ 250 MB under load', `${r.rss.edugov} MB`, r.rss.edugov <= 250],
  ];
  return ['| target | figure | met |', '| --- | --- | --- |', ...rows.map(([t, f, ok]) => `| ${t} | ${f} | ${yes(ok)} |`)].join('\n');
}

function machine() {
  const pg = execSync(`psql "${adminUrl}" -Atc "show server_version"`, { encoding: 'utf8' }).trim();
  return `${cpus().length} cores (${cpus()[0]?.model.trim()}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, PostgreSQL ${pg}`;
}

function renderReport(r: any): string {
  const row = (c: number) => {
    const [e, p, l] = (['edugov', 'postgraphile', 'limit'] as const).map((k) => r.nested[k].find((f: LoadFigure) => f.concurrency === c) as LoadFigure);
    const f = (x: LoadFigure) => `${fmt(x.rps)} (p50 ${x.p50} / p99 ${x.p99} ms${x.failed ? `, ${x.failed} failed` : ''})`;
    return `| ${c} | ${f(e)} | ${f(p)} | ${f(l)} | ${fmt(e.rps / p.rps, 2)}× | ${fmt(e.rps / l.rps, 2)}× |`;
  };
  return `# Benchmarks

${smoke ? '**Smoke run (reduced size) — not a record.**\n\n' : ''}Run: ${new Date().toISOString().slice(0, 10)} · ${machine()}
Command: \`npm run bench${smoke ? ' -- --smoke' : ''}\` (PostgreSQL at 127.0.0.1:5432; the script creates and drops its own database)

Data: one city, ${size.counties} counties, ${size.schools} schools, ${size.teachers} teachers, generated in PostgreSQL.
All servers run in their own process against the same database through a statement-counting proxy,
pool of 10; load from autocannon in the benchmark process, ${WARMUP} s warm-up then ${DURATION} s per level.

## Nested portal query

counties → schools(first: ${PAGE.schools}) → teachers(first: ${PAGE.teachers}) { name backboneLevel activeExchangeCount }:
${r.teacherObjects} teacher objects, ${Math.round(r.bytes / 1024)} KB of JSON; all three servers return the same content.

| concurrency | edugov req/s | PostGraphile 5 req/s | limit (hand-written SQL) req/s | edugov / PostGraphile | edugov / limit |
| --- | --- | --- | --- | --- | --- |
${CONCURRENCY.map(row).join('\n')}

| | edugov | PostGraphile 5 | limit |
| --- | --- | --- | --- |
| SQL statements per request (at the wire) | ${r.statements.edugov} (first 2/2: ${r.statementsSmall}) | ${r.statements.postgraphile} | ${r.statements.limit} |
| peak server RSS under load | ${r.rss.edugov} MB | ${r.rss.postgraphile} MB | ${r.rss.limit} MB |
${CONCURRENCY.map((c) => `| server CPU per request, c=${c} | ${(['edugov', 'postgraphile', 'limit'] as const).map((k) => `${fmt(r.nested[k].find((f: LoadFigure) => f.concurrency === c).cpuMsPerRequest, 0)} ms`).join(' | ')} |`).join('\n')}

## Bulk upsert

${r.bulk.rows} teachers through the SDK (\`upsertTeachers\`, batches of 5,000, validated, audited) vs PostgreSQL COPY of the same rows into the same table, 5,000 rows of each in turn:

| edugov SDK rows/s | COPY rows/s | edugov / COPY |
| --- | --- | --- |
| ${fmt(r.bulk.sdkRowsPerSec, 0)} | ${fmt(r.bulk.copyRowsPerSec, 0)} | ${fmt(r.bulk.sdkRowsPerSec / r.bulk.copyRowsPerSec, 3)}× |

## Cold start

\`npm start\` on a fresh embedded database (migrations + all demo data) until the first query answers: **${fmt(r.cold, 2)} s**.

## Value added (computeValueAdded)

${r.valueAdded ? '```\n' + r.valueAdded.trim() + '\n```' : 'Not measured: the evaluation domain’s benchmark script is not present.'}

## Auto-matching (autoMatchRequests)

${r.autoMatch ? '```\n' + r.autoMatch.trim() + '\n```' : 'Not measured: the pools domain’s benchmark script is not present.'}

## Targets

${targetsTable(r)}
`;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
