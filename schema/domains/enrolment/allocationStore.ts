import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../context.js';
import { fail } from '../../errors.js';
import { allocateQuota, allocationProblemMessage } from './allocation.js';
import type { LineContent } from './planRecords.js';
import { quotaAllocations } from './table.js';

export interface CohortRecord {
  juniorSchoolId: number;
  juniorSchoolCode: string;
  graduates: number;
  overridePlaces: number | null;
  overrideReason: string | null;
}

/**
 * Replaces a line's allocations with the shares of `quota` over `cohorts` (allocation.ts). A
 * quota the rule cannot share (overrides above it, …) is a VALIDATION error at `path`, before
 * anything is written.
 */
export async function writeAllocations(
  tx: DbOrTx,
  lineId: number,
  quota: number,
  cohorts: CohortRecord[],
  path: (string | number)[],
) {
  const result = allocateQuota(quota, cohorts);
  if (!result.ok) fail('VALIDATION', allocationProblemMessage(quota, result.problem), path);
  await tx.delete(quotaAllocations).where(eq(quotaAllocations.schoolPlanId, lineId));
  if (cohorts.length) {
    await tx.insert(quotaAllocations).values(
      cohorts.map((c) => ({
        schoolPlanId: lineId,
        juniorSchoolId: c.juniorSchoolId,
        graduates: c.graduates,
        overridePlaces: c.overridePlaces,
        overrideReason: c.overrideReason,
        places: result.places.get(c.juniorSchoolId)!,
      })),
    );
  }
}

/** The line's stored cohorts and overrides, to share again (a new quota, a new override). */
export function cohortsOf(c: LineContent): CohortRecord[] {
  return c.allocations.map((a) => ({
    juniorSchoolId: a.juniorSchoolId,
    juniorSchoolCode: a.juniorSchoolCode,
    graduates: a.graduates,
    overridePlaces: a.overridePlaces,
    overrideReason: a.overrideReason,
  }));
}
