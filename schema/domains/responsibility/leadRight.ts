import type { DbOrTx } from '../../context.js';
import { UserError } from '../../errors.js';
import { actsAt, type Place } from '../access/jurisdiction.js';
import type { Viewer } from '../access/viewer.js';
import { whoLeads, type LeadAnswer, type MatterKey } from './leads.js';

/**
 * Whether the viewer may decide a matter over some places: the level leading the matter on
 * the city's responsibility list (whoLeads) must be the viewer's, and every place must lie
 * inside the viewer's jurisdiction (a cross-county decision led by a county is therefore
 * nobody's but the city's system). Returns the lead answer (kept in the audit trail) or the
 * FORBIDDEN error at `path`.
 */
export async function leadRight(
  db: DbOrTx,
  viewer: Viewer,
  matter: MatterKey,
  places: Place[],
  path: (string | number)[],
): Promise<{ lead: LeadAnswer; denied: UserError | null }> {
  const lead = await whoLeads(db, places[0].regionCode, matter);
  if (viewer.kind === 'system') return { lead, denied: null };
  const basis =
    lead.source === 'PUBLISHED_LIST'
      ? `the published responsibility list #${lead.listId}`
      : 'the default responsibility rule';
  const ok = places.every((p) => actsAt(viewer, lead.level, p));
  return {
    lead,
    denied: ok
      ? null
      : new UserError(
          'FORBIDDEN',
          `${matter} is led by the ${lead.level} level (${basis}); the ${lead.level.toLowerCase()} admin over ${places.map((p) => p.regionCode).join(', ')} decides.`,
          path,
        ),
  };
}
