// The SDK as an outside project gets it: packed by `npm run sdk:pack`, installed into a fresh
// folder outside the repository, imported, type-checked and run against a started server.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startTestServer, type TestServer } from '../harness.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const tsc = join(repo, 'node_modules/typescript/bin/tsc');
const graphqlVersion = JSON.parse(readFileSync(join(repo, 'node_modules/graphql/package.json'), 'utf8'))
  .version as string;

let server: TestServer;
let project: string;
let installed: string;

/**
 * Runs a command without blocking this process (the server under test answers from it); a
 * failure's error message carries the command's output (tsc reports on stdout).
 */
async function run(cmd: string, args: string[], cwd: string): Promise<string> {
  try {
    return (await promisify(execFile)(cmd, args, { cwd, encoding: 'utf8' })).stdout;
  } catch (e) {
    const { stdout, stderr } = e as { stdout?: string; stderr?: string };
    throw new Error(`${cmd} ${args.join(' ')} failed:\n${stdout ?? ''}${stderr ?? ''}`);
  }
}

/** A user's program (no @types/node: what a browser-side project would have). */
const program = (url: string) => `
import { createClient, EdugovError, SERVER_ERROR_CODES, type EdugovErrorCode, type School } from '@edugov/sdk';

const edu = createClient({ url: '${url}' });
const { schools } = await edu.schools({ filter: { regionCode: '${DEMO.anxiang}' }, first: 3 });
const first: School[] = schools.nodes;
const total: number = schools.totalCount;

let code: EdugovErrorCode = 'NETWORK_ERROR';
try {
  await createClient({ url: 'http://127.0.0.1:9/graphql', retry: { retries: 0 } }).viewer();
} catch (e) {
  if (e instanceof EdugovError) code = e.code;
}
console.log(JSON.stringify({ codes: first.map((s) => s.code), total, code, knowsOutage: SERVER_ERROR_CODES.includes('DATABASE_UNAVAILABLE') }));
`;

beforeAll(async () => {
  server = await startTestServer();
  const packDir = mkdtempSync(join(tmpdir(), 'edugov-sdk-pack-'));
  await run('npm', ['pack', './sdk', '--pack-destination', packDir, '--silent'], repo);
  const [tarball] = readdirSync(packDir).filter((f) => f.endsWith('.tgz'));
  project = mkdtempSync(join(tmpdir(), 'edugov-sdk-user-'));
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'bureau-script', private: true, type: 'module' }),
  );
  await run(
    'npm',
    [
      'install',
      '--prefer-offline',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      join(packDir, tarball!),
      `graphql@${graphqlVersion}`,
    ],
    project,
  );
  installed = join(project, 'node_modules/@edugov/sdk');
  rmSync(packDir, { recursive: true, force: true });
}, 300_000);

afterAll(async () => {
  await server?.close();
  if (project) rmSync(project, { recursive: true, force: true });
});

describe('@edugov/sdk installed from its packed tarball in a folder outside the repository', () => {
  it('ships built code and declarations, and its declaration maps point at shipped sources', () => {
    expect(project.startsWith(repo)).toBe(false);
    const dist = join(installed, 'dist');
    const maps = readdirSync(dist, { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.d.ts.map'));
    expect(maps.sort()).toEqual([
      'errors.d.ts.map',
      'generated/graphql.d.ts.map',
      'index.d.ts.map',
      'transport.d.ts.map',
    ]);
    for (const map of maps) {
      const { sources } = JSON.parse(readFileSync(join(dist, map), 'utf8')) as { sources: string[] };
      for (const source of sources)
        expect(existsSync(resolve(dirname(join(dist, map)), source)), `${map} → ${source}`).toBe(true);
    }
  });

  it('a program importing it type-checks under strict NodeNext and calls a running server', async () => {
    writeFileSync(join(project, 'main.ts'), program(server.url));
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          lib: ['ES2022', 'DOM'],
          types: [],
          outDir: 'out',
        },
        files: ['main.ts'],
      }),
    );
    await run(process.execPath, [tsc, '-p', '.'], project);
    const out = JSON.parse((await run(process.execPath, ['out/main.js'], project)).trim());
    // 安乡县's first three schools by code and its school count, read from the table directly.
    const rows = await server.db.database.db.execute<{ code: string; n: number }>(
      sql`select code, (count(*) over ())::int as n from schools where county_code = ${DEMO.anxiang} order by code`,
    );
    const expected = ((rows as { rows?: unknown[] }).rows ?? [...(rows as unknown as unknown[])]) as {
      code: string;
      n: number;
    }[];
    expect(out.codes).toEqual(expected.slice(0, 3).map((r) => r.code));
    expect(out.total).toBe(expected[0]!.n);
    expect(out.code).toBe('NETWORK_ERROR');
    expect(out.knowsOutage).toBe(true);
  }, 120_000);

  it('a type error in the user program is caught by the shipped types', async () => {
    writeFileSync(
      join(project, 'main.ts'),
      `import { createClient } from '@edugov/sdk';\nconst n: number = (await createClient({ url: 'x' }).schools({})).schools.nodes[0]!.name;\nconsole.log(n);\n`,
    );
    await expect(run(process.execPath, [tsc, '-p', '.'], project)).rejects.toThrow(
      /Type 'string' is not assignable to type 'number'/,
    );
  }, 120_000);
});
