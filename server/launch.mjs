/**
 * `npm start`: runs server/main.ts from one bundle. Loading the project's ~200 TypeScript
 * modules one at a time through the tsx loader took about a second of every start; esbuild
 * bundles them in a fraction of that (packages stay external and load as usual) and Node
 * reads one file. Every start rebuilds, so the bundle never lags behind the sources.
 * `npm run dev`, the CLI and the tests load the modules one by one as before.
 */
import { build } from 'esbuild';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = new URL('..', import.meta.url);
const outfile = fileURLToPath(new URL('node_modules/.cache/edugov/server.mjs', root));

/**
 * Each module keeps its own import.meta.url, so paths resolved from it (the migrations folder,
 * the SDK's trusted-document manifest) are the same bundled or not.
 */
const ownUrls = {
  name: 'own-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, async ({ path }) => {
      if (path.includes('/node_modules/')) return undefined;
      const source = await readFile(path, 'utf8');
      return { contents: source.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(path).href)), loader: 'ts' };
    });
  },
};

const { outputFiles } = await build({
  entryPoints: [fileURLToPath(new URL('server/main.ts', root))],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'inline',
  write: false,
  logLevel: 'warning',
  plugins: [ownUrls],
});
/** Writes the bundle; false when the install is read-only (node_modules owned by another user). */
async function writeBundle() {
  try {
    // Written whole and renamed into place: two servers starting from one checkout never read half a file.
    await mkdir(dirname(outfile), { recursive: true });
    await writeFile(`${outfile}.${process.pid}`, outputFiles[0].contents);
    await rename(`${outfile}.${process.pid}`, outfile);
    return true;
  } catch (err) {
    process.stderr.write(
      `edugov: cannot write ${outfile} (${err.code ?? err.message}); loading the sources through tsx\n`,
    );
    return false;
  }
}

if (await writeBundle()) {
  // Stack traces name the TypeScript sources, as under tsx.
  process.setSourceMapsEnabled(true);
  await import(pathToFileURL(outfile).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL('server/main.ts', root).href);
}
