import { or, type SQL } from 'drizzle-orm';
import type { UserError } from '../../errors.js';
import { canRead, readScope, scopeCondition, writeDenial, type Place } from '../access/jurisdiction.js';
import type { Viewer } from '../access/viewer.js';
import type { ExchangeAssignment } from './table.js';
import type { exchangeAssignments } from './table.js';

/**
 * An assignment lives in two places: the sending school and the receiving school. Whoever's
 * jurisdiction covers either side may read it (so a receiving county sees its inbound
 * teachers); the jurisdiction check itself is the one in access/jurisdiction.ts.
 */
type Sides = Pick<ExchangeAssignment, 'sourceCountyCode' | 'sourceSchoolId' | 'targetCountyCode' | 'targetSchoolId'>;

export const sourcePlace = (a: Sides): Place => ({ regionCode: a.sourceCountyCode, schoolId: a.sourceSchoolId });
export const targetPlace = (a: Sides): Place => ({ regionCode: a.targetCountyCode, schoolId: a.targetSchoolId });

export function canReadAssignment(viewer: Viewer, a: Sides): boolean {
  return canRead(viewer, 'exchangeAssignment', sourcePlace(a)) || canRead(viewer, 'exchangeAssignment', targetPlace(a));
}

/** Rows of a (possibly aliased) exchange_assignments table the viewer may read. */
export function readableAssignments(viewer: Viewer) {
  const scope = readScope(viewer, 'exchangeAssignment');
  return (t: typeof exchangeAssignments): SQL =>
    or(
      scopeCondition(scope, { region: t.sourceCountyCode, school: t.sourceSchoolId }),
      scopeCondition(scope, { region: t.targetCountyCode, school: t.targetSchoolId }),
    )!;
}

/** For running an approved posting (start, complete, cancel): either side's bureau, or the city above both. */
export function eitherSideDenial(viewer: Viewer, a: Sides, path: (string | number)[]): UserError | null {
  const source = writeDenial(viewer, 'exchangeAssignment', sourcePlace(a), path);
  if (!source) return null;
  return writeDenial(viewer, 'exchangeAssignment', targetPlace(a), path) ? source : null;
}
