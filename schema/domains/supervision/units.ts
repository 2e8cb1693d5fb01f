import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../context.js';
import { fail } from '../../errors.js';
import type { Place } from '../access/jurisdiction.js';
import { regions } from '../organisation/table.js';
import { schoolByCode } from '../responsibility/tasks.js';

/**
 * A unit given as exactly one of regionCode / schoolCode: its place (a school's county as
 * region), or a NOT_FOUND / VALIDATION at the field.
 */
export async function unitPlace(
  db: DbOrTx,
  input: { regionCode?: string | null; schoolCode?: string | null },
  root: (string | number)[],
): Promise<{ place: Place; path: (string | number)[]; schoolCode: string | null }> {
  if (!!input.regionCode === !!input.schoolCode) {
    fail('VALIDATION', 'Give exactly one unit: regionCode or schoolCode.', [
      ...root,
      input.regionCode ? 'schoolCode' : 'regionCode',
    ]);
  }
  if (input.schoolCode) {
    const path = [...root, 'schoolCode'];
    const school = await schoolByCode(db, input.schoolCode);
    if (!school) fail('NOT_FOUND', `School ${input.schoolCode} does not exist.`, path);
    return { place: { regionCode: school.countyCode, schoolId: school.id }, path, schoolCode: school.code };
  }
  const path = [...root, 'regionCode'];
  await regionOrFail(db, input.regionCode!, path);
  return { place: { regionCode: input.regionCode!, schoolId: null }, path, schoolCode: null };
}

export async function regionOrFail(db: DbOrTx, code: string, path: (string | number)[]) {
  const [region] = await db
    .select({ code: regions.code, level: regions.level, name: regions.name })
    .from(regions)
    .where(eq(regions.code, code));
  if (!region) fail('NOT_FOUND', `Region ${code} does not exist.`, path);
  return region;
}
