/**
 * Growth-index levels (增长指数等级) as PVAAS reports them: the index is value added ÷ its
 * standard error, and each boundary belongs to the higher level —
 * WELL_ABOVE index ≥ 2; ABOVE 1 ≤ index < 2; MEETS −1 ≤ index < 1; BELOW −2 ≤ index < −1;
 * WELL_BELOW index < −2.
 */
export type GrowthLevel = 'WELL_ABOVE' | 'ABOVE' | 'MEETS' | 'BELOW' | 'WELL_BELOW';

export function growthLevel(index: number): GrowthLevel {
  if (index >= 2) return 'WELL_ABOVE';
  if (index >= 1) return 'ABOVE';
  if (index >= -1) return 'MEETS';
  if (index >= -2) return 'BELOW';
  return 'WELL_BELOW';
}
