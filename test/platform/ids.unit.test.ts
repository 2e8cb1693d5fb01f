import { encodeGlobalID } from '@pothos/plugin-relay';
import { describe, expect, it } from 'vitest';
import { toUserErrors } from '../../schema/errors.js';
import { globalIdOf, rowIdOf, rowIdOrNull } from '../../schema/domains/shared/ids.js';

/** The one global-id decoder every domain's services use. */
function refusal(gid: Parameters<typeof rowIdOf>[0]) {
  try {
    rowIdOf(gid, 'ResourcePool', ['input', 'poolId']);
  } catch (err) {
    return toUserErrors(err)?.map((e) => [e.code, e.path.join('.'), e.message]);
  }
  throw new Error('expected a refusal');
}

describe('global ids', () => {
  it('encode as the relay plugin does, and decode from every form a caller may hold', () => {
    expect(globalIdOf('ResourcePool', 42)).toBe(encodeGlobalID('ResourcePool', 42));
    expect(rowIdOf(globalIdOf('ResourcePool', 42), 'ResourcePool', [])).toBe(42);
    expect(rowIdOf({ typename: 'ResourcePool', id: '42' }, 'ResourcePool', [])).toBe(42);
    expect(rowIdOf('42', 'ResourcePool', [])).toBe(42);
    expect(rowIdOf(42, 'ResourcePool', [])).toBe(42);
  });

  it('refuses malformed ids and ids of another type with VALIDATION at the argument', () => {
    expect(refusal(globalIdOf('PoolResource', 1))).toEqual([
      ['VALIDATION', 'input.poolId', 'Expected the id of a ResourcePool, got a PoolResource.'],
    ]);
    for (const bad of ['nonsense', '', 0, -1, 1.5, '99999999999999999999', globalIdOf('ResourcePool', 'x')]) {
      expect(refusal(bad)).toEqual([['VALIDATION', 'input.poolId', 'Not a ResourcePool id.']]);
    }
    expect([rowIdOrNull(globalIdOf('PoolResource', 1), 'ResourcePool'), rowIdOrNull('7', 'ResourcePool')]).toEqual([
      null,
      7,
    ]);
  });
});
