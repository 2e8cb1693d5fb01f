import { connectionOf } from '../../shared/graphql/connectionTypes.js';
import { builder } from '../../../builder.js';
import { regionLevelOf } from '../codes.js';
import { canRead, readScope, scopeFilter } from '../../access/jurisdiction.js';
import { PERSONAL_FIELD_EXTENSION, type PersonalField } from '../../access/personalFields.js';
import { activeExchangeCountSql } from '../activeExchangeCount.js';
import {
  BackboneLevelEnum,
  ConsortiumKindEnum,
  GenderEnum,
  LocalityEnum,
  ProfessionalTitleEnum,
  QualificationEnum,
  RegionLevelEnum,
  SchoolStageEnum,
  SchoolStatusEnum,
} from './enums.js';

export const RegionRef = builder.drizzleNode('regions', {
  name: 'Region',
  description: 'Administrative region (行政区划): province, city or county, keyed by GB/T 2260 code.',
  id: { column: (r) => r.code },
  fields: (t) => ({
    code: t.exposeString('code', { description: '6-digit GB/T 2260 code (行政区划代码).' }),
    name: t.exposeString('name', { description: 'Name (名称).' }),
    level: t.expose('level', { type: RegionLevelEnum, description: 'Province, city or county (级别), from the code.' }),
    parent: t.relation('parent', { nullable: true, description: 'Parent region (上级区划); null for a province.' }),
    children: t.relation('children', {
      description: 'Regions directly below (下级区划), by code.',
      query: { orderBy: { code: 'asc' } },
    }),
    schools: t.relatedConnection(
      'schools',
      {
        description:
          'Schools this region runs (所辖学校), by code: a county’s schools; for a city its 市直 ' +
          'schools (run directly by the city); empty for provinces. All schools under a city: ' +
          'Query.schools(filter: {regionCode}).',
        query: { orderBy: { code: 'asc' } },
        totalCount: true,
      },
      connectionOf(SchoolRef),
    ),
    schoolCount: t.relatedCount('schools', {
      description: 'Number of schools this region runs (学校数): a county’s, or a city’s 市直 schools.',
    }),
  }),
});

export const SchoolRef = builder.drizzleNode('schools', {
  name: 'School',
  description: 'School (学校), keyed by its 10-digit national identifier (学校标识码).',
  id: { column: (s) => s.id },
  fields: (t) => ({
    code: t.exposeString('code', { description: '10-digit school identifier (学校标识码).' }),
    name: t.exposeString('name', { description: 'Name (学校名称).' }),
    stage: t.expose('stage', { type: SchoolStageEnum, description: 'School stage (学段).' }),
    locality: t.expose('locality', { type: LocalityEnum, description: 'Urban, town or rural (城乡分类).' }),
    status: t.expose('status', { type: SchoolStatusEnum, description: 'Operating status (办学状态).' }),
    countyCode: t.exposeString('countyCode', {
      description:
        'Code of the region that runs the school (主管区划): its county, or the city for a 市直 ' +
        'school. Jurisdiction follows it: a county bureau does not write the 市直 schools standing ' +
        'in its county.',
    }),
    county: t.relation('county', {
      description: 'Region that runs the school (主管区划): its county, or the city for a 市直 school.',
    }),
    cityRun: t.boolean({
      description:
        'Run directly by the city (市直学校): countyCode is a city code. Such a school is no ' +
        'county’s 县中 and not part of a county’s assessments.',
      resolve: (s) => regionLevelOf(s.countyCode) === 'CITY',
    }),
    siteCountyCode: t.string({
      description:
        'County the school physically stands in (所在县区): siteCountyCode for a 市直 school when ' +
        'recorded, else countyCode; null for a 市直 school whose site is not recorded.',
      nullable: true,
      resolve: (s) => (regionLevelOf(s.countyCode) === 'CITY' ? (s.siteCountyCode ?? null) : s.countyCode),
    }),
    isWeak: t.exposeBoolean('isWeak', {
      description: 'Designated a weak school (薄弱学校) by its running region (designateWeakSchool).',
    }),
    enrolment: t.exposeInt('enrolment', { description: 'Pupils enrolled (在校生数).' }),
    staffCount: t.exposeInt('staffCount', {
      description:
        'All staff (教职工数): the full-time teachers of the register (专任教师) plus non-teaching ' +
        'staff (职员、工勤人员).',
    }),
    isCountyHighSchool: t.exposeBoolean('isCountyHighSchool', {
      description: 'The county’s flagship high school (县中).',
    }),
    teacherCount: t.relatedCount('allTeachers', { description: 'Number of teachers (教师数); a public aggregate.' }),
    teachers: t.relatedConnection(
      'teachers',
      {
        description:
          'The school’s teacher register (专任教师名册): full-time teachers whose home school this ' +
          'is, by name; staffCount adds the non-teaching staff. Restricted: empty outside the ' +
          'caller’s jurisdiction; personal identifiers only for admins.',
        query: (_args, ctx) => ({
          where: scopeFilter(readScope(ctx.viewer, 'teacher'), { region: 'countyCode', school: 'schoolId' }),
          orderBy: { name: 'asc' },
        }),
        totalCount: true,
      },
      connectionOf(TeacherRef),
    ),
    consortia: t.relation('consortia', { description: 'Consortia it is a member of (所属教育共同体).' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'Last change of this record (更新时间).' }),
  }),
});

export const ConsortiumRef = builder.drizzleNode('consortia', {
  name: 'Consortium',
  description: 'School consortium (教育共同体 / 集团化办学): a lead school and its members ("1+N").',
  id: { column: (c) => c.id },
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Consortium code.' }),
    name: t.exposeString('name', { description: 'Name (名称).' }),
    kind: t.expose('kind', { type: ConsortiumKindEnum, description: 'Kind of consortium (类型).' }),
    region: t.relation('region', { description: 'Region that runs it (主管区划).' }),
    leadSchool: t.relation('leadSchool', { description: 'Lead school (牵头学校).' }),
    members: t.relation('members', {
      description: 'Member schools (成员学校), lead excluded.',
      query: { orderBy: { code: 'asc' } },
    }),
    memberCount: t.relatedCount('members', { description: 'Number of member schools (成员校数).' }),
  }),
});

/**
 * Teacher columns loaded with every teacher: what the jurisdiction check reads and what list
 * pages show (name, backbone level). Fields over other columns declare them and load them only
 * when asked; ID number and phone are never loaded unless selected (and allowed).
 */
const TEACHER_ROW_COLUMNS = {
  id: true,
  countyCode: true,
  schoolId: true,
  name: true,
  backboneLevel: true,
} as const;

export const TeacherRef = builder.drizzleNode('teachers', {
  name: 'Teacher',
  description:
    'Teacher (教师). Restricted record: visible only inside the caller’s jurisdiction; PORTAL ' +
    'keys see professional fields only.',
  id: { column: (t) => t.id },
  // Row columns are read by plain resolvers; a field with its own `select` pays per-row selection
  // bookkeeping (measured: ~12 ms of CPU per field on a 10,000-teacher page), so the columns of
  // list pages are loaded with the row, and the rest only when a query asks for them.
  select: {
    columns: TEACHER_ROW_COLUMNS,
    extras: { activeExchangeCount: (t) => activeExchangeCountSql(t.id) },
  },
  // Restricted record: canRead, the one jurisdiction rule, per row (a plain boolean: a named
  // scope's per-row scope map cost ~15 ms on a page of 10,000 teachers).
  readRule: (t, ctx) => canRead(ctx.viewer, 'teacher', { regionCode: t.countyCode, schoolId: t.schoolId }),
  fields: (t) => {
    /** A personal field (access/personalFields.ts): null without the personal scope here; every value returned is recorded. */
    const personal = (field: PersonalField<'Teacher'>, description: string) =>
      t.string({
        nullable: true,
        description,
        extensions: { [PERSONAL_FIELD_EXTENSION]: true },
        select: { columns: { [field]: true, staffNo: true } as { idNumber: true; phone: true; staffNo: true } },
        authScopes: (row) => ({ personalData: { regionCode: row.countyCode, schoolId: row.schoolId } }),
        unauthorizedResolver: () => null,
        resolve: (row, _args, ctx) => {
          const value = row[field];
          if (value) ctx.personalDataReads?.note('Teacher', row.staffNo, field, row.countyCode);
          return value;
        },
      });
    return {
      staffNo: t.exposeString('staffNo', { description: 'Staff number (教职工号).' }),
      name: t.string({ description: 'Name (姓名).', resolve: (r) => r.name }),
      gender: t.expose('gender', { type: GenderEnum, description: 'Gender (性别).' }),
      school: t.relation('school', { description: 'Home school (任职学校).' }),
      subjects: t.exposeStringList('subjects', { description: 'Subjects taught (任教学科).' }),
      title: t.expose('title', { type: ProfessionalTitleEnum, description: 'Professional title (职称).' }),
      backboneLevel: t.field({
        type: BackboneLevelEnum,
        description: 'Backbone-teacher level (骨干级别).',
        resolve: (r) => r.backboneLevel,
      }),
      yearsAtSchool: t.exposeInt('yearsAtSchool', { description: 'Years at the current school (本校任教年限).' }),
      qualification: t.expose('qualification', {
        type: QualificationEnum,
        description: 'Highest qualification (学历).',
      }),
      idNumber: personal(
        'idNumber',
        'Resident ID number (身份证号). Personal data: null unless the caller holds the personal ' + 'scope here.',
      ),
      phone: personal('phone', 'Mobile number (手机号). Personal data, as idNumber.'),
    };
  },
});
