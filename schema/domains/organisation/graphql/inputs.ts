import { builder } from '../../../builder.js';
import {
  BackboneLevelEnum,
  ConsortiumKindEnum,
  GenderEnum,
  LocalityEnum,
  ProfessionalTitleEnum,
  QualificationEnum,
  SchoolStageEnum,
  SchoolStatusEnum,
} from './enums.js';
import { bounded } from '../../shared/bounds.js';

export const OrderDirectionEnum = builder.enumType('OrderDirection', {
  description: 'Sort direction.',
  values: { ASC: { description: 'Ascending.' }, DESC: { description: 'Descending.' } },
});

export const SchoolFilterInput = builder.inputType('SchoolFilter', {
  description: 'Filter for schools (学校筛选). All given conditions must hold.',
  fields: (t) => ({
    regionCode: t.string({ description: 'A county, city or province code: schools under it.' }),
    stage: t.field({ type: [SchoolStageEnum], description: 'Any of these stages.' }),
    locality: t.field({ type: [LocalityEnum], description: 'Any of these localities.' }),
    status: t.field({ type: [SchoolStatusEnum], description: 'Any of these statuses.' }),
    isCountyHighSchool: t.boolean({ description: 'Only (or no) county flagship high schools (县中).' }),
    cityRun: t.boolean({
      description:
        'Only (true) or no (false) schools run directly by the city (市直学校, countyCode is the ' + 'city).',
    }),
    isWeak: t.boolean({ description: 'Only (or no) schools designated weak (薄弱学校).' }),
    nameContains: t.string({ description: 'Case-insensitive substring of the name.' }),
  }),
});

export const SchoolOrderFieldEnum = builder.enumType('SchoolOrderField', {
  description: 'Sort key for schools.',
  values: {
    CODE: { description: 'School identifier (学校标识码).' },
    NAME: { description: 'Name.' },
    ENROLMENT: { description: 'Enrolment (在校生数).' },
  },
});

export const SchoolOrderInput = builder.inputType('SchoolOrder', {
  description: 'Sort order for schools (学校排序); the primary key breaks ties so cursors stay stable.',
  fields: (t) => ({
    field: t.field({ type: SchoolOrderFieldEnum, required: true, description: 'Sort key.' }),
    direction: t.field({
      type: OrderDirectionEnum,
      defaultValue: 'ASC',
      description: 'Ascending (default) or descending.',
    }),
  }),
});

export const TeacherFilterInput = builder.inputType('TeacherFilter', {
  description: 'Filter for teachers (教师筛选). Results never leave the caller’s jurisdiction.',
  fields: (t) => ({
    regionCode: t.string({ description: 'A county, city or province code.' }),
    schoolCode: t.string({ description: 'Home school identifier.' }),
    backboneLevel: t.field({ type: [BackboneLevelEnum], description: 'Any of these backbone levels.' }),
    title: t.field({ type: [ProfessionalTitleEnum], description: 'Any of these titles.' }),
    subject: t.string({ description: 'Teaches this subject, e.g. 数学.' }),
    nameContains: t.string({ description: 'Case-insensitive substring of the name.' }),
    minYearsAtSchool: t.int({ description: 'At the current school at least this many years (交流轮岗 eligibility).' }),
  }),
});

export const TeacherOrderFieldEnum = builder.enumType('TeacherOrderField', {
  description: 'Sort key for teachers.',
  values: {
    STAFF_NO: { description: 'Staff number.' },
    NAME: { description: 'Name.' },
    YEARS_AT_SCHOOL: { description: 'Years at the current school.' },
  },
});

export const TeacherOrderInput = builder.inputType('TeacherOrder', {
  description: 'Sort order for teachers (教师排序); the primary key breaks ties.',
  fields: (t) => ({
    field: t.field({ type: TeacherOrderFieldEnum, required: true, description: 'Sort key.' }),
    direction: t.field({
      type: OrderDirectionEnum,
      defaultValue: 'ASC',
      description: 'Ascending (default) or descending.',
    }),
  }),
});

export const RegionRowInput = builder.inputType('RegionRowInput', {
  description: 'One region to create or update (行政区划). Level and parent follow from the code.',
  fields: (t) => ({
    code: t.string({ required: true, description: '6-digit GB/T 2260 code, e.g. 430721.' }),
    name: t.string({ required: true, description: 'Name, e.g. 安乡县.' }),
  }),
});

export const SchoolRowInput = builder.inputType('SchoolRowInput', {
  description:
    'One school to create or update (学校), matched by code. Omitted optional fields keep their stored value.',
  fields: (t) => ({
    code: t.string({ required: true, description: '10-digit 学校标识码; its type code must match the stage.' }),
    name: t.string({ required: true, description: 'Name (名称).' }),
    stage: t.field({ type: SchoolStageEnum, required: true, description: 'School stage (学段).' }),
    locality: t.field({ type: LocalityEnum, required: true, description: 'Urban, town or rural (城乡分类).' }),
    countyCode: t.string({
      required: true,
      description:
        'Region that runs the school (主管区划): its county, or the city code for a school run ' +
        'directly by the city (市直学校, e.g. 430700). Only that region’s admins (and those above) ' +
        'may write the school.',
    }),
    siteCountyCode: t.string({
      description:
        'For a 市直 school: the county it physically stands in (所在县区), a county of that city. ' +
        'Refused for a county-run school unless equal to its countyCode. Omitted: kept.',
    }),
    enrolment: t.int({ description: 'Pupils enrolled (在校生数).' }),
    staffCount: t.int({ description: 'All staff (教职工数): full-time teachers plus non-teaching staff.' }),
    isCountyHighSchool: t.boolean({ description: 'The county’s flagship high school (县中).' }),
    status: t.field({ type: SchoolStatusEnum, description: 'Operating status; ACTIVE when new.' }),
  }),
});

export const TeacherRowInput = builder.inputType('TeacherRowInput', {
  description:
    'One teacher to create or update (教师), matched by staff number. Omitted optional fields ' +
    'keep their stored value; an explicit null clears idNumber or phone.',
  fields: (t) => ({
    staffNo: t.string({ required: true, description: 'Staff number (教职工号), 4–32 letters, digits or hyphens.' }),
    name: t.string({ required: true, description: 'Name (名称).' }),
    gender: t.field({ type: GenderEnum, required: true, description: 'Gender (性别); must agree with the ID number.' }),
    schoolCode: t.string({ required: true, description: 'Home school (任职学校).' }),
    subjects: t.stringList({ description: 'Subjects taught (任教学科).' }),
    title: t.field({ type: ProfessionalTitleEnum, description: 'Professional title (职称); UNRANKED when new.' }),
    backboneLevel: t.field({ type: BackboneLevelEnum, description: 'Backbone level (骨干级别); NONE when new.' }),
    yearsAtSchool: t.int({ description: 'Years at the current school (本校任教年限).' }),
    qualification: t.field({ type: QualificationEnum, required: true, description: 'Highest qualification (学历).' }),
    idNumber: t.string({ description: 'Resident ID number (身份证号, personal data).' }),
    phone: t.string({ description: 'Mobile number (手机号, personal data).' }),
  }),
});

export const ConsortiumRowInput = builder.inputType('ConsortiumRowInput', {
  description: 'One consortium to create or update (教育共同体), matched by code; the member list is replaced.',
  fields: (t) => ({
    code: t.string({ required: true, description: 'Consortium code, 3–32 letters, digits or hyphens.' }),
    name: t.string({ required: true, description: 'Name (名称).' }),
    kind: t.field({ type: ConsortiumKindEnum, required: true, description: 'Kind of consortium.' }),
    regionCode: t.string({ required: true, description: 'Region that runs it; every school must lie within it.' }),
    leadSchoolCode: t.string({ required: true, description: 'Lead school (牵头学校).' }),
    memberSchoolCodes: t.stringList({
      required: true,
      description: 'Member schools (成员学校), lead excluded.',
      extensions: bounded({ maxItems: 200 }),
    }),
  }),
});
