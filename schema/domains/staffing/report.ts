import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../context.js';
import { schools, teachers } from '../organisation/table.js';
import { standardPosts, standardRatios, vacancyOf, type StandardRatios } from './rules.js';
import { establishmentHoldings, schoolEstablishments, staffCategory } from './table.js';

type Category = (typeof staffCategory.enumValues)[number];
type School = typeof schools.$inferSelect;

export interface SubjectStaffing {
  subject: string;
  approved: number;
  /** Teachers on the register whose main (first) subject this is. */
  filled: number;
  vacancies: number;
  overstaffing: number;
}

export interface SchoolStaffing {
  school: School;
  approvedByCategory: { category: Category; approved: number }[];
  approved: number;
  /** Posts the standard ratio gives for the school's enrolment (null for stages without one). */
  standard: number | null;
  ratio: number | null;
  /** Staff on the register (学校教职工数). */
  filled: number;
  teachersOnRegister: number;
  vacancies: number;
  overstaffing: number;
  subjects: SubjectStaffing[];
}

export interface CountyStaffing {
  countyCode: string;
  heldByCategory: { category: Category; approved: number; assignedToSchools: number }[];
  /** Approved posts the county holds (all categories). */
  approved: number;
  assignedToSchools: number;
  standard: number;
  filled: number;
  vacancies: number;
  overstaffing: number;
  /** The county high schools (县中), with vacancies by subject. */
  countyHighSchools: SchoolStaffing[];
}

/** Staffing of schools, in two statements whatever their number (posts, then teachers by subject). */
export async function schoolStaffing(
  db: DbOrTx,
  list: School[],
  ratios?: Map<string, StandardRatios>,
): Promise<Map<number, SchoolStaffing>> {
  const out = new Map<number, SchoolStaffing>();
  if (!list.length) return out;
  const ids = list.map((s) => s.id);
  const posts = await db.select().from(schoolEstablishments).where(inArray(schoolEstablishments.schoolId, ids));
  const bySubject = await db
    .select({
      schoolId: teachers.schoolId,
      subject: sql<string>`coalesce(${teachers.subjects}[1], '')`,
      n: sql<number>`count(*)::int`,
    })
    .from(teachers)
    .where(inArray(teachers.schoolId, ids))
    .groupBy(teachers.schoolId, sql`coalesce(${teachers.subjects}[1], '')`);
  const ratioCache = ratios ?? new Map<string, StandardRatios>();
  for (const s of list) {
    if (!ratioCache.has(s.countyCode)) ratioCache.set(s.countyCode, await standardRatios(db, s.countyCode));
    const ratio = ratioCache.get(s.countyCode)![s.stage] ?? null;
    const own = posts.filter((p) => p.schoolId === s.id);
    const approvedByCategory = staffCategory.enumValues.map((category) => ({
      category,
      approved: own.filter((p) => p.category === category).reduce((n, p) => n + p.approved, 0),
    }));
    const approved = approvedByCategory.reduce((n, c) => n + c.approved, 0);
    const taught = bySubject.filter((t) => t.schoolId === s.id);
    const subjects = [
      ...new Set([
        ...own.filter((p) => p.category === 'TEACHING').map((p) => p.subject),
        ...taught.map((t) => t.subject).filter(Boolean),
      ]),
    ].sort();
    const filled = s.staffCount;
    out.set(s.id, {
      school: s,
      approvedByCategory,
      approved,
      standard: standardPosts(s.enrolment, ratio ?? undefined),
      ratio,
      filled,
      teachersOnRegister: taught.reduce((n, t) => n + t.n, 0),
      ...vacancyOf(approved, filled),
      subjects: subjects.map((subject) => {
        const a = own.find((p) => p.category === 'TEACHING' && p.subject === subject)?.approved ?? 0;
        const f = taught.find((t) => t.subject === subject)?.n ?? 0;
        return { subject, approved: a, filled: f, ...vacancyOf(a, f) };
      }),
    });
  }
  return out;
}

/**
 * A county's staffing report: approved (the county's holding) vs standard (sum over its
 * schools of enrolment ÷ ratio, rounded up per school) vs filled (staff on the register), and
 * its 县中 with vacancies by subject.
 */
export async function countyStaffing(db: DbOrTx, countyCode: string): Promise<CountyStaffing> {
  const held = await db.select().from(establishmentHoldings).where(eq(establishmentHoldings.holderCode, countyCode));
  const assigned = await db
    .select({ category: schoolEstablishments.category, n: sql<number>`sum(${schoolEstablishments.approved})::int` })
    .from(schoolEstablishments)
    .where(eq(schoolEstablishments.countyCode, countyCode))
    .groupBy(schoolEstablishments.category);
  const countySchools = await db
    .select()
    .from(schools)
    .where(and(eq(schools.countyCode, countyCode), eq(schools.status, 'ACTIVE')));
  const ratios = await standardRatios(db, countyCode);
  const heldByCategory = staffCategory.enumValues.map((category) => ({
    category,
    approved: held.find((h) => h.category === category)?.approved ?? 0,
    assignedToSchools: assigned.find((a) => a.category === category)?.n ?? 0,
  }));
  const approved = heldByCategory.reduce((n, c) => n + c.approved, 0);
  const filled = countySchools.reduce((n, s) => n + s.staffCount, 0);
  const standard = countySchools.reduce((n, s) => n + (standardPosts(s.enrolment, ratios[s.stage]) ?? 0), 0);
  const high = countySchools.filter((s) => s.isCountyHighSchool).sort((a, b) => a.code.localeCompare(b.code));
  const highStaffing = await schoolStaffing(db, high, new Map([[countyCode, ratios]]));
  return {
    countyCode,
    heldByCategory,
    approved,
    assignedToSchools: heldByCategory.reduce((n, c) => n + c.assignedToSchools, 0),
    standard,
    filled,
    ...vacancyOf(approved, filled),
    countyHighSchools: high.map((s) => highStaffing.get(s.id)!),
  };
}
