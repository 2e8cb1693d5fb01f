import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { UserError } from '../../../errors.js';
import { regionCovers, writeDenial } from '../../access/jurisdiction.js';
import { bulkVerb, type BulkSpec } from '../../shared/bulk.js';
import { upsertRecords } from '../../shared/bulkSql.js';
import { inJsonList } from '../../shared/jsonList.js';
import { REGION_CODE, SCHOOL_CODE } from '../codes.js';
import { consortia, consortiumKind, consortiumMembers, regions, schools } from '../table.js';

type Consortium = typeof consortia.$inferSelect;
interface ConsortiumRecord extends Record<string, unknown> {
  code: string;
  name: string;
  kind: Consortium['kind'];
  regionCode: string;
  leadSchoolCode: string;
  memberSchoolCodes: string[];
}

const row = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{3,32}$/, 'must be 3–32 letters, digits or hyphens'),
  name: z.string().trim().min(2).max(80),
  kind: z.enum(consortiumKind.enumValues),
  regionCode: z.string().trim().regex(REGION_CODE, 'must be a 6-digit GB/T 2260 code'),
  leadSchoolCode: z.string().trim().regex(SCHOOL_CODE, 'must be a 10-digit school identifier'),
  memberSchoolCodes: z
    .array(z.string().trim().regex(SCHOOL_CODE, 'must be a 10-digit school identifier'))
    .min(1)
    .max(200),
});
type ConsortiumRow = z.infer<typeof row>;

interface Refs {
  existing: Map<string, Consortium & { memberCodes: string[]; leadCode: string }>;
  regions: Set<string>;
  schools: Map<string, { id: number; countyCode: string }>;
}

const spec: BulkSpec<ConsortiumRow, ConsortiumRecord, Consortium, Refs> = {
  entity: 'consortium',
  entityType: 'Consortium',
  schema: row,
  keyField: 'code',
  key: (r) => r.code,
  async load(tx, rows) {
    const codes = rows.map((r) => r.code);
    const found = codes.length
      ? await tx.select().from(consortia).where(inJsonList(consortia.code, codes)).for('update')
      : [];
    const members = found.length
      ? await tx
          .select({ consortiumId: consortiumMembers.consortiumId, code: schools.code })
          .from(consortiumMembers)
          .innerJoin(schools, eq(schools.id, consortiumMembers.schoolId))
          .where(
            inJsonList(
              consortiumMembers.consortiumId,
              found.map((c) => c.id),
            ),
          )
      : [];
    const schoolCodes = [...new Set(rows.flatMap((r) => [r.leadSchoolCode, ...r.memberSchoolCodes]))];
    const schoolRows = schoolCodes.length
      ? await tx
          .select({ id: schools.id, code: schools.code, countyCode: schools.countyCode })
          .from(schools)
          .where(inJsonList(schools.code, schoolCodes))
      : [];
    const regionCodes = [...new Set(rows.map((r) => r.regionCode))];
    const regionRows = regionCodes.length
      ? await tx.select({ code: regions.code }).from(regions).where(inJsonList(regions.code, regionCodes))
      : [];
    const leadCodes = found.length
      ? await tx
          .select({ id: schools.id, code: schools.code })
          .from(schools)
          .where(
            inJsonList(
              schools.id,
              found.map((c) => c.leadSchoolId),
            ),
          )
      : [];
    const leadById = new Map(leadCodes.map((s) => [s.id, s.code]));
    const memberCodes = new Map<number, string[]>();
    for (const m of members) memberCodes.set(m.consortiumId, [...(memberCodes.get(m.consortiumId) ?? []), m.code]);
    return {
      existing: new Map(
        found.map((c) => [
          c.code,
          { ...c, leadCode: leadById.get(c.leadSchoolId) ?? '', memberCodes: (memberCodes.get(c.id) ?? []).sort() },
        ]),
      ),
      regions: new Set(regionRows.map((r) => r.code)),
      schools: new Map(schoolRows.map((s) => [s.code, s])),
    };
  },
  existing: (refs, key) => refs.existing.get(key),
  resolve(r, refs, ctx, existing) {
    const errors: UserError[] = [];
    if (!refs.regions.has(r.regionCode))
      errors.push(new UserError('NOT_FOUND', `Region ${r.regionCode} does not exist.`, ['regionCode']));
    const check = (code: string, path: (string | number)[]) => {
      const s = refs.schools.get(code);
      if (!s) errors.push(new UserError('NOT_FOUND', `School ${code} does not exist.`, path));
      else if (!regionCovers(r.regionCode, s.countyCode)) {
        errors.push(
          new UserError(
            'VALIDATION',
            `School ${code} is in ${s.countyCode}, outside the consortium’s region ${r.regionCode}.`,
            path,
          ),
        );
      }
    };
    check(r.leadSchoolCode, ['leadSchoolCode']);
    const seen = new Set<string>();
    r.memberSchoolCodes.forEach((code, i) => {
      const path = ['memberSchoolCodes', i];
      if (code === r.leadSchoolCode)
        errors.push(new UserError('VALIDATION', 'The lead school is not also a member.', path));
      else if (seen.has(code)) errors.push(new UserError('DUPLICATE', `School ${code} is listed twice.`, path));
      else check(code, path);
      seen.add(code);
    });
    const denied =
      writeDenial(ctx.viewer, 'consortium', { regionCode: r.regionCode }, ['regionCode']) ??
      (existing ? writeDenial(ctx.viewer, 'consortium', { regionCode: existing.regionCode }, ['code']) : null);
    if (denied) errors.push(denied);
    if (errors.length) return errors;
    return { ...r, memberSchoolCodes: [...r.memberSchoolCodes].sort() };
  },
  snapshot: (e) => {
    const c = e as Consortium & { memberCodes: string[]; leadCode: string };
    return {
      code: c.code,
      name: c.name,
      kind: c.kind,
      regionCode: c.regionCode,
      leadSchoolCode: c.leadCode,
      memberSchoolCodes: c.memberCodes,
    };
  },
  regionOf: (rec) => rec.regionCode,
  store: {
    async write(tx, upserts) {
      const recs = upserts.map((u) => u.record);
      const codes = [...new Set(recs.flatMap((r) => [r.leadSchoolCode, ...r.memberSchoolCodes]))];
      const ids = new Map(
        (
          await tx.select({ id: schools.id, code: schools.code }).from(schools).where(inJsonList(schools.code, codes))
        ).map((s) => [s.code, s.id]),
      );
      const written = await upsertRecords(
        tx,
        consortia,
        consortia.code,
        upserts.map(({ record: r, exists }) => ({
          record: {
            code: r.code,
            name: r.name,
            kind: r.kind,
            regionCode: r.regionCode,
            leadSchoolId: ids.get(r.leadSchoolCode)!,
          },
          exists,
        })),
      );
      if (written.length === 0) return written;
      // Member lists only of the consortia written (one created meanwhile by another batch is not).
      const idOf = new Map(written.map((c) => [c.code, c.id]));
      await tx.delete(consortiumMembers).where(
        inJsonList(
          consortiumMembers.consortiumId,
          written.map((c) => c.id),
        ),
      );
      await tx
        .insert(consortiumMembers)
        .values(
          recs
            .filter((r) => idOf.has(r.code))
            .flatMap((r) =>
              r.memberSchoolCodes.map((m) => ({ consortiumId: idOf.get(r.code)!, schoolId: ids.get(m)! })),
            ),
        );
      return written;
    },
  },
  entityKey: (e) => e.code,
};

/** Bulk, idempotent upsert of consortia (教育共同体) with their member lists, by code. */
export const upsertConsortia = bulkVerb(spec);
