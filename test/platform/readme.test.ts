import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../cli/runner.js';
import { SECRET, startTestServer, token, type TestServer } from '../harness.js';

/**
 * Every shell and GraphQL snippet of the READMEs runs against a started server, as a reader
 * would paste it. Snippets are found by their fences (```sh / ```bash / ```graphql), so new
 * sections are tested without editing this file. An HTML comment on the line before a fence
 * says how to run it:
 *
 *   <!-- snippet: skip (why) -->            not run (installs, starts a server, is a schema excerpt); the reason is required
 *   <!-- snippet: as ROLE REGION -->        a GraphQL snippet sent with a token for that role and region (default: no token)
 *
 * Shell snippets run in bash with `set -euo pipefail`, in a fresh folder inside the
 * repository (so `npm run -s edugov` works, and the files they write land there), with the
 * server's address in place of localhost:4000 and PORT set to it.
 */
const DOCS = ['README.md', 'sdk/README.md'];
const RUN = /^(sh|bash|shell|graphql|gql)$/;

interface Snippet {
  doc: string;
  line: number;
  lang: 'shell' | 'graphql';
  code: string;
  skip?: string;
  as?: { role: string; regionCode: string };
}

export function extractSnippets(doc: string, text: string): Snippet[] {
  const lines = text.split('\n');
  const snippets: Snippet[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)\s*$/.exec(lines[i]);
    if (!open) continue;
    const end = lines.findIndex((l, j) => j > i && /^```\s*$/.test(l));
    if (end < 0) throw new Error(`${doc}:${i + 1}: fence never closed`);
    const lang = open[1];
    let before = i - 1;
    while (before >= 0 && lines[before].trim() === '') before--;
    const marker = /^<!--\s*snippet:\s*(.*?)\s*-->$/.exec(lines[before]?.trim() ?? '')?.[1];
    if (RUN.test(lang)) {
      const snippet: Snippet = {
        doc,
        line: i + 1,
        lang: /graphql|gql/.test(lang) ? 'graphql' : 'shell',
        code: lines.slice(i + 1, end).join('\n'),
      };
      if (marker) {
        const skip = /^skip\s*\((.+)\)$/.exec(marker);
        const as = /^as\s+([A-Z_]+)\s+(\d{6})$/.exec(marker);
        if (skip) snippet.skip = skip[1];
        else if (as) snippet.as = { role: as[1], regionCode: as[2] };
        else throw new Error(`${doc}:${before + 1}: unknown snippet marker "${marker}"`);
      }
      snippets.push(snippet);
    }
    i = end;
  }
  return snippets;
}

const snippets = DOCS.flatMap((doc) => extractSnippets(doc, readFileSync(join(repoRoot, doc), 'utf8')));
const runnable = snippets.filter((s) => !s.skip);

let server: TestServer;
let work: string;
beforeAll(async () => {
  server = await startTestServer();
  work = mkdtempSync(join(repoRoot, 'test', '.tmp-readme-'));
});
afterAll(async () => {
  await server?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('README snippets', () => {
  it('are found, and every skipped one says why', () => {
    expect(runnable.filter((s) => s.lang === 'shell').length).toBeGreaterThanOrEqual(5);
    expect(runnable.filter((s) => s.lang === 'graphql').length).toBeGreaterThanOrEqual(2);
    // The 中文 quick start is covered too.
    expect(runnable.some((s) => s.code.includes('anxiang-admin') && s.line < 60)).toBe(true);
  });

  it('a marker that is not understood is an error, not a silent skip', () => {
    expect(() => extractSnippets('x.md', '<!-- snippet: skp -->\n```sh\necho\n```\n')).toThrow(
      /unknown snippet marker "skp"/,
    );
    expect(extractSnippets('x.md', '<!-- snippet: skip (starts a server) -->\n\n```sh\nnpm start\n```\n')).toEqual([
      { doc: 'x.md', line: 3, lang: 'shell', code: 'npm start', skip: 'starts a server' },
    ]);
  });

  it.each(runnable.map((s) => [`${s.doc}:${s.line} (${s.lang})`, s] as const))(
    '%s runs',
    async (_name, snippet) => {
      const url = server.url;
      if (snippet.lang === 'graphql') {
        const tok = snippet.as ? await token(snippet.as as never) : undefined;
        const { status, body } = await server.gql(snippet.code, {}, tok);
        expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
        expect(status).toBe(200);
        expect(body.data).toBeTruthy();
        return;
      }
      const port = new URL(url).port;
      const cwd = join(work, `${snippet.doc.replace(/\W/g, '_')}_${snippet.line}`);
      mkdirSync(cwd);
      const script = `set -euo pipefail\n${snippet.code.replaceAll('http://localhost:4000', `http://127.0.0.1:${port}`)}`;
      const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(EDUGOV_|DATABASE_|npm_)/.test(k)));
      let out: { stdout: string; stderr: string };
      try {
        out = await promisify(execFile)('bash', ['-c', script], {
          cwd,
          // The server's signing secret, and a data folder of the snippets' own (apikey commands open one).
          env: {
            ...env,
            EDUGOV_JWT_SECRET: SECRET,
            EDUGOV_DATA_DIR: mkdtempSync(join(tmpdir(), 'edugov-readme-data-')),
            PORT: port,
          },
          maxBuffer: 64 * 1024 * 1024,
          timeout: 600_000,
        });
      } catch (caught) {
        const err = caught as { code?: number | string; stderr?: string; stdout?: string };
        throw new Error(`${snippet.doc}:${snippet.line} failed (exit ${err.code}):\n${err.stderr}\n${err.stdout}`);
      }
      // curl exits 0 whatever the API answered: a GraphQL error in the output is a failure too.
      expect(out.stdout).not.toMatch(/"errors":\[\{/);
    },
    650_000,
  );
});
