import type { DbOrTx } from '../../context.js';
import type { SchoolStage } from '../organisation/codes.js';
import { resolveSetting } from '../settings/resolve.js';

/**
 * The staffing standard (教职工编制标准): pupils per staff post by stage, a setting per region
 * (national defaults 高中 1:12.5, 初中 1:13.5, 小学 1:19). Schools spanning stages take the
 * ratio of their highest stage, since the register holds one enrolment per school.
 * Kindergartens, vocational and special schools have other standards: none here.
 */
const RATIO_SETTING = {
  PRIMARY: 'staffing.pupilsPerStaffPrimary',
  JUNIOR: 'staffing.pupilsPerStaffJunior',
  NINE_YEAR: 'staffing.pupilsPerStaffJunior',
  SENIOR: 'staffing.pupilsPerStaffSenior',
  TWELVE_YEAR: 'staffing.pupilsPerStaffSenior',
} as const;

export type StandardRatios = Partial<Record<SchoolStage, number>>;

/** The ratios in force for a county (its own settings, else the city's, else the national ones). */
export async function standardRatios(db: DbOrTx, regionCode: string): Promise<StandardRatios> {
  const out: StandardRatios = {};
  const cache = new Map<string, number>();
  for (const [stage, key] of Object.entries(RATIO_SETTING) as [
    keyof typeof RATIO_SETTING,
    (typeof RATIO_SETTING)[keyof typeof RATIO_SETTING],
  ][]) {
    if (!cache.has(key)) cache.set(key, await resolveSetting(db, key, regionCode));
    out[stage] = cache.get(key)!;
  }
  return out;
}

/**
 * Standard posts for an enrolment: enrolment ÷ ratio, rounded up (a part post is a post).
 * Integer arithmetic on hundredths of the ratio, so 12.5 never meets binary fractions.
 */
export function standardPosts(enrolment: number, ratio: number | undefined): number | null {
  if (ratio == null) return null;
  const hundredths = Math.round(ratio * 100);
  return Math.ceil((enrolment * 100) / hundredths);
}

/** 空编 (approved posts not filled) and 超编 (staff beyond the approved posts). */
export function vacancyOf(approved: number, filled: number) {
  return { vacancies: Math.max(0, approved - filled), overstaffing: Math.max(0, filled - approved) };
}
