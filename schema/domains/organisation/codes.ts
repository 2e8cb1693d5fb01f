import { eq, like, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
/**
 * Natural keys of the organisation hierarchy and the rules they carry.
 *
 * Region codes follow GB/T 2260: digits 1–2 province, 3–4 prefecture, 5–6 county. A code
 * ending 0000 is a province, one ending 00 a city; the parent follows from the digits.
 * School identifiers (学校标识码) are AABBCCCCCC: school-type code, province code, sequence.
 */
export type RegionLevel = 'PROVINCE' | 'CITY' | 'COUNTY';

export const REGION_CODE = /^[1-9]\d{5}$/;
export const SCHOOL_CODE = /^\d{10}$/;

export function regionLevelOf(code: string): RegionLevel {
  if (code.endsWith('0000')) return 'PROVINCE';
  if (code.endsWith('00')) return 'CITY';
  return 'COUNTY';
}

/** SQL form of `regionLevelOf(code) === 'CITY'`, over a code column: a school run by the city (市直) has a city code there. */
export function cityRunSql(code: AnyPgColumn): SQL {
  return sql`(${code} like '%00' and ${code} not like '%0000')`;
}

export function parentCodeOf(code: string): string | null {
  switch (regionLevelOf(code)) {
    case 'PROVINCE':
      return null;
    case 'CITY':
      return `${code.slice(0, 2)}0000`;
    case 'COUNTY':
      return `${code.slice(0, 4)}00`;
  }
}

/**
 * The leading digits every region and school code under a region shares:
 * 430000 (province) → 43, 430700 (city) → 4307, 430721 (county) → 430721.
 */
export function regionPrefix(code: string): string {
  switch (regionLevelOf(code)) {
    case 'PROVINCE':
      return code.slice(0, 2);
    case 'CITY':
      return code.slice(0, 4);
    case 'COUNTY':
      return code;
  }
}

/**
 * A code column under a region, from the region's prefix (regionPrefix): equality for a county's
 * six digits, so the column's btree index serves it (a LIKE pattern cannot use it under the
 * database's C.UTF-8 or any non-C collation), a prefix pattern for a city or a province.
 */
export function codeUnder(column: AnyPgColumn, prefix: string): SQL {
  return prefix.length === 6 ? eq(column, prefix) : like(column, `${prefix}%`);
}

/** codeUnder as the value of a drizzle relational-query filter on the code column. */
export function codeUnderFilter(prefix: string): { eq: string } | { like: string } {
  return prefix.length === 6 ? { eq: prefix } : { like: `${prefix}%` };
}

/** A code column under the region `regionCode` (see codeUnder). */
export function underRegion(column: AnyPgColumn, regionCode: string): SQL {
  return codeUnder(column, regionPrefix(regionCode));
}

/** The city (地级市) a region belongs to: a county's parent, a city itself; a province stands for itself. */
export function cityOf(code: string): string {
  return regionLevelOf(code) === 'COUNTY' ? parentCodeOf(code)! : code;
}

export type SchoolStage =
  | 'KINDERGARTEN'
  | 'PRIMARY'
  | 'JUNIOR'
  | 'NINE_YEAR'
  | 'SENIOR'
  | 'TWELVE_YEAR'
  | 'VOCATIONAL'
  | 'SPECIAL';

/** The identifier's 2-digit type code for each stage (11 幼儿园, 21 小学, 31 初中/九年一贯制, 34 高中/完全中学/十二年一贯制, 36 中职, 51 特教). */
export const STAGE_TYPE_PREFIX: Record<SchoolStage, string> = {
  KINDERGARTEN: '11',
  PRIMARY: '21',
  JUNIOR: '31',
  NINE_YEAR: '31',
  SENIOR: '34',
  TWELVE_YEAR: '34',
  VOCATIONAL: '36',
  SPECIAL: '51',
};

export function schoolCodeProblem(code: string, stage: SchoolStage, countyCode: string): string | null {
  if (!SCHOOL_CODE.test(code)) return 'must be 10 digits (学校标识码)';
  const prefix = STAGE_TYPE_PREFIX[stage];
  if (!code.startsWith(prefix)) {
    return `type code ${code.slice(0, 2)} does not match stage ${stage} (expected ${prefix})`;
  }
  if (code.slice(2, 4) !== countyCode.slice(0, 2)) {
    return `province digits ${code.slice(2, 4)} do not match county ${countyCode}`;
  }
  return null;
}
