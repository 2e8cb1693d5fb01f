import { appendFileSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { EdugovClient } from '../../../sdk/src/index.js';

export interface SyncOptions {
  since: string | null;
  out: string | null;
  stateFile: string;
  pageSize: number;
  follow: boolean;
  intervalMs: number;
  signal?: AbortSignal;
}

interface SyncState {
  cursor: string | null;
  updatedAt: string;
}

export function readState(file: string): SyncState | null {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as SyncState) : null;
}

function saveState(file: string, state: SyncState) {
  // Write-then-rename: a crash leaves the old or the new cursor, never half a file.
  writeFileSync(`${file}.tmp`, `${JSON.stringify(state)}\n`);
  renameSync(`${file}.tmp`, file);
}

/**
 * Follows the change feed from a cursor and appends events as JSON Lines. Events are written
 * before the cursor is saved, so an interrupted run resumes exactly where it stopped; at
 * worst the last page is written twice (each event carries its cursor for de-duplication).
 */
export async function syncChanges(
  client: EdugovClient,
  opts: SyncOptions,
): Promise<{ events: number; cursor: string | null }> {
  let cursor = opts.since ?? readState(opts.stateFile)?.cursor ?? null;
  let events = 0;
  for (;;) {
    const { changes } = await client.changes({ after: cursor, first: opts.pageSize }, { signal: opts.signal });
    if (changes.events.length > 0) {
      const lines = changes.events.map((e) => JSON.stringify(e)).join('\n') + '\n';
      if (opts.out) appendFileSync(opts.out, lines);
      else process.stdout.write(lines);
      events += changes.events.length;
    }
    cursor = changes.endCursor ?? cursor;
    saveState(opts.stateFile, { cursor, updatedAt: new Date().toISOString() });
    if (changes.hasNextPage) continue;
    if (!opts.follow || opts.signal?.aborted) return { events, cursor };
    await new Promise((r) => setTimeout(r, opts.intervalMs));
    if (opts.signal?.aborted) return { events, cursor };
  }
}
