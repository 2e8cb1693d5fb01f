import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { fail, UserErrors } from '../../../errors.js';
import { recordChanges } from '../../audit/record.js';
import { SCHOOL_CODE } from '../../organisation/codes.js';
import { schools } from '../../organisation/table.js';
import { leadRight } from '../../responsibility/leadRight.js';
import { defineVerb } from '../../shared/verb.js';
import { assignedPosts, lockHoldings } from '../holdings.js';
import { schoolPostKey } from '../snapshots.js';
import { schoolEstablishments, staffCategory } from '../table.js';

const input = z.object({
  schoolCode: z.string().trim().regex(SCHOOL_CODE, 'must be a 10-digit school identifier (学校标识码)'),
  category: z.enum(staffCategory.enumValues),
  /** Teaching posts are assigned per subject (学科岗位); other categories take none. */
  subject: z.string().trim().max(20).nullish(),
  approved: z.number().int('must be a whole number of posts').min(0, 'must not be negative').max(100_000),
});
export type AssignSchoolPostsInput = z.input<typeof input>;

/**
 * 县管校聘: the county assigns posts from its holding to one of its schools (per category, per
 * subject for teaching posts). The county's holding row is locked, so assignments and
 * transfers of that county queue and the assigned total never exceeds the holding.
 */
export const assignSchoolPosts = defineVerb({
  permission: 'schoolEstablishment',
  input,
  run: (ctx, inp) =>
    ctx.db.transaction(async (tx) => {
      const [school] = await tx.select().from(schools).where(eq(schools.code, inp.schoolCode));
      if (!school) fail('NOT_FOUND', `School ${inp.schoolCode} does not exist.`, ['input', 'schoolCode']);
      const { denied } = await leadRight(
        tx,
        ctx.viewer,
        'STAFFING.SCHOOL_POST_ASSIGNMENT',
        [{ regionCode: school.countyCode }],
        ['input', 'schoolCode'],
      );
      if (denied) throw new UserErrors([denied]);
      const subject = inp.subject ?? '';
      if (inp.category === 'TEACHING' && !subject)
        fail('REQUIRED', 'Teaching posts are assigned per subject.', ['input', 'subject']);
      if (inp.category !== 'TEACHING' && subject)
        fail('VALIDATION', 'Only teaching posts have a subject.', ['input', 'subject']);
      const holding = (await lockHoldings(tx, [school.countyCode], inp.category)).get(school.countyCode)!;
      const others = await assignedPosts(tx, school.countyCode, inp.category, { schoolId: school.id, subject });
      if (others + inp.approved > holding.approved) {
        fail(
          'OVER_CAPACITY',
          `${school.countyCode} holds ${holding.approved} ${inp.category} posts and has assigned ${others} elsewhere; at most ${holding.approved - others} remain.`,
          ['input', 'approved'],
        );
      }
      const where = and(
        eq(schoolEstablishments.schoolId, school.id),
        eq(schoolEstablishments.category, inp.category),
        eq(schoolEstablishments.subject, subject),
      );
      const [before] = await tx.select().from(schoolEstablishments).where(where);
      const [after] = before
        ? await tx
            .update(schoolEstablishments)
            .set({ approved: inp.approved, updatedAt: sql`now()` })
            .where(where)
            .returning()
        : await tx
            .insert(schoolEstablishments)
            .values({
              schoolId: school.id,
              countyCode: school.countyCode,
              category: inp.category,
              subject,
              approved: inp.approved,
            })
            .returning();
      await recordChanges(tx, ctx, [
        {
          action: before ? 'UPDATE' : 'CREATE',
          entityType: 'SchoolEstablishment',
          entityKey: schoolPostKey(after, school.code),
          regionCode: school.countyCode,
          before: before ?? null,
          after,
        },
      ]);
      return { ...after, school };
    }),
});
