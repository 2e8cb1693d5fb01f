import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { fail, UserError, UserErrors } from '../../../errors.js';
import { regionCovers, writeDenial } from '../../access/jurisdiction.js';
import { recordChanges } from '../../audit/record.js';
import { regionLevelOf } from '../../organisation/codes.js';
import { regions, teachers } from '../../organisation/table.js';
import type { Tx } from '../../../context.js';
import { ATTRIBUTE_FIELD, ATTRIBUTE_SCHEMAS, UNIT_OF_KIND, type PoolKind } from '../attributes.js';
import { zRowId } from '../../shared/ids.js';
import { defineVerb } from '../../shared/verb.js';
import { poolResources } from '../table.js';
import { parseInput } from '../../shared/zodErrors.js';
import { poolParticipants } from '../poolParticipants.js';

// Field rules (lengths, positive capacity, window order, the details of the pool's kind) are
// checked in the body, all at once.
const details = z.record(z.string(), z.unknown()).nullish();
const schema = z.object({
  poolId: zRowId('ResourcePool'),
  title: z.string(),
  subject: z.string(),
  capacity: z.number(),
  availableFrom: z.string(),
  availableTo: z.string(),
  /** The offering school; omitted when a county offers. A school admin always offers for its own school. */
  schoolCode: z.string().nullish(),
  /** The offering county; defaults to the school's county or the caller's county. */
  countyCode: z.string().nullish(),
  visibility: z.enum(['PUBLISHED', 'INTERNAL']).nullish(),
  internalNote: z.string().nullish(),
  contactName: z.string().nullish(),
  contactPhone: z.string().nullish(),
  /** TEACHER_EXCHANGE pools: staff number of the teacher offered (教职工号), a teacher of the offering school or county. */
  teacherStaffNo: z.string().trim().min(1).max(32).nullish(),
  equipment: details,
  course: details,
  teacherTime: details,
  research: details,
});
export type OfferResourceInput = z.input<typeof schema>;

/** A school or county offers a resource into a city pool (资源入池), with capacity and window. */
export const offerResource = defineVerb({
  permission: 'poolOffer',
  input: schema,
  run: async (ctx, input) => {
    const { poolId } = input;
    const problems: UserError[] = [];
    const title = input.title.trim();
    const subject = input.subject.trim();
    if (title.length < 2 || title.length > 120)
      problems.push(new UserError('VALIDATION', 'title must be 2–120 characters.', ['input', 'title']));
    if (subject.length < 1 || subject.length > 40)
      problems.push(new UserError('VALIDATION', 'subject must be 1–40 characters.', ['input', 'subject']));
    if (!Number.isInteger(input.capacity) || input.capacity <= 0) {
      problems.push(new UserError('VALIDATION', 'capacity must be a positive whole number.', ['input', 'capacity']));
    }
    if (input.availableTo < input.availableFrom) {
      problems.push(new UserError('VALIDATION', 'availableTo is before availableFrom.', ['input', 'availableTo']));
    }
    if (input.contactPhone && !/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/.test(input.contactPhone)) {
      problems.push(
        new UserError('VALIDATION', 'contactPhone must be a mobile or landline number.', ['input', 'contactPhone']),
      );
    }
    if (problems.length) throw new UserErrors(problems);

    return ctx.db.transaction(async (tx) => {
      const { pool, schoolCode, school, countyCode } = await poolParticipants(tx, ctx, poolId, input);
      const countyPath = ['input', input.countyCode ? 'countyCode' : 'schoolCode'];
      if (!countyCode || regionLevelOf(countyCode) !== 'COUNTY')
        fail('REQUIRED', 'Say which county offers the resource.', ['input', 'countyCode']);
      if (school && school.countyCode !== countyCode)
        fail('VALIDATION', `School ${schoolCode} is in ${school.countyCode}, not ${countyCode}.`, [
          'input',
          'countyCode',
        ]);
      const [county] = await tx.select({ code: regions.code }).from(regions).where(eq(regions.code, countyCode));
      if (!county) fail('NOT_FOUND', `County ${countyCode} does not exist.`, ['input', 'countyCode']);
      if (!regionCovers(pool.cityCode, countyCode))
        fail('VALIDATION', `County ${countyCode} is outside the pool’s city ${pool.cityCode}.`, countyPath);
      const denied = writeDenial(
        ctx.viewer,
        'poolOffer',
        { regionCode: countyCode, schoolId: school?.id ?? null },
        school ? ['input', 'schoolCode'] : countyPath,
      );
      if (denied) throw new UserErrors([denied]);
      // Only once the caller may offer here: an outsider learns nothing about the pool's attribute rules.
      const attributes = parseAttributes(pool.kind, input);
      const teacherId = await offeredTeacher(tx, pool.kind, input.teacherStaffNo, countyCode, school?.id ?? null);

      const [resource] = await tx
        .insert(poolResources)
        .values({
          poolId,
          title,
          subject,
          countyCode,
          schoolId: school?.id ?? null,
          capacity: input.capacity,
          unit: UNIT_OF_KIND[pool.kind],
          availableFrom: input.availableFrom,
          availableTo: input.availableTo,
          attributes,
          visibility: input.visibility ?? 'PUBLISHED',
          internalNote: input.internalNote?.trim() || null,
          contactName: input.contactName?.trim() || null,
          contactPhone: input.contactPhone?.trim() || null,
          teacherId,
          offeredBy: ctx.viewer.actor,
        })
        .returning();
      const { createdAt: _c, contactName: _n, contactPhone: _p, ...audited } = resource;
      await recordChanges(tx, ctx, [
        // Contact details are personal data: the change feed reaches sync clients, so they stay out of it.
        {
          action: 'CREATE',
          entityType: 'PoolResource',
          entityKey: String(resource.id),
          regionCode: countyCode,
          before: null,
          after: { ...audited, poolCode: pool.code },
        },
      ]);
      return resource;
    });
  },
});

/** The offered teacher's id: only in TEACHER_EXCHANGE pools, and only a teacher of the offering school (or county). */
async function offeredTeacher(
  tx: Tx,
  kind: PoolKind,
  staffNo: string | null | undefined,
  countyCode: string,
  schoolId: number | null,
): Promise<number | null> {
  if (staffNo == null) return null;
  const path = ['input', 'teacherStaffNo'];
  if (kind !== 'TEACHER_EXCHANGE')
    fail('VALIDATION', `Only a TEACHER_EXCHANGE offer names a teacher; this pool is ${kind}.`, path);
  const [teacher] = await tx
    .select({ id: teachers.id, countyCode: teachers.countyCode, schoolId: teachers.schoolId })
    .from(teachers)
    .where(eq(teachers.staffNo, staffNo));
  if (!teacher) fail('NOT_FOUND', `Teacher ${staffNo} does not exist.`, path);
  if (teacher.countyCode !== countyCode)
    fail('VALIDATION', `Teacher ${staffNo} does not teach in the offering county ${countyCode}.`, path);
  if (schoolId != null && teacher.schoolId !== schoolId)
    fail('VALIDATION', `Teacher ${staffNo} does not teach at the offering school.`, path);
  return teacher.id;
}

function parseAttributes(kind: PoolKind, input: OfferResourceInput) {
  const field = ATTRIBUTE_FIELD[kind];
  const errors: UserError[] = [];
  for (const [other, name] of Object.entries(ATTRIBUTE_FIELD)) {
    if (other !== kind && input[name] != null)
      errors.push(
        new UserError('VALIDATION', `${name} describes a ${other} resource; this pool is ${kind}.`, ['input', name]),
      );
  }
  const raw = input[field];
  if (raw == null) errors.push(new UserError('REQUIRED', `${field} is required for a ${kind} pool.`, ['input', field]));
  if (errors.length) throw new UserErrors(errors);
  return { kind, ...parseInput(ATTRIBUTE_SCHEMAS[kind], raw, ['input', field]) };
}
