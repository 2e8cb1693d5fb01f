/**
 * Bulk upsert benchmark: teachers through the SDK (`upsertTeachers`, batches of 5,000,
 * validated and audited) against PostgreSQL COPY of the same rows into the same table.
 * `run.ts` uses `bulkUpsert` for BENCHMARKS.md; run on its own it measures just this section
 * on the full data set in a throwaway database:
 *
 *   node --import tsx test/bench/bulk.ts [rows=100000] [admin-url=postgres://postgres@127.0.0.1:5432/postgres]
 *
 * SDK and COPY batches alternate, so a busy machine slows both alike and their ratio holds.
 * On its own it also times the two other paths of an import that is run again: the same rows
 * (all UNCHANGED, nothing written) and every row with a new name (all UPDATED, audited).
 */
import { pathToFileURL } from 'node:url';
import postgres from 'postgres';
import { createClient } from '../../sdk/src/index.js';
import { signUserToken } from '../../schema/domains/access/tokens.js';
import { createBenchDatabase, FULL } from './dataset.js';
import { startServer } from './servers.js';

export const BENCH_SECRET = 'benchmark-secret-benchmark-secret-0001';
const BATCH = 5000;

type Client = ReturnType<typeof createClient>;
type Status = 'created' | 'updated' | 'unchanged';

async function sdkClient(serverUrl: string) {
  const token = await signUserToken(BENCH_SECRET, 'edugov', {
    subject: 'bench',
    role: 'CITY_ADMIN',
    regionCode: '439900',
    ttl: '1h',
  });
  return createClient({ url: serverUrl, token, timeoutMs: 600_000 });
}

function teacherRow(schoolCodes: string[], prefix: string, i: number, name = `批量${i % 1000}`) {
  return {
    staffNo: `${prefix}${String(i).padStart(7, '0')}`,
    name,
    gender: i % 2 ? 'MALE' : 'FEMALE',
    schoolCode: schoolCodes[i % schoolCodes.length],
    subjects: ['语文'],
    qualification: 'BACHELOR',
    yearsAtSchool: i % 25,
  };
}

type Make = (i: number) => ReturnType<typeof teacherRow>;
type SchoolIds = Map<string, { id: number; county_code: string }>;

async function timed(run: () => Promise<unknown>) {
  const t0 = performance.now();
  await run();
  return performance.now() - t0;
}

/** One SDK batch of rows from..from+n; checks every row got `expect`. */
async function sdkBatch(client: Client, from: number, n: number, make: Make, expect: Status) {
  const batch = Array.from({ length: n }, (_, k) => make(from + k));
  const { upsertTeachers: p } = await client.upsertTeachers({ input: { rows: batch as never } });
  if (p.errors.length) throw new Error(`bulk upsert: ${JSON.stringify(p.errors[0])}`);
  if (p[expect] !== n)
    throw new Error(
      `bulk upsert: expected ${n} ${expect}, got ${JSON.stringify({ created: p.created, updated: p.updated, unchanged: p.unchanged })}`,
    );
}

/** COPY of the same rows (staff numbers prefixed C) into the same table with the same indexes. */
async function copyBatch(sql: postgres.Sql, from: number, n: number, schoolCodes: string[], schoolIds: SchoolIds) {
  const stream =
    await sql`copy teachers (staff_no, name, gender, school_id, county_code, subjects, qualification, years_at_school) from stdin`.writable();
  for (let i = from; i < from + n; i++) {
    const r = teacherRow(schoolCodes, 'C', i);
    const s = schoolIds.get(r.schoolCode)!;
    if (
      !stream.write(
        `${r.staffNo}\t${r.name}\t${r.gender}\t${s.id}\t${s.county_code}\t{${r.subjects.join(',')}}\t${r.qualification}\t${r.yearsAtSchool}\n`,
      )
    ) {
      await new Promise((res) => stream.once('drain', res));
    }
  }
  await new Promise<void>((res, rej) => stream.end((err?: Error | null) => (err ? rej(err) : res())));
}

async function sdkPass(client: Client, rows: number, make: Make, expect: Status) {
  let ms = 0;
  for (let i = 0; i < rows; i += BATCH)
    ms += await timed(() => sdkBatch(client, i, Math.min(BATCH, rows - i), make, expect));
  return rows / (ms / 1000);
}

/**
 * `rows` new teachers through the SDK and the same rows by COPY, batch by batch in turn, so
 * both see the same table size and the same load on the machine. With `rerun`, also the same
 * rows again (all UNCHANGED) and with new names (all UPDATED).
 */
export async function bulkUpsert(serverUrl: string, dbUrl: string, rows: number, opts: { rerun?: boolean } = {}) {
  const client = await sdkClient(serverUrl);
  const sql = postgres(dbUrl, { max: 1, onnotice: () => {} });
  try {
    const schools = await sql<
      { code: string; id: number; county_code: string }[]
    >`select code, id, county_code from schools where county_code like '4399%' order by code`;
    const schoolCodes = schools.map((s) => s.code);
    const schoolIds: SchoolIds = new Map(schools.map((s) => [s.code, s]));
    const created: Make = (i) => teacherRow(schoolCodes, 'U', i);
    let sdkMs = 0;
    let copyMs = 0;
    for (let i = 0; i < rows; i += BATCH) {
      const n = Math.min(BATCH, rows - i);
      sdkMs += await timed(() => sdkBatch(client, i, n, created, 'created'));
      copyMs += await timed(() => copyBatch(sql, i, n, schoolCodes, schoolIds));
    }
    const rerun = opts.rerun
      ? {
          unchangedRowsPerSec: await sdkPass(client, rows, created, 'unchanged'),
          updatedRowsPerSec: await sdkPass(
            client,
            rows,
            (i) => teacherRow(schoolCodes, 'U', i, `更新${i % 1000}`),
            'updated',
          ),
        }
      : null;
    return { rows, sdkRowsPerSec: rows / (sdkMs / 1000), copyRowsPerSec: rows / (copyMs / 1000), ...rerun };
  } finally {
    await sql.end();
  }
}

async function main() {
  const rows = Number(process.argv[2] ?? FULL.teachers);
  const adminUrl = process.argv[3] ?? process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const db = await createBenchDatabase(adminUrl, FULL);
  const port = 5100 + Math.floor(Math.random() * 200);
  const server = await startServer(
    'edugov',
    ['--import', 'tsx', 'server/main.ts'],
    {
      DATABASE_URL: db.url,
      NODE_ENV: 'production',
      EDUGOV_JWT_SECRET: BENCH_SECRET,
      EDUGOV_DEMO_DATA: 'false',
      LOG_LEVEL: 'warn',
      DATABASE_POOL_SIZE: '10',
      EDUGOV_RATE_LIMIT: 'false',
      EDUGOV_TRUSTED_DOCUMENTS: 'off',
    },
    port,
    '{ __typename }',
  );
  try {
    const r = await bulkUpsert(server.url, db.url, rows, { rerun: true });
    const f = (n: number) => Math.round(n).toLocaleString('en');
    process.stdout.write(
      [
        `bulk upsert, ${f(rows)} teachers in batches of ${BATCH} (data set: ${FULL.schools} schools, ${f(FULL.teachers)} teachers)`,
        `  SDK upsertTeachers, all created:  ${f(r.sdkRowsPerSec)} rows/s  (${(r.sdkRowsPerSec / r.copyRowsPerSec).toFixed(3)}× COPY)`,
        `  same rows again, all unchanged:   ${f(r.unchangedRowsPerSec!)} rows/s`,
        `  every row renamed, all updated:   ${f(r.updatedRowsPerSec!)} rows/s`,
        `  COPY of the same rows, in turn:   ${f(r.copyRowsPerSec)} rows/s`,
        '',
      ].join('\n'),
    );
  } finally {
    await server.stop();
    await db.drop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
