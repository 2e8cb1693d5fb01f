/**
 * Deterministic demo data for 常德市 (430700), 湖南省.
 *
 * `generateDemoData(seed)` is pure: the only source of variation is the
 * seeded PRNG of `shared/demoRandom.ts`, so the same seed always yields byte-identical
 * output (no Math.random, no clock). The data is fictional but shaped like a
 * real prefecture-level city: nine county-level divisions, ~700 schools named
 * after real-sounding towns — hundreds of village schools and dozens of 教学点
 * among them — a teacher register holding every school's full-time teachers
 * (专任教师) with valid resident ID numbers, and a handful of school consortia
 * (教育集团 / 共同体 / 结对 / 名校办分校).
 *
 * The parts stand in `demo/`: geography, school kinds, schools, people, teachers, consortia.
 */
import { Rng } from '../shared/demoRandom.js';
import { asCityRun } from './demoCityRunSchools.js';
import { generateConsortia } from './demoConsortia.js';
import { DEMO_CITY, DEMO_COUNTIES, DEMO_PROVINCE } from './demoGeography.js';
import type { SchoolDraft } from './demoSchoolKinds.js';
import { generateSchools } from './demoSchools.js';
import { generateTeachers } from './demoTeachers.js';
import type { DemoData, RegionInput, SchoolInput } from './demoRecords.js';

function generateRegions(): RegionInput[] {
  return [
    { code: DEMO_PROVINCE, name: '湖南省' },
    { code: DEMO_CITY, name: '常德市' },
    ...DEMO_COUNTIES.map((c) => ({ ...c })),
  ];
}

function toSchoolInput(d: SchoolDraft): SchoolInput {
  const { kind: _kind, town: _town, teacherCount: _teachers, ...school } = d;
  return school;
}

export function generateDemoData(seed = 20261123): DemoData {
  const rng = new Rng(seed);
  const drafts = generateSchools(rng);
  const teachers = generateTeachers(rng, drafts);
  const consortia = generateConsortia(rng, drafts);
  return {
    regions: generateRegions(),
    schools: asCityRun(drafts.map(toSchoolInput), DEMO_CITY),
    teachers,
    consortia,
  };
}
