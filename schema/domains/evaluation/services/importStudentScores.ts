import { eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Context, Tx } from '../../../context.js';
import { fail, UserError, UserErrors } from '../../../errors.js';
import { regionCovers, roleDenial, writeDenial } from '../../access/jurisdiction.js';
import { recordChanges } from '../../audit/record.js';
import { schools } from '../../organisation/table.js';
import type { BulkErrorPolicy, BulkResult, RowResult } from '../../shared/bulk.js';
import { evaluationCycles, studentScores, valueAddedResults } from '../table.js';
import { rowsOf } from './rows.js';
import { rowIdOf } from '../../shared/ids.js';
import { zodErrors } from '../../shared/zodErrors.js';

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
    studentKey: z.string().trim().regex(/^[A-Za-z0-9_-]{4,64}$/, 'must be a pseudonymous key of 4–64 letters, digits, - or _'),
    schoolCode: z.string().trim().regex(/^\d{10}$/, 'must be a 10-digit school identifier (学校标识码)'),
    cohort: z.string().trim().min(1).max(20),
    intakeScore: score(c.intakeMin, c.intakeMax, 'intake score'),
    outcomeScore: score(c.outcomeMin, c.outcomeMax, 'outcome score'),
  });
}
type Row = z.infer<ReturnType<typeof rowSchema>>;
type Rec = Omit<StudentScore, 'cycleId'>;

/**
 * Bulk, idempotent import of pseudonymous student scores into a cycle (学生成绩导入), keyed by
 * student key. The same contract as every bulk upsert (shared/bulk.ts): every bad row is
 * reported at once with its index and field; REJECT_BATCH (default) writes nothing when any
 * row fails, APPLY_VALID writes the valid ones; unchanged rows are not written.
 *
 * It does not use runBulkUpsert for two reasons: the rows go to the database as one JSON
 * parameter (tens of thousands of students load in seconds), and the audit trail records
 * one event per school and batch — who imported which student keys — rather than copying
 * every student's scores into the change feed.
 */
export async function importStudentScores(
  ctx: Context,
  input: { cycleId: string | number; rows: unknown[]; onError?: BulkErrorPolicy | null },
): Promise<BulkResult<StudentScore>> {
  const denied = roleDenial(ctx.viewer, 'studentScore');
  if (denied) throw new UserErrors([denied.under(['input'])]);
  if (input.rows.length > ctx.limits.maxBatchRows) {
    fail('LIMIT_EXCEEDED', `A batch holds at most ${ctx.limits.maxBatchRows} rows; split the ${input.rows.length} rows.`, ['input', 'rows']);
  }
  const cycleId = rowIdOf(input.cycleId, 'EvaluationCycle', ['input', 'cycleId']);
  const [cycle] = await ctx.db.select().from(evaluationCycles).where(eq(evaluationCycles.id, cycleId));
  if (!cycle) fail('NOT_FOUND', `Evaluation cycle ${cycleId} does not exist.`, ['input', 'cycleId']);
  if (cycle.status === 'CLOSED') fail('INVALID_STATE', 'The cycle is closed; its scores and results are frozen.', ['input', 'cycleId']);

  const schema = rowSchema(cycle);
  const results: RowResult<StudentScore>[] = [];
  const valid: { index: number; row: Row }[] = [];
  const firstIndex = new Map<string, number>();
  input.rows.forEach((raw, index) => {
    const parsed = schema.safeParse(raw);
    const rawKey = String((raw as Record<string, unknown>)?.studentKey ?? '');
    if (!parsed.success) return void results.push(failed(index, rawKey, zodErrors(parsed.error, ['input', 'rows', index])));
    const key = parsed.data.studentKey;
    const seen = firstIndex.get(key);
    if (seen !== undefined) {
      return void results.push(failed(index, key, [new UserError('DUPLICATE', `${key} also appears at row ${seen} of this batch.`, ['input', 'rows', index, 'studentKey'])]));
    }
    firstIndex.set(key, index);
    results.push({ index, key, status: 'SKIPPED', entity: null, errors: [] });
    valid.push({ index, row: parsed.data });
  });

  const applied = await ctx.db.transaction(async (tx) => {
    const [locked] = await tx.select({ status: evaluationCycles.status }).from(evaluationCycles).where(eq(evaluationCycles.id, cycle.id)).for('update');
    if (locked.status === 'CLOSED') fail('INVALID_STATE', 'The cycle is closed; its scores and results are frozen.', ['input', 'cycleId']);
    const { schoolsByCode, existing } = await load(tx, cycle.id, valid.map((v) => v.row));
    const family = STAGE_FAMILY[cycle.stage] ?? [cycle.stage];
    const toWrite: { index: number; rec: Rec; created: boolean; schoolCode: string }[] = [];
    for (const { index, row } of valid) {
      const school = schoolsByCode.get(row.schoolCode);
      const before = existing.get(row.studentKey);
      const errors = school ? check(ctx, cycle, family, school, before) : [new UserError('NOT_FOUND', `School ${row.schoolCode} does not exist.`, ['schoolCode'])];
      if (errors.length) {
        results[index] = failed(index, row.studentKey, errors.map((e) => e.under(['input', 'rows', index])));
        continue;
      }
      const rec: Rec = { studentKey: row.studentKey, schoolId: school!.id, countyCode: school!.countyCode, cohort: row.cohort, intakeScore: row.intakeScore, outcomeScore: row.outcomeScore };
      if (before && same(before, rec)) results[index] = { index, key: row.studentKey, status: 'UNCHANGED', entity: { ...before, cycleId: cycle.id }, errors: [] };
      else toWrite.push({ index, rec, created: !before, schoolCode: school!.code });
    }
    if (results.some((r) => r.status === 'FAILED') && (input.onError ?? 'REJECT_BATCH') === 'REJECT_BATCH') {
      for (const r of results) if (r.status !== 'FAILED') Object.assign(r, { status: 'SKIPPED', entity: null });
      return false;
    }
    if (toWrite.length === 0) return true;
    await write(tx, cycle.id, toWrite);
    // Results computed from the old scores no longer describe the data: back to OPEN.
    await tx.delete(valueAddedResults).where(eq(valueAddedResults.cycleId, cycle.id));
    await tx.update(evaluationCycles).set({ status: 'OPEN', computedAt: null }).where(eq(evaluationCycles.id, cycle.id));
    for (const w of toWrite) {
      results[w.index] = { index: w.index, key: w.rec.studentKey, status: w.created ? 'CREATED' : 'UPDATED', entity: { ...w.rec, cycleId: cycle.id }, errors: [] };
    }
    await recordChanges(tx, ctx, auditBySchool(cycle, toWrite));
    return true;
  });
  return { results, errors: results.flatMap((r) => r.errors), applied };
}

async function load(tx: Tx, cycleId: number, rows: Row[]) {
  const codes = [...new Set(rows.map((r) => r.schoolCode))];
  const found = codes.length ? await tx.select().from(schools).where(inArray(schools.code, codes)) : [];
  const keys = JSON.stringify(rows.map((r) => r.studentKey));
  const current = rows.length
    ? rowsOf<{ student_key: string; school_id: number; county_code: string; cohort: string; intake_score: number; outcome_score: number }>(
        // `= any(array(…))` is an index condition on the primary key: the batch's keys are
        // probed. `in (select …)` was planned as a hash join over every row already in the
        // cycle, so each batch of an import cost more than the one before.
        await tx.execute(sql`select student_key, school_id, county_code, cohort, intake_score, outcome_score from ${studentScores}
          where cycle_id = ${cycleId} and student_key = any(array(select jsonb_array_elements_text(${keys}::jsonb))) for update`),
      )
    : [];
  return {
    schoolsByCode: new Map(found.map((s) => [s.code, s])),
    existing: new Map<string, Rec>(
      current.map((c) => [c.student_key, { studentKey: c.student_key, schoolId: c.school_id, countyCode: c.county_code, cohort: c.cohort, intakeScore: Number(c.intake_score), outcomeScore: Number(c.outcome_score) }]),
    ),
  };
}

/** Jurisdiction over the school (and over the school the student was at), cycle region and stage. */
function check(ctx: Context, cycle: Cycle, family: readonly string[], school: School, before: Rec | undefined): UserError[] {
  const denied =
    writeDenial(ctx.viewer, 'studentScore', { regionCode: school.countyCode, schoolId: school.id }, ['schoolCode']) ??
    (before ? writeDenial(ctx.viewer, 'studentScore', { regionCode: before.countyCode, schoolId: before.schoolId }, ['studentKey']) : null);
  if (denied) return [denied];
  if (!regionCovers(cycle.regionCode, school.countyCode)) {
    return [new UserError('VALIDATION', `School ${school.name} lies outside the cycle's region ${cycle.regionCode}.`, ['schoolCode'])];
  }
  if (!family.includes(school.stage)) {
    return [new UserError('VALIDATION', `School ${school.name} is a ${school.stage} school; this cycle evaluates ${cycle.stage}.`, ['schoolCode'])];
  }
  return [];
}

function same(a: Rec, b: Rec) {
  return a.schoolId === b.schoolId && a.cohort === b.cohort && a.intakeScore === b.intakeScore && a.outcomeScore === b.outcomeScore;
}

/**
 * New rows in one plain INSERT, changed ones in one UPDATE, each from one JSON parameter
 * expanded by the database. No upsert needed: the cycle row is locked for the whole
 * transaction, so no other import adds keys between the read above and these writes — and a
 * plain insert skips the speculative insertion an ON CONFLICT costs per row.
 */
async function write(tx: Tx, cycleId: number, written: { rec: Rec; created: boolean }[]) {
  const json = (created: boolean) =>
    JSON.stringify(written.filter((w) => w.created === created).map(({ rec: r }) => [r.studentKey, r.schoolId, r.countyCode, r.cohort, r.intakeScore, r.outcomeScore]));
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

/** One audit event per school and batch: which student keys were created or updated (not their scores). */
function auditBySchool(cycle: Cycle, written: { rec: Rec; created: boolean; schoolCode: string }[]) {
  const bySchool = new Map<string, { countyCode: string; created: string[]; updated: string[] }>();
  for (const w of written) {
    const e = bySchool.get(w.schoolCode) ?? { countyCode: w.rec.countyCode, created: [], updated: [] };
    (w.created ? e.created : e.updated).push(w.rec.studentKey);
    bySchool.set(w.schoolCode, e);
  }
  return [...bySchool].map(([schoolCode, e]) => ({
    action: (e.updated.length ? 'UPDATE' : 'CREATE') as 'UPDATE' | 'CREATE',
    entityType: 'StudentScores',
    entityKey: `${cycle.id}:${schoolCode}`,
    regionCode: e.countyCode,
    before: null,
    after: { cycleId: cycle.id, schoolCode, created: e.created, updated: e.updated },
  }));
}

function failed(index: number, key: string, errors: UserError[]): RowResult<StudentScore> {
  return { index, key, status: 'FAILED', entity: null, errors };
}
