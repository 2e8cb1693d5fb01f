import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../context.js';
import { establishmentHoldings, schoolEstablishments } from './table.js';

type Category = (typeof establishmentHoldings.$inferSelect)['category'];

/**
 * Locks the holding rows of `codes` for one category, creating missing ones at 0, always in
 * code order: two transfers between the same holders (in either direction) queue instead of
 * deadlocking, and neither can read a total the other is about to change.
 */
export async function lockHoldings(tx: Tx, codes: string[], category: Category) {
  const sorted = [...new Set(codes)].sort();
  await tx
    .insert(establishmentHoldings)
    .values(sorted.map((holderCode) => ({ holderCode, category, approved: 0 })))
    .onConflictDoNothing();
  const rows = await tx
    .select()
    .from(establishmentHoldings)
    .where(and(inArray(establishmentHoldings.holderCode, sorted), eq(establishmentHoldings.category, category)))
    .orderBy(asc(establishmentHoldings.holderCode))
    .for('update');
  return new Map(rows.map((r) => [r.holderCode, r]));
}

/** Posts of a county (and category) assigned to its schools (县管校聘), optionally leaving one school/subject out. */
export async function assignedPosts(
  tx: Tx,
  countyCode: string,
  category: Category,
  except?: { schoolId: number; subject: string },
) {
  const [row] = await tx
    .select({ n: sql<number>`coalesce(sum(${schoolEstablishments.approved}), 0)::int` })
    .from(schoolEstablishments)
    .where(
      and(
        eq(schoolEstablishments.countyCode, countyCode),
        eq(schoolEstablishments.category, category),
        except
          ? sql`not (${schoolEstablishments.schoolId} = ${except.schoolId} and ${schoolEstablishments.subject} = ${except.subject})`
          : undefined,
      ),
    );
  return row.n;
}
