import { z } from 'zod';
import { fail } from '../../errors.js';

/**
 * Global ids (全局标识) are base64 of `Type:rowId`, as the relay plugin encodes them. Services
 * decode them here rather than through Pothos so that they stay plain functions: the seed, the
 * CLI and tests call them with a global id, its decoded form or a bare row id.
 */

/** A global id decoded by the relay plugin (`t.globalID` arguments). */
export interface GlobalId {
  typename: string;
  id: string;
}

export function globalIdOf(typename: string, id: number | string): string {
  return Buffer.from(`${typename}:${id}`).toString('base64');
}

/**
 * The row id behind an id argument; a malformed id, or the id of another type, is a VALIDATION
 * error at `path`.
 */
export function rowIdOf(gid: GlobalId | string | number, typename: string, path: (string | number)[]): number {
  const row = decodeRowId(gid, typename);
  if (typeof row === 'string') fail('VALIDATION', row, path);
  return row;
}

/**
 * An id field of a service's input (zod): the forms rowIdOf accepts, parsed to the row id, or
 * a VALIDATION issue at the field. Parsed with the rest of the input, after the role check.
 */
export function zRowId(typename: string) {
  return z.union([z.string(), z.number()]).transform((value, issue) => {
    const row = decodeRowId(value, typename);
    if (typeof row === 'string') {
      issue.addIssue({ code: 'custom', message: row });
      return z.NEVER;
    }
    return row;
  });
}

/** For filters: the row id, or null when the id is malformed or names another type. */
export function rowIdOrNull(gid: GlobalId | string | number, typename: string): number | null {
  const row = decodeRowId(gid, typename);
  return typeof row === 'string' ? null : row;
}

/** The row id, or the reason there is none. */
function decodeRowId(gid: GlobalId | string | number, typename: string): number | string {
  const raw = typeof gid === 'object' ? gid : decode(gid, typename);
  if (raw.typename !== typename) return `Expected the id of a ${typename}, got a ${raw.typename}.`;
  const n = Number(raw.id);
  if (!/^\d+$/.test(raw.id) || !Number.isSafeInteger(n) || n <= 0) return `Not a ${typename} id.`;
  return n;
}

function decode(value: string | number, typename: string): GlobalId {
  // Digits alone are a row id: the base64 of an ASCII `Type:id` never starts with a digit.
  if (typeof value === 'number' || /^\d+$/.test(value)) return { typename, id: String(value) };
  const m = /^([A-Za-z]+):(.*)$/.exec(Buffer.from(value, 'base64').toString());
  return m ? { typename: m[1], id: m[2] } : { typename, id: value };
}
