import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { regionCovers } from '../../schema/domains/access/jurisdiction.js';
import {
  cityOf,
  codeUnderFilter,
  parentCodeOf,
  regionLevelOf,
  regionPrefix,
} from '../../schema/domains/organisation/codes.js';
import { poolCityPattern } from '../../schema/domains/pools/filters.js';

/** GB/T 2260 codes of all three levels (43 0000, 43 07 00, 43 07 21), few enough that pairs often nest. */
const code = fc
  .tuple(fc.integer({ min: 43, max: 44 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 }))
  .map(([p, c, k]) => `${p}${String(c).padStart(2, '0')}${String(c === 0 ? 0 : k).padStart(2, '0')}`);

/** Ancestors by the parent rule alone, the code itself included. */
function chain(c: string): string[] {
  const out: string[] = [];
  for (let x: string | null = c; x; x = parentCodeOf(x)) out.push(x);
  return out;
}

describe('region code helpers agree with the parent rule', () => {
  it('names prefixes and cities of each level', () => {
    expect([regionPrefix('430000'), regionPrefix('430700'), regionPrefix('430721')]).toEqual(['43', '4307', '430721']);
    expect([cityOf('430000'), cityOf('430700'), cityOf('430721')]).toEqual(['430000', '430700', '430700']);
    expect([
      poolCityPattern('430000'),
      poolCityPattern('430700'),
      poolCityPattern('430721'),
      poolCityPattern(null),
    ]).toEqual(['43%', '4307%', '4307%', null]);
  });

  it('a region covers exactly the codes whose parent chain reaches it', () => {
    fc.assert(
      fc.property(code, code, (root, other) => {
        expect(regionCovers(root, other)).toBe(chain(other).includes(root));
      }),
    );
  });

  it('a county’s city is its parent; a city or province is its own', () => {
    fc.assert(
      fc.property(code, (c) => {
        expect(cityOf(c)).toBe(regionLevelOf(c) === 'COUNTY' ? parentCodeOf(c) : c);
        expect(regionCovers(cityOf(c), c)).toBe(true);
      }),
    );
  });
});

describe('a region condition is an equality for a county, a prefix pattern above', () => {
  it('as a relational filter, for each level', () => {
    expect(codeUnderFilter(regionPrefix('430721'))).toEqual({ eq: '430721' });
    expect(codeUnderFilter(regionPrefix('430700'))).toEqual({ like: '4307%' });
    expect(codeUnderFilter(regionPrefix('430000'))).toEqual({ like: '43%' });
  });

  it('admits exactly the codes the prefix rule admits', () => {
    fc.assert(
      fc.property(code, code, (region, other) => {
        const filter = codeUnderFilter(regionPrefix(region));
        const admitted = 'eq' in filter ? other === filter.eq : other.startsWith(filter.like.slice(0, -1));
        expect(admitted).toBe(other.startsWith(regionPrefix(region)));
      }),
    );
  });
});
