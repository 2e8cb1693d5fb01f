import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { readSheet } from 'read-excel-file/node';
import { fail } from '../../../schema/errors.js';
import { decodeFile } from './decode.js';
import { fromCsvCell, fromSheetCell, type Column, type Kind, type Row } from './kinds.js';
import type { RowProblem } from './rowCheck.js';

/** One line of an import file: a row to check and send, or the problem that stops it. */
export type FileLine =
  | { line: number; row: Row; problem?: undefined }
  | { line: number; row: Row; problem: RowProblem };

export interface ImportSource {
  /** How the file was read ("utf-8", "gb18030", "xlsx"), for the start message. */
  encoding: string;
  lines: FileLine[];
}

export const isJsonLines = (file: string) => /\.(jsonl|ndjson)$/i.test(file);
export const isXlsx = (file: string) => /\.xlsx$/i.test(file);

/**
 * Reads an import file whole: a CSV or JSON Lines file in any of the encodings bureaus use, or
 * the first sheet of an .xlsx workbook. The header of a table is checked before any row is
 * sent: an unknown column stops the import with one message, instead of failing every row.
 */
export async function readImportFile(file: string, kind: Kind, encoding?: string): Promise<ImportSource> {
  const bytes = await readFile(file);
  if (isXlsx(file)) {
    if (bytes[0] !== 0x50 || bytes[1] !== 0x4b)
      fail('VALIDATION', `${file} is not an .xlsx workbook (文件不是 .xlsx 格式)`);
    const sheet = (await readSheet(bytes)) as unknown[][];
    return {
      encoding: 'xlsx',
      lines: fromTable(
        sheet.map((cells, i) => ({ line: i + 1, cells })),
        kind,
        file,
        fromSheetCell,
        false,
      ),
    };
  }
  const decoded = decodeFile(bytes, file, encoding);
  if (isJsonLines(file)) return { encoding: decoded.encoding, lines: fromJsonLines(decoded.text) };
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(decoded.text, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
    }) as unknown as typeof records;
  } catch (err) {
    fail('VALIDATION', `${file} is not readable as CSV: ${(err as Error).message} (CSV 格式错误)`);
  }
  return {
    encoding: decoded.encoding,
    lines: fromTable(
      records.map((r) => ({ line: r.info.lines, cells: r.record })),
      kind,
      file,
      (c, v) => fromCsvCell(c, v as string),
      true,
    ),
  };
}

function fromJsonLines(text: string): FileLine[] {
  const lines: FileLine[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    if (!raw.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (err) {
      lines.push({ line: i + 1, row: {}, problem: notAnObject(`is not valid JSON (${(err as Error).message})`) });
      return;
    }
    if (!value || typeof value !== 'object' || Array.isArray(value))
      lines.push({ line: i + 1, row: {}, problem: notAnObject('is JSON but not an object') });
    else lines.push({ line: i + 1, row: value as Row });
  });
  return lines;
}

const notAnObject = (what: string): RowProblem => ({
  code: 'VALIDATION',
  field: '',
  message: `This line ${what}; each line must be one JSON object such as {"code":"…","name":"…"}.`,
  messageZh: '本行不是有效的 JSON 对象（每行应为一个 JSON 对象）',
});

/** A table (CSV or sheet) whose first non-empty line is the header. */
function fromTable(
  table: { line: number; cells: unknown[] }[],
  kind: Kind,
  file: string,
  read: (column: Column, value: unknown) => Row[string] | undefined,
  /** CSV: every line has every column. A sheet's rows end at their last filled cell. */
  strictWidth: boolean,
): FileLine[] {
  const filled = table.filter((t) => t.cells.some((c) => c !== null && c !== undefined && String(c).trim() !== ''));
  const [head, ...body] = filled;
  if (!head) return [];
  const names = head.cells.map((c) => String(c ?? '').trim());
  // Spreadsheet programs often save a trailing empty column (a comma at the end of each line).
  while (names.length && names.at(-1) === '') names.pop();
  const known = new Map(kind.columns.map((c) => [c.name, c]));
  const unknown = names.filter((n) => !known.has(n));
  const repeated = names.filter((n, i) => names.indexOf(n) !== i);
  if (unknown.length || repeated.length) {
    fail(
      'VALIDATION',
      `${file} line ${head.line}: ` +
        (unknown.length ? `unknown column(s) ${unknown.map((n) => `"${n}"`).join(', ')}` : '') +
        (unknown.length && repeated.length ? '; ' : '') +
        (repeated.length ? `column(s) ${[...new Set(repeated)].map((n) => `"${n}"`).join(', ')} appear twice` : '') +
        `. Nothing was imported. The columns of ${kind.label} are: ${kind.columns.map((c) => c.name).join(', ')}` +
        ` (表头有误，未导入任何数据：${unknown.length ? `未知列 ${unknown.join('、')}` : `重复列 ${[...new Set(repeated)].join('、')}`})`,
    );
  }
  const columns = names.map((n) => known.get(n)!);
  return body.map(({ line, cells }) => {
    const row: Row = {};
    columns.forEach((column, i) => {
      const value = read(column, cells[i]);
      if (value !== undefined) row[column.name] = value;
    });
    const beyond = cells.slice(columns.length).some((c) => c !== null && c !== undefined && String(c).trim() !== '');
    if (beyond || (strictWidth && cells.length < columns.length)) {
      const missing = !beyond;
      return {
        line,
        row,
        problem: {
          code: 'VALIDATION',
          field: missing ? columns[cells.length].name : '',
          message: `This line has ${cells.length} values but the header has ${columns.length} columns; ${missing ? `values from ${columns[cells.length].name} on are missing` : 'there are values beyond the last column'} (a comma too few or too many?).`,
          messageZh: `本行有 ${cells.length} 个值，表头有 ${columns.length} 列（${missing ? '缺少值' : '多出值'}，请检查逗号）`,
        },
      };
    }
    return { line, row };
  });
}
