import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { pgliteVersion, saveWhole, templateDir } from './clusterTemplate.js';

/**
 * A migrated embedded database holding the demo data, made once and copied into every new data
 * folder that wants demo data. Loading the demo data runs every domain's services (validation,
 * audit, change feed) and takes most of a first `npm start` — about 8 s on an idle two-core
 * machine, over 20 s with both cores busy; unpacking this tarball takes well under a second.
 *
 * The demo data is deterministic, so a copy is the same database the services would write,
 * except that its timestamps (audit, change feed, created/updated) are those of the run that
 * made it. The copy is named by a hash of everything that decides its content — the PGlite
 * version, the migrations, the domain code under schema/ and the seed steps — so any change
 * to them makes a new one instead of reusing a stale one.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const SOURCES = ['migrations', 'schema', join('server', 'seed')];

let key: string | undefined;
/** The content hash that names the demo database of this build. */
export function demoTemplateKey(): string {
  if (key) return key;
  const hash = createHash('sha256').update(`pglite ${pgliteVersion()}\n`);
  for (const folder of SOURCES) {
    const files = (readdirSync(join(root, folder), { recursive: true }) as string[])
      .filter((f) => /\.(ts|sql|json)$/.test(f))
      .sort();
    for (const file of files) {
      hash.update(`${folder}/${file}\n`);
      hash.update(readFileSync(join(root, folder, file)));
    }
  }
  key = hash.digest('hex').slice(0, 16);
  return key;
}

export function demoTemplatePath(dir = templateDir): string {
  return join(dir, `pglite-${pgliteVersion()}-demo-${demoTemplateKey()}.tar.gz`);
}

/**
 * The demo database of this build as a tarball for PGlite's `loadDataDir`, or undefined when
 * none is made yet or the file is not a whole gzip tarball (then it is removed, and the next
 * seeding makes a new one). Unpacked and checked here rather than by PGlite, whose failing
 * gunzip stream would reject outside any caller's reach.
 */
export function readDemoTemplate(dir = templateDir): Blob | undefined {
  const path = demoTemplatePath(dir);
  if (!existsSync(path)) return undefined;
  try {
    const tar = gunzipSync(readFileSync(path));
    if (isWholeTar(tar)) return new Blob([tar]);
  } catch {
    // not gzip, or cut short
  }
  discardDemoTemplate(dir);
  return undefined;
}

/**
 * Every header a ustar archive, every entry's data present, and the end-of-archive block: PGlite
 * would take anything else for a gzip stream and fail outside any caller's reach.
 */
export function isWholeTar(tar: Buffer): boolean {
  let offset = 0;
  while (offset + 512 <= tar.length) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) return offset > 0;
    if (header.toString('latin1', 257, 262) !== 'ustar') return false;
    const size = Number.parseInt(header.toString('latin1', 124, 136).replace(/[\0 ]/g, '') || '0', 8);
    if (!Number.isFinite(size)) return false;
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return false;
}

/**
 * Keeps a freshly seeded database as this build's demo template, removing those of earlier
 * builds. `dump` is a gzip tarball (dumpDataDir('gzip'): ~30 MB where the plain tarball is
 * ~190 MB, mostly write-ahead log, for ~0.4 s more to unpack) taken right after seeding,
 * before any request could change the database.
 */
export async function saveDemoTemplate(dump: Blob, dir = templateDir): Promise<void> {
  const path = demoTemplatePath(dir);
  saveWhole(path, Buffer.from(await dump.arrayBuffer()));
  if (!existsSync(dir)) return;
  for (const file of readdirSync(dir))
    if (/^pglite-.*-demo-[0-9a-f]{16}\.tar(\.gz)?$/.test(file) && join(dir, file) !== path)
      rmSync(join(dir, file), { force: true });
}

/** Forgets a demo template PGlite could not open, so the next new folder is seeded and makes a new one. */
export function discardDemoTemplate(dir = templateDir): void {
  rmSync(demoTemplatePath(dir), { force: true });
}
