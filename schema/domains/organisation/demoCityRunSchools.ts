import type { SchoolInput } from './demoRecords.js';

/** 常德's schools run directly by the city (市直学校); they stand in 武陵区. */
export const CITY_RUN_SCHOOLS: ReadonlySet<string> = new Set([
  '常德市第一中学',
  '常德市第二中学',
  '常德市第七中学',
  '常德市特殊教育学校',
]);

/**
 * Hands the 市直 schools to the city: the city code becomes their running region (so 武陵's
 * county bureau does not write them), the county they stand in is kept as their site, and none
 * is a county's 县中.
 */
export function asCityRun(schools: SchoolInput[], cityCode: string): SchoolInput[] {
  return schools.map((s) =>
    CITY_RUN_SCHOOLS.has(s.name)
      ? { ...s, countyCode: cityCode, siteCountyCode: s.countyCode, isCountyHighSchool: false }
      : s,
  );
}
