import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { UserError } from '../../../errors.js';
import { writeDenial } from '../../access/jurisdiction.js';
import { REGION_CODE, SCHOOL_CODE } from '../../organisation/codes.js';
import { regions, schools } from '../../organisation/table.js';
import { isoDate } from '../../responsibility/validate.js';
import { bulkVerb, type BulkSpec } from '../../shared/bulk.js';
import { inJsonList } from '../../shared/jsonList.js';
import { paidSums } from '../lookup.js';
import { zFen } from '../money.js';
import { fundingAllocations, fundingProgrammes, fundingSource, spendingReports } from '../table.js';
import { evidenceUrl } from '../evidence.js';

type Report = typeof spendingReports.$inferSelect;
type ReportRecord = Pick<
  Report,
  | 'code'
  | 'countyCode'
  | 'schoolId'
  | 'year'
  | 'source'
  | 'allocationId'
  | 'amountFen'
  | 'purpose'
  | 'evidenceUrl'
  | 'spentOn'
>;

const row = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[A-Z0-9][A-Z0-9-]{1,39}$/, 'must be 2–40 upper-case letters, digits or dashes'),
  countyCode: z.string().trim().regex(REGION_CODE, 'must be a 6-digit GB/T 2260 code'),
  schoolCode: z.string().trim().regex(SCHOOL_CODE, 'must be a 10-digit school identifier (学校标识码)').nullish(),
  year: z.number().int().min(2000).max(2100),
  source: z.enum(fundingSource.enumValues),
  programmeCode: z.string().trim().max(40).nullish(),
  amountFen: zFen.refine((n) => n > 0, 'must be positive'),
  purpose: z.string().trim().min(2, 'is required').max(500),
  evidenceUrl,
  spentOn: isoDate,
});
type Row = z.infer<typeof row>;

interface Refs {
  counties: Set<string>;
  schools: Map<string, typeof schools.$inferSelect>;
  allocations: Map<string, { id: number; received: number }>;
  /** Programme spending per allocation, outside this batch plus the rows resolved so far. */
  spent: Map<number, number>;
  existing: Map<string, Report>;
}

const spec: BulkSpec<Row, ReportRecord, Report, Refs> = {
  entity: 'spendingReport',
  entityType: 'SpendingReport',
  schema: row,
  keyField: 'code',
  key: (r) => r.code,
  async load(tx, rows) {
    const codes = rows.map((r) => r.code);
    const countyCodes = [...new Set(rows.map((r) => r.countyCode))];
    const schoolCodes = [...new Set(rows.map((r) => r.schoolCode).filter((c): c is string => !!c))];
    const programmeCodes = [...new Set(rows.map((r) => r.programmeCode).filter((c): c is string => !!c))];
    const known = countyCodes.length
      ? await tx.select({ code: regions.code }).from(regions).where(inJsonList(regions.code, countyCodes))
      : [];
    const sch = schoolCodes.length ? await tx.select().from(schools).where(inJsonList(schools.code, schoolCodes)) : [];
    const allocs = programmeCodes.length
      ? await tx
          .select({
            id: fundingAllocations.id,
            countyCode: fundingAllocations.countyCode,
            code: fundingProgrammes.code,
          })
          .from(fundingAllocations)
          .innerJoin(fundingProgrammes, sql`${fundingProgrammes.id} = ${fundingAllocations.programmeId}`)
          .where(inJsonList(fundingProgrammes.code, programmeCodes))
          .for('update', { of: fundingAllocations })
      : [];
    const paid = await paidSums(
      tx,
      allocs.map((a) => a.id),
    );
    const spentRows = allocs.length
      ? await tx
          .select({ id: spendingReports.allocationId, n: sql<string>`sum(${spendingReports.amountFen})::text` })
          .from(spendingReports)
          .where(
            sql`${inJsonList(
              spendingReports.allocationId,
              allocs.map((a) => a.id),
            )} and not ${inJsonList(spendingReports.code, codes)}`,
          )
          .groupBy(spendingReports.allocationId)
      : [];
    const found = await tx.select().from(spendingReports).where(inJsonList(spendingReports.code, codes)).for('update');
    return {
      counties: new Set(known.map((k) => k.code)),
      schools: new Map(sch.map((s) => [s.code, s])),
      allocations: new Map(
        allocs.map((a) => [
          `${a.code}:${a.countyCode}`,
          { id: a.id, received: paid.get(a.id)!.disbursed + paid.get(a.id)!.matching },
        ]),
      ),
      spent: new Map(spentRows.map((s) => [s.id!, Number(s.n)])),
      existing: new Map(found.map((f) => [f.code, f])),
    };
  },
  existing: (refs, key) => refs.existing.get(key),
  resolve(r, refs, ctx) {
    if (!refs.counties.has(r.countyCode))
      return [new UserError('NOT_FOUND', `Region ${r.countyCode} does not exist.`, ['countyCode'])];
    const school = r.schoolCode ? refs.schools.get(r.schoolCode) : undefined;
    if (r.schoolCode && !school)
      return [new UserError('NOT_FOUND', `School ${r.schoolCode} does not exist.`, ['schoolCode'])];
    if (school && school.countyCode !== r.countyCode)
      return [
        new UserError('VALIDATION', `School ${school.code} is in ${school.countyCode}, not ${r.countyCode}.`, [
          'schoolCode',
        ]),
      ];
    const denied = writeDenial(ctx.viewer, 'spendingReport', { regionCode: r.countyCode }, [
      school ? 'schoolCode' : 'countyCode',
    ]);
    if (denied) return [denied];
    let allocationId: number | null = null;
    if (r.source === 'PROGRAMME') {
      if (!r.programmeCode)
        return [new UserError('REQUIRED', 'Programme spending names its programme.', ['programmeCode'])];
      const a = refs.allocations.get(`${r.programmeCode}:${r.countyCode}`);
      if (!a)
        return [
          new UserError('NOT_FOUND', `Programme ${r.programmeCode} has no allocation for ${r.countyCode}.`, [
            'programmeCode',
          ]),
        ];
      const spent = refs.spent.get(a.id) ?? 0;
      if (spent + r.amountFen > a.received) {
        return [
          new UserError(
            'OVER_CAPACITY',
            `${a.received - spent} 分 received (disbursed + matching) remain unspent on ${r.programmeCode}.`,
            ['amountFen'],
          ),
        ];
      }
      refs.spent.set(a.id, spent + r.amountFen);
      allocationId = a.id;
    } else if (r.programmeCode) {
      return [
        new UserError('VALIDATION', `Only PROGRAMME spending names a programme; ${r.source} is recorded separately.`, [
          'programmeCode',
        ]),
      ];
    }
    return {
      code: r.code,
      countyCode: r.countyCode,
      schoolId: school?.id ?? null,
      year: r.year,
      source: r.source,
      allocationId,
      amountFen: r.amountFen,
      purpose: r.purpose,
      evidenceUrl: r.evidenceUrl,
      spentOn: r.spentOn,
    };
  },
  snapshot: (e) => ({
    code: e.code,
    countyCode: e.countyCode,
    schoolId: e.schoolId,
    year: e.year,
    source: e.source,
    allocationId: e.allocationId,
    amountFen: e.amountFen,
    purpose: e.purpose,
    evidenceUrl: e.evidenceUrl,
    spentOn: e.spentOn,
  }),
  regionOf: (rec) => rec.countyCode,
  store: { table: spendingReports, target: spendingReports.code },
  entityKey: (e) => e.code,
};

/**
 * Spending reports (支出报告) with evidence, by natural key `code`. Programme spending never
 * exceeds what the county received on the allocation (disbursed + matching); donations and
 * social funds (捐赠、社会资金) are recorded with their own source, never against a programme.
 */
export const upsertSpendingReports = bulkVerb(spec);
