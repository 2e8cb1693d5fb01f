import { readFileSync } from 'node:fs';
import { buildSchema, coerceInputValue, isInputObjectType, type GraphQLSchema } from 'graphql';
import type { EdugovClient, UserError } from '../../../sdk/src/index.js';

/**
 * What the CLI can import and export, per kind: the columns (the same names as the mutation's
 * row input, so an export can be imported again unchanged), how to read a CSV cell, how to
 * upsert a batch and how to page through the records.
 */
export type Cell = string | number | boolean | string[] | null;
export type Row = Record<string, Cell>;

type ColumnType = 'string' | 'int' | 'boolean' | 'list';
interface Column {
  name: string;
  type: ColumnType;
}

export interface UpsertOutcome {
  results: { index: number; key: string; status: string; errors: UserError[] }[];
  errors: UserError[];
}

export interface Kind {
  /** GraphQL input type of one row, used to check rows before sending them. */
  inputType: string;
  columns: Column[];
  upsert(client: EdugovClient, rows: Row[], onError: 'REJECT_BATCH' | 'APPLY_VALID'): Promise<UpsertOutcome>;
  records(client: EdugovClient, regionCode?: string): AsyncIterable<Row>;
}

const col = (name: string, type: ColumnType = 'string'): Column => ({ name, type });

export const KINDS: Record<string, Kind> = {
  regions: {
    inputType: 'RegionRowInput',
    columns: [col('code'), col('name')],
    upsert: async (c, rows, onError) => (await c.upsertRegions({ input: { rows: rows as never, onError } })).upsertRegions,
    async *records(c, regionCode) {
      for await (const r of c.paginate.regions({ parentCode: regionCode })) yield { code: r.code, name: r.name };
    },
  },
  schools: {
    inputType: 'SchoolRowInput',
    columns: [
      col('code'),
      col('name'),
      col('stage'),
      col('locality'),
      col('countyCode'),
      col('enrolment', 'int'),
      col('staffCount', 'int'),
      col('isCountyHighSchool', 'boolean'),
      col('status'),
    ],
    upsert: async (c, rows, onError) => (await c.upsertSchools({ input: { rows: rows as never, onError } })).upsertSchools,
    async *records(c, regionCode) {
      for await (const s of c.paginate.schools({ filter: regionCode ? { regionCode } : undefined })) {
        yield {
          code: s.code,
          name: s.name,
          stage: s.stage,
          locality: s.locality,
          countyCode: s.countyCode,
          enrolment: s.enrolment,
          staffCount: s.staffCount,
          isCountyHighSchool: s.isCountyHighSchool,
          status: s.status,
        };
      }
    },
  },
  teachers: {
    inputType: 'TeacherRowInput',
    columns: [
      col('staffNo'),
      col('name'),
      col('gender'),
      col('schoolCode'),
      col('subjects', 'list'),
      col('title'),
      col('backboneLevel'),
      col('yearsAtSchool', 'int'),
      col('qualification'),
      col('idNumber'),
      col('phone'),
    ],
    upsert: async (c, rows, onError) => (await c.upsertTeachers({ input: { rows: rows as never, onError } })).upsertTeachers,
    async *records(c, regionCode) {
      for await (const t of c.paginate.teachers({ filter: regionCode ? { regionCode } : undefined })) {
        yield {
          staffNo: t.staffNo,
          name: t.name,
          gender: t.gender,
          schoolCode: t.school.code,
          subjects: t.subjects,
          title: t.title,
          backboneLevel: t.backboneLevel,
          yearsAtSchool: t.yearsAtSchool,
          qualification: t.qualification,
          // Personal identifiers are exported only when the token may see them.
          idNumber: t.idNumber ?? null,
          phone: t.phone ?? null,
        };
      }
    },
  },
  consortia: {
    inputType: 'ConsortiumRowInput',
    columns: [col('code'), col('name'), col('kind'), col('regionCode'), col('leadSchoolCode'), col('memberSchoolCodes', 'list')],
    upsert: async (c, rows, onError) => (await c.upsertConsortia({ input: { rows: rows as never, onError } })).upsertConsortia,
    async *records(c, regionCode) {
      for await (const x of c.paginate.consortia({ regionCode })) {
        yield {
          code: x.code,
          name: x.name,
          kind: x.kind,
          regionCode: x.region.code,
          leadSchoolCode: x.leadSchool.code,
          memberSchoolCodes: x.members.map((m) => m.code),
        };
      }
    },
  },
};

export const LIST_SEPARATOR = ';';

/**
 * Reads one CSV cell into the column's type. Empty cells are omitted (the server keeps the
 * stored value); malformed numbers pass through as text so the server reports them with
 * their row and field instead of the CLI guessing.
 */
export function fromCsvCell(column: Column, raw: string): Cell | undefined {
  const v = unguardCell(raw.trim());
  if (v === '') return undefined;
  switch (column.type) {
    case 'int':
      return /^-?\d+$/.test(v) ? Number(v) : v;
    case 'boolean':
      return v === 'true' || v === '1' ? true : v === 'false' || v === '0' ? false : v;
    case 'list':
      return v.split(LIST_SEPARATOR).map((x) => x.trim()).filter(Boolean);
    default:
      return v;
  }
}

export function toCsvCell(value: Cell | undefined): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return guardCell(value.join(LIST_SEPARATOR));
  // Numbers and booleans are never formulas (a negative number stays a number in a spreadsheet).
  return typeof value === 'string' ? guardCell(value) : String(value);
}

/**
 * Cells a spreadsheet (Excel, WPS, LibreOffice) would run as a formula when a bureau opens
 * the export (CSV injection): OWASP's list of leading characters — = + - @, tab, carriage
 * return — and their full-width forms (＝ ＋ － ＠), which Chinese input methods type and
 * which spreadsheets may read as the ASCII ones. Leading apostrophes are counted too, so that
 * a value already starting with an apostrophe and such a character is escaped as well and
 * import can undo exactly one apostrophe.
 */
const FORMULA_LEAD = /^'*[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/**
 * Neutralises a text cell: one apostrophe in front of a formula-leading value (the
 * spreadsheet then shows it as text and hides the apostrophe). Everything else is unchanged.
 */
export function guardCell(text: string): string {
  return FORMULA_LEAD.test(text) ? `'${text}` : text;
}

/** The inverse of guardCell, for import: exactly the value that was exported. */
export function unguardCell(text: string): string {
  return text.startsWith("'") && FORMULA_LEAD.test(text) ? text.slice(1) : text;
}

let schemaCache: GraphQLSchema | null = null;

/**
 * Checks a row against the row input type the way the server will coerce it. GraphQL rejects
 * a whole request when one variable is malformed (a word in an Int column, an unknown enum
 * value), so such rows are reported here, with their field, and not sent.
 */
export function coercionProblems(kind: Kind, row: Row): { field: string; message: string }[] {
  schemaCache ??= buildSchema(readFileSync(new URL('../../../schema/schema.graphql', import.meta.url), 'utf8'));
  const type = schemaCache.getType(kind.inputType);
  if (!isInputObjectType(type)) throw new Error(`${kind.inputType} is not in the schema`);
  const problems: { field: string; message: string }[] = [];
  coerceInputValue(row, type, (path, _invalid, error) => {
    problems.push({ field: path.join('.'), message: error.message });
  });
  return problems;
}
