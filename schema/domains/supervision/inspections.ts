import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../context.js';
import { fail } from '../../errors.js';
import { regionCovers, type Place } from '../access/jurisdiction.js';
import { type inspectionFindings, inspectionInspectors, inspections } from './table.js';

export type InspectionRow = typeof inspections.$inferSelect;
export type FindingRow = typeof inspectionFindings.$inferSelect;

export const inspectionKey = (i: Pick<InspectionRow, 'id'>) => `inspection:${i.id}`;
export const findingKey = (f: Pick<FindingRow, 'id'>) => `finding:${f.id}`;

export function inspectionSnapshot(i: InspectionRow, inspectors: { actor: string; name: string; kind: string }[]) {
  return {
    regionCode: i.regionCode,
    kind: i.kind,
    title: i.title,
    scopeRegionCodes: i.scopeRegionCodes,
    scopeSchoolCodes: i.scopeSchoolCodes,
    periodStart: i.periodStart,
    periodEnd: i.periodEnd,
    // Inspectors' names are personal data (access/personalFields.ts): the trail keeps who by actor id.
    inspectors: inspectors.map((x) => ({ actor: x.actor, kind: x.kind })),
  };
}

export function findingSnapshot(f: FindingRow) {
  return {
    inspectionId: f.inspectionId,
    regionCode: f.regionCode,
    schoolId: f.schoolId,
    severity: f.severity,
    itemKey: f.itemKey,
    description: f.description,
    evidence: f.evidence,
    taskId: f.taskId,
    recheckPassed: f.recheckPassed,
  };
}

/** An inspection with its inspectors' actor ids; NOT_FOUND at `path`. */
export async function loadInspection(tx: DbOrTx, id: number, path: (string | number)[]) {
  const [inspection] = await tx.select().from(inspections).where(eq(inspections.id, id));
  if (!inspection) fail('NOT_FOUND', `Inspection ${id} does not exist.`, path);
  const inspectors = await tx.select().from(inspectionInspectors).where(eq(inspectionInspectors.inspectionId, id));
  return {
    inspection,
    inspectors,
    place: { regionCode: inspection.regionCode } as Place,
    actors: inspectors.map((x) => x.actor),
  };
}

/** Whether a unit lies in an inspection's scope: a listed region covering it, or a listed school. */
export function inScope(inspection: InspectionRow, place: Place, schoolCode: string | null): boolean {
  if (schoolCode && inspection.scopeSchoolCodes.includes(schoolCode)) return true;
  return inspection.scopeRegionCodes.some((r) => regionCovers(r, place.regionCode));
}
