import { fail } from '../../errors.js';

/** A global id decoded by the relay plugin ({ typename, id }). */
export interface GlobalId {
  typename: string;
  id: string;
}

/**
 * The row id behind an id argument: a decoded global id (GraphQL), an encoded one, or a plain
 * number (services called directly, e.g. by the seed). A global id of another type is refused.
 */
export function localId(gid: GlobalId | string | number, typename: string, path: (string | number)[]): number {
  const raw = typeof gid === 'object' ? gid : decode(gid, typename);
  if (raw.typename !== typename) fail('VALIDATION', `Expected the id of a ${typename}, got a ${raw.typename}.`, path);
  const n = Number(raw.id);
  if (!/^\d+$/.test(raw.id) || !Number.isSafeInteger(n) || n <= 0) fail('VALIDATION', `Not a ${typename} id.`, path);
  return n;
}

function decode(value: string | number, typename: string): GlobalId {
  if (typeof value === 'number' || /^\d+$/.test(value)) return { typename, id: String(value) };
  const m = /^([A-Za-z]+):(.*)$/.exec(Buffer.from(value, 'base64').toString());
  return m ? { typename: m[1], id: m[2] } : { typename, id: value };
}
