import type { schools, teachers } from './table.js';

/** Schools and teachers as the audit trail records them (before/after of every change). */
export type School = typeof schools.$inferSelect;
export type SchoolRecord = Pick<
  School,
  | 'code'
  | 'name'
  | 'stage'
  | 'locality'
  | 'countyCode'
  | 'siteCountyCode'
  | 'enrolment'
  | 'staffCount'
  | 'isCountyHighSchool'
  | 'isWeak'
  | 'status'
>;

/** The full audited record of a school (before/after of every School change). */
export function schoolSnapshot(e: School): SchoolRecord {
  return {
    code: e.code,
    name: e.name,
    stage: e.stage,
    locality: e.locality,
    countyCode: e.countyCode,
    siteCountyCode: e.siteCountyCode ?? null,
    enrolment: e.enrolment,
    staffCount: e.staffCount,
    isCountyHighSchool: e.isCountyHighSchool,
    isWeak: e.isWeak,
    status: e.status,
  };
}

export type Teacher = typeof teachers.$inferSelect;
export type TeacherRecord = Pick<
  Teacher,
  | 'staffNo'
  | 'name'
  | 'gender'
  | 'schoolId'
  | 'countyCode'
  | 'subjects'
  | 'title'
  | 'backboneLevel'
  | 'yearsAtSchool'
  | 'qualification'
  | 'idNumber'
  | 'phone'
>;

/** A teacher as audit snapshots show it (the record's shape). */
export function teacherSnapshot(e: Teacher): TeacherRecord {
  return {
    staffNo: e.staffNo,
    name: e.name,
    gender: e.gender,
    schoolId: e.schoolId,
    countyCode: e.countyCode,
    subjects: e.subjects,
    title: e.title,
    backboneLevel: e.backboneLevel,
    yearsAtSchool: e.yearsAtSchool,
    qualification: e.qualification,
    idNumber: e.idNumber,
    phone: e.phone,
  };
}
