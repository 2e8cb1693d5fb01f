import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/**
 * A pre-initialised, empty PGlite cluster, made once per PGlite version and reused for every
 * new embedded database. Creating a cluster runs PostgreSQL's initdb inside WebAssembly, the
 * largest single part of a first `npm start` (several seconds; tens of seconds with both cores
 * busy); unpacking this tarball instead takes a fraction of that. `npm install` makes it
 * (postinstall: server/embedded/prepare.ts); a start that finds none makes it then, so a
 * read-only or script-less install still works, only slower the first time.
 *
 * The tarball holds the bare cluster only: migrations run against it, so it never goes stale
 * when they change. A new folder that wants the demo data starts from the demo template
 * instead (server/embedded/demoTemplate.ts), which holds them already.
 */
const root = new URL('../../', import.meta.url);
export const templateDir = fileURLToPath(new URL('node_modules/.cache/edugov/', root));

/** Where the cluster of this PGlite version is kept (in `dir`, the install's cache by default). */
export function templatePath(dir = templateDir): string {
  return join(dir, `pglite-${pgliteVersion()}-cluster.tar`);
}

/**
 * The template as a Blob for PGlite's `loadDataDir`, making (and saving) it when missing.
 * `create` makes a fresh in-memory cluster; it is passed in so this module loads no PGlite.
 */
export async function clusterTemplate(
  create: () => Promise<{ dumpDataDir(c: 'none'): Promise<Blob | File>; close(): Promise<void> }>,
  dir = templateDir,
): Promise<{ blob: Blob; made: boolean }> {
  const path = templatePath(dir);
  if (existsSync(path)) return { blob: new Blob([readFileSync(path)]), made: false };
  const cluster = await create();
  const blob = await cluster.dumpDataDir('none');
  await cluster.close();
  saveWhole(path, Buffer.from(await blob.arrayBuffer()));
  return { blob, made: true };
}

/** Forgets a template PGlite could not open (a truncated or foreign file), so the next start makes a new one. */
export function discardTemplate(dir = templateDir): void {
  rmSync(templatePath(dir), { force: true });
}

/** Written whole and renamed into place: two processes making it at once never read half a file. */
export function saveWhole(path: string, bytes: Buffer) {
  try {
    mkdirSync(dirname(path), { recursive: true });
    const partial = `${path}.${process.pid}`;
    writeFileSync(partial, bytes);
    renameSync(partial, path);
  } catch {
    // A read-only install: every new database is made from scratch, as without a template.
  }
}

let version: string | undefined;
export function pgliteVersion(): string {
  if (version) return version;
  // The package does not export its package.json; find it above its entry point.
  let dir = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  while (
    !existsSync(join(dir, 'package.json')) ||
    JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name !== '@electric-sql/pglite'
  ) {
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find @electric-sql/pglite/package.json');
    dir = up;
  }
  version = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version as string;
  return version;
}
