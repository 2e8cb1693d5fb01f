import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { fail, UserErrors } from '../../../errors.js';
import { writeDenial } from '../../access/jurisdiction.js';
import { recordChanges } from '../../audit/record.js';
import { isoDate, requiredText } from '../../responsibility/validate.js';
import { zRowId } from '../../shared/ids.js';
import { defineVerb } from '../../shared/verb.js';
import { escalationKey, escalationSnapshot } from '../escalationJob.js';
import { ESCALATION_TYPE } from '../ids.js';
import { escalations } from '../table.js';

const input = z.object({
  escalationId: zRowId(ESCALATION_TYPE),
  accountablePerson: requiredText(100),
  decision: requiredText(2000),
  decidedOn: isoDate,
});
export type RecordAccountabilityDecisionInput = z.input<typeof input>;

/** Records the outcome of a 问责 record: who is held to account, the decision and its date. The city. */
export const recordAccountabilityDecision = defineVerb({
  permission: 'accountabilityRecord',
  input,
  run: (ctx, input) =>
    ctx.db.transaction(async (tx) => {
      const path = ['input', 'escalationId'];
      const [row] = await tx.select().from(escalations).where(eq(escalations.id, input.escalationId)).for('update');
      if (!row) fail('NOT_FOUND', `Escalation ${input.escalationId} does not exist.`, path);
      const denied = writeDenial(ctx.viewer, 'accountabilityRecord', { regionCode: row.regionCode }, path);
      if (denied) throw new UserErrors([denied]);
      if (row.stage !== 'ACCOUNTABILITY')
        fail(
          'INVALID_STATE',
          'Only an accountability record (问责) takes a decision; this is a 挂牌督办 listing.',
          path,
        );
      const [after] = await tx
        .update(escalations)
        .set({ accountablePerson: input.accountablePerson, decision: input.decision, decidedOn: input.decidedOn })
        .where(eq(escalations.id, row.id))
        .returning();
      await recordChanges(tx, ctx, [
        {
          action: 'UPDATE',
          entityType: 'Escalation',
          entityKey: escalationKey(row),
          regionCode: row.regionCode,
          before: escalationSnapshot(row),
          after: escalationSnapshot(after),
        },
      ]);
      return after;
    }),
});
