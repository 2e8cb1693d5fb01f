import { createWriteStream } from 'node:fs';
import type { EdugovClient } from '../../../sdk/src/index.js';
import { KINDS, type Row } from './kinds.js';
import { serverMessageZh, type Problem } from './problems.js';
import { createProgress } from './progress.js';
import { readImportFile } from './readRecords.js';
import { rowProblems } from './rowCheck.js';

export interface ImportOptions {
  file: string;
  kind: string;
  batchSize: number;
  onError: 'REJECT_BATCH' | 'APPLY_VALID';
  errorsFile: string;
  /** Forces the text encoding of a CSV or JSON Lines file (detected otherwise). */
  encoding?: string;
  /** Told once the file has been read and its header accepted, before any row is sent. */
  onStart?(info: { rows: number; encoding: string }): void;
}

export interface ImportSummary {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  /** Valid rows not written because their batch was rejected (--reject-batch). */
  skipped: number;
  errorsFile: string | null;
}

/** A line of the current batch: sent, or (failed before sending) only holding its place. */
interface Pending {
  line: number;
  row: Row;
  failedHere: boolean;
}

/**
 * Imports a file in batches through the SDK's bulk upserts. Safe to re-run after an
 * interruption: upserts are idempotent, rows already stored come back UNCHANGED.
 *
 * Rows the server could not even receive (wrong types, missing required values, unreadable
 * lines) and keys already seen earlier in the file are reported here and not sent. The error
 * report is written in line order.
 */
export async function importFile(client: EdugovClient, opts: ImportOptions): Promise<ImportSummary> {
  const kind = KINDS[opts.kind];
  const keyField = kind.columns[0].name;
  const source = await readImportFile(opts.file, kind, opts.encoding);
  opts.onStart?.({ rows: source.lines.length, encoding: source.encoding });

  const progress = createProgress(`import ${opts.kind}`, source.lines.length);
  const errors = createWriteStream(opts.errorsFile, { encoding: 'utf8' });
  const summary: ImportSummary = {
    rows: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    failed: 0,
    skipped: 0,
    errorsFile: null,
  };
  /** Problems not yet written; written sorted at each batch, so the report is in line order. */
  let reported: Problem[] = [];
  const firstLineOfKey = new Map<string, number>();
  /** The lines of one batch: --batch N counts the file's rows, whether sent or not. */
  let batch: Pending[] = [];

  const report = (p: Problem) => reported.push(p);
  // A kind keyed by several columns (admissions) says how; otherwise the first column is the key.
  const keyOf = (row: Row) => (kind.key ? kind.key(row) : String(row[keyField] ?? '').trim());

  const flush = async () => {
    const sendable = batch.filter((b) => !b.failedHere);
    if (sendable.length > 0 && opts.onError === 'REJECT_BATCH' && sendable.length < batch.length) {
      // Its batch holds a row that could not be sent: with --reject-batch nothing of it is written.
      for (const { line, row } of sendable) {
        summary.skipped++;
        report({
          line,
          key: keyOf(row),
          code: 'SKIPPED',
          field: '',
          message: 'Valid, but not written: another row of its batch failed and --reject-batch was given.',
          messageZh: '本行有效但未写入：同一批次中有错误行（--reject-batch）',
        });
      }
    } else if (sendable.length > 0) {
      await send(sendable);
    }
    summary.rows += batch.length;
    batch = [];
    reported.sort((a, b) => a.line - b.line);
    for (const p of reported) errors.write(`${JSON.stringify(p)}\n`);
    reported = [];
    progress.update(summary.rows, summary.failed);
  };

  const send = async (rows: Pending[]) => {
    const outcome = await kind.upsert!(
      client,
      rows.map((b) => b.row),
      opts.onError,
    );
    for (const r of outcome.results) {
      const { line } = rows[r.index];
      if (r.status === 'CREATED') summary.created++;
      else if (r.status === 'UPDATED') summary.updated++;
      else if (r.status === 'UNCHANGED') summary.unchanged++;
      else if (r.status === 'SKIPPED') summary.skipped++;
      else summary.failed++;
      for (const e of r.errors) {
        // The field by name: the path after input.rows.<index>.
        const field = e.path.slice(3).join('.');
        report({
          line,
          key: r.key,
          code: e.code,
          field,
          message: e.message,
          messageZh: serverMessageZh(e.code, field),
        });
      }
      if (r.status === 'SKIPPED') {
        report({
          line,
          key: r.key,
          code: 'SKIPPED',
          field: '',
          message: 'Valid, but not written: another row of its batch failed and --reject-batch was given.',
          messageZh: '本行有效但未写入：同一批次中有错误行（--reject-batch）',
        });
      }
    }
    // Errors about the whole call (a role that may not write, a batch over the server's limit).
    for (const e of outcome.errors.filter((x) => x.path.length <= 2)) {
      const lines = `lines ${rows[0].line}–${rows.at(-1)!.line}`;
      report({
        line: rows[0].line,
        key: '',
        code: e.code,
        field: '',
        message: `${lines}: ${e.message}`,
        messageZh: serverMessageZh(e.code, ''),
      });
      if (outcome.results.length === 0) summary.failed += rows.length;
    }
  };

  try {
    for (const item of source.lines) {
      const key = keyOf(item.row);
      const problems = item.problem ? [item.problem] : rowProblems(kind, item.row);
      const firstLine = key ? firstLineOfKey.get(key) : undefined;
      if (key && firstLine === undefined) firstLineOfKey.set(key, item.line);
      if (firstLine !== undefined) {
        problems.push({
          code: 'DUPLICATE',
          field: keyField,
          message: `${key} already appears on line ${firstLine} of this file; only that line is imported.`,
          messageZh: `与第 ${firstLine} 行的${keyField === 'staffNo' ? '教职工号' : '代码'}重复，本行未导入`,
        });
      }
      for (const p of problems) report({ line: item.line, key, ...p });
      if (problems.length > 0) summary.failed++;
      batch.push({ line: item.line, row: item.row, failedHere: problems.length > 0 });
      if (batch.length >= opts.batchSize) await flush();
    }
    await flush();
  } finally {
    progress.stop();
    await new Promise<void>((r) => errors.end(r));
  }
  summary.errorsFile = summary.failed + summary.skipped > 0 ? opts.errorsFile : null;
  return summary;
}
