/**
 * The demo teacher register: every full-time teacher (专任教师) of every school, with subjects,
 * titles, 骨干 levels and qualifications shaped by the school's stage and locality.
 */
import type { Rng, Weighted } from '../shared/demoRandom.js';
import { idNumber, personName, phoneNumber, type Uniques } from './demoPeople.js';
import type { SchoolDraft } from './demoSchoolKinds.js';
import type { BackboneLevel, Qualification, Stage, TeacherInput, Title } from './demoRecords.js';

/** Subject pools by school section; weights reflect how many posts each subject typically has. */
const PRIMARY_SUBJECTS: Weighted<string> = [
  ['语文', 30],
  ['数学', 25],
  ['英语', 10],
  ['科学', 6],
  ['道德与法治', 6],
  ['体育与健康', 7],
  ['音乐', 5],
  ['美术', 5],
  ['信息技术', 3],
  ['心理健康', 2],
];
const JUNIOR_SUBJECTS: Weighted<string> = [
  ['语文', 16],
  ['数学', 16],
  ['英语', 14],
  ['物理', 8],
  ['化学', 5],
  ['生物', 6],
  ['历史', 6],
  ['地理', 6],
  ['道德与法治', 7],
  ['体育与健康', 7],
  ['音乐', 3],
  ['美术', 3],
  ['信息技术', 3],
  ['心理健康', 1],
];
const SENIOR_SUBJECTS: Weighted<string> = [
  ['语文', 14],
  ['数学', 14],
  ['英语', 13],
  ['物理', 9],
  ['化学', 8],
  ['生物', 7],
  ['历史', 6],
  ['地理', 6],
  ['思想政治', 7],
  ['体育与健康', 6],
  ['音乐', 2],
  ['美术', 2],
  ['信息技术', 3],
  ['通用技术', 2],
  ['心理健康', 1],
];
const VOCATIONAL_SUBJECTS: Weighted<string> = [
  ['语文', 6],
  ['数学', 6],
  ['英语', 5],
  ['思想政治', 4],
  ['体育与健康', 3],
  ['机电技术应用', 8],
  ['计算机应用', 8],
  ['电子商务', 6],
  ['护理', 6],
  ['汽车运用与维修', 6],
  ['会计事务', 4],
  ['学前教育', 4],
  ['旅游服务与管理', 3],
  ['数控技术应用', 4],
];
const SPECIAL_SUBJECTS: Weighted<string> = [
  ['特殊教育', 10],
  ['康复训练', 6],
  ['生活适应', 4],
  ['语文', 4],
  ['数学', 4],
  ['唱游与律动', 2],
  ['绘画与手工', 2],
  ['运动与保健', 2],
];
const KINDERGARTEN_SUBJECTS: Weighted<string> = [
  ['学前教育', 10],
  ['音乐', 2],
  ['美术', 2],
  ['体育与健康', 1],
];

function femaleShare(stage: Stage): number {
  switch (stage) {
    case 'KINDERGARTEN':
      return 0.95;
    case 'PRIMARY':
      return 0.68;
    case 'SPECIAL':
      return 0.7;
    case 'VOCATIONAL':
      return 0.5;
    default:
      return 0.55;
  }
}

/** Age structure of a county teaching workforce: a bulge in the 30s–40s. */
function teacherAge(rng: Rng): number {
  const band = rng.weighted<readonly [number, number]>([
    [[22, 29], 24],
    [[30, 39], 30],
    [[40, 49], 29],
    [[50, 60], 17],
  ]);
  return rng.int(band[0], band[1]);
}

/** About half the staff joined in the last five years (rotation, new hires); the rest spread out. */
function yearsAtSchool(rng: Rng, age: number): number {
  const max = Math.min(30, age - 22);
  if (max <= 5 || rng.chance(0.52)) return rng.int(0, Math.min(5, max));
  return rng.int(6, max);
}

function subjectPool(rng: Rng, stage: Stage): Weighted<string> {
  switch (stage) {
    case 'KINDERGARTEN':
      return KINDERGARTEN_SUBJECTS;
    case 'PRIMARY':
      return PRIMARY_SUBJECTS;
    case 'JUNIOR':
      return JUNIOR_SUBJECTS;
    case 'NINE_YEAR':
      return rng.chance(0.6) ? PRIMARY_SUBJECTS : JUNIOR_SUBJECTS;
    case 'SENIOR':
      return SENIOR_SUBJECTS;
    case 'TWELVE_YEAR':
      return rng.pick([PRIMARY_SUBJECTS, JUNIOR_SUBJECTS, SENIOR_SUBJECTS]);
    case 'VOCATIONAL':
      return VOCATIONAL_SUBJECTS;
    case 'SPECIAL':
      return SPECIAL_SUBJECTS;
  }
}

/** One subject, sometimes two: small rural schools rely on teachers covering a second subject. */
function teacherSubjects(rng: Rng, school: SchoolDraft): string[] {
  const pool = subjectPool(rng, school.stage);
  const first = rng.weighted(pool);
  const pSecond = school.locality === 'RURAL' ? 0.4 : 0.2;
  if (!rng.chance(pSecond)) return [first];
  const second = rng.weighted(pool.filter(([s]) => s !== first));
  return [first, second];
}

function teacherTitle(rng: Rng, age: number, school: SchoolDraft): Title {
  if (age < 26)
    return rng.weighted<Title>([
      ['UNRANKED', 40],
      ['THIRD_GRADE', 40],
      ['SECOND_GRADE', 20],
    ]);
  if (age < 33)
    return rng.weighted<Title>([
      ['THIRD_GRADE', 15],
      ['SECOND_GRADE', 70],
      ['FIRST_GRADE', 15],
    ]);
  if (age < 46)
    return rng.weighted<Title>([
      ['SECOND_GRADE', 40],
      ['FIRST_GRADE', 50],
      ['SENIOR', 10],
    ]);
  // 正高级 is very rare and concentrated in flagship secondary schools.
  const professor = school.stage === 'SENIOR' ? 2 : 0.3;
  return rng.weighted<Title>([
    ['SECOND_GRADE', 20],
    ['FIRST_GRADE', 50],
    ['SENIOR', 27],
    ['PROFESSOR', professor],
  ]);
}

/** 骨干教师: rarer the higher the level; concentrated in 县中 and urban schools, none for new teachers. */
function backboneLevel(rng: Rng, age: number, school: SchoolDraft): BackboneLevel {
  if (age < 27) return 'NONE';
  const boost =
    school.kind === 'COUNTY_HIGH' || school.kind === 'CITY_FLAGSHIP'
      ? 2
      : school.locality === 'URBAN'
        ? 1.4
        : school.locality === 'RURAL'
          ? 0.6
          : 0.9;
  const r = rng.float();
  const provincial = age >= 35 ? 0.007 * boost : 0;
  const city = 0.03 * boost;
  const county = 0.08 * boost;
  if (r < provincial) return 'PROVINCIAL';
  if (r < provincial + city) return 'CITY';
  if (r < provincial + city + county) return 'COUNTY';
  return 'NONE';
}

function qualification(rng: Rng, age: number, school: SchoolDraft): Qualification {
  let q: Qualification;
  if (school.stage === 'SENIOR' || school.stage === 'TWELVE_YEAR') {
    q = rng.weighted<Qualification>([
      ['BACHELOR', 82],
      ['MASTER', age < 40 ? 18 : 8],
      ['DOCTORATE', 0.5],
    ]);
  } else if (school.stage === 'VOCATIONAL') {
    q = rng.weighted<Qualification>([
      ['BACHELOR', 80],
      ['ASSOCIATE', 10],
      ['MASTER', 10],
    ]);
  } else if (school.locality === 'RURAL' && (school.stage === 'PRIMARY' || school.stage === 'NINE_YEAR')) {
    // Older rural teachers often came through 中师 (secondary normal school).
    q = rng.weighted<Qualification>([
      ['BACHELOR', 58],
      ['ASSOCIATE', 35],
      ['SECONDARY', age >= 48 ? 12 : 0],
    ]);
  } else if (school.stage === 'PRIMARY' || school.stage === 'SPECIAL' || school.stage === 'KINDERGARTEN') {
    q = rng.weighted<Qualification>([
      ['BACHELOR', 78],
      ['ASSOCIATE', 15],
      ['MASTER', 7],
    ]);
  } else {
    q = rng.weighted<Qualification>([
      ['BACHELOR', 85],
      ['ASSOCIATE', 9],
      ['MASTER', 6],
    ]);
  }
  // A master's or doctorate takes time; very young teachers cannot have one yet.
  if ((q === 'MASTER' && age < 25) || (q === 'DOCTORATE' && age < 28)) q = 'BACHELOR';
  return q;
}

/** The register holds every full-time teacher of every school (staffCount adds the non-teaching staff). */
function teacherCounts(schools: readonly SchoolDraft[]): number[] {
  return schools.map((s) => s.teacherCount);
}

export function generateTeachers(rng: Rng, schools: readonly SchoolDraft[]): TeacherInput[] {
  const uniq: Uniques = { ids: new Set(), phones: new Set() };
  const counts = teacherCounts(schools);
  const teachers: TeacherInput[] = [];
  schools.forEach((school, i) => {
    for (let k = 1; k <= counts[i]; k++) {
      const gender = rng.chance(femaleShare(school.stage)) ? 'FEMALE' : 'MALE';
      const age = teacherAge(rng);
      teachers.push({
        // 'T' + school code without its type prefix + counter: unique because school codes are.
        staffNo: `T${school.code.slice(2)}${String(k).padStart(3, '0')}`,
        name: personName(rng, gender),
        gender,
        schoolCode: school.code,
        subjects: teacherSubjects(rng, school),
        title: teacherTitle(rng, age, school),
        backboneLevel: backboneLevel(rng, age, school),
        yearsAtSchool: yearsAtSchool(rng, age),
        qualification: qualification(rng, age, school),
        idNumber: idNumber(rng, school.countyCode, age, gender, uniq),
        phone: phoneNumber(rng, uniq),
      });
    }
  });
  return teachers;
}
