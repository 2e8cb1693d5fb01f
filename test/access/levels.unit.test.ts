import { describe, expect, it } from 'vitest';
import { actsAt, isUnitAt, levelOf, unitLevelOf } from '../../schema/domains/access/jurisdiction.js';
import { ROLE_SCOPES, systemViewer, type Role, type Viewer } from '../../schema/domains/access/viewer.js';
import { actsForUnit } from '../../schema/domains/responsibility/tasks.js';

/**
 * The level ↔ role rule of access/jurisdiction.ts, which exchanges (who approves), pools (who
 * matches) and rectification tasks (who reports, who reviews) all decide with.
 */
const CITY = '430700';
const COUNTY = '430721';
const OTHER_COUNTY = '430722';
const SCHOOL_ID = 7;

function person(role: Role, regionCode: string | null, schoolId: number | null = null): Viewer {
  return {
    kind: 'user',
    actor: `user:${role}`,
    role,
    regionCode,
    schoolCode: schoolId ? '3443000007' : null,
    schoolId,
    scopes: new Set(ROLE_SCOPES[role]),
  };
}
const city = person('CITY_ADMIN', CITY);
const county = person('COUNTY_ADMIN', COUNTY);
const school = person('SCHOOL_ADMIN', null, SCHOOL_ID);
const atSchool = { regionCode: COUNTY, schoolId: SCHOOL_ID };

describe('governance level of a viewer and of a unit', () => {
  it('each admin role acts at its level; other callers at none', () => {
    expect([levelOf(city), levelOf(county), levelOf(school)]).toEqual(['CITY', 'COUNTY', 'SCHOOL']);
    expect([person('EVALUATOR', CITY), person('PORTAL', CITY), systemViewer('test')].map(levelOf)).toEqual([
      null,
      null,
      null,
    ]);
    expect([unitLevelOf({ regionCode: CITY }), unitLevelOf({ regionCode: COUNTY }), unitLevelOf(atSchool)]).toEqual([
      'CITY',
      'COUNTY',
      'SCHOOL',
    ]);
  });

  it(
    'acting at a level needs that level’s role — a higher one is not enough — and the place in ' + 'the jurisdiction',
    () => {
      expect(actsAt(county, 'COUNTY', atSchool)).toBe(true);
      expect(actsAt(city, 'COUNTY', atSchool)).toBe(false);
      expect(actsAt(city, 'CITY', { regionCode: COUNTY })).toBe(true);
      expect(actsAt(city, 'CITY', { regionCode: '431100' })).toBe(false);
      expect(actsAt(county, 'COUNTY', { regionCode: OTHER_COUNTY })).toBe(false);
      expect(actsAt(school, 'SCHOOL', atSchool)).toBe(true);
      expect(actsAt(school, 'SCHOOL', { ...atSchool, schoolId: SCHOOL_ID + 1 })).toBe(false);
      expect(actsAt(systemViewer('test'), 'SCHOOL', atSchool)).toBe(true);
    },
  );

  it('the unit itself is that school or that region’s own bureau, not one above it', () => {
    expect(isUnitAt(school, atSchool)).toBe(true);
    expect(isUnitAt(county, atSchool)).toBe(false);
    expect(isUnitAt(county, { regionCode: COUNTY })).toBe(true);
    expect(isUnitAt(city, { regionCode: COUNTY })).toBe(false);
    expect(isUnitAt(city, { regionCode: CITY })).toBe(true);
    expect(isUnitAt(person('EVALUATOR', COUNTY), { regionCode: COUNTY })).toBe(false);
  });

  it('a school’s county bureau reports for it; the city does not', () => {
    expect([school, county, city, person('COUNTY_ADMIN', OTHER_COUNTY)].map((v) => actsForUnit(v, atSchool))).toEqual([
      true,
      true,
      false,
      false,
    ]);
    expect([county, city].map((v) => actsForUnit(v, { regionCode: COUNTY, schoolId: null }))).toEqual([true, false]);
    expect(actsForUnit(systemViewer('seed'), { regionCode: CITY, schoolId: null })).toBe(true);
  });
});
