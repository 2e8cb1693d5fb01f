/**
 * CPU time the API process spends per light-page request and per single-row write, independent of load: the app runs
 * in this process on a fresh PostgreSQL database (the database's own CPU stays in PostgreSQL's
 * processes), requests go one at a time over one keep-alive connection from a raw-socket client
 * that costs next to nothing, and `process.cpuUsage()` is read around each batch. `{ __typename }`
 * is measured the same way as the reference: the HTTP layer, authentication and Apollo's
 * fixed cost; the light page's excess over it is what execution around one SQL statement costs.
 *
 *   node --import tsx test/bench/lightPageCpu.ts [-- --requests=2000 --rounds=3]
 *
 * BENCH_ADMIN_URL (default postgres://postgres@127.0.0.1:5432/postgres) names a PostgreSQL
 * database from which `edugov_bench_<stamp>` is created and, at the end, dropped.
 * `--profile=<file.cpuprofile>` writes a CPU profile of one more batch of light-page requests
 * only (no start-up, no warm-up), for Chrome DevTools or any .cpuprofile reader;
 * `--profile-case=write` profiles the single-row write (`proposeExchange`, as `npm run bench`
 * sends it: a new teacher or period per request) instead.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { connect, type Socket } from 'node:net';

// As `npm start` in production: graphql-js decides at load whether to run its development checks.
process.env.NODE_ENV = 'production';
const { default: pino } = await import('pino');
const { signUserToken } = await import('../../schema/domains/access/tokens.js');
const { loadConfig } = await import('../../server/config.js');
const { startServer } = await import('../../server/start.js');
const { createBenchDatabase } = await import('./dataset.js');
const { LIGHT_PAGE, writeRequest, writeTarget } = await import('./portalReads.js');

const arg = (name: string, fallback: number) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const REQUESTS = arg('requests', 2000);
const ROUNDS = arg('rounds', 3);
const WARMUP = arg('warmup', 1500);
const adminUrl = process.env.BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SECRET = 'light-page-cpu-benchmark-secret-0123456789';

/** One keep-alive connection sending a fixed request and reading whole responses (Content-Length framed). */
class RawClient {
  private buffer: Buffer = Buffer.alloc(0);
  private waiting: ((body: string) => void) | null = null;
  private constructor(private socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
      this.drain();
    });
  }
  static open(port: number): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => resolve(new RawClient(socket)));
      socket.setNoDelay(true);
      socket.once('error', reject);
    });
  }
  private drain() {
    const end = this.buffer.indexOf('\r\n\r\n');
    if (end < 0 || !this.waiting) return;
    const head = this.buffer.subarray(0, end).toString('latin1');
    const length = Number(/content-length: *(\d+)/i.exec(head)?.[1]);
    if (!Number.isFinite(length)) throw new Error(`response without content-length: ${head}`);
    if (this.buffer.length < end + 4 + length) return;
    const body = this.buffer.subarray(end + 4, end + 4 + length).toString('utf8');
    this.buffer = this.buffer.subarray(end + 4 + length);
    const resolve = this.waiting;
    this.waiting = null;
    resolve(body);
  }
  send(request: Buffer): Promise<string> {
    return new Promise((resolve) => {
      this.waiting = resolve;
      this.socket.write(request);
    });
  }
  close() {
    this.socket.destroy();
  }
}

function httpRequest(body: string, token: string): Buffer {
  const bytes = Buffer.from(body);
  return Buffer.concat([
    Buffer.from(
      `POST /graphql HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\nauthorization: Bearer ${token}\r\ncontent-length: ${bytes.length}\r\n\r\n`,
    ),
    bytes,
  ]);
}

const profileCase = process.argv.find((a) => a.startsWith('--profile-case='))?.split('=')[1];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const db = await createBenchDatabase(adminUrl, { counties: 10, schools: 300, teachers: 600 });
  const config = loadConfig({
    DATABASE_URL: db.url,
    NODE_ENV: 'production',
    EDUGOV_JWT_SECRET: SECRET,
    EDUGOV_DEMO_DATA: 'false',
    LOG_LEVEL: 'warn',
    DATABASE_POOL_SIZE: '4',
    EDUGOV_RATE_LIMIT: process.env.EDUGOV_RATE_LIMIT ?? 'false',
    EDUGOV_TRUSTED_DOCUMENTS: 'off',
    // EDUGOV_EXECUTOR=reference measures graphql-js's interpreter for comparison.
    EDUGOV_EXECUTOR: process.env.EDUGOV_EXECUTOR ?? 'compiled',
  });
  const { app } = await startServer(config, pino({ level: 'warn' }));
  try {
    const port = await app.listen(0, '127.0.0.1');
    const token = await signUserToken(SECRET, config.EDUGOV_JWT_ISSUER, {
      subject: 'bench-portal',
      role: 'PORTAL',
      regionCode: '439900',
      ttl: '2h',
    });
    const admin = await signUserToken(SECRET, config.EDUGOV_JWT_ISSUER, {
      subject: 'bench-admin',
      role: 'CITY_ADMIN',
      regionCode: '439900',
      ttl: '2h',
    });
    const target = await writeTarget(db.url, '439901', 600);
    const light = httpRequest(JSON.stringify(LIGHT_PAGE.edugov({ city: '439900' } as never)), token);
    const typename = httpRequest(JSON.stringify({ query: '{ __typename }' }), token);
    let k = 0;
    const cases: { name: string; request: () => Buffer }[] = [
      { name: 'light page', request: () => light },
      { name: '{ __typename }', request: () => typename },
      {
        name: 'write',
        request: () => httpRequest(JSON.stringify(writeRequest('edugov', target, k++)), admin),
      },
    ];
    const client = await RawClient.open(port);
    const written = JSON.parse(await client.send(cases[2].request()));
    if (written.errors || written.data.proposeExchange.errors.length)
      throw new Error(`unexpected write answer: ${JSON.stringify(written).slice(0, 500)}`);
    const first = JSON.parse(await client.send(cases[0].request()));
    if (first.errors || first.data.regions.nodes.length !== 10)
      throw new Error(`unexpected light page answer: ${JSON.stringify(first).slice(0, 500)}`);
    console.log(
      `light page answer: ${Buffer.byteLength(JSON.stringify(first))} bytes, ${first.data.regions.nodes.length} counties`,
    );
    for (const c of cases) for (let i = 0; i < WARMUP; i++) await client.send(c.request());

    const results = new Map<string, { total: number[]; user: number[]; system: number[]; wall: number[] }>();
    for (let round = 0; round < ROUNDS; round++) {
      for (const c of cases) {
        const r = results.get(c.name) ?? { total: [], user: [], system: [], wall: [] };
        results.set(c.name, r);
        const started = performance.now();
        const before = process.cpuUsage();
        for (let i = 0; i < REQUESTS; i++) await client.send(c.request());
        const used = process.cpuUsage(before);
        const wall = performance.now() - started;
        r.user.push(used.user / 1000 / REQUESTS);
        r.system.push(used.system / 1000 / REQUESTS);
        r.total.push((used.user + used.system) / 1000 / REQUESTS);
        r.wall.push(wall / REQUESTS);
        const { rss, heapUsed } = process.memoryUsage();
        console.log(
          `round ${round + 1} ${c.name}: ${((used.user + used.system) / 1000 / REQUESTS).toFixed(3)} ms CPU/request (wall ${(wall / REQUESTS).toFixed(3)} ms), RSS ${Math.round(rss / 2 ** 20)} MB, heap ${Math.round(heapUsed / 2 ** 20)} MB`,
        );
      }
    }
    const profile = process.argv.find((a) => a.startsWith('--profile='))?.slice('--profile='.length);
    if (profile) {
      const session = new Session();
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.setSamplingInterval', { interval: 100 });
      await session.post('Profiler.start');
      const profiled = cases.find((c) => c.name === (profileCase === 'write' ? 'write' : 'light page'))!;
      for (let i = 0; i < REQUESTS; i++) await client.send(profiled.request());
      const { profile: written } = await session.post('Profiler.stop');
      writeFileSync(profile, JSON.stringify(written));
      session.disconnect();
      console.log(`profile of ${REQUESTS} ${profiled.name} requests: ${profile}`);
    }
    client.close();
    console.log(
      `\nmedian of ${ROUNDS} rounds × ${REQUESTS} sequential requests (CPU of this process, ms per request):`,
    );
    for (const [name, r] of results) {
      console.log(
        `${name.padEnd(16)} cpu ${median(r.total).toFixed(3)}  (user ${median(r.user).toFixed(3)}, system ${median(r.system).toFixed(3)})  wall ${median(r.wall).toFixed(3)}`,
      );
    }
  } finally {
    await app.close();
    await db.drop();
  }
}

await main();
