import { and, inArray } from 'drizzle-orm';
import { resolveSettingsFor } from '../settings/resolve.js';
import type { Context, DbOrTx } from '../../context.js';
import { fail, UserError, UserErrors } from '../../errors.js';
import { recordChanges, type Change } from '../audit/record.js';
import { schools, teachers } from '../organisation/table.js';
import { whoLeads, type LeadAnswer } from '../responsibility/leads.js';
import {
  datesOverlap,
  EXCLUSION_VIOLATION,
  EXCLUSIVE_KINDS,
  LIVE_STATUSES,
  sqlState,
  type ExchangeKind,
} from './rules.js';
import { exchangeAssignments, type ExchangeAssignment } from './table.js';
import { parseInput } from '../shared/zodErrors.js';
import { assertPermission } from '../shared/verb.js';
import { auditSnapshot } from './auditSnapshot.js';
import { exchangeMatter } from './decision.js';
import {
  checkEligibility,
  checkHoursCap,
  checkParties,
  overlapConflict,
  PROPOSAL_SETTINGS,
  proposalSchema,
  proposedRow,
  targetColumns,
  teacherColumns,
  type Proposal,
  type ProposeExchangeInput,
} from './proposal.js';
import {
  approveFields,
  approveStep,
  cancelFields,
  cancelStep,
  completeFields,
  completeStep,
  rejectFields,
  rejectStep,
  startStep,
} from './steps.js';
import { stepChanges, type LeadLookup, type TransitionSpec } from './transition.js';

/** A lifecycle step of a loaded exchange, with the input its verb takes (less the id). */
export type HistoryStep =
  | { verb: 'approve'; note?: string | null }
  | { verb: 'reject'; reason: string }
  | { verb: 'cancel'; reason: string }
  | { verb: 'start' }
  | { verb: 'complete'; endedOn?: string | null };

export interface HistoryEntry {
  proposal: ProposeExchangeInput;
  /** In order, e.g. approve → start → complete for a posting that has ended. */
  steps: readonly HistoryStep[];
}

/** Rows per INSERT statement (about 20 parameters each; PostgreSQL allows 65,535 per statement). */
const INSERT_CHUNK = 1000;

/**
 * The bulk path of the exchanges domain: loads many exchanges with their history (the demo
 * data; a register kept elsewhere until now) in one transaction, as if each had been proposed
 * with proposeExchange and then taken through its steps with approveExchange, startExchange, …
 * one request after another, in the order given.
 *
 * The same rules, from the same code: the proposal's input, parties, jurisdiction,
 * eligibility and itinerant hour cap (proposal.ts); each step's rights and starting state
 * (the verbs' step specs, through `stepChanges`); the approval level from the
 * responsibility list. An entry is checked against the teacher's live postings as they stand
 * when it is proposed — those already in the database and the earlier entries that are still
 * live after their steps — so a ROTATION/SUPPORT overlapping one of them is CONFLICT, as the
 * exclusion constraint would have refused it. The constraint still checks every inserted row.
 * The audit trail gets the events the calls would have written: CREATE, then one UPDATE per
 * step with before and after.
 *
 * What differs is the cost: teachers, schools, settings, live postings and who leads are read
 * once for all entries; rows are inserted in their final state by multi-row INSERTs and the
 * events by one statement — a few statements for hundreds of exchanges instead of thousands.
 *
 * All or nothing: every entry's problems are reported at once (paths under
 * ['input', 'entries', i, 'proposal' | 'steps', k]) and nothing is written.
 */
export async function loadExchangeHistory(
  ctx: Context,
  input: { entries: readonly HistoryEntry[] },
): Promise<ExchangeAssignment[]> {
  assertPermission(ctx, 'exchangeAssignment');
  if (input.entries.length > ctx.limits.maxBatchRows) {
    fail(
      'LIMIT_EXCEEDED',
      `A batch holds at most ${ctx.limits.maxBatchRows} entries; split the ${input.entries.length} entries.`,
      ['input', 'entries'],
    );
  }
  const errors: UserError[] = [];
  const entries: { index: number; proposal: Proposal; steps: TransitionSpec[] }[] = [];
  input.entries.forEach((entry, index) => {
    const proposal = attempt(errors, ['input', 'entries', index, 'proposal'], () =>
      parseInput(proposalSchema, entry.proposal),
    );
    const steps = entry.steps.map((step, k) =>
      attempt(errors, ['input', 'entries', index, 'steps', k], () => stepSpec(ctx, step)),
    );
    // An entry with a bad input is left out of the checks below; the others are still checked.
    if (proposal && steps.every(Boolean)) entries.push({ index, proposal, steps: steps as TransitionSpec[] });
  });
  if (!entries.length) {
    if (errors.length) throw new UserErrors(errors);
    return [];
  }

  try {
    return await ctx.db.transaction(async (tx) => {
      // Locked as proposeExchange locks an itinerant teacher: hour-cap checks serialise per teacher.
      const staffNos = [...new Set(entries.map((e) => e.proposal.teacherStaffNo))];
      const teacherRows = await tx
        .select(teacherColumns)
        .from(teachers)
        .where(inArray(teachers.staffNo, staffNos))
        .for('no key update');
      const codes = [...new Set(entries.map((e) => e.proposal.targetSchoolCode))];
      const targetRows = await tx.select(targetColumns).from(schools).where(inArray(schools.code, codes));
      const settings = await resolveSettingsFor(tx, PROPOSAL_SETTINGS, [
        ...new Set(teacherRows.map((t) => t.countyCode)),
      ]);
      const live = await livePostings(
        tx,
        teacherRows.map((t) => t.id),
      );
      const leads = memoise(tx);
      const byStaffNo = new Map(teacherRows.map((t) => [t.staffNo, t]));
      const byCode = new Map(targetRows.map((s) => [s.code, s]));

      const planned: ExchangeAssignment[][] = [];
      for (const { index: i, proposal: v, steps } of entries) {
        const states = await attemptAsync(errors, ['input', 'entries', i, 'proposal'], async () => {
          const { teacher, target } = checkParties(
            ctx,
            v,
            byStaffNo.get(v.teacherStaffNo),
            byCode.get(v.targetSchoolCode),
          );
          const county = settings.get(teacher.countyCode)!;
          const eligible = checkEligibility(v, teacher, county);
          const mine = live.get(teacher.id) ?? [];
          checkHoursCap(
            v,
            mine.filter((p) => p.kind === 'ITINERANT' && datesOverlap(p, v)),
            county['exchange.itinerantHoursCap'],
          );
          if (EXCLUSIVE_KINDS.has(v.kind) && mine.some((p) => EXCLUSIVE_KINDS.has(p.kind) && datesOverlap(p, v)))
            overlapConflict(v);
          const lead = await leads(teacher.countyCode, exchangeMatter(teacher.countyCode, target.countyCode));
          return [proposedState(proposedRow(ctx, v, teacher, target, eligible, lead))];
        });
        if (!states) continue;
        for (const [k, spec] of steps.entries()) {
          const next = await attemptAsync(errors, ['input', 'entries', i, 'steps', k], async () => {
            const row = states.at(-1)!;
            // Timestamps stay SQL now() until written; no rule and no audit snapshot reads them.
            return { ...row, ...(await stepChanges(ctx, row, spec, leads)) } as ExchangeAssignment;
          });
          if (!next) break;
          states.push(next);
        }
        const last = states.at(-1)!;
        if (LIVE_STATUSES.includes(last.status))
          live.set(last.teacherId, [...(live.get(last.teacherId) ?? []), posting(last)]);
        planned.push(states);
      }
      // In entry order, whichever check found them.
      if (errors.length) throw new UserErrors(errors.sort((a, b) => Number(a.path[2]) - Number(b.path[2])));

      const written = await insertFinal(
        tx,
        planned.map((states) => states.at(-1)!),
      );
      await recordChanges(
        tx,
        ctx,
        planned.flatMap((states, j) => historyEvents(states, written[j].id)),
      );
      return written;
    });
  } catch (err) {
    // Only a concurrent proposal can get here: every overlap among the entries and with the stored rows was refused above.
    if (sqlState(err) === EXCLUSION_VIOLATION)
      fail('CONFLICT', 'A ROTATION or SUPPORT posting proposed meanwhile overlaps an entry; load again.', [
        'input',
        'entries',
      ]);
    throw err;
  }
}

function stepSpec(ctx: Context, step: HistoryStep): TransitionSpec {
  switch (step.verb) {
    case 'approve':
      return approveStep(ctx, parseInput(approveFields, { note: step.note }));
    case 'reject':
      return rejectStep(ctx, parseInput(rejectFields, { reason: step.reason }));
    case 'cancel':
      return cancelStep(ctx, parseInput(cancelFields, { reason: step.reason }));
    case 'start':
      return startStep(ctx);
    case 'complete':
      return completeStep(ctx, parseInput(completeFields, { endedOn: step.endedOn }));
  }
}

/** Runs `f`; its UserErrors are collected, re-rooted from ['input', …] to `prefix`. */
function attempt<T>(errors: UserError[], prefix: (string | number)[], f: () => T): T | null {
  try {
    return f();
  } catch (err) {
    return collect(errors, prefix, err);
  }
}

async function attemptAsync<T>(
  errors: UserError[],
  prefix: (string | number)[],
  f: () => Promise<T>,
): Promise<T | null> {
  try {
    return await f();
  } catch (err) {
    return collect(errors, prefix, err);
  }
}

function collect(errors: UserError[], prefix: (string | number)[], err: unknown): null {
  if (!(err instanceof UserErrors)) throw err;
  for (const e of err.errors) {
    let rel = e.path[0] === 'input' ? e.path.slice(1) : e.path;
    // A step acts on its entry's assignment, which has no id field here: an error the step
    // verbs report at `input.id` belongs to the step itself.
    if (prefix.includes('steps') && rel[0] === 'id') rel = rel.slice(1);
    errors.push(new UserError(e.code, e.message, [...prefix, ...rel]));
  }
  return null;
}

type Posting = { kind: ExchangeKind; startDate: string; endDate: string; weeklyHours: number };

/** Live postings of these teachers that block overlaps or count against the hour cap. */
async function livePostings(tx: DbOrTx, teacherIds: number[]): Promise<Map<number, Posting[]>> {
  const rows = teacherIds.length
    ? await tx
        .select({
          teacherId: exchangeAssignments.teacherId,
          kind: exchangeAssignments.kind,
          startDate: exchangeAssignments.startDate,
          endDate: exchangeAssignments.endDate,
          weeklyHours: exchangeAssignments.weeklyHours,
        })
        .from(exchangeAssignments)
        .where(
          and(
            inArray(exchangeAssignments.teacherId, teacherIds),
            inArray(exchangeAssignments.status, [...LIVE_STATUSES]),
          ),
        )
    : [];
  const out = new Map<number, Posting[]>();
  for (const r of rows) out.set(r.teacherId, [...(out.get(r.teacherId) ?? []), posting(r)]);
  return out;
}

function posting(r: Pick<ExchangeAssignment, 'kind' | 'startDate' | 'endDate' | 'weeklyHours'>): Posting {
  return { kind: r.kind, startDate: r.startDate, endDate: r.endDate, weeklyHours: r.weeklyHours ?? 0 };
}

/** whoLeads, asked once per region and matter within the load's transaction. */
function memoise(tx: DbOrTx): LeadLookup {
  const cache = new Map<string, Promise<LeadAnswer>>();
  return (region, matter) => {
    const key = `${region} ${matter}`;
    if (!cache.has(key)) cache.set(key, whoLeads(tx, region, matter));
    return cache.get(key)!;
  };
}

/** A proposal as proposeExchange's insert returns it, before it has an id. */
function proposedState(row: ReturnType<typeof proposedRow>): ExchangeAssignment {
  const unset = {
    decidedBy: null,
    decidedAt: null,
    decisionNote: null,
    startedBy: null,
    startedAt: null,
    completedBy: null,
    completedAt: null,
  };
  const never = { endedOn: null, cancelledBy: null, cancelledAt: null, cancelReason: null };
  return { ...unset, ...never, ...row, id: 0, status: 'PROPOSED', proposedAt: '', updatedAt: '' };
}

/** Final states in entry order; `returning` lists a multi-row insert's rows in VALUES order, checked here. */
async function insertFinal(tx: DbOrTx, finals: ExchangeAssignment[]): Promise<ExchangeAssignment[]> {
  const written: ExchangeAssignment[] = [];
  for (let i = 0; i < finals.length; i += INSERT_CHUNK) {
    const chunk = finals.slice(i, i + INSERT_CHUNK);
    const values = chunk.map(({ id: _id, proposedAt: _p, updatedAt: _u, ...row }) => row);
    const rows = await tx.insert(exchangeAssignments).values(values).returning();
    rows.forEach((r, j) => {
      if (r.teacherId !== chunk[j].teacherId || r.startDate !== chunk[j].startDate || r.kind !== chunk[j].kind) {
        throw new Error('exchange history: inserted rows came back out of order');
      }
    });
    written.push(...rows);
  }
  return written;
}

/** CREATE, then one UPDATE per step: the events proposeExchange and the step verbs record. */
function historyEvents(states: ExchangeAssignment[], id: number): Change[] {
  const snap = (s: ExchangeAssignment) => auditSnapshot({ ...s, id });
  const region = states[0].sourceCountyCode;
  return states.map((s, k) => ({
    action: k === 0 ? 'CREATE' : 'UPDATE',
    entityType: 'ExchangeAssignment',
    entityKey: String(id),
    regionCode: region,
    before: k === 0 ? null : snap(states[k - 1]),
    after: snap(s),
  }));
}
