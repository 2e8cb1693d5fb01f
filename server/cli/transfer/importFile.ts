import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { parse } from 'csv-parse';
import type { EdugovClient } from '../../../sdk/src/index.js';
import { coercionProblems, fromCsvCell, KINDS, type Row } from './kinds.js';
import { createProgress } from './progress.js';

export interface ImportOptions {
  file: string;
  kind: string;
  batchSize: number;
  onError: 'REJECT_BATCH' | 'APPLY_VALID';
  errorsFile: string;
}

export interface ImportSummary {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  errorsFile: string | null;
}

/** Streams the rows of a CSV or JSON Lines file with their 1-based line numbers. */
async function* readRows(file: string, kind: string): AsyncGenerator<{ line: number; row: Row }> {
  const columns = new Map(KINDS[kind].columns.map((c) => [c.name, c]));
  if (/\.(jsonl|ndjson)$/i.test(file)) {
    let line = 0;
    for await (const text of createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })) {
      line++;
      if (!text.trim()) continue;
      try {
        yield { line, row: JSON.parse(text) as Row };
      } catch {
        // A row that is not JSON still gets a result: the server reports its missing fields.
        yield { line, row: { __invalidJson: text.slice(0, 80) } };
      }
    }
    return;
  }
  const parser = createReadStream(file).pipe(parse({ columns: true, bom: true, skip_empty_lines: true, info: true, relax_column_count: true }));
  for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
    const row: Row = {};
    for (const [name, raw] of Object.entries(record)) {
      const column = columns.get(name);
      const value = column ? fromCsvCell(column, raw) : raw;
      if (value !== undefined) row[name] = value;
    }
    yield { line: info.lines, row };
  }
}

async function countLines(file: string): Promise<number> {
  let n = 0;
  for await (const text of createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })) if (text.trim()) n++;
  return /\.(jsonl|ndjson)$/i.test(file) ? n : Math.max(0, n - 1);
}

/**
 * Imports a file in batches through the SDK's bulk upserts. Safe to re-run after an
 * interruption: upserts are idempotent, rows already stored come back UNCHANGED.
 */
export async function importFile(client: EdugovClient, opts: ImportOptions): Promise<ImportSummary> {
  const kind = KINDS[opts.kind];
  const progress = createProgress(`import ${opts.kind}`, await countLines(opts.file));
  const errors = createWriteStream(opts.errorsFile, { encoding: 'utf8' });
  const summary: ImportSummary = { rows: 0, created: 0, updated: 0, unchanged: 0, failed: 0, errorsFile: null };
  let batch: { line: number; row: Row }[] = [];

  const flush = async () => {
    if (batch.length === 0) return;
    const outcome = await kind.upsert(client, batch.map((b) => b.row), opts.onError);
    for (const r of outcome.results) {
      const { line } = batch[r.index];
      if (r.status === 'CREATED') summary.created++;
      else if (r.status === 'UPDATED') summary.updated++;
      else if (r.status === 'UNCHANGED') summary.unchanged++;
      else summary.failed++;
      for (const e of r.errors) {
        // Report the field by name (path after input.rows.<index>), with the file's line.
        errors.write(`${JSON.stringify({ line, key: r.key, code: e.code, field: e.path.slice(3).join('.'), message: e.message })}\n`);
      }
      if (r.status === 'SKIPPED') {
        errors.write(`${JSON.stringify({ line, key: r.key, code: 'SKIPPED', field: '', message: 'Valid, but not written: its batch was rejected.' })}\n`);
      }
    }
    for (const e of outcome.errors.filter((x) => x.path.length <= 2)) {
      errors.write(`${JSON.stringify({ line: batch[0].line, key: '', code: e.code, field: e.path.join('.'), message: e.message })}\n`);
      summary.failed += outcome.results.length === 0 ? batch.length : 0;
    }
    summary.rows += batch.length;
    progress.update(summary.rows, summary.failed);
    batch = [];
  };

  try {
    for await (const item of readRows(opts.file, opts.kind)) {
      const problems = coercionProblems(kind, item.row);
      if (problems.length > 0) {
        const key = String(item.row[kind.columns[0].name] ?? '');
        for (const p of problems) errors.write(`${JSON.stringify({ line: item.line, key, code: 'VALIDATION', ...p })}\n`);
        summary.rows++;
        summary.failed++;
        continue;
      }
      batch.push(item);
      if (batch.length >= opts.batchSize) await flush();
    }
    await flush();
  } finally {
    progress.stop();
    await new Promise<void>((r) => errors.end(r));
  }
  summary.errorsFile = summary.failed > 0 ? opts.errorsFile : null;
  return summary;
}
