import { describe, expect, it } from 'vitest';
import { growthLevel } from '../../schema/domains/evaluation/growth.js';

// PVAAS growth-index levels, written out by hand from the PVAAS reporting table:
// Well above ≥ 2; Above ≥ 1 and < 2; Meets ≥ −1 and < 1; Below ≥ −2 and < −1; Well below < −2.
// Each boundary belongs to the higher level.
const CASES: Array<[number, string]> = [
  [3.5, 'WELL_ABOVE'],
  [2, 'WELL_ABOVE'],
  [1.999, 'ABOVE'],
  [1, 'ABOVE'],
  [0.999, 'MEETS'],
  [0, 'MEETS'],
  [-0.999, 'MEETS'],
  [-1, 'MEETS'],
  [-1.001, 'BELOW'],
  [-2, 'BELOW'],
  [-2.001, 'WELL_BELOW'],
  [-7, 'WELL_BELOW'],
];

describe('growth-index levels (PVAAS boundaries)', () => {
  it.each(CASES)('index %d is %s', (index, level) => {
    expect(growthLevel(index)).toBe(level);
  });
});
