import type { Database } from '../../server/db.js';
import type { GovernanceLevel } from '../../schema/domains/access/jurisdiction.js';
import { listGlobalId } from '../../schema/domains/responsibility/ids.js';
import { addResponsibilityItem } from '../../schema/domains/responsibility/services/addResponsibilityItem.js';
import { createResponsibilityList } from '../../schema/domains/responsibility/services/createResponsibilityList.js';
import { publishResponsibilityList } from '../../schema/domains/responsibility/services/publishResponsibilityList.js';
import { serviceContext } from '../harness.js';

/**
 * Publishes a responsibility list for a city whose items lead as given — the way tests of
 * other domains make `whoLeads` answer from a published list (the city region must exist).
 * Each item gets the other level(s) as IMPLEMENT and the city as SUPERVISE. Returns the list id.
 */
export async function publishLeadList(
  database: Database,
  cityCode: string,
  leads: Record<string, GovernanceLevel>,
  year = 2030,
): Promise<number> {
  const ctx = serviceContext(database);
  const list = await createResponsibilityList(ctx, { regionCode: cityCode, year, title: `测试权责清单 ${cityCode}` });
  const listId = listGlobalId(list.id);
  for (const [key, level] of Object.entries(leads)) {
    const other: GovernanceLevel = level === 'CITY' ? 'COUNTY' : 'CITY';
    await addResponsibilityItem(ctx, {
      listId,
      key,
      domain: 'STAFFING',
      title: `测试事项 ${key}`,
      assignments: [
        { level, role: 'LEAD' },
        { level: other, role: 'IMPLEMENT' },
        { level: 'CITY', role: 'SUPERVISE' },
      ],
    });
  }
  await publishResponsibilityList(ctx, { listId });
  return list.id;
}
