/**
 * `npm run bench` — edugov against PostGraphile 5 and the hand-written limit on the same
 * PostgreSQL data (the heavy nested page, the light page, the mix of common portal reads,
 * single-row writes), plus bulk upsert vs COPY and cold start; `-- --smoke` runs a reduced size
 * (CI) and does not write BENCHMARKS.md. `-- --only=light,mix,writes` runs some parts only
 * (parts: nested, light, mix, writes, bulk, cold, domains) and does not write BENCHMARKS.md
 * either. Requires PostgreSQL at 127.0.0.1:5432 (BENCH_DATABASE_URL).
 */
import { execSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import postgres from 'postgres';
import { signUserToken } from '../../schema/domains/access/tokens.js';
import { BENCH_SECRET, bulkUpsert } from './bulk.js';
import { createBenchDatabase, FULL, SMOKE } from './dataset.js';
import { startServer, type RunningServer } from './servers.js';
import {
  LIGHT_PAGE,
  MIX,
  READS,
  writeFailed,
  writeRequest,
  writeTarget,
  type Ids,
  type Read,
  type Request,
  type ServerName,
} from './portalReads.js';
import { startWireCounter, type WireCounter } from './wireCounter.js';

const smoke = process.argv.includes('--smoke');
const size = smoke ? SMOKE : FULL;
const root = new URL('../../', import.meta.url).pathname;
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const CONCURRENCY = smoke ? [1, 4] : [1, 16, 64];
const DURATION = smoke ? 2 : 10;
const WARMUP = smoke ? 1 : 3;
const SECRET = BENCH_SECRET;
const PAGE = { schools: 50, teachers: 20 };
/** Concurrency levels of the light page, the mix and the writes (their targets name c = 1 and 16). */
const LIGHT_LEVELS = smoke ? [1, 4] : [1, 16];
const LIGHT_DURATION = smoke ? 1 : DURATION;
/** Sequential requests per read for its latency and statement count. */
const SEQUENTIAL = smoke ? 5 : 50;
const onlyArg = process.argv.find((a) => a.startsWith('--only='));
const only = onlyArg ? new Set(onlyArg.slice('--only='.length).split(',')) : null;
const runs = (part: string) => !only || only.has(part);
const SERVERS = ['edugov', 'postgraphile', 'limit'] as const;

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

/** What one load test sends: one body, several in turn (per connection), or a new body per request (writes). */
interface LoadSpec {
  body?: string;
  bodies?: string[];
  make?: (k: number) => string;
  /** Counts a 200 answer as failed (writes: GraphQL or payload errors). */
  failed?: (body: string) => boolean;
  levels?: number[];
  duration?: number;
  label?: string;
}

async function load(
  server: RunningServer,
  spec: LoadSpec | string,
  headers: Record<string, string>,
): Promise<LoadFigure[]> {
  const s: LoadSpec = typeof spec === 'string' ? { body: spec } : spec;
  const figures: LoadFigure[] = [];
  let k = 0;
  let bad = 0;
  const requests = s.bodies
    ? s.bodies.map((body) => ({ method: 'POST' as const, body }))
    : s.make
      ? [
          {
            method: 'POST' as const,
            setupRequest: (req: any) => ({ ...req, body: s.make!(k++) }),
            ...(s.failed
              ? { onResponse: (status: number, body: string) => void (status === 200 && s.failed!(body) && bad++) }
              : {}),
          },
        ]
      : undefined;
  for (const connections of s.levels ?? CONCURRENCY) {
    const options = {
      url: server.url,
      method: 'POST' as const,
      headers: { 'content-type': 'application/json', ...headers },
      body: s.body,
      requests,
      connections,
      timeout: 60,
    };
    await autocannon({ ...options, duration: WARMUP } as autocannon.Options);
    const cpuBefore = server.cpuMs();
    bad = 0;
    const r = await autocannon({ ...options, duration: s.duration ?? DURATION } as autocannon.Options);
    const cpuMsPerRequest = r.requests.total > 0 ? (server.cpuMs() - cpuBefore) / r.requests.total : NaN;
    // Failures are figures too: a server that times out under load shows it in the table.
    const failed = r.non2xx + r.errors + r.timeouts + bad;
    figures.push({
      concurrency: connections,
      rps: r.requests.average,
      p50: r.latency.p50,
      p99: r.latency.p99,
      failed,
      cpuMsPerRequest,
    });
    log(
      `${s.label ? `${s.label}: ` : ''}${server.name} c=${connections}: ${r.requests.average.toFixed(1)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, ${failed} failed, ${cpuMsPerRequest.toFixed(1)} ms CPU per request`,
    );
  }
  return figures;
}

/** Median latency of sequential requests and SQL statements per request at the wire. */
async function sequential(counter: WireCounter, server: RunningServer, body: string, headers: Record<string, string>) {
  const before = counter.statements();
  const times: number[] = [];
  for (let i = 0; i < SEQUENTIAL; i++) {
    const t0 = performance.now();
    await post(server.url, body, headers);
    times.push(performance.now() - t0);
  }
  times.sort((x, y) => x - y);
  return { medianMs: times[Math.floor(times.length / 2)], statements: (counter.statements() - before) / SEQUENTIAL };
}

type Figures = Record<ServerName, LoadFigure[]>;
type PerServer<T> = Record<ServerName, T>;
const bodyOf = (r: Request) =>
  JSON.stringify(r.op ? { op: r.op, variables: r.variables } : { query: r.query, variables: r.variables });

async function statementsPerRequest(
  counter: { statements(): number },
  server: RunningServer,
  body: string,
  headers: Record<string, string>,
) {
  const before = counter.statements();
  const n = 10;
  for (let i = 0; i < n; i++) await post(server.url, body, headers);
  return (counter.statements() - before) / n;
}

/**
 * `npm start` on a fresh embedded data folder until the first query answers, as a user's first
 * start after `npm install`: the install's templates (server/embedded/prepare.ts) are made for
 * this build first. Measured on an idle machine and with every core kept busy by a spinning
 * process, the issue's condition for the target.
 */
async function coldStarts(): Promise<{ idle: number; busy: number }> {
  execSync(`${process.execPath} --import tsx server/embedded/prepare.ts`, { cwd: root, stdio: 'ignore' });
  const idle = await coldStart();
  const spinners = cpus().map(() => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
  try {
    return { idle, busy: await coldStart() };
  } finally {
    for (const s of spinners) s.kill('SIGKILL');
  }
}

async function coldStart() {
  const dir = mkdtempSync(join(tmpdir(), 'edugov-cold-'));
  const port = 4700 + Math.floor(Math.random() * 200);
  const t0 = performance.now();
  const child = spawn('npm', ['start'], {
    cwd: root,
    env: { ...process.env, EDUGOV_DATA_DIR: dir, PORT: String(port), LOG_LEVEL: 'warn' },
    stdio: 'ignore',
    detached: true,
  });
  try {
    for (;;) {
      try {
        const r = await post(
          `http://127.0.0.1:${port}/graphql`,
          JSON.stringify({ query: '{ region(code: "430700") { name } }' }),
        );
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

/** The records the reads name: a county of the generated city, its first school and teacher; the demo city's. */
async function lookUpIds(url: string): Promise<Ids> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const county = '439901';
    const [school] = await sql`select code from schools where county_code = ${county} order by code limit 1`;
    const [teacher] = await sql`select staff_no from teachers where county_code = ${county} order by staff_no limit 1`;
    const [facts] = await sql`select max(year)::int as year from school_year_facts`;
    return {
      city: '439900',
      county,
      schoolCode: school.code,
      staffNo: teacher.staff_no,
      demoCity: '430700',
      demoCounty: '430725',
      balanceYear: facts?.year ?? 2026,
    };
  } finally {
    await sql.end();
  }
}

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
    // The load stands for many portal users but carries one token from one address: the
    // per-caller share (half the execution gate by default) would hold it to 4 at a time.
    const edugov = await startServer(
      'edugov',
      ['server/launch.mjs'],
      {
        DATABASE_URL: via(0),
        NODE_ENV: 'production',
        EDUGOV_JWT_SECRET: SECRET,
        EDUGOV_DEMO_DATA: 'false',
        LOG_LEVEL: 'warn',
        DATABASE_POOL_SIZE: '10',
        EDUGOV_RATE_LIMIT: 'false',
        EDUGOV_TRUSTED_DOCUMENTS: 'off',
        EDUGOV_MAX_CONCURRENT_PER_CALLER: '8',
      },
      basePort,
      '{ __typename }',
    );
    servers.push(edugov);
    const pgl = await startServer(
      'postgraphile',
      ['--import', './test/bench/polyfill.mjs', 'test/bench/postgraphileServer.mjs'],
      { DATABASE_URL: via(1), NODE_ENV: 'production' },
      basePort + 1,
      '{ __typename }',
    );
    servers.push(pgl);
    const limit = await startServer(
      'limit',
      ['--import', 'tsx', 'test/bench/limitServer.ts'],
      { DATABASE_URL: via(2) },
      basePort + 2,
      '{}',
    );
    servers.push(limit);

    const servers3: PerServer<RunningServer> = { edugov, postgraphile: pgl, limit };
    const counter3: PerServer<WireCounter> = { edugov: counters[0], postgraphile: counters[1], limit: counters[2] };
    const peakRss = () => ({ edugov: edugov.peakRssMb(), postgraphile: pgl.peakRssMb(), limit: limit.peakRssMb() });
    const resetRss = () => {
      for (const k of SERVERS) servers3[k].resetPeakRss();
    };
    const variables = { city: '439900', ...PAGE };
    const portal = await signUserToken(SECRET, 'edugov', {
      subject: 'bench-portal',
      role: 'PORTAL',
      regionCode: '439900',
      ttl: '2h',
    });
    const auth = { authorization: `Bearer ${portal}` };
    const bodies = {
      edugov: JSON.stringify({ query: EDUGOV_QUERY, variables }),
      postgraphile: JSON.stringify({ query: PG_QUERY, variables }),
      limit: JSON.stringify({ variables }),
    };

    let nestedResult: any = null;
    if (runs('nested')) {
      // Same answer from all three (PostGraphile's field names differ: compare the content).
      const a = (await post(edugov.url, bodies.edugov, auth)).json;
      const b = (await post(pgl.url, bodies.postgraphile)).json;
      if (!b.data) throw new Error(`postgraphile: ${JSON.stringify(b).slice(0, 1500)}`);
      const c = (await post(limit.url, bodies.limit)).json;
      const shape = (counties: any[], s: string, t: string) =>
        JSON.stringify(
          counties.map((x) => [
            x.code,
            x[s].nodes.map((y: any) => [
              y.code,
              y[t].nodes.map((z: any) => [
                z.name,
                z.backboneLevel,
                z.activeExchangeCount ?? z.activeExchanges.totalCount,
              ]),
            ]),
          ]),
        );
      const ea = shape(a.data.regions.nodes, 'schools', 'teachers');
      if (
        ea !== shape(b.data.allRegions.nodes, 'schoolsByCountyCode', 'teachersBySchoolId') ||
        ea !== shape(c.data.regions.nodes, 'schools', 'teachers')
      ) {
        throw new Error('the three servers disagree on the nested page');
      }
      const teacherObjects = a.data.regions.nodes.reduce(
        (n: number, x: any) => n + x.schools.nodes.reduce((m: number, y: any) => m + y.teachers.nodes.length, 0),
        0,
      );
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
      nestedResult = { nested, statements, statementsSmall, rss, teacherObjects, bytes };
    }

    const ids = await lookUpIds(db.url);
    const demoPortal = await signUserToken(SECRET, 'edugov', {
      subject: 'bench-portal',
      role: 'PORTAL',
      regionCode: ids.demoCity,
      ttl: '2h',
    });
    const headersFor = (read: Read, server: ServerName): Record<string, string> =>
      server === 'edugov' ? (read.demo ? { authorization: `Bearer ${demoPortal}` } : auth) : {};
    const requestOf = (read: Read, server: ServerName): Request | string =>
      server === 'edugov'
        ? read.edugov(ids)
        : typeof read[server] === 'string'
          ? (read[server] as string)
          : (read[server] as (i: Ids) => Request)(ids);

    // Every read: the servers that have it agree, then its sequential latency and statements.
    const readRows: { read: Read; per: PerServer<{ medianMs: number; statements: number } | string> }[] = [];
    let light: { figures: Figures; statements: PerServer<number>; rss: PerServer<number>; bytes: number } | null = null;
    let mix: { figures: Figures; rss: PerServer<number> } | null = null;
    if (runs('light') || runs('mix')) {
      for (const read of READS) {
        let reference: string | null = null;
        const per = {} as PerServer<{ medianMs: number; statements: number } | string>;
        for (const server of SERVERS) {
          const req = requestOf(read, server);
          if (typeof req === 'string') {
            per[server] = req;
            continue;
          }
          const body = bodyOf(req);
          const answer = (await post(servers3[server].url, body, headersFor(read, server))).json;
          if (!answer?.data || answer.errors)
            throw new Error(`${read.name} on ${server}: ${JSON.stringify(answer).slice(0, 1500)}`);
          const content = JSON.stringify(read.content(answer.data, server));
          if (reference === null) reference = content;
          else if (content !== reference)
            throw new Error(
              `${read.name}: ${server} disagrees with edugov:\n${content.slice(0, 800)}\n${reference.slice(0, 800)}`,
            );
          per[server] = await sequential(counter3[server], servers3[server], body, headersFor(read, server));
        }
        readRows.push({ read, per });
        log(
          `${read.name}: ${SERVERS.map((k) => `${k} ${typeof per[k] === 'string' ? '—' : `${fmt((per[k] as any).medianMs)} ms, ${(per[k] as any).statements} statements`}`).join('; ')}`,
        );
      }
    }
    if (runs('light')) {
      resetRss();
      const figures = {} as Figures;
      for (const server of SERVERS) {
        const body = bodyOf(requestOf(LIGHT_PAGE, server) as Request);
        figures[server] = await load(
          servers3[server],
          { body, levels: LIGHT_LEVELS, duration: LIGHT_DURATION, label: 'light page' },
          headersFor(LIGHT_PAGE, server),
        );
      }
      const row = readRows.find((x) => x.read === LIGHT_PAGE)!;
      const lightBody = (await post(edugov.url, bodyOf(LIGHT_PAGE.edugov(ids)), auth)).json;
      light = {
        figures,
        statements: Object.fromEntries(SERVERS.map((k) => [k, (row.per[k] as any).statements])) as PerServer<number>,
        rss: peakRss(),
        bytes: Buffer.byteLength(JSON.stringify(lightBody)),
      };
    }
    if (runs('mix')) {
      resetRss();
      const figures = {} as Figures;
      for (const server of SERVERS) {
        const bodies = MIX.map((read) => bodyOf(requestOf(read, server) as Request));
        figures[server] = await load(
          servers3[server],
          { bodies, levels: LIGHT_LEVELS, duration: LIGHT_DURATION, label: 'mix' },
          server === 'edugov' ? auth : {},
        );
      }
      mix = { figures, rss: peakRss() };
    }

    // Single-row writes: every request a new proposal; the first ones checked, then timed.
    let writes: { figures: Figures; statements: PerServer<number>; rss: PerServer<number> } | null = null;
    if (runs('writes')) {
      const target = await writeTarget(db.url, ids.county, smoke ? 200 : 1000);
      const admin = await signUserToken(SECRET, 'edugov', {
        subject: 'bench-admin',
        role: 'CITY_ADMIN',
        regionCode: ids.city,
        ttl: '2h',
      });
      const writeHeaders = (server: ServerName): Record<string, string> =>
        server === 'edugov' ? { authorization: `Bearer ${admin}` } : {};
      resetRss();
      const figures = {} as Figures;
      const statements = {} as PerServer<number>;
      for (const server of SERVERS) {
        let k = 0;
        const make = () => bodyOf(writeRequest(server, target, k++));
        const first = await post(servers3[server].url, make(), writeHeaders(server));
        if (writeFailed(JSON.stringify(first.json)))
          throw new Error(`write on ${server}: ${JSON.stringify(first.json).slice(0, 1500)}`);
        const before = counter3[server].statements();
        for (let i = 0; i < 10; i++) await post(servers3[server].url, make(), writeHeaders(server));
        statements[server] = (counter3[server].statements() - before) / 10;
        figures[server] = await load(
          servers3[server],
          { make, failed: writeFailed, levels: LIGHT_LEVELS, duration: LIGHT_DURATION, label: 'write' },
          writeHeaders(server),
        );
      }
      writes = { figures, statements, rss: peakRss() };
      log(`write statements per request: ${JSON.stringify(statements)}`);
    }

    const bulk = runs('bulk') ? await bulkUpsert(edugov.url, db.url, smoke ? 2000 : 100_000) : null;
    if (bulk) log(`bulk upsert: SDK ${fmt(bulk.sdkRowsPerSec, 0)} rows/s, COPY ${fmt(bulk.copyRowsPerSec, 0)} rows/s`);
    const bulkDesigns = runs('bulk') ? runDomainBench('./bulkAuditDesigns.ts', smoke ? [2000] : [20_000]) : null;
    for (const s of servers) await s.stop();
    servers.length = 0;
    for (const c2 of counters) await c2.close();

    const cold = runs('cold') ? await coldStarts() : null;
    if (cold !== null) log(`cold start: ${fmt(cold.idle, 2)} s idle, ${fmt(cold.busy, 2)} s with every core busy`);
    const valueAdded = runs('domains') ? runDomainBench('./valueAdded.ts', smoke ? [20_000] : [1_000_000]) : null;
    const autoMatch = runs('domains') ? runDomainBench('./autoMatch.ts', smoke ? [300, 600] : [10_000, 20_000]) : null;

    const report = renderReport({
      ...nestedResult,
      nested: nestedResult?.nested ?? null,
      light,
      mix,
      readRows,
      writes,
      bulk,
      bulkDesigns,
      cold,
      valueAdded,
      autoMatch,
    });
    process.stdout.write(report);
    if (!smoke && !only) writeFileSync(BENCHMARKS_FILE, report + keptEvidence());
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

/** edugov's throughput over another server's, level by level. */
function ratios(figures: Figures, other: ServerName, levels: number[]) {
  return levels.map((c) => {
    const e = figures.edugov.find((f) => f.concurrency === c)!;
    const o = figures[other].find((f) => f.concurrency === c)!;
    return { c, ratio: e.rps / o.rps };
  });
}

function targetsTable(r: any): string {
  const vaMs = figureIn(r.valueAdded, /computeValueAdded[^\n]*median ([\d,]+) ms/);
  const vaRatio = figureIn(r.valueAdded, /ratio service \/ hand-written: ([\d.]+)/);
  const amMs = figureIn(r.autoMatch, /service \(median of \d+\):\s+([\d,]+) ms/);
  const yes = (ok: boolean | null) => (ok === null ? 'not measured' : ok ? 'yes' : '**no**');
  const none: [string, boolean | null] = ['—', null];
  const ratioRow = (
    figures: Figures | undefined,
    other: ServerName,
    levels: number[],
    min: number,
  ): [string, boolean | null] => {
    if (!figures) return none;
    const xs = ratios(figures, other, levels);
    return [xs.map((x) => `${fmt(x.ratio, 2)}× at c=${x.c}`).join(', '), xs.every((x) => x.ratio >= min)];
  };
  const lightC = LIGHT_LEVELS.join(' and ');
  const topC = LIGHT_LEVELS[LIGHT_LEVELS.length - 1];
  const writeTop = r.writes?.figures.edugov.find((f: LoadFigure) => f.concurrency === topC) as LoadFigure | undefined;
  const rows: [string, ...[string, boolean | null]][] = [
    ['nested query ≥ 1.5× PostGraphile at every concurrency', ...ratioRow(r.nested, 'postgraphile', CONCURRENCY, 1.5)],
    ['nested query ≥ 0.5× the limit at c = 1', ...ratioRow(r.nested, 'limit', [1], 0.5)],
    [
      `light page ≥ 1.5× PostGraphile at c = ${lightC}`,
      ...ratioRow(r.light?.figures, 'postgraphile', LIGHT_LEVELS, 1.5),
    ],
    [`light page ≥ 0.5× the limit at c = ${lightC}`, ...ratioRow(r.light?.figures, 'limit', LIGHT_LEVELS, 0.5)],
    [
      `mix of portal reads ≥ 1.5× PostGraphile at c = ${lightC}`,
      ...ratioRow(r.mix?.figures, 'postgraphile', LIGHT_LEVELS, 1.5),
    ],
    [`mix of portal reads ≥ 0.5× the limit at c = ${lightC}`, ...ratioRow(r.mix?.figures, 'limit', LIGHT_LEVELS, 0.5)],
    [
      `single-row mutation p99 ≤ 50 ms at c = ${topC}`,
      ...((writeTop ? [`${writeTop.p99} ms`, writeTop.p99 <= 50 && writeTop.failed === 0] : none) as [
        string,
        boolean | null,
      ]),
    ],
    [
      '≤ 2 SQL statements per nested request, whatever the page sizes',
      ...((r.statements
        ? [
            `${r.statements.edugov} (first 2/2: ${r.statementsSmall})`,
            Math.max(r.statements.edugov, r.statementsSmall) <= 2,
          ]
        : none) as [string, boolean | null]),
    ],
    [
      'value added ≤ 2 s and ≤ 1.5× the hand-written SQL',
      vaMs === null ? '—' : `${vaMs} ms, ${vaRatio}×`,
      vaMs === null ? null : vaMs <= 2000 && (vaRatio ?? Infinity) <= 1.5,
    ],
    [
      'bulk upsert ≥ 20,000 rows/s',
      ...((r.bulk
        ? [
            `${fmt(r.bulk.sdkRowsPerSec, 0)} rows/s (${fmt(r.bulk.sdkRowsPerSec / r.bulk.copyRowsPerSec, 2)}× COPY)`,
            r.bulk.sdkRowsPerSec >= 20_000,
          ]
        : none) as [string, boolean | null]),
    ],
    [
      'autoMatchRequests 10,000 × 20,000 ≤ 2 s',
      amMs === null ? '—' : `${amMs} ms`,
      amMs === null ? null : amMs <= 2000,
    ],
    [
      'cold start ≤ 10 s with both cores busy',
      ...((r.cold !== null ? [`${fmt(r.cold.busy, 2)} s`, r.cold.busy <= 10] : none) as [string, boolean | null]),
    ],
    [
      'server RSS ≤ 250 MB under load',
      ...((r.rss ? [`${r.rss.edugov} MB`, r.rss.edugov <= 250] : none) as [string, boolean | null]),
    ],
  ];
  return [
    '| target | figure | met |',
    '| --- | --- | --- |',
    ...rows.map(([t, f, ok]) => `| ${t} | ${f} | ${yes(ok)} |`),
  ].join('\n');
}

/** One load comparison: req/s and latency per level, then CPU per request, statements and peak RSS per server. */
function comparison(
  figures: Figures,
  levels: number[],
  statements: PerServer<number | string>,
  rss: PerServer<number>,
  headers = ['edugov', 'PostGraphile 5', 'limit (hand-written SQL)'],
): string {
  const f = (x: LoadFigure) =>
    `${fmt(x.rps)} (p50 ${x.p50} / p99 ${x.p99} ms${x.failed ? `, ${x.failed} failed` : ''})`;
  const at = (k: ServerName, c: number) => figures[k].find((x) => x.concurrency === c)!;
  return [
    `| concurrency | ${headers[0]} req/s | ${headers[1]} req/s | ${headers[2]} req/s | edugov / PostGraphile | edugov / limit |`,
    '| --- | --- | --- | --- | --- | --- |',
    ...levels.map(
      (c) =>
        `| ${c} | ${f(at('edugov', c))} | ${f(at('postgraphile', c))} | ${f(at('limit', c))} | ${fmt(at('edugov', c).rps / at('postgraphile', c).rps, 2)}× | ${fmt(at('edugov', c).rps / at('limit', c).rps, 2)}× |`,
    ),
    '',
    '| | edugov | PostGraphile 5 | limit |',
    '| --- | --- | --- | --- |',
    `| SQL statements per request (at the wire) | ${SERVERS.map((k) => statements[k]).join(' | ')} |`,
    `| peak server RSS during this part | ${SERVERS.map((k) => `${rss[k]} MB`).join(' | ')} |`,
    ...levels.map(
      (c) =>
        `| server CPU per request, c=${c} | ${SERVERS.map((k) => `${fmt(at(k, c).cpuMsPerRequest, 1)} ms`).join(' | ')} |`,
    ),
  ].join('\n');
}

function lightSections(r: any): string {
  const out: string[] = [];
  const levels = LIGHT_LEVELS;
  const timing = `${WARMUP} s warm-up then ${LIGHT_DURATION} s per level`;
  if (r.light) {
    out.push(`## Light page

${LIGHT_PAGE.description}: ${r.light.bytes} bytes of JSON; all three servers return the same content. ${timing}.

${comparison(r.light.figures, levels, r.light.statements, r.light.rss)}`);
  }
  if (r.readRows?.length) {
    const cell = (x: any) => (typeof x === 'string' ? x : `${fmt(x.medianMs)} ms, ${x.statements} st.`);
    out.push(`## Common portal reads

Each read alone, ${SEQUENTIAL} requests one after the other: median latency and SQL statements per request at
the wire. The servers that have a read were checked to return the same content. The first ${MIX.length} reads
(those all three servers answer) make the mix below; PostGraphile 5 answers them from its generated
schema over the same tables (\`regionByCode\`, \`allSchools(condition:)\`, \`teacherByStaffNo\`, …).

| read | edugov | PostGraphile 5 | limit |
| --- | --- | --- | --- |
${r.readRows.map((x: any) => `| ${x.read.name}: ${x.read.description} | ${SERVERS.map((k) => cell(x.per[k])).join(' | ')} |`).join('\n')}`);
  }
  if (r.mix) {
    out.push(`## Mix of portal reads

The ${MIX.length} reads above that all three servers answer, each connection sending them in turn (${MIX.map((m) => m.name).join(', ')}). ${timing}.
SQL statements per request: see each read above.

${comparison(r.mix.figures, levels, { edugov: '(per read)', postgraphile: '(per read)', limit: '(per read)' }, r.mix.rss)}`);
  }
  if (r.writes) {
    out.push(`## Single-row writes

Proposing a teacher's rotation, one new proposal per request (its own teacher and dates). edugov:
\`proposeExchange\` through the whole pipeline (token, permission, input parsing, jurisdiction,
overlap check, approval level, audit event, change feed). PostGraphile 5: its generated
\`createExchangeAssignment\` (the row only: no permission, no checks, no audit). Limit: a
hand-written INSERT of the row and of its audit event in one transaction. An answer with errors
counts as failed. ${timing}.

${comparison(r.writes.figures, levels, r.writes.statements, r.writes.rss, ['edugov proposeExchange', 'PostGraphile 5 createExchangeAssignment', 'limit INSERT + audit'])}`);
  }
  return out.length ? out.join('\n\n') + '\n\n' : '';
}

function machine() {
  const pg = execSync(`psql "${adminUrl}" -Atc "show server_version"`, { encoding: 'utf8' }).trim();
  return `${cpus().length} cores (${cpus()[0]?.model.trim()}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, PostgreSQL ${pg}`;
}

function renderReport(r: any): string {
  const row = (c: number) => {
    const [e, p, l] = (['edugov', 'postgraphile', 'limit'] as const).map(
      (k) => r.nested[k].find((f: LoadFigure) => f.concurrency === c) as LoadFigure,
    );
    const f = (x: LoadFigure) =>
      `${fmt(x.rps)} (p50 ${x.p50} / p99 ${x.p99} ms${x.failed ? `, ${x.failed} failed` : ''})`;
    return `| ${c} | ${f(e)} | ${f(p)} | ${f(l)} | ${fmt(e.rps / p.rps, 2)}× | ${fmt(e.rps / l.rps, 2)}× |`;
  };
  return `# Benchmarks

${smoke ? '**Smoke run (reduced size) — not a record.**\n\n' : ''}${only ? `**Partial run (${[...only].join(', ')}) — not a record.**\n\n` : ''}Run: ${new Date().toISOString().slice(0, 10)} · ${machine()}
Command: \`npm run bench${smoke || only ? ` -- ${[smoke ? '--smoke' : '', onlyArg ?? ''].filter(Boolean).join(' ')}` : ''}\` (PostgreSQL at 127.0.0.1:5432; the script creates and drops its own database)

Data: one city, ${size.counties} counties, ${size.schools} schools, ${size.teachers} teachers, generated in PostgreSQL, beside the demo data (city 430700, for the responsibility matrix and the balance report).
All servers run in their own process against the same database through a statement-counting proxy (pass-through, TCP_NODELAY on both sides),
pool of 10; load from autocannon in the benchmark process, ${WARMUP} s warm-up then ${DURATION} s per level.

${
  r.nested
    ? `## Nested portal query

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

`
    : ''
}${lightSections(r)}${
  r.bulk
    ? `## Bulk upsert

${r.bulk.rows} teachers through the SDK (\`upsertTeachers\`, batches of 5,000, validated, audited) vs PostgreSQL COPY of the same rows into the same table, 5,000 rows of each in turn:

| edugov SDK rows/s | COPY rows/s | edugov / COPY |
| --- | --- | --- |
| ${fmt(r.bulk.sdkRowsPerSec, 0)} | ${fmt(r.bulk.copyRowsPerSec, 0)} | ${fmt(r.bulk.sdkRowsPerSec / r.bulk.copyRowsPerSec, 3)}× |
${
  r.bulkDesigns
    ? `
### Audit designs for the write step

The batch's write and its audit only (no validation, no locked read, no HTTP), each design in
turn on the same rows (\`test/bench/bulkAuditDesigns.ts\`, which explains each design and checks
that every one records the same audit events):

\`\`\`
${r.bulkDesigns.trim()}
\`\`\`
`
    : ''
}
`
    : ''
}${
  r.cold !== null
    ? `## Cold start

\`npm start\` on a fresh embedded data folder until the first query answers, after \`npm install\` made its templates
(server/embedded/prepare.ts: the empty cluster, the demo database and the browser apps):
**${fmt(r.cold.idle, 2)} s** on the idle machine, **${fmt(r.cold.busy, 2)} s** with every core kept busy by a spinning process.

`
    : ''
}
${
  only
    ? ''
    : `## Value added (computeValueAdded)

${r.valueAdded ? '```\n' + r.valueAdded.trim() + '\n```' : 'Not measured: the evaluation domain’s benchmark script is not present.'}

## Auto-matching (autoMatchRequests)

${r.autoMatch ? '```\n' + r.autoMatch.trim() + '\n```' : 'Not measured: the pools domain’s benchmark script is not present.'}
`
}
## Targets

${targetsTable(r)}
`;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
