import { regionChain } from '../settings/resolve.js';
import { SETTINGS, type SettingKey, type SettingValue } from '../settings/registry.js';
import { regionSettings } from '../settings/table.js';
import type { DbOrTx } from '../../context.js';
import { inArray } from 'drizzle-orm';
import type { ExchangeAssignment } from './table.js';

/** The record as written to the audit trail: ids and codes, never the teacher's personal data. */
export function auditSnapshot(a: ExchangeAssignment) {
  return {
    id: a.id,
    teacherId: a.teacherId,
    kind: a.kind,
    status: a.status,
    sourceSchoolId: a.sourceSchoolId,
    targetSchoolId: a.targetSchoolId,
    sourceCountyCode: a.sourceCountyCode,
    targetCountyCode: a.targetCountyCode,
    startDate: a.startDate,
    endDate: a.endDate,
    endedOn: a.endedOn,
    weeklyHours: a.weeklyHours,
    subject: a.subject,
    approvalLevel: a.approvalLevel,
    decisionNote: a.decisionNote,
    cancelReason: a.cancelReason,
    allocationId: a.allocationId,
  };
}

/**
 * Effective values of some settings for many regions in one query (each region inherits
 * county → city → province → default, as settings/resolve.ts does for one region).
 */
export async function settingsFor<K extends SettingKey>(
  db: DbOrTx,
  regionCodes: readonly string[],
  keys: readonly K[],
): Promise<Map<string, { [P in K]: SettingValue<P> }>> {
  const chains = new Map(regionCodes.map((c) => [c, regionChain(c)]));
  const all = [...new Set([...chains.values()].flat())];
  const rows = all.length
    ? await db.select().from(regionSettings).where(inArray(regionSettings.regionCode, all))
    : [];
  const out = new Map<string, { [P in K]: SettingValue<P> }>();
  for (const [code, chain] of chains) {
    const values = {} as { [P in K]: SettingValue<P> };
    for (const key of keys) {
      const hit = chain.map((c) => rows.find((r) => r.regionCode === c && r.key === key)).find(Boolean);
      values[key] = (hit ? hit.value : SETTINGS[key].default) as SettingValue<K>;
    }
    out.set(code, values);
  }
  return out;
}
