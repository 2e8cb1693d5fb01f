import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../context.js';
import { parentCodeOf } from '../organisation/codes.js';
import { SETTINGS, type SettingKey, type SettingValue } from './registry.js';
import { regionSettings } from './table.js';

/** The region and its ancestors, nearest first: 430721 → 430700 → 430000. */
export function regionChain(code: string): string[] {
  const chain: string[] = [];
  for (let c: string | null = code; c; c = parentCodeOf(c)) chain.push(c);
  return chain;
}

/** The effective value of a setting for a region: its own, else the nearest ancestor's, else the default. */
export async function resolveSetting<K extends SettingKey>(
  db: DbOrTx,
  key: K,
  regionCode: string,
): Promise<SettingValue<K>> {
  const chain = regionChain(regionCode);
  const rows = await db
    .select({ regionCode: regionSettings.regionCode, value: regionSettings.value })
    .from(regionSettings)
    .where(and(eq(regionSettings.key, key), inArray(regionSettings.regionCode, chain)));
  for (const code of chain) {
    const hit = rows.find((r) => r.regionCode === code);
    if (hit) return hit.value as SettingValue<K>;
  }
  return SETTINGS[key].default as SettingValue<K>;
}

export interface EffectiveSetting {
  regionCode: string;
  key: string;
  value: unknown;
  /** Set on this region itself, rather than inherited or defaulted. */
  own: boolean;
}

/** All settings of a region with their effective values, in one query. */
export async function effectiveSettings(db: DbOrTx, regionCode: string): Promise<EffectiveSetting[]> {
  return (await effectiveSettingsOf(db, [regionCode]))[0];
}

/**
 * All settings of several regions (in the order given), in one query for all of them: the
 * batch behind `Region.settings`, so a page of regions costs one statement, not one each.
 */
export async function effectiveSettingsOf(db: DbOrTx, regionCodes: readonly string[]): Promise<EffectiveSetting[][]> {
  const chains = regionCodes.map(regionChain);
  const rows = await db
    .select()
    .from(regionSettings)
    .where(inArray(regionSettings.regionCode, [...new Set(chains.flat())]));
  return regionCodes.map((regionCode, i) =>
    (Object.keys(SETTINGS) as SettingKey[]).map((key) => {
      const hit = chains[i].map((c) => rows.find((r) => r.regionCode === c && r.key === key)).find(Boolean);
      return { regionCode, key, value: hit ? hit.value : SETTINGS[key].default, own: hit?.regionCode === regionCode };
    }),
  );
}

/**
 * Several settings for several regions in one query (e.g. every county of a city): the
 * effective value of each key for each region, by the same rule as resolveSetting.
 */
export async function resolveSettingsFor<K extends SettingKey>(
  db: DbOrTx,
  keys: readonly K[],
  regionCodes: readonly string[],
): Promise<Map<string, { [P in K]: SettingValue<P> }>> {
  const chains = new Map(regionCodes.map((c) => [c, regionChain(c)]));
  const all = [...new Set([...chains.values()].flat())];
  const rows = all.length
    ? await db
        .select({ regionCode: regionSettings.regionCode, key: regionSettings.key, value: regionSettings.value })
        .from(regionSettings)
        .where(and(inArray(regionSettings.key, [...keys]), inArray(regionSettings.regionCode, all)))
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
