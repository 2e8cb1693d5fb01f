import type { Context } from '../../context.js';
import { fail, UserErrors } from '../../errors.js';
import { levelOf, writeDenial } from '../access/jurisdiction.js';
import type { MatterKey } from '../responsibility/leads.js';
import { sourcePlace, targetPlace } from './access.js';
import type { ExchangeAssignment } from './table.js';
import type { LeadLookup } from './transition.js';

/** The responsibility-list matter an exchange between these counties falls under. */
export function exchangeMatter(sourceCountyCode: string, targetCountyCode: string): MatterKey {
  return sourceCountyCode !== targetCountyCode ? 'EXCHANGE.CROSS_COUNTY' : 'EXCHANGE.WITHIN_COUNTY';
}

/**
 * Who may approve or reject: the level that LEADs the matter on the city's responsibility
 * list in force now (cross-county → EXCHANGE.CROSS_COUNTY, default the city; within one
 * county → EXCHANGE.WITHIN_COUNTY, default the county), acting over both schools. Another
 * level — even a higher one — is the wrong level: the list exists to stop overlapping
 * approvals (权责交叉). Returns the level and list that decided, to store on the row.
 */
export async function authoriseDecision(ctx: Context, row: ExchangeAssignment, leads: LeadLookup) {
  const crossCounty = row.sourceCountyCode !== row.targetCountyCode;
  const lead = await leads(row.sourceCountyCode, exchangeMatter(row.sourceCountyCode, row.targetCountyCode));
  const decided = { approvalLevel: lead.level, approvalListId: lead.listId };
  if (ctx.viewer.kind === 'system') return decided;
  if (levelOf(ctx.viewer) !== lead.level) {
    const basis =
      lead.source === 'PUBLISHED_LIST' ? `responsibility list ${lead.listId}` : 'the default responsibility rule';
    fail(
      'FORBIDDEN',
      `${crossCounty ? 'A cross-county' : 'A within-county'} exchange is decided at ${lead.level} level (${basis}); you act as ${ctx.viewer.role}.`,
      ['input', 'id'],
    );
  }
  const denied =
    writeDenial(ctx.viewer, 'exchangeAssignment', sourcePlace(row), ['input', 'id']) ??
    writeDenial(ctx.viewer, 'exchangeAssignment', targetPlace(row), ['input', 'id']);
  if (denied) throw new UserErrors([denied]);
  return decided;
}
