import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { readScope, scopeCondition } from '../../access/jurisdiction.js';
import type { Viewer } from '../../access/viewer.js';
import { evaluationCycles } from '../table.js';

/**
 * Per-school evaluation results (value added, multi-party aggregates) are public once their
 * cycle is CLOSED (published); before that only the jurisdiction that owns the school sees
 * them. Student rows are never served at all.
 */
export function resultCondition(viewer: Viewer, cols: { cycleId: AnyPgColumn; countyCode: AnyPgColumn; schoolId: AnyPgColumn }): SQL {
  const own = scopeCondition(readScope(viewer, 'evaluation'), { region: cols.countyCode, school: cols.schoolId });
  return sql`(${own} or exists (select 1 from ${evaluationCycles} where ${evaluationCycles.id} = ${cols.cycleId} and ${evaluationCycles.status} = 'CLOSED'))`;
}
