import { createWriteStream, type WriteStream } from 'node:fs';
import { stringify } from 'csv-stringify';
import type { EdugovClient } from '../../../sdk/src/index.js';
import { KINDS, toCsvCell } from './kinds.js';

export interface ExportOptions {
  kind: string;
  format: 'csv' | 'jsonl';
  out: string | null;
  regionCode?: string;
}

/** Writes every record of a kind (within the token's jurisdiction) as CSV or JSON Lines. */
export async function exportRecords(client: EdugovClient, opts: ExportOptions): Promise<number> {
  const kind = KINDS[opts.kind];
  const sink: NodeJS.WritableStream = opts.out ? createWriteStream(opts.out, { encoding: 'utf8' }) : process.stdout;
  let n = 0;
  if (opts.format === 'jsonl') {
    for await (const row of kind.records(client, opts.regionCode)) {
      n++;
      if (!sink.write(`${JSON.stringify(row)}\n`)) await new Promise((r) => sink.once('drain', r));
    }
  } else {
    const csv = stringify({ header: true, columns: kind.columns.map((c) => c.name) });
    csv.pipe(sink, { end: false });
    for await (const row of kind.records(client, opts.regionCode)) {
      n++;
      const cells = kind.columns.map((c) => toCsvCell(row[c.name]));
      if (!csv.write(cells)) await new Promise((r) => csv.once('drain', r));
    }
    csv.end();
    await new Promise((r) => csv.once('end', r));
  }
  if (opts.out) await new Promise<void>((r) => (sink as WriteStream).end(r));
  return n;
}
