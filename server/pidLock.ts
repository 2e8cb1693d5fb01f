import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * An embedded PGlite folder must have one process at a time. The server holds this lock
 * while it runs; the CLI checks it before opening the same folder.
 */
export function lockFile(dataDir: string): string {
  return join(dataDir, 'server.pid');
}

/** Another live process holds the data folder. */
export class DataDirInUse extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(`${dataDir} is in use by process ${pid}; stop it or use another EDUGOV_DATA_DIR`);
    this.name = 'DataDirInUse';
  }
}

export function holderOf(dataDir: string): number | null {
  const file = lockFile(dataDir);
  if (!existsSync(file)) return null;
  const pid = Number(readFileSync(file, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}

export function acquire(dataDir: string): () => void {
  const other = holderOf(dataDir);
  if (other) throw new DataDirInUse(dataDir, other);
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(lockFile(dataDir), String(process.pid));
  return () => rmSync(lockFile(dataDir), { force: true });
}
