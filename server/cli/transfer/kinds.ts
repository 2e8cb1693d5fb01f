import type { EdugovClient, UserError } from '../../../sdk/src/index.js';
import { regionPrefix } from '../../../schema/domains/organisation/codes.js';

/**
 * What the CLI can import and export, per kind: the columns (the same names as the mutation's
 * row input, so an export can be imported again unchanged), how to read a CSV cell, how to
 * upsert a batch and how to page through the records.
 */
export type Cell = string | number | boolean | string[] | null;
export type Row = Record<string, Cell>;

type ColumnType = 'string' | 'int' | 'boolean' | 'list';
export interface Column {
  name: string;
  type: ColumnType;
}

export interface UpsertOutcome {
  results: { index: number; key: string; status: string; errors: UserError[] }[];
  errors: UserError[];
}

export interface Kind {
  /** What one row is, in messages ("a school row"). */
  label: string;
  /** GraphQL input type of one row, used to check rows before sending them. */
  inputType: string;
  /** The first column is the natural key (duplicates in one file are refused), unless `key` says otherwise. */
  columns: Column[];
  /** The natural key of a row when it spans several columns. */
  key?(row: Row): string;
  /** Absent for export-only kinds (records made by their own verbs, e.g. escalations). */
  upsert?(client: EdugovClient, rows: Row[], onError: 'REJECT_BATCH' | 'APPLY_VALID'): Promise<UpsertOutcome>;
  records(client: EdugovClient, regionCode?: string): AsyncIterable<Row>;
}

const col = (name: string, type: ColumnType = 'string'): Column => ({ name, type });

export const KINDS: Record<string, Kind> = {
  regions: {
    label: 'a region row',
    inputType: 'RegionRowInput',
    columns: [col('code'), col('name')],
    upsert: async (c, rows, onError) =>
      (await c.upsertRegions({ input: { rows: rows as never, onError } })).upsertRegions,
    async *records(c, regionCode) {
      for await (const r of c.paginate.regions({ parentCode: regionCode })) yield { code: r.code, name: r.name };
    },
  },
  schools: {
    label: 'a school row',
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
    upsert: async (c, rows, onError) =>
      (await c.upsertSchools({ input: { rows: rows as never, onError } })).upsertSchools,
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
    label: 'a teacher row',
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
    upsert: async (c, rows, onError) =>
      (await c.upsertTeachers({ input: { rows: rows as never, onError } })).upsertTeachers,
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
    label: 'a consortium row',
    inputType: 'ConsortiumRowInput',
    columns: [
      col('code'),
      col('name'),
      col('kind'),
      col('regionCode'),
      col('leadSchoolCode'),
      col('memberSchoolCodes', 'list'),
    ],
    upsert: async (c, rows, onError) =>
      (await c.upsertConsortia({ input: { rows: rows as never, onError } })).upsertConsortia,
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
  establishments: {
    label: 'an establishment row',
    inputType: 'EstablishmentRowInput',
    columns: [col('holderCode'), col('category'), col('approved', 'int')],
    // The natural key is holder and category together.
    key: (r) => [r.holderCode, r.category].map((v) => String(v ?? '').trim()).join(':'),
    upsert: async (c, rows, onError) =>
      (await c.upsertEstablishments({ input: { rows: rows as never, onError } })).upsertEstablishments,
    async *records(c, regionCode) {
      const { establishmentHoldings } = await c.establishmentHoldings({ regionCode });
      for (const h of establishmentHoldings)
        yield { holderCode: h.holderCode, category: h.category, approved: h.approved };
    },
  },
  'spending-reports': {
    label: 'a spending report row',
    inputType: 'SpendingReportRowInput',
    columns: [
      col('code'),
      col('countyCode'),
      col('schoolCode'),
      col('year', 'int'),
      col('source'),
      col('programmeCode'),
      col('amountFen'),
      col('purpose'),
      col('evidenceUrl'),
      col('spentOn'),
    ],
    upsert: async (c, rows, onError) =>
      (await c.upsertSpendingReports({ input: { rows: rows as never, onError } })).upsertSpendingReports,
    async *records(c, regionCode) {
      let after: string | null | undefined = null;
      do {
        const { spendingReports: page } = await c.spendingReports({ regionCode, first: 100, after });
        for (const r of page.nodes) {
          yield {
            code: r.code,
            countyCode: r.countyCode,
            schoolCode: r.school?.code ?? null,
            year: r.year,
            source: r.source,
            programmeCode: r.programmeCode ?? null,
            amountFen: r.amountFen,
            purpose: r.purpose,
            evidenceUrl: r.evidenceUrl,
            spentOn: r.spentOn,
          };
        }
        after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      } while (after);
    },
  },
  admissions: {
    label: 'an admission row',
    inputType: 'EnrolmentAdmissionRowInput',
    columns: [
      col('schoolCode'),
      col('sourceJuniorSchoolCode'),
      col('category'),
      col('year', 'int'),
      col('stage'),
      col('count', 'int'),
    ],
    // The same key the server reports: year:stage:school:source junior school:category.
    key: (r) =>
      [r.year, r.stage || 'SENIOR', r.schoolCode, r.sourceJuniorSchoolCode, r.category]
        .map((v) => String(v ?? '').trim())
        .join(':'),
    upsert: async (c, rows, onError) =>
      (await c.upsertEnrolmentAdmissions({ input: { rows: rows as never, onError } })).upsertEnrolmentAdmissions,
    async *records(c, regionCode) {
      for await (const a of c.paginate.enrolmentAdmissions({ filter: regionCode ? { regionCode } : undefined })) {
        yield {
          schoolCode: a.schoolCode,
          sourceJuniorSchoolCode: a.sourceJuniorSchoolCode,
          category: a.category,
          year: a.year,
          stage: a.stage,
          count: a.count,
        };
      }
    },
  },
};

/** Every node of a connection, page by page (for kinds without a paginator of the SDK). */
async function* pages<N>(
  fetch: (
    after: string | null,
  ) => Promise<{ nodes: N[]; pageInfo: { hasNextPage: boolean; endCursor?: string | null } }>,
) {
  let after: string | null = null;
  for (;;) {
    const page = await fetch(after);
    yield* page.nodes;
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return;
    after = page.pageInfo.endCursor;
  }
}

/** Supervision (督查) records, export-only: findings of the inspections the token may see, and escalations. */
KINDS['inspection-findings'] = {
  label: 'an inspection finding',
  inputType: 'RecordFindingInput',
  columns: [
    col('id'),
    col('inspection'),
    col('inspectionKind'),
    col('regionCode'),
    col('schoolCode'),
    col('severity'),
    col('itemKey'),
    col('description'),
    col('evidence', 'list'),
    col('taskId'),
    col('recheckPassed', 'boolean'),
  ],
  async *records(c, regionCode) {
    for await (const i of pages((after) => c.inspections({ first: 100, after }).then((d) => d.inspections))) {
      for (const f of i.findings.nodes) {
        if (regionCode && !f.regionCode.startsWith(regionPrefix(regionCode))) continue;
        yield {
          id: f.id,
          inspection: i.title,
          inspectionKind: i.kind,
          regionCode: f.regionCode,
          schoolCode: f.school?.code ?? null,
          severity: f.severity,
          itemKey: f.itemKey,
          description: f.description,
          evidence: f.evidence,
          taskId: f.taskId ?? null,
          recheckPassed: f.recheckPassed ?? null,
        };
      }
    }
  },
};

KINDS.escalations = {
  label: 'an escalation',
  inputType: 'RecordAccountabilityDecisionInput',
  columns: [
    col('id'),
    col('stage'),
    col('regionCode'),
    col('taskTitle'),
    col('reason'),
    col('supervisingLeader'),
    col('escalatedAt'),
    col('accountablePerson'),
    col('decision'),
    col('decidedOn'),
  ],
  async *records(c, regionCode) {
    for await (const e of pages((after) =>
      c.escalations({ first: 100, after, regionCode }).then((d) => d.escalations),
    )) {
      yield {
        id: e.id,
        stage: e.stage,
        regionCode: e.regionCode,
        taskTitle: e.task.title,
        reason: e.reason,
        supervisingLeader: e.supervisingLeader,
        escalatedAt: e.escalatedAt,
        // Personal data only when the token may see it, as for teachers' identifiers.
        accountablePerson: e.accountablePerson ?? null,
        decision: e.decision ?? null,
        decidedOn: e.decidedOn ?? null,
      };
    }
  },
};

export const LIST_SEPARATOR = ';';
/** How spreadsheets and clerks write yes and no (WPS and Excel export TRUE/FALSE). */
const TRUE = new Set(['true', '1', '是', 'y', 'yes']);
const FALSE = new Set(['false', '0', '否', 'n', 'no']);

/**
 * Reads one .xlsx cell (text, number, boolean or date) into the column's type. A code typed
 * into a number cell keeps its digits; one too long for a number has lost some already, and
 * passes through as a number so the check reports it instead of storing a wrong code.
 */
export function fromSheetCell(column: Column, value: unknown): Cell | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return fromCsvCell(column, value);
  if (value instanceof Date) return fromCsvCell(column, value.toISOString().slice(0, 10));
  if (typeof value === 'number') {
    if (column.type === 'int') return value;
    if (column.type === 'string' || column.type === 'list') {
      return Number.isSafeInteger(value) ? fromCsvCell(column, String(value)) : value;
    }
    return fromCsvCell(column, String(value));
  }
  if (typeof value === 'boolean') return column.type === 'boolean' ? value : fromCsvCell(column, String(value));
  return fromCsvCell(column, String(value));
}

/**
 * Reads one CSV cell into the column's type. Empty cells are omitted (the server keeps the
 * stored value); malformed numbers pass through as text so the server reports them with
 * their row and field instead of the CLI guessing.
 */
export function fromCsvCell(column: Column, raw: string | undefined): Cell | undefined {
  const v = unguardCell((raw ?? '').trim());
  if (v === '') return undefined;
  switch (column.type) {
    case 'int':
      return /^-?\d+$/.test(v) ? Number(v) : v;
    case 'boolean':
      return TRUE.has(v.toLowerCase()) ? true : FALSE.has(v.toLowerCase()) ? false : v;
    case 'list':
      return v
        .split(LIST_SEPARATOR)
        .map((x) => x.trim())
        .filter(Boolean);
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
