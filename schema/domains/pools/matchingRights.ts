import type { DbOrTx } from '../../context.js';
import { UserError } from '../../errors.js';
import { actsAt, levelOf, regionCovers, roleDenial } from '../access/jurisdiction.js';
import type { Viewer } from '../access/viewer.js';
import { whoLeads, type LeadAnswer } from '../responsibility/leads.js';

/**
 * Who may match requests to a pool follows the city's responsibility list
 * (RESOURCES.POOL_MATCHING, 市级统筹匹配 by default): with the city leading, a city admin of the
 * pool's city; with the county leading, the requesting county's admin. Returns the lead answer
 * (kept in the audit trail) or the FORBIDDEN error.
 */
export async function matchingRight(
  db: DbOrTx,
  viewer: Viewer,
  place: { cityCode: string; countyCode: string | null },
  path: (string | number)[],
): Promise<{ lead: LeadAnswer; denied: UserError | null }> {
  const lead = await whoLeads(db, place.countyCode ?? place.cityCode, 'RESOURCES.POOL_MATCHING');
  if (viewer.kind === 'system') return { lead, denied: null };
  const role = roleDenial(viewer, 'resourceAllocation');
  if (role) return { lead, denied: role.under(path) };
  const basis =
    lead.source === 'PUBLISHED_LIST'
      ? `the published responsibility list #${lead.listId}`
      : 'the default responsibility rule';
  if (lead.level === 'CITY') {
    const ok = actsAt(viewer, 'CITY', { regionCode: place.cityCode });
    return {
      lead,
      denied: ok
        ? null
        : new UserError('FORBIDDEN', `Pool matching is led by the city ${place.cityCode} (${basis}).`, path),
    };
  }
  if (lead.level === 'COUNTY') {
    // Without a request (matching a whole pool), any county of the pool's city; it matches its own requests only.
    const ok =
      place.countyCode != null
        ? actsAt(viewer, 'COUNTY', { regionCode: place.countyCode })
        : levelOf(viewer) === 'COUNTY' && !!viewer.regionCode && regionCovers(place.cityCode, viewer.regionCode);
    return {
      lead,
      denied: ok ? null : new UserError('FORBIDDEN', `Pool matching is led by the requesting county (${basis}).`, path),
    };
  }
  return {
    lead,
    denied: new UserError(
      'FORBIDDEN',
      `Pool matching is assigned to ${lead.level} level (${basis}); no admin may match.`,
      path,
    ),
  };
}
