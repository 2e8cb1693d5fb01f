/** The kinds of demo school: stage, locality, size and pupil–teacher ratio in one table. */
import { STAGE_TYPE_PREFIX } from './codes.js';
import type { Locality, SchoolInput, Stage } from './demoRecords.js';

export type SchoolKind =
  | 'CITY_FLAGSHIP'
  | 'COUNTY_HIGH'
  | 'SENIOR'
  | 'VOCATIONAL'
  | 'SPECIAL'
  | 'URBAN_PRIMARY'
  | 'URBAN_JUNIOR'
  | 'TOWN_CENTRAL_PRIMARY'
  | 'TOWN_PRIMARY'
  | 'TOWN_JUNIOR'
  | 'TOWN_NINE_YEAR'
  | 'RURAL_CENTRAL_PRIMARY'
  | 'RURAL_JUNIOR'
  | 'RURAL_NINE_YEAR'
  | 'VILLAGE_PRIMARY'
  | 'TEACHING_POINT';

interface KindSpec {
  stage: Stage;
  locality: Locality;
  enrolment: readonly [number, number];
  /** Pupils per full-time teacher (生师比); small rural schools need relatively more teachers. */
  ratio: number;
  /** Fewest full-time teachers a school of this kind has, however few pupils. */
  minTeachers: number;
  /** Non-teaching staff (职员、工勤) per full-time teacher. */
  support: number;
}

export const KIND_SPECS: Record<SchoolKind, KindSpec> = {
  CITY_FLAGSHIP: {
    stage: 'SENIOR',
    locality: 'URBAN',
    enrolment: [3500, 5500],
    ratio: 13,
    minTeachers: 20,
    support: 0.15,
  },
  COUNTY_HIGH: {
    stage: 'SENIOR',
    locality: 'URBAN',
    enrolment: [2500, 5000],
    ratio: 13.5,
    minTeachers: 20,
    support: 0.15,
  },
  SENIOR: { stage: 'SENIOR', locality: 'URBAN', enrolment: [1200, 2800], ratio: 13.5, minTeachers: 20, support: 0.14 },
  VOCATIONAL: {
    stage: 'VOCATIONAL',
    locality: 'URBAN',
    enrolment: [1000, 3500],
    ratio: 19,
    minTeachers: 20,
    support: 0.2,
  },
  SPECIAL: { stage: 'SPECIAL', locality: 'URBAN', enrolment: [60, 250], ratio: 4, minTeachers: 8, support: 0.3 },
  URBAN_PRIMARY: {
    stage: 'PRIMARY',
    locality: 'URBAN',
    enrolment: [1200, 3500],
    ratio: 19.5,
    minTeachers: 12,
    support: 0.08,
  },
  URBAN_JUNIOR: {
    stage: 'JUNIOR',
    locality: 'URBAN',
    enrolment: [1200, 3000],
    ratio: 13.5,
    minTeachers: 12,
    support: 0.1,
  },
  TOWN_CENTRAL_PRIMARY: {
    stage: 'PRIMARY',
    locality: 'TOWN',
    enrolment: [500, 1500],
    ratio: 18,
    minTeachers: 10,
    support: 0.08,
  },
  TOWN_PRIMARY: {
    stage: 'PRIMARY',
    locality: 'TOWN',
    enrolment: [300, 900],
    ratio: 17.5,
    minTeachers: 8,
    support: 0.06,
  },
  TOWN_JUNIOR: { stage: 'JUNIOR', locality: 'TOWN', enrolment: [400, 1200], ratio: 13, minTeachers: 10, support: 0.1 },
  TOWN_NINE_YEAR: {
    stage: 'NINE_YEAR',
    locality: 'TOWN',
    enrolment: [500, 1400],
    ratio: 14,
    minTeachers: 12,
    support: 0.1,
  },
  RURAL_CENTRAL_PRIMARY: {
    stage: 'PRIMARY',
    locality: 'RURAL',
    enrolment: [150, 500],
    ratio: 15,
    minTeachers: 6,
    support: 0.06,
  },
  RURAL_JUNIOR: { stage: 'JUNIOR', locality: 'RURAL', enrolment: [150, 500], ratio: 11, minTeachers: 8, support: 0.08 },
  RURAL_NINE_YEAR: {
    stage: 'NINE_YEAR',
    locality: 'RURAL',
    enrolment: [200, 800],
    ratio: 12,
    minTeachers: 10,
    support: 0.08,
  },
  // 村小: 60–300 pupils, six grades, at least one teacher per grade.
  VILLAGE_PRIMARY: {
    stage: 'PRIMARY',
    locality: 'RURAL',
    enrolment: [55, 300],
    ratio: 14,
    minTeachers: 6,
    support: 0.03,
  },
  // 教学点: a few dozen pupils in the lower grades, two or three teachers, no other staff.
  TEACHING_POINT: { stage: 'PRIMARY', locality: 'RURAL', enrolment: [6, 49], ratio: 12, minTeachers: 2, support: 0 },
};

/** National school-code type prefix by stage (first two digits of the 10-digit code). */
export const STAGE_CODE_PREFIX = STAGE_TYPE_PREFIX;

/** Internal school record: the public fields plus what later steps need to know. */
export interface SchoolDraft extends SchoolInput {
  kind: SchoolKind;
  /** Full-time teachers (专任教师): the size of the school's teacher register. */
  teacherCount: number;
  /** The 镇/乡 the school belongs to, if any (used to build 共同体 around a town). */
  town: string | null;
}
