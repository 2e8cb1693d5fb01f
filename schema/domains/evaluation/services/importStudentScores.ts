import { eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Context, Tx } from '../../../context.js';
import { fail, UserError } from '../../../errors.js';
import { regionCovers, writeDenial } from '../../access/jurisdiction.js';
import type { Change } from '../../audit/record.js';
import { schools } from '../../organisation/table.js';
import { bulkVerb, type BulkSpec } from '../../shared/bulk.js';
import { zRowId } from '../../shared/ids.js';
import { evaluationCycles, studentScores, valueAddedResults } from '../table.js';
import { rowsOf } from '../sqlRows.js';

type Cycle = typeof evaluationCycles.$inferSelect;
type School = typeof schools.$inferSelect;
export type StudentScore = typeof studentScores.$inferSelect;

/** School stages whose students a cycle of a given stage may hold. */
const STAGE_FAMILY: Record<string, readonly string[]> = {
  PRIMARY: ['PRIMARY', 'NINE_YEAR'],
  JUNIOR: ['JUNIOR', 'NINE_YEAR'],
  NINE_YEAR: ['JUNIOR', 'NINE_YEAR'],
  SENIOR: ['SENIOR', 'TWELVE_YEAR'],
  TWELVE_YEAR: ['SENIOR', 'TWELVE_YEAR'],
};

function rowSchema(c: Cycle) {
  const score = (min: number, max: number, what: string) =>
    z.number().finite().min(min, `${what} must be at least ${min}`).max(max, `${what} must be at most ${max}`);
  return z.object({
    studentKey: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_-]{4,64}$/, 'must be a pseudonymous key of 4–64 letters, digits, - or _'),
    schoolCode: z
      .string()
      .trim()
      .regex(/^\d{10}$/, 'must be a 10-digit school identifier (学校标识码)'),
    cohort: z.string().trim().min(1).max(20),
    intakeScore: score(c.intakeMin, c.intakeMax, 'intake score'),
    outcomeScore: score(c.outcomeMin, c.outcomeMax, 'outcome score'),
  });
}
type Row = z.infer<ReturnType<typeof rowSchema>>;
type Rec = Omit<StudentScore, 'cycleId'>;

interface Refs {
  cycle: Cycle;
  schoolsByCode: Map<string, School>;
  schoolCodeById: Map<number, string>;
  existing: Map<string, Rec>;
}

const CLOSED = 'The cycle is closed; its scores and results are frozen.';

/**
 * Bulk, idempotent import of pseudonymous student scores into a cycle (学生成绩导入), keyed by
 * student key: the bulk engine (shared/bulk.ts) with the cycle as the batch's parent. The rows
 * are written by one INSERT and one UPDATE from one JSON parameter each (tens of thousands of
 * students load in seconds), and the audit trail records one event per school and batch —
 * who imported which student keys — rather than copying every student's scores into the feed.
 */
const spec: BulkSpec<Row, Rec, StudentScore, Refs, Cycle, { cycleId: number }, { cycleId: string | number }> = {
  entity: 'studentScore',
  entityType: 'StudentScoreImport',
  input: z.object({ cycleId: zRowId('EvaluationCycle') }),
  async parent(ctx, { cycleId }) {
    const [cycle] = await ctx.db.select().from(evaluationCycles).where(eq(evaluationCycles.id, cycleId));
    if (!cycle) fail('NOT_FOUND', `Evaluation cycle ${cycleId} does not exist.`, ['input', 'cycleId']);
    if (cycle.status === 'CLOSED') fail('INVALID_STATE', CLOSED, ['input', 'cycleId']);
    return cycle;
  },
  schema: rowSchema,
  keyField: 'studentKey',
  key: (r) => r.studentKey,
  load,
  existing(refs, key) {
    const found = refs.existing.get(key);
    return found && { ...found, cycleId: refs.cycle.id };
  },
  resolve(row, refs, ctx, before) {
    const school = refs.schoolsByCode.get(row.schoolCode);
    if (!school) return [new UserError('NOT_FOUND', `School ${row.schoolCode} does not exist.`, ['schoolCode'])];
    const errors = check(ctx, refs.cycle, school, before);
    if (errors.length) return errors;
    return {
      studentKey: row.studentKey,
      schoolId: school.id,
      countyCode: school.countyCode,
      cohort: row.cohort,
      intakeScore: row.intakeScore,
      outcomeScore: row.outcomeScore,
    };
  },
  snapshot: (e) => ({
    studentKey: e.studentKey,
    schoolId: e.schoolId,
    countyCode: e.countyCode,
    cohort: e.cohort,
    intakeScore: e.intakeScore,
    outcomeScore: e.outcomeScore,
  }),
  regionOf: (rec) => rec.countyCode,
  store: {
    async write(tx, upserts, refs) {
      await write(
        tx,
        refs.cycle.id,
        upserts.map((u) => ({ rec: u.record, created: !u.exists })),
      );
      // Results computed from the old scores no longer describe the data: back to OPEN.
      await tx.delete(valueAddedResults).where(eq(valueAddedResults.cycleId, refs.cycle.id));
      await tx
        .update(evaluationCycles)
        .set({ status: 'OPEN', computedAt: null })
        .where(eq(evaluationCycles.id, refs.cycle.id));
      return upserts.map((u) => ({ ...u.record, cycleId: refs.cycle.id }));
    },
  },
  entityKey: (e) => e.studentKey,
  audit: auditBySchool,
};

/** Re-importing changed rows sets a COMPUTED cycle back to OPEN; CITY_ADMIN or COUNTY_ADMIN for schools in their jurisdiction. */
export const importStudentScores = bulkVerb(spec);

/**
 * The cycle, locked for the transaction (no other import adds keys meanwhile, and closing
 * waits), the schools named and the batch's students already in the cycle.
 */
async function load(tx: Tx, rows: Row[], parent: Cycle): Promise<Refs> {
  const [cycle] = await tx.select().from(evaluationCycles).where(eq(evaluationCycles.id, parent.id)).for('update');
  if (cycle.status === 'CLOSED') fail('INVALID_STATE', CLOSED, ['input', 'cycleId']);
  const codes = [...new Set(rows.map((r) => r.schoolCode))];
  const found = codes.length ? await tx.select().from(schools).where(inArray(schools.code, codes)) : [];
  const keys = JSON.stringify(rows.map((r) => r.studentKey));
  const current = rows.length
    ? rowsOf<{
        student_key: string;
        school_id: number;
        county_code: string;
        cohort: string;
        intake_score: number;
        outcome_score: number;
      }>(
        // `= any(array(…))` is an index condition on the primary key: the batch's keys are
        // probed. `in (select …)` was planned as a hash join over every row already in the
        // cycle, so each batch of an import cost more than the one before.
        await tx.execute(sql`select student_key, school_id, county_code, cohort, intake_score, outcome_score from ${studentScores}
          where cycle_id = ${cycle.id} and student_key = any(array(select jsonb_array_elements_text(${keys}::jsonb))) for update`),
      )
    : [];
  return {
    cycle,
    schoolsByCode: new Map(found.map((s) => [s.code, s])),
    schoolCodeById: new Map(found.map((s) => [s.id, s.code])),
    existing: new Map<string, Rec>(
      current.map((c) => [
        c.student_key,
        {
          studentKey: c.student_key,
          schoolId: c.school_id,
          countyCode: c.county_code,
          cohort: c.cohort,
          intakeScore: Number(c.intake_score),
          outcomeScore: Number(c.outcome_score),
        },
      ]),
    ),
  };
}

/** Jurisdiction over the school (and over the school the student was at), cycle region and stage. */
function check(ctx: Context, cycle: Cycle, school: School, before: Rec | undefined): UserError[] {
  const family = STAGE_FAMILY[cycle.stage] ?? [cycle.stage];
  const denied =
    writeDenial(ctx.viewer, 'studentScore', { regionCode: school.countyCode, schoolId: school.id }, ['schoolCode']) ??
    (before
      ? writeDenial(ctx.viewer, 'studentScore', { regionCode: before.countyCode, schoolId: before.schoolId }, [
          'studentKey',
        ])
      : null);
  if (denied) return [denied];
  if (!regionCovers(cycle.regionCode, school.countyCode)) {
    return [
      new UserError('VALIDATION', `School ${school.name} lies outside the cycle's region ${cycle.regionCode}.`, [
        'schoolCode',
      ]),
    ];
  }
  if (!family.includes(school.stage)) {
    return [
      new UserError(
        'VALIDATION',
        `School ${school.name} is a ${school.stage} school; this cycle evaluates ${cycle.stage}.`,
        ['schoolCode'],
      ),
    ];
  }
  return [];
}

/**
 * New rows in one plain INSERT, changed ones in one UPDATE, each from one JSON parameter
 * expanded by the database. No upsert needed: the cycle row is locked for the whole
 * transaction, so no other import adds keys between the read above and these writes — and a
 * plain insert skips the speculative insertion an ON CONFLICT costs per row.
 */
async function write(tx: Tx, cycleId: number, written: { rec: Rec; created: boolean }[]) {
  const json = (created: boolean) =>
    JSON.stringify(
      written
        .filter((w) => w.created === created)
        .map(({ rec: r }) => [r.studentKey, r.schoolId, r.countyCode, r.cohort, r.intakeScore, r.outcomeScore]),
    );
  const rows = (created: boolean) => sql`
    select r->>0 as student_key, (r->>1)::int as school_id, r->>2 as county_code, r->>3 as cohort, (r->>4)::float8 as intake_score, (r->>5)::float8 as outcome_score
    from jsonb_array_elements(${json(created)}::jsonb) r`;
  if (written.some((w) => w.created)) {
    await tx.execute(sql`
      insert into ${studentScores} (cycle_id, student_key, school_id, county_code, cohort, intake_score, outcome_score)
      select ${cycleId}, student_key, school_id, county_code, cohort, intake_score, outcome_score from (${rows(true)}) r`);
  }
  if (written.some((w) => !w.created)) {
    await tx.execute(sql`
      update ${studentScores} s set school_id = r.school_id, county_code = r.county_code, cohort = r.cohort,
        intake_score = r.intake_score, outcome_score = r.outcome_score
      from (${rows(false)}) r where s.cycle_id = ${cycleId} and s.student_key = r.student_key`);
  }
}

/**
 * One audit event per school and batch: which student keys were created or updated (not their
 * scores). Each is a CREATE of an import record (StudentScoreImport), so no UPDATE without a
 * full before and after reaches the feed.
 */
function auditBySchool(changes: Change[], refs: Refs): Change[] {
  const bySchool = new Map<string, { countyCode: string; created: string[]; updated: string[] }>();
  for (const c of changes) {
    const rec = c.after as Rec;
    const schoolCode = refs.schoolCodeById.get(rec.schoolId)!;
    const e = bySchool.get(schoolCode) ?? { countyCode: rec.countyCode, created: [], updated: [] };
    (c.action === 'CREATE' ? e.created : e.updated).push(rec.studentKey);
    bySchool.set(schoolCode, e);
  }
  return [...bySchool].map(([schoolCode, e]) => ({
    action: 'CREATE',
    entityType: 'StudentScoreImport',
    entityKey: `${refs.cycle.id}:${schoolCode}`,
    regionCode: e.countyCode,
    before: null,
    after: { cycleId: refs.cycle.id, schoolCode, created: e.created, updated: e.updated },
  }));
}
