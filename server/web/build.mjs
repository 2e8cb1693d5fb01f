/**
 * Builds the browser apps the server serves: the offline API explorer (GraphiQL) and the
 * reference portal (sdk/examples/portal). Everything they load — scripts, styles, Monaco's
 * workers, the icon font — is bundled into dist/web/, so a browser on a network without
 * internet (政务外网) needs nothing but this server.
 *
 * Nothing generated is committed: `npm start` calls ensureWebBuild(), which rebuilds only when
 * a source file or the lockfile changed since the last build (a fingerprint of their contents),
 * so a fresh clone builds once on its first start and later starts pay a hash of the sources.
 * `npm run build:web` builds explicitly (CI, or before `npm run dev`).
 */
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'graphql';
import { browserBundle as common, buildPortal } from '../../sdk/examples/portal/build.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
/** Where the server finds the built apps: explorer/ and portal/ below it. */
export const webDir = join(root, 'dist/web');

/** Files whose contents decide the build. */
const INPUTS = ['server/web', 'sdk/examples/portal', 'sdk/src', 'sdk/operations', 'package-lock.json'];
const SKIP = new Set(['node_modules', 'dist']);

async function filesUnder(path) {
  const entries = await readdir(path, { withFileTypes: true }).catch((err) => {
    if (err.code === 'ENOTDIR') return null;
    throw err;
  });
  if (!entries) return [path];
  const nested = await Promise.all(entries.filter((e) => !SKIP.has(e.name)).map((e) => filesUnder(join(path, e.name))));
  return nested.flat();
}

export async function sourceFingerprint() {
  const files = (await Promise.all(INPUTS.map((p) => filesUnder(join(root, p))))).flat().sort();
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(relative(root, file));
    hash.update(await readFile(file));
  }
  return hash.digest('hex');
}

/**
 * The SDK's operations as explorer examples: each query and mutation with the fragments it
 * uses (transitively), cut from the source text so comments and layout stay as written.
 */
export async function sdkExamples() {
  const dir = join(root, 'sdk/operations');
  const files = (await readdir(dir)).filter((f) => f.endsWith('.graphql')).sort();
  const fragments = new Map();
  const operations = [];
  for (const file of files) {
    const source = await readFile(join(dir, file), 'utf8');
    for (const def of parse(source).definitions) {
      const text = source.slice(def.loc.start, def.loc.end);
      const spreads = new Set(text.match(/\.\.\.\s*([A-Za-z_]\w*)/g)?.map((s) => s.replace(/^\.\.\.\s*/, '')) ?? []);
      spreads.delete('on');
      if (def.kind === 'FragmentDefinition') fragments.set(def.name.value, { text, spreads });
      else if (def.kind === 'OperationDefinition' && def.name) {
        operations.push({
          domain: file.replace(/\.graphql$/, ''),
          name: def.name.value,
          kind: def.operation,
          text,
          spreads,
        });
      }
    }
  }
  return operations.map(({ spreads, text, ...op }) => {
    const used = new Set();
    const visit = (names) => {
      for (const n of names) {
        if (used.has(n) || !fragments.has(n)) continue;
        used.add(n);
        visit(fragments.get(n).spreads);
      }
    };
    visit(spreads);
    return { ...op, query: [text, ...[...used].map((n) => fragments.get(n).text)].join('\n\n') + '\n' };
  });
}

const EXPLORER_HTML = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>edugov 接口浏览器 · API explorer</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="explorer/main.css">
<script src="explorer/main.js" defer></script>
</head>
<body>
<div id="explorer" style="height:100vh"></div>
<noscript>接口浏览器需要启用 JavaScript。The explorer needs JavaScript.</noscript>
</body>
</html>
`;

const MONACO_WORKERS = {
  'editor.worker': 'monaco-editor/esm/vs/editor/editor.worker.js',
  'json.worker': 'monaco-editor/esm/vs/language/json/json.worker.js',
  'graphql.worker': 'monaco-graphql/esm/graphql.worker.js',
};

export async function buildExplorer(outdir) {
  const examples = await sdkExamples();
  await build({
    ...common,
    entryPoints: { main: join(root, 'server/web/explorer/main.ts') },
    outdir,
    // Monaco's codicon font travels with the bundle: no font from anywhere else.
    loader: { '.ttf': 'file', '.woff': 'file', '.woff2': 'file' },
    plugins: [
      {
        name: 'sdk-examples',
        setup(b) {
          b.onResolve({ filter: /^edugov:examples$/ }, () => ({ path: 'examples', namespace: 'edugov' }));
          b.onLoad({ filter: /.*/, namespace: 'edugov' }, () => ({
            contents: JSON.stringify(examples),
            loader: 'json',
          }));
        },
      },
    ],
  });
  await build({ ...common, entryPoints: MONACO_WORKERS, outdir, absWorkingDir: root });
}

async function buildAll(outdir) {
  await buildExplorer(join(outdir, 'explorer'));
  await writeFile(join(outdir, 'explorer.html'), EXPLORER_HTML);
  await buildPortal({ outdir: join(outdir, 'portal'), apiUrl: '../graphql' });
}

/**
 * Builds dist/web unless it matches the sources. Built aside and renamed into place, so a
 * server never serves half a build and two processes building at once both end up correct.
 * Returns whether it built.
 */
export async function ensureWebBuild({ force = false } = {}) {
  const fingerprint = await sourceFingerprint();
  const stamp = join(webDir, 'fingerprint');
  if (!force && (await readFile(stamp, 'utf8').catch(() => '')) === fingerprint) return false;
  const staging = `${webDir}.${process.pid}.${Date.now()}`;
  await mkdir(staging, { recursive: true });
  try {
    await buildAll(staging);
    await writeFile(join(staging, 'fingerprint'), fingerprint);
    const old = `${webDir}.old.${process.pid}`;
    await rename(webDir, old).catch((err) => {
      if (err.code !== 'ENOENT') throw err;
    });
    await rename(staging, webDir).catch(async (err) => {
      // Another process put its build in place first; theirs is from the same sources.
      if (err.code !== 'ENOTEMPTY' && err.code !== 'EEXIST') throw err;
    });
    await rm(old, { recursive: true, force: true });
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = performance.now();
  await ensureWebBuild({ force: process.argv.includes('--force') });
  process.stdout.write(`web apps built in ${webDir} (${Math.round(performance.now() - started)} ms)\n`);
}
