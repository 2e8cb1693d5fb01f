import { describe, it, expect } from 'vitest';
import { generateDemoData } from '../../schema/domains/organisation/demo.js';
import { DEMO_CITY, DEMO_COUNTIES } from '../../schema/domains/organisation/demoGeography.js';
import type { Stage } from '../../schema/domains/organisation/demoRecords.js';
import { idNumberCheckChar, isValidIdNumber } from '../../schema/domains/organisation/idNumber.js';

const data = generateDemoData();
const schoolByCode = new Map(data.schools.map((s) => [s.code, s]));
const countyCodes = new Set(DEMO_COUNTIES.map((c) => c.code));

const EXPECTED_PREFIX: Record<Stage, string> = {
  KINDERGARTEN: '11',
  PRIMARY: '21',
  JUNIOR: '31',
  NINE_YEAR: '31',
  SENIOR: '34',
  TWELVE_YEAR: '34',
  VOCATIONAL: '36',
  SPECIAL: '51',
};

function expectUnique(values: readonly string[]): void {
  expect(new Set(values).size).toBe(values.length);
}

describe('idNumberCheckChar / isValidIdNumber', () => {
  it('accepts the GB 11643 example and computes its check char', () => {
    expect(idNumberCheckChar('11010519491231002')).toBe('X');
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('11010519491231002x')).toBe(true);
  });

  it('rejects a wrong check character', () => {
    expect(isValidIdNumber('110105194912310021')).toBe(false);
  });

  it('rejects impossible dates even with a matching check character', () => {
    const feb30 = '43072519900230001';
    expect(isValidIdNumber(feb30 + idNumberCheckChar(feb30))).toBe(false);
    const month13 = '43072519901301001';
    expect(isValidIdNumber(month13 + idNumberCheckChar(month13))).toBe(false);
    const feb29NonLeap = '43072519000229001';
    expect(isValidIdNumber(feb29NonLeap + idNumberCheckChar(feb29NonLeap))).toBe(false);
    const feb29Leap = '43072520000229001';
    expect(isValidIdNumber(feb29Leap + idNumberCheckChar(feb29Leap))).toBe(true);
  });

  it('rejects malformed input', () => {
    expect(isValidIdNumber('')).toBe(false);
    expect(isValidIdNumber('11010519491231002')).toBe(false);
    expect(isValidIdNumber('11010519491231002XX')).toBe(false);
    expect(isValidIdNumber('1101051949123100AX')).toBe(false);
    expect(() => idNumberCheckChar('123')).toThrow();
  });
});

describe('generateDemoData determinism', () => {
  it('returns identical output for the same seed', () => {
    const again = generateDemoData();
    expect(again).toEqual(data);
    expect(JSON.stringify(again)).toBe(JSON.stringify(data));
    expect(JSON.stringify(generateDemoData(42))).toBe(JSON.stringify(generateDemoData(42)));
  });

  it('returns different output for a different seed', () => {
    expect(JSON.stringify(generateDemoData(42))).not.toBe(JSON.stringify(data));
  });
});

describe('regions', () => {
  it('lists province, city and nine counties, parents first', () => {
    expect(DEMO_CITY).toBe('430700');
    expect(DEMO_COUNTIES).toHaveLength(9);
    expect(data.regions.slice(0, 2)).toEqual([
      { code: '430000', name: '湖南省' },
      { code: '430700', name: '常德市' },
    ]);
    expect(
      data.regions
        .slice(2)
        .map((r) => r.code)
        .sort(),
    ).toEqual(['430702', '430703', '430721', '430722', '430723', '430724', '430725', '430726', '430781']);
    expect(data.regions.find((r) => r.code === '430725')?.name).toBe('桃源县');
    expectUnique(data.regions.map((r) => r.code));
  });
});

describe('schools', () => {
  it('has about 700 schools, hundreds of them village schools and dozens of 教学点 under 50 pupils', () => {
    expect(data.schools.length).toBeGreaterThanOrEqual(650);
    expect(data.schools.length).toBeLessThanOrEqual(720);
    const village = data.schools.filter((s) => s.locality === 'RURAL' && s.stage === 'PRIMARY');
    expect(village.length).toBeGreaterThanOrEqual(300);
    const points = data.schools.filter((s) => s.name.endsWith('教学点'));
    expect(points.length).toBeGreaterThanOrEqual(30);
    for (const p of points) expect(p.enrolment).toBeLessThan(50);
    // A Hunan city's primary schools: most are small; the median is a few hundred pupils.
    const primary = data.schools
      .filter((s) => s.stage === 'PRIMARY')
      .map((s) => s.enrolment)
      .sort((a, b) => a - b);
    const median = primary[Math.floor(primary.length / 2)]!;
    expect(median).toBeGreaterThanOrEqual(120);
    expect(median).toBeLessThanOrEqual(400);
  });

  it('uses 10-digit codes with stage prefix and province digits', () => {
    for (const s of data.schools) {
      expect(s.code).toMatch(/^\d{10}$/);
      expect(s.code.slice(0, 2)).toBe(EXPECTED_PREFIX[s.stage]);
      expect(s.code.slice(2, 4)).toBe('43');
    }
  });

  it('has unique codes and names', () => {
    expectUnique(data.schools.map((s) => s.code));
    expectUnique(data.schools.map((s) => s.name));
  });

  it('places every school in a demo county with plausible numbers', () => {
    for (const s of data.schools) {
      // 市直 schools are run by the city and stand in a county.
      expect(countyCodes.has(s.siteCountyCode ?? s.countyCode)).toBe(true);
      expect(s.status).toBe('ACTIVE');
      expect(s.enrolment).toBeGreaterThan(0);
      expect(s.staffCount).toBeGreaterThanOrEqual(2); // a 教学点: two teachers, no other staff
      expect(s.staffCount).toBeLessThan(s.enrolment);
    }
  });

  it('gives each county exactly one county high school, a vocational school and schools in every county', () => {
    for (const { code } of DEMO_COUNTIES) {
      const county = data.schools.filter((s) => (s.siteCountyCode ?? s.countyCode) === code);
      expect(county.length).toBeGreaterThan(10);
      const high = county.filter((s) => s.isCountyHighSchool);
      // 武陵区's senior schools are run by the city (市直): it has no 县中 of its own.
      if (code === '430702') {
        expect(high).toHaveLength(0);
        continue;
      }
      expect(high).toHaveLength(1);
      expect(high[0].stage).toBe('SENIOR');
      expect(county.filter((s) => s.stage === 'VOCATIONAL')).toHaveLength(1);
      const seniors = county.filter((s) => s.stage === 'SENIOR').length;
      expect(seniors).toBeGreaterThanOrEqual(1);
      expect(seniors).toBeLessThanOrEqual(3);
      expect(county.some((s) => s.stage === 'NINE_YEAR')).toBe(true);
    }
  });

  it('names the expected flagship schools', () => {
    const names = new Set(data.schools.map((s) => s.name));
    for (const n of [
      '常德市第一中学',
      '常德市第七中学',
      '桃源县第一中学',
      '澧县第一中学',
      '石门县第一中学',
      '津市市第一中学',
    ]) {
      expect(names.has(n)).toBe(true);
    }
    // 市直 schools: run by the city (430700), standing in 武陵区, nobody's 县中.
    for (const n of ['常德市第一中学', '常德市第二中学', '常德市第七中学']) {
      expect(data.schools.find((s) => s.name === n)).toMatchObject({
        countyCode: '430700',
        siteCountyCode: '430702',
        isCountyHighSchool: false,
      });
    }
  });

  it('keeps 武陵区 mostly urban and includes small rural teaching points', () => {
    const wuling = data.schools.filter((s) => s.countyCode === '430702');
    expect(wuling.filter((s) => s.locality === 'URBAN').length / wuling.length).toBeGreaterThan(0.5);
    expect(data.schools.some((s) => s.locality === 'RURAL' && s.enrolment < 50)).toBe(true);
  });
});

describe('teachers', () => {
  it(
    'registers every full-time teacher: the register covers each school’s staff count but its ' + 'non-teaching staff',
    () => {
      const perSchool = new Map<string, number>();
      for (const t of data.teachers) perSchool.set(t.schoolCode, (perSchool.get(t.schoolCode) ?? 0) + 1);
      for (const s of data.schools) {
        const register = perSchool.get(s.code) ?? 0;
        expect(register).toBeGreaterThanOrEqual(2);
        // 教职工 = 专任教师 (the register) + non-teaching staff, at most a third of the teachers.
        expect(register).toBeLessThanOrEqual(s.staffCount);
        expect(s.staffCount - register).toBeLessThanOrEqual(Math.ceil(register * 0.3));
      }
      // Pupils per full-time teacher across the city: between 12 and 20, as in Hunan.
      const pupils = data.schools.reduce((a, s) => a + s.enrolment, 0);
      expect(pupils / data.teachers.length).toBeGreaterThan(12);
      expect(pupils / data.teachers.length).toBeLessThan(20);
    },
  );

  it('references existing schools only', () => {
    for (const t of data.teachers) expect(schoolByCode.has(t.schoolCode)).toBe(true);
  });

  it('has unique, well-formed staffNos, phones and ID numbers', () => {
    expectUnique(data.teachers.map((t) => t.staffNo));
    expectUnique(data.teachers.map((t) => t.phone));
    expectUnique(data.teachers.map((t) => t.idNumber));
    for (const t of data.teachers) {
      expect(t.staffNo).toMatch(/^[A-Za-z0-9]+$/);
      expect(t.phone).toMatch(/^1[35789]\d{9}$/);
      expect(t.name).toMatch(/^[\u4e00-\u9fff]{2,3}$/);
    }
  });

  it('has valid ID numbers matching gender, county and a working age', () => {
    for (const t of data.teachers) {
      expect(isValidIdNumber(t.idNumber)).toBe(true);
      const genderDigit = Number(t.idNumber[16]);
      expect(genderDigit % 2 === 1 ? 'MALE' : 'FEMALE').toBe(t.gender);
      const school = schoolByCode.get(t.schoolCode);
      expect(t.idNumber.slice(0, 6)).toBe(school?.siteCountyCode ?? school?.countyCode);
      const age = 2026 - Number(t.idNumber.slice(6, 10));
      expect(age).toBeGreaterThanOrEqual(22);
      expect(age).toBeLessThanOrEqual(60);
      expect(t.yearsAtSchool).toBeGreaterThanOrEqual(0);
      expect(t.yearsAtSchool).toBeLessThanOrEqual(Math.min(30, age - 22));
    }
  });

  it('gives stage-appropriate subjects', () => {
    for (const t of data.teachers) {
      expect(t.subjects.length).toBeGreaterThanOrEqual(1);
      expect(t.subjects.length).toBeLessThanOrEqual(2);
      expectUnique(t.subjects);
      if (schoolByCode.get(t.schoolCode)?.stage === 'PRIMARY') {
        for (const banned of ['物理', '化学', '生物', '历史', '地理', '思想政治', '通用技术']) {
          expect(t.subjects).not.toContain(banned);
        }
      }
    }
  });

  it('has plausible distributions', () => {
    const n = data.teachers.length;
    const share = (pred: (t: (typeof data.teachers)[number]) => boolean) => data.teachers.filter(pred).length / n;

    const veterans = share((t) => t.yearsAtSchool >= 6);
    expect(veterans).toBeGreaterThanOrEqual(0.35);
    expect(veterans).toBeLessThanOrEqual(0.5);

    const primary = data.teachers.filter((t) => schoolByCode.get(t.schoolCode)?.stage === 'PRIMARY');
    const primaryFemale = primary.filter((t) => t.gender === 'FEMALE').length / primary.length;
    expect(primaryFemale).toBeGreaterThan(0.6);
    expect(primaryFemale).toBeLessThan(0.75);

    const midTitles = share((t) => t.title === 'SECOND_GRADE' || t.title === 'FIRST_GRADE');
    expect(midTitles).toBeGreaterThan(0.5);
    expect(share((t) => t.title === 'PROFESSOR')).toBeLessThan(0.01);

    const county = share((t) => t.backboneLevel === 'COUNTY');
    expect(county).toBeGreaterThan(0.05);
    expect(county).toBeLessThan(0.12);
    expect(share((t) => t.backboneLevel === 'PROVINCIAL')).toBeLessThan(0.02);
    expect(share((t) => t.backboneLevel === 'NONE')).toBeGreaterThan(0.8);

    expect(share((t) => t.qualification === 'BACHELOR')).toBeGreaterThan(0.6);
    expect(share((t) => t.qualification === 'DOCTORATE')).toBeLessThan(0.01);
  });
});

describe('consortia', () => {
  it('has 5–8 consortia with unique, well-formed codes', () => {
    expect(data.consortia.length).toBeGreaterThanOrEqual(5);
    expect(data.consortia.length).toBeLessThanOrEqual(8);
    expectUnique(data.consortia.map((c) => c.code));
    for (const c of data.consortia) expect(c.code).toMatch(/^C\d{9}$/);
  });

  it('references existing schools, with the lead not among unique members', () => {
    for (const c of data.consortia) {
      expect(schoolByCode.has(c.leadSchoolCode)).toBe(true);
      expect(c.memberSchoolCodes.length).toBeGreaterThan(0);
      for (const m of c.memberSchoolCodes) expect(schoolByCode.has(m)).toBe(true);
      expect(c.memberSchoolCodes).not.toContain(c.leadSchoolCode);
      expectUnique(c.memberSchoolCodes);
    }
  });

  it('keeps county-level consortia within their county', () => {
    for (const c of data.consortia) {
      expect(c.regionCode === DEMO_CITY || countyCodes.has(c.regionCode)).toBe(true);
      if (c.regionCode === DEMO_CITY) continue;
      for (const code of [c.leadSchoolCode, ...c.memberSchoolCodes]) {
        expect(schoolByCode.get(code)?.countyCode).toBe(c.regionCode);
      }
    }
  });

  it('covers every consortium kind, including the 常德市第一中学 alliance', () => {
    expect(new Set(data.consortia.map((c) => c.kind))).toEqual(
      new Set(['ALLIANCE', 'URBAN_RURAL_PAIR', 'COMMUNITY', 'BRANCH_CAMPUS']),
    );
    const alliance = data.consortia.find((c) => c.kind === 'ALLIANCE');
    expect(alliance?.regionCode).toBe(DEMO_CITY);
    expect(schoolByCode.get(alliance!.leadSchoolCode)?.name).toBe('常德市第一中学');
    const memberCounties = new Set(alliance!.memberSchoolCodes.map((m) => schoolByCode.get(m)?.countyCode));
    expect(memberCounties.size).toBeGreaterThan(1);
  });

  it('pairs urban 武陵区 schools with rural 鼎城区 schools', () => {
    const pair = data.consortia.find((c) => c.kind === 'URBAN_RURAL_PAIR')!;
    const lead = schoolByCode.get(pair.leadSchoolCode)!;
    expect(lead.countyCode).toBe('430702');
    expect(lead.locality).toBe('URBAN');
    const members = pair.memberSchoolCodes.map((m) => schoolByCode.get(m)!);
    expect(members.some((s) => s.countyCode === '430703' && s.locality === 'RURAL')).toBe(true);
  });

  it('gives each community 3–6 rural members', () => {
    for (const c of data.consortia.filter((x) => x.kind === 'COMMUNITY')) {
      expect(c.memberSchoolCodes.length).toBeGreaterThanOrEqual(3);
      expect(c.memberSchoolCodes.length).toBeLessThanOrEqual(6);
      for (const m of c.memberSchoolCodes) expect(schoolByCode.get(m)?.locality).toBe('RURAL');
    }
  });
});

describe('other seeds', () => {
  it('stay within the same invariants', () => {
    for (const seed of [1, 7, 123456, 0xdeadbeef]) {
      const d = generateDemoData(seed);
      expect(d.schools.length).toBeGreaterThanOrEqual(650);
      expect(d.schools.length).toBeLessThanOrEqual(720);
      const pupils = d.schools.reduce((a, s) => a + s.enrolment, 0);
      expect(pupils / d.teachers.length).toBeGreaterThan(12);
      expect(pupils / d.teachers.length).toBeLessThan(20);
      expect(d.consortia.length).toBeGreaterThanOrEqual(5);
      expect(d.consortia.length).toBeLessThanOrEqual(8);
      expectUnique(d.schools.map((s) => s.code));
      expectUnique(d.teachers.map((t) => t.idNumber));
      for (const { code } of DEMO_COUNTIES) {
        expect(d.schools.filter((s) => s.countyCode === code && s.isCountyHighSchool)).toHaveLength(
          code === '430702' ? 0 : 1,
        );
      }
    }
  });
});
