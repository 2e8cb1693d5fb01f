import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { fail } from '../../../errors.js';
import { actsAt, writeDenial } from '../../access/jurisdiction.js';
import { recordChanges, type Change } from '../../audit/record.js';
import { regions } from '../../organisation/table.js';
import { whoLeads } from '../../responsibility/leads.js';
import { zRowId } from '../../shared/ids.js';
import { defineVerb } from '../../shared/verb.js';
import { loadLines, lockDraftPlan, PLAN_TYPE, planKey, planSnapshot } from '../planRecords.js';
import { enrolmentPlans } from '../table.js';

const input = z.object({ planId: zRowId(PLAN_TYPE) });
export type PublishEnrolmentPlanInput = z.input<typeof input>;

/** The governance matter whose LEAD level publishes enrolment plans (普通高中招生计划). */
const PLAN_MATTER = 'ENROLMENT.ADMISSION_QUOTA';

/**
 * Publishes a draft: it becomes the current version of its city, year and stage and the one
 * before it SUPERSEDED. Published versions are immutable. Publishing is the job of the level
 * that leads ENROLMENT.ADMISSION_QUOTA on the city's responsibility list (whoLeads; the city by
 * default). A draft without schools is refused.
 */
export const publishEnrolmentPlan = defineVerb({
  permission: 'enrolmentPolicy',
  input,
  run: (ctx, input) =>
    ctx.db.transaction(async (tx) => {
      const path = ['input', 'planId'];
      const draft = await lockDraftPlan(tx, ctx.viewer, input.planId, path);
      const denied = writeDenial(ctx.viewer, 'enrolmentPolicy', { regionCode: draft.regionCode }, path);
      if (denied) fail(denied.code, denied.message, denied.path);
      const lead = await whoLeads(tx, draft.regionCode, PLAN_MATTER);
      if (!actsAt(ctx.viewer, lead.level, { regionCode: draft.regionCode })) {
        fail(
          'FORBIDDEN',
          `The responsibility list gives ${PLAN_MATTER} to the ${lead.level} level: it publishes enrolment plans.`,
          path,
        );
      }
      // One publish per city at a time: both racers lock the city row, the second then finds the draft gone.
      await tx.select({ code: regions.code }).from(regions).where(eq(regions.code, draft.regionCode)).for('update');
      const [fresh] = await tx.select().from(enrolmentPlans).where(eq(enrolmentPlans.id, draft.id));
      if (fresh.status !== 'DRAFT') fail('INVALID_STATE', `Plan ${planKey(fresh)} was published meanwhile.`, path);
      if (!(await loadLines(tx, [draft.id])).get(draft.id)!.length)
        fail('VALIDATION', `Plan ${planKey(draft)} lists no school; set boundaries first.`, path);
      const now = new Date().toISOString();
      const changes: Change[] = [];
      const [current] = await tx
        .select()
        .from(enrolmentPlans)
        .where(
          and(
            eq(enrolmentPlans.regionCode, draft.regionCode),
            eq(enrolmentPlans.year, draft.year),
            eq(enrolmentPlans.stage, draft.stage),
            eq(enrolmentPlans.status, 'PUBLISHED'),
          ),
        )
        .for('update');
      if (current) {
        const [superseded] = await tx
          .update(enrolmentPlans)
          .set({ status: 'SUPERSEDED', supersededAt: now, updatedAt: now })
          .where(eq(enrolmentPlans.id, current.id))
          .returning();
        changes.push({
          action: 'UPDATE',
          entityType: 'EnrolmentPlan',
          entityKey: planKey(current),
          regionCode: current.regionCode,
          before: planSnapshot(current),
          after: planSnapshot(superseded),
        });
      }
      const [published] = await tx
        .update(enrolmentPlans)
        .set({ status: 'PUBLISHED', publishedAt: now, updatedAt: now })
        .where(eq(enrolmentPlans.id, draft.id))
        .returning();
      changes.push({
        action: 'UPDATE',
        entityType: 'EnrolmentPlan',
        entityKey: planKey(draft),
        regionCode: draft.regionCode,
        before: planSnapshot(draft),
        after: planSnapshot(published),
      });
      await recordChanges(tx, ctx, changes);
      return published;
    }),
});
