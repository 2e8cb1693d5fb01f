import { builder } from '../../../builder.js';

type Described = Record<string, { description: string }>;
const described = <T extends Described>(values: T) => values;

export const RegionLevelEnum = builder.enumType('RegionLevel', {
  description: 'Administrative level of a region (行政区划级别), derived from its GB/T 2260 code.',
  values: described({
    PROVINCE: { description: 'Province (省级), code ends 0000.' },
    CITY: { description: 'Prefecture-level city (地级市), code ends 00.' },
    COUNTY: { description: 'County, district or county-level city (县/区/县级市).' },
  }),
});

export const SchoolStageEnum = builder.enumType('SchoolStage', {
  description: 'School stage (学段/办学类型); must agree with the identifier’s type code.',
  values: described({
    KINDERGARTEN: { description: 'Kindergarten (幼儿园), type code 11.' },
    PRIMARY: { description: 'Primary school (小学), type code 21.' },
    JUNIOR: { description: 'Junior secondary (初级中学), type code 31.' },
    NINE_YEAR: { description: 'Nine-year school (九年一贯制学校), type code 31.' },
    SENIOR: { description: 'Senior secondary (高级中学/完全中学), type code 34; a county’s flagship is its 县中.' },
    TWELVE_YEAR: { description: 'Twelve-year school (十二年一贯制学校), type code 34.' },
    VOCATIONAL: { description: 'Secondary vocational school (中等职业学校), type code 36.' },
    SPECIAL: { description: 'Special-education school (特殊教育学校), type code 51.' },
  }),
});

export const LocalityEnum = builder.enumType('Locality', {
  description: 'Urban–rural classification of a school’s site (城乡分类).',
  values: described({
    URBAN: { description: 'Urban area (城区).' },
    TOWN: { description: 'Town (镇区).' },
    RURAL: { description: 'Rural (乡村).' },
  }),
});

export const SchoolStatusEnum = builder.enumType('SchoolStatus', {
  description: 'Operating status of a school (办学状态).',
  values: described({
    ACTIVE: { description: 'Operating (正常办学).' },
    SUSPENDED: { description: 'Temporarily not enrolling (暂停招生).' },
    CLOSED: { description: 'Closed or merged (撤并).' },
  }),
});

export const ConsortiumKindEnum = builder.enumType('ConsortiumKind', {
  description: 'Kind of school consortium (教育共同体类型).',
  values: described({
    COMMUNITY: { description: 'Education community, a lead school with members (教育共同体 / 教联体).' },
    BRANCH_CAMPUS: { description: 'A renowned school running branches (名校办分校).' },
    URBAN_RURAL_PAIR: { description: 'Urban–rural pairing (城乡结对).' },
    ALLIANCE: { description: 'Education group or alliance (教育集团/联盟).' },
  }),
});

export const GenderEnum = builder.enumType('Gender', {
  description: 'Gender (性别).',
  values: described({ FEMALE: { description: 'Female (女).' }, MALE: { description: 'Male (男).' } }),
});

export const ProfessionalTitleEnum = builder.enumType('ProfessionalTitle', {
  description: 'Teacher’s professional title (职称).',
  values: described({
    UNRANKED: { description: 'Not yet rated (未定级).' },
    THIRD_GRADE: { description: 'Third grade (三级教师).' },
    SECOND_GRADE: { description: 'Second grade (二级教师).' },
    FIRST_GRADE: { description: 'First grade (一级教师).' },
    SENIOR: { description: 'Senior (高级教师).' },
    PROFESSOR: { description: 'Professor-level senior (正高级教师).' },
  }),
});

export const BackboneLevelEnum = builder.enumType('BackboneLevel', {
  description: 'Backbone-teacher recognition level (骨干教师级别).',
  values: described({
    NONE: { description: 'Not a backbone teacher.' },
    COUNTY: { description: 'County-level backbone teacher (县级骨干).' },
    CITY: { description: 'City-level backbone teacher (市级骨干).' },
    PROVINCIAL: { description: 'Provincial backbone teacher (省级骨干).' },
  }),
});

export const QualificationEnum = builder.enumType('Qualification', {
  description: 'Highest academic qualification (最高学历).',
  values: described({
    SECONDARY: { description: 'Secondary / 中专 or below.' },
    ASSOCIATE: { description: 'Associate degree (专科).' },
    BACHELOR: { description: 'Bachelor (本科).' },
    MASTER: { description: 'Master (硕士研究生).' },
    DOCTORATE: { description: 'Doctorate (博士研究生).' },
  }),
});
