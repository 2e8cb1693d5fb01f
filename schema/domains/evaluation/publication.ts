import { createContextCache } from '@pothos/core';
import type { Context } from '../../context.js';
import type { SettingKey, SettingValue } from '../settings/registry.js';
import { resolveSetting } from '../settings/resolve.js';
import type { SchoolEvaluation } from './aggregateEvaluations.js';
import { readsAsOwner, suppressSmallParties } from './visibility.js';

/**
 * What published evaluation results show to callers outside the school's jurisdiction: party
 * scores of small groups withheld (evaluation.minPartySubmissions) and ranks only where the
 * region publishes them (evaluation.publishRank). Settings resolve for the school's county, so
 * a city's choice applies to all its counties unless one sets its own. Owners see everything.
 */
const settingCache = createContextCache((_ctx: Context) => new Map<string, Promise<unknown>>());

function settingFor<K extends SettingKey>(ctx: Context, key: K, regionCode: string): Promise<SettingValue<K>> {
  const cache = settingCache(ctx);
  const id = `${key}@${regionCode}`;
  if (!cache.has(id)) cache.set(id, resolveSetting(ctx.db, key, regionCode));
  return cache.get(id) as Promise<SettingValue<K>>;
}

export function publishedEvaluations(ctx: Context, results: SchoolEvaluation[]): Promise<SchoolEvaluation[]> {
  return Promise.all(
    results.map(async (r) =>
      readsAsOwner(ctx.viewer, r)
        ? r
        : suppressSmallParties(r, await settingFor(ctx, 'evaluation.minPartySubmissions', r.countyCode)),
    ),
  );
}

/** Whether the caller may see the school's rank (and rank interval) in a closed cycle. */
export async function rankShown(ctx: Context, r: { countyCode: string; schoolId: number }): Promise<boolean> {
  return readsAsOwner(ctx.viewer, r) || (await settingFor(ctx, 'evaluation.publishRank', r.countyCode));
}
