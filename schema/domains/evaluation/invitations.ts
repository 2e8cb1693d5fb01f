import type { Context } from '../../context.js';
import { levelOf, writeDenial } from '../access/jurisdiction.js';
import type { evaluationInvitations } from './table.js';

export type Invitation = typeof evaluationInvitations.$inferSelect;

/** Whether the viewer may see and answer this invitation: the invitee, or for COUNTY_SELF its county bureau. */
export function isInvitee(
  ctx: Context,
  inv: Pick<Invitation, 'party' | 'evaluator' | 'countyCode' | 'schoolId'>,
): boolean {
  if (ctx.viewer.kind === 'system') return true;
  if (inv.party === 'COUNTY_SELF') {
    return (
      levelOf(ctx.viewer) === 'COUNTY' &&
      writeDenial(ctx.viewer, 'evaluationSubmission', { regionCode: inv.countyCode, schoolId: inv.schoolId }) == null
    );
  }
  return (
    inv.evaluator === ctx.viewer.actor &&
    writeDenial(ctx.viewer, 'evaluationSubmission', { regionCode: inv.countyCode, schoolId: inv.schoolId }) == null
  );
}
