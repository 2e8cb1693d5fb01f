import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { fail, UserErrors } from '../../../errors.js';
import { findingWriteDenial } from '../../access/jurisdiction.js';
import { recordChanges } from '../../audit/record.js';
import { cityOf } from '../../organisation/codes.js';
import { responsibilityItems, responsibilityLists } from '../../responsibility/table.js';
import { requiredText } from '../../responsibility/validate.js';
import { zRowId } from '../../shared/ids.js';
import { evidenceLinks } from '../evidence.js';
import { defineVerb } from '../../shared/verb.js';
import { REQUIRED_MESSAGE } from '../../shared/zodErrors.js';
import { INSPECTION_TYPE } from '../ids.js';
import { findingKey, findingSnapshot, inScope, loadInspection } from '../inspections.js';
import { inspectionFindings } from '../table.js';
import { unitPlace } from '../units.js';
import type { DbOrTx } from '../../../context.js';

const input = z.object({
  inspectionId: zRowId(INSPECTION_TYPE),
  regionCode: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'must be a 6-digit GB/T 2260 code')
    .nullish(),
  schoolCode: z
    .string()
    .trim()
    .regex(/^\d{10}$/, 'must be a 10-digit school identifier')
    .nullish(),
  severity: z.enum(['MINOR', 'MAJOR', 'SERIOUS']),
  itemKey: z.string().trim().min(1, REQUIRED_MESSAGE),
  description: requiredText(4000),
  evidence: evidenceLinks.nullish(),
});
export type RecordFindingInput = z.input<typeof input>;

/** The matter must be on the current published list of the unit's city. */
async function assertCurrentItem(tx: DbOrTx, regionCode: string, itemKey: string, path: (string | number)[]) {
  const [item] = await tx
    .select({ id: responsibilityItems.id })
    .from(responsibilityItems)
    .innerJoin(responsibilityLists, eq(responsibilityLists.id, responsibilityItems.listId))
    .where(
      and(
        eq(responsibilityLists.regionCode, cityOf(regionCode)),
        eq(responsibilityLists.status, 'PUBLISHED'),
        eq(responsibilityItems.key, itemKey),
      ),
    );
  if (!item)
    fail('NOT_FOUND', `The current responsibility list of ${cityOf(regionCode)} has no item ${itemKey}.`, path);
}

/**
 * Records a finding (督查发现) on an inspected unit: severity, evidence links and the
 * responsibility-list matter it violates. The inspection's planner or one of its inspectors.
 */
export const recordFinding = defineVerb({
  permission: 'inspectionFinding',
  input,
  run: (ctx, input) =>
    ctx.db.transaction(async (tx) => {
      const {
        inspection,
        place: plannerPlace,
        actors,
      } = await loadInspection(tx, input.inspectionId, ['input', 'inspectionId']);
      const denied = findingWriteDenial(ctx.viewer, { place: plannerPlace, inspectors: actors }, [
        'input',
        'inspectionId',
      ]);
      if (denied) throw new UserErrors([denied]);
      const unit = await unitPlace(tx, input, ['input']);
      if (!inScope(inspection, unit.place, unit.schoolCode))
        fail('VALIDATION', 'The unit is outside the inspection’s scope.', unit.path);
      await assertCurrentItem(tx, unit.place.regionCode, input.itemKey, ['input', 'itemKey']);
      const [row] = await tx
        .insert(inspectionFindings)
        .values({
          inspectionId: inspection.id,
          regionCode: unit.place.regionCode,
          schoolId: unit.place.schoolId ?? null,
          severity: input.severity,
          itemKey: input.itemKey,
          description: input.description,
          evidence: input.evidence ?? [],
          recordedBy: ctx.viewer.actor,
        })
        .returning();
      await recordChanges(tx, ctx, [
        {
          action: 'CREATE',
          entityType: 'InspectionFinding',
          entityKey: findingKey(row),
          regionCode: row.regionCode,
          before: null,
          after: findingSnapshot(row),
        },
      ]);
      return row;
    }),
});
