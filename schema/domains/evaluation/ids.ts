import { decodeGlobalID } from '@pothos/plugin-relay';
import { fail } from '../../errors.js';

/** A node's row id from its global id (or a bare row id), with a typed error when malformed. */
export function rowIdOf(globalId: string | number, typename: string, path: (string | number)[]): number {
  if (typeof globalId === 'number' || /^\d+$/.test(globalId)) return Number(globalId);
  let decoded: { typename: string; id: string } | null = null;
  try {
    decoded = decodeGlobalID(globalId);
  } catch {
    decoded = null;
  }
  const id = decoded ? Number(decoded.id) : NaN;
  if (!decoded || decoded.typename !== typename || !Number.isSafeInteger(id) || id < 1) fail('VALIDATION', `Not a ${typename} id.`, path);
  return id;
}
