import { z } from 'zod';

/**
 * Amounts in 分 travel as digit strings (they exceed GraphQL's 32-bit Int) and are stored as
 * bigint; up to 15 digits stays within JavaScript's exact integers, so sums never round.
 */
export const zFen = z
  .string()
  .trim()
  .regex(/^\d{1,15}$/, 'must be a whole number of 分 written in digits (at most 15)')
  .transform(Number);

export const fenString = (n: number | bigint) => String(n);

/** ceil(amount × bp / 10000) in exact integer arithmetic: the county matching an allocation requires. */
export function matchingRequired(amountFen: number, ratioBp: number): number {
  const p = BigInt(amountFen) * BigInt(ratioBp);
  return Number((p + 9999n) / 10000n);
}

/**
 * Splits `total` 分 in proportion to weights (largest remainder: floors first, then one 分 each
 * to the largest remainders, ties to the earlier entry), so the parts always sum to the total.
 * Weights are taken to hundredths.
 */
export function splitByWeight(total: number, weights: { key: string; weight: number }[]): Map<string, number> {
  const w = weights.map((x) => ({ key: x.key, w: BigInt(Math.round(x.weight * 100)) }));
  const sum = w.reduce((n, x) => n + x.w, 0n);
  const out = new Map<string, number>();
  if (sum === 0n) {
    for (const x of w) out.set(x.key, 0);
    return out;
  }
  const T = BigInt(total);
  const parts = w.map((x, i) => ({ key: x.key, i, floor: (T * x.w) / sum, rem: (T * x.w) % sum }));
  let left = T - parts.reduce((n, p) => n + p.floor, 0n);
  const order = [...parts].sort((a, b) => (b.rem > a.rem ? 1 : b.rem < a.rem ? -1 : a.i - b.i));
  for (const p of order) {
    if (left === 0n) break;
    p.floor += 1n;
    left -= 1n;
  }
  for (const p of parts) out.set(p.key, Number(p.floor));
  return out;
}
