import { inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../context.js';
import { checkSchool, type SchoolCheck } from './checks.js';
import type { LineContent, PlanRow } from './planRecords.js';
import { enrolmentAdmissions } from './table.js';

type AdmissionCount = Pick<
  typeof enrolmentAdmissions.$inferSelect,
  'year' | 'stage' | 'schoolId' | 'sourceCountyCode' | 'category' | 'count'
>;

/** Admission counts of these schools, every year: one statement for any number of plans. */
export async function admissionsOf(db: DbOrTx, schoolIds: number[]): Promise<AdmissionCount[]> {
  if (!schoolIds.length) return [];
  return db
    .select({
      year: enrolmentAdmissions.year,
      stage: enrolmentAdmissions.stage,
      schoolId: enrolmentAdmissions.schoolId,
      sourceCountyCode: enrolmentAdmissions.sourceCountyCode,
      category: enrolmentAdmissions.category,
      count: enrolmentAdmissions.count,
    })
    .from(enrolmentAdmissions)
    .where(inArray(enrolmentAdmissions.schoolId, [...new Set(schoolIds)]));
}

/** Each line's checks against the admissions reported for the plan's year and stage. */
export function checkLinesWith(plan: PlanRow, lines: LineContent[], rows: AdmissionCount[]): Map<number, SchoolCheck> {
  const out = new Map<number, SchoolCheck>();
  for (const c of lines) {
    out.set(
      c.line.id,
      checkSchool({
        policy: plan,
        line: c.line,
        allocated: c.allocations.reduce((sum, a) => sum + a.places, 0),
        admissions: rows.filter(
          (r) => r.schoolId === c.line.schoolId && r.year === plan.year && r.stage === plan.stage,
        ),
      }),
    );
  }
  return out;
}

export async function checkLines(db: DbOrTx, plan: PlanRow, lines: LineContent[]): Promise<Map<number, SchoolCheck>> {
  return checkLinesWith(
    plan,
    lines,
    await admissionsOf(
      db,
      lines.map((c) => c.line.schoolId),
    ),
  );
}
