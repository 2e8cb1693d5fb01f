import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../context.js';
import { fail } from '../../errors.js';
import { fundingAllocations, fundingPayments, fundingProgrammes } from './table.js';

export async function programmeByCode(tx: Tx, code: string, path: (string | number)[], lock = false) {
  const q = tx.select().from(fundingProgrammes).where(eq(fundingProgrammes.code, code));
  const [p] = lock ? await q.for('update') : await q;
  if (!p) fail('NOT_FOUND', `No funding programme ${code}.`, path);
  return p;
}

export async function allocationOf(tx: Tx, programmeId: number, countyCode: string, lock = false) {
  const q = tx
    .select()
    .from(fundingAllocations)
    .where(and(eq(fundingAllocations.programmeId, programmeId), eq(fundingAllocations.countyCode, countyCode)));
  const [a] = lock ? await q.for('update') : await q;
  return a ?? null;
}

/** Paid so far on allocations, by allocation and kind. */
export async function paidSums(tx: Tx, allocationIds: number[]) {
  const out = new Map<number, { disbursed: number; matching: number }>();
  for (const id of allocationIds) out.set(id, { disbursed: 0, matching: 0 });
  if (!allocationIds.length) return out;
  const rows = await tx
    .select({
      id: fundingPayments.allocationId,
      kind: fundingPayments.kind,
      n: sql<string>`sum(${fundingPayments.amountFen})::text`,
    })
    .from(fundingPayments)
    .where(sql`${fundingPayments.allocationId} in ${allocationIds}`)
    .groupBy(fundingPayments.allocationId, fundingPayments.kind);
  for (const r of rows) {
    const o = out.get(r.id)!;
    if (r.kind === 'DISBURSEMENT') o.disbursed = Number(r.n);
    else o.matching = Number(r.n);
  }
  return out;
}
