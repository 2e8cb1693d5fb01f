import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { fail } from '../../../errors.js';
import { writeDenial } from '../../access/jurisdiction.js';
import { recordChanges } from '../../audit/record.js';
import { defineVerb } from '../../shared/verb.js';
import { REQUIRED_MESSAGE } from '../../shared/zodErrors.js';
import { SCHOOL_CODE } from '../codes.js';
import { schools } from '../table.js';
import { schoolSnapshot } from '../snapshots.js';

const input = z.object({
  schoolCode: z
    .string()
    .trim()
    .min(1, REQUIRED_MESSAGE)
    .regex(SCHOOL_CODE, 'must be a 10-digit school identifier (学校标识码)'),
  weak: z.boolean(),
});
export type DesignateWeakSchoolInput = z.input<typeof input>;

/**
 * Flags a school as a weak school (薄弱学校) or lifts the flag. The designation is the running
 * region's: the school's county bureau, or the city for a 市直 school (jurisdiction decides).
 * The exchange statistics count backbone-to-weak-school flows by this flag.
 */
export const designateWeakSchool = defineVerb({
  permission: 'school',
  input,
  run: (ctx, v) =>
    ctx.db.transaction(async (tx) => {
      const [school] = await tx.select().from(schools).where(eq(schools.code, v.schoolCode)).for('update');
      if (!school) fail('NOT_FOUND', `School ${v.schoolCode} does not exist.`, ['input', 'schoolCode']);
      const denied = writeDenial(ctx.viewer, 'school', { regionCode: school.countyCode, schoolId: school.id }, [
        'input',
        'schoolCode',
      ]);
      if (denied) fail(denied.code, denied.message, denied.path);
      if (school.isWeak === v.weak) return school;
      const [after] = await tx
        .update(schools)
        .set({ isWeak: v.weak, updatedAt: sql`now()` })
        .where(eq(schools.id, school.id))
        .returning();
      await recordChanges(tx, ctx, [
        {
          action: 'UPDATE',
          entityType: 'School',
          entityKey: school.code,
          regionCode: school.countyCode,
          before: schoolSnapshot(school),
          after: schoolSnapshot(after),
        },
      ]);
      return after;
    }),
});
