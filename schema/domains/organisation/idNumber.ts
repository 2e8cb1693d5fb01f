/** PRC resident identity number (GB 11643-1999): 6-digit area, 8-digit birth date, 3-digit sequence, check char. */

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const ID_CHECK_MAP = '10X98765432';

/** ISO 7064 MOD 11-2 check character for the first 17 digits of a resident ID. */
export function idNumberCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error('idNumberCheckChar expects exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i];
  return ID_CHECK_MAP[sum % 11];
}

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return [4, 6, 9, 11].includes(m) ? 30 : 31;
}

/**
 * Validates an 18-digit resident ID: shape, a real calendar birth date (year
 * 1900 or later) and the check character. A lowercase 'x' is accepted because
 * people commonly type it that way. The date is not compared with "today" so
 * the result never depends on the clock.
 */
export function isValidIdNumber(id: string): boolean {
  if (typeof id !== 'string' || !/^\d{17}[\dXx]$/.test(id)) return false;
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  if (year < 1900 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return false;
  return idNumberCheckChar(id.slice(0, 17)) === id[17].toUpperCase();
}

/** The sequence's last digit is odd for men and even for women. */
export function idNumberGender(id: string): 'MALE' | 'FEMALE' {
  return Number(id[16]) % 2 === 1 ? 'MALE' : 'FEMALE';
}
