/** The rows of the organisation demo data, shaped as the organisation services take them. */
import type { SchoolStage } from './codes.js';

export interface RegionInput {
  code: string;
  name: string;
}

export type Stage = SchoolStage;

export type Locality = 'URBAN' | 'TOWN' | 'RURAL';

export interface SchoolInput {
  code: string;
  name: string;
  stage: Stage;
  locality: Locality;
  countyCode: string;
  /** The county a 市直 school stands in (see cityRunSchools.ts). */
  siteCountyCode?: string | null;
  enrolment: number;
  /** 教职工: all staff, the full-time teachers of the register plus non-teaching staff. */
  staffCount: number;
  isCountyHighSchool: boolean;
  status: 'ACTIVE';
}

export type Title = 'UNRANKED' | 'THIRD_GRADE' | 'SECOND_GRADE' | 'FIRST_GRADE' | 'SENIOR' | 'PROFESSOR';
export type BackboneLevel = 'NONE' | 'COUNTY' | 'CITY' | 'PROVINCIAL';
export type Qualification = 'SECONDARY' | 'ASSOCIATE' | 'BACHELOR' | 'MASTER' | 'DOCTORATE';

export interface TeacherInput {
  staffNo: string;
  name: string;
  gender: 'FEMALE' | 'MALE';
  schoolCode: string;
  subjects: string[];
  title: Title;
  backboneLevel: BackboneLevel;
  yearsAtSchool: number;
  qualification: Qualification;
  idNumber: string;
  phone: string;
}

export interface ConsortiumInput {
  code: string;
  name: string;
  kind: 'COMMUNITY' | 'BRANCH_CAMPUS' | 'URBAN_RURAL_PAIR' | 'ALLIANCE';
  regionCode: string;
  leadSchoolCode: string;
  memberSchoolCodes: string[];
}

export interface DemoData {
  regions: RegionInput[];
  schools: SchoolInput[];
  teachers: TeacherInput[];
  consortia: ConsortiumInput[];
}
