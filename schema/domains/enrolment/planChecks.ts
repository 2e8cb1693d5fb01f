import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../context.js';
import { checkSchool, type SchoolCheck } from './checks.js';
import type { LineContent, PlanRow } from './content.js';
import { enrolmentAdmissions } from './table.js';

/** Each line's checks against the admissions reported for the plan's year and stage: one statement for all lines. */
export async function checkLines(db: DbOrTx, plan: PlanRow, lines: LineContent[]): Promise<Map<number, SchoolCheck>> {
  const out = new Map<number, SchoolCheck>();
  if (!lines.length) return out;
  const rows = await db
    .select({ schoolId: enrolmentAdmissions.schoolId, sourceCountyCode: enrolmentAdmissions.sourceCountyCode, category: enrolmentAdmissions.category, count: enrolmentAdmissions.count })
    .from(enrolmentAdmissions)
    .where(and(eq(enrolmentAdmissions.year, plan.year), eq(enrolmentAdmissions.stage, plan.stage), inArray(enrolmentAdmissions.schoolId, lines.map((c) => c.line.schoolId))));
  for (const c of lines) {
    out.set(
      c.line.id,
      checkSchool({
        policy: plan,
        line: c.line,
        allocated: c.allocations.reduce((sum, a) => sum + a.places, 0),
        admissions: rows.filter((r) => r.schoolId === c.line.schoolId),
      }),
    );
  }
  return out;
}
