/**
 * Builds the reference portal into one folder of static files (index.html, app.js, app.css)
 * that any web server can host. The edugov server serves the same build at /portal/.
 *
 *   node sdk/examples/portal/build.mjs --out ./portal-dist --api https://edu.example.gov.cn/graphql
 *
 * --api is the GraphQL endpoint (absolute, or relative to the page; default ../graphql, which is
 * right when the edugov server hosts the portal). Hosting it elsewhere, let that server's CORS
 * settings (or a reverse proxy on the same origin) admit the portal's origin.
 */
import { build } from 'esbuild';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));

/** esbuild options for a browser app: one minified script, browsers of the last few years. */
export const browserBundle = {
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['chrome100', 'firefox100', 'safari15'],
  legalComments: 'none',
  logLevel: 'warning',
  define: { 'process.env.NODE_ENV': '"production"' },
};

const escapeAttribute = (s) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export async function buildPortal({ outdir, apiUrl = '../graphql' }) {
  await mkdir(outdir, { recursive: true });
  await build({ ...browserBundle, entryPoints: { app: join(here, 'src/main.ts') }, outdir });
  const html = await readFile(join(here, 'index.html'), 'utf8');
  await writeFile(join(outdir, 'index.html'), html.replace('__EDUGOV_API__', escapeAttribute(apiUrl)));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(name);
    return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
  };
  const outdir = resolve(arg('--out', join(here, 'dist')));
  await buildPortal({ outdir, apiUrl: arg('--api', '../graphql') });
  process.stdout.write(`portal built in ${outdir}\n`);
}
