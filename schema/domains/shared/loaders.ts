import { createContextCache } from '@pothos/core';
import DataLoader from 'dataloader';
import type { Context } from '../../context.js';

/**
 * The one way to batch a per-row lookup of a field (N+1 → 1): a DataLoader per request that
 * collects every key the current execution step asks for and loads them in one call.
 *
 * It batches but does not memoise (`cache: false`): GraphQL runs a document's mutations one
 * after another in one request, and a value read before a mutation must not be served after
 * it. Keys requested in the same step are still loaded once (duplicates are passed through).
 * `memoise: true` is for facts no mutation changes (e.g. which schools an allocation joins),
 * looked up per row by authorisation checks that may run in different ticks.
 * `test/platform/nPlusOne.test.ts` proves from the schema that no field loads per parent.
 */
export function batchedPerRequest<K, V, C = K>(
  load: (ctx: Context, keys: readonly K[]) => Promise<readonly V[]>,
  options: { cacheKeyFn?: (key: K) => C; memoise?: boolean } = {},
): (ctx: Context) => DataLoader<K, V, C> {
  const { memoise = false, ...rest } = options;
  return createContextCache(
    (ctx: Context) => new DataLoader<K, V, C>((keys) => load(ctx, keys), { ...rest, cache: memoise }),
  );
}

/** A grouped batch: `lookup` returns a map by key; missing keys get `empty`. */
export function groupedPerRequest<K, V>(
  lookup: (ctx: Context, keys: K[]) => Promise<Map<K, V>>,
  empty: () => V,
  options: { memoise?: boolean } = {},
) {
  return batchedPerRequest<K, V>(async (ctx, keys) => {
    const found = await lookup(ctx, [...new Set(keys)]);
    return keys.map((k) => found.get(k) ?? empty());
  }, options);
}
