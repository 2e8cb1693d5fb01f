import { decodeGlobalID, encodeGlobalID } from '@pothos/plugin-relay';
import { fail } from '../../errors.js';

/** Global ids of this domain's nodes, decoded into row ids with a typed error when malformed. */
export const LIST_TYPE = 'ResponsibilityList';
export const TASK_TYPE = 'RectificationTask';

export function rowIdOf(globalId: string, typename: string, path: (string | number)[]): number {
  let decoded: { typename: string; id: string } | null = null;
  try {
    decoded = decodeGlobalID(globalId);
  } catch {
    decoded = null;
  }
  const id = decoded ? Number(decoded.id) : NaN;
  if (!decoded || decoded.typename !== typename || !Number.isSafeInteger(id) || id < 1) {
    fail('VALIDATION', `Not a ${typename} id.`, path);
  }
  return id;
}

export const listGlobalId = (id: number) => encodeGlobalID(LIST_TYPE, id);
export const taskGlobalId = (id: number) => encodeGlobalID(TASK_TYPE, id);
