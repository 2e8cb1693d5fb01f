import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';

/** Administrative level of a GB/T 2260 division. */
export const regionLevel = pgEnum('region_level', ['PROVINCE', 'CITY', 'COUNTY']);

export const regions = pgTable(
  'regions',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    level: regionLevel('level').notNull(),
    parentCode: text('parent_code').references((): AnyPgColumn => regions.code),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    check('regions_code_format', sql`${t.code} ~ '^[1-9][0-9]{5}$'`),
    index('regions_parent_idx').on(t.parentCode),
  ],
);

/** School stage; the identifier's type prefix must agree with it (see schoolCode.ts). */
export const schoolStage = pgEnum('school_stage', [
  'KINDERGARTEN',
  'PRIMARY',
  'JUNIOR',
  'NINE_YEAR',
  'SENIOR',
  'TWELVE_YEAR',
  'VOCATIONAL',
  'SPECIAL',
]);
export const locality = pgEnum('locality', ['URBAN', 'TOWN', 'RURAL']);
export const schoolStatus = pgEnum('school_status', ['ACTIVE', 'SUSPENDED', 'CLOSED']);

export const schools = pgTable(
  'schools',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    stage: schoolStage('stage').notNull(),
    locality: locality('locality').notNull(),
    /**
     * The region that runs the school and holds jurisdiction over it: its county, or the city
     * for a school run directly by the city (市直学校, e.g. 常德市第一中学 → 430700).
     */
    countyCode: text('county_code')
      .notNull()
      .references(() => regions.code),
    /** The county a 市直 school physically stands in (所在县区); null for county-run schools (their countyCode). */
    siteCountyCode: text('site_county_code').references(() => regions.code),
    /** Designated a weak school (薄弱学校) by its county (or the city for 市直); set by designateWeakSchool. */
    isWeak: boolean('is_weak').notNull().default(false),
    enrolment: integer('enrolment').notNull().default(0),
    /** 教职工: full-time teachers (the register in `teachers`) plus non-teaching staff. */
    staffCount: integer('staff_count').notNull().default(0),
    isCountyHighSchool: boolean('is_county_high_school').notNull().default(false),
    status: schoolStatus('status').notNull().default('ACTIVE'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    check('schools_code_format', sql`${t.code} ~ '^[0-9]{10}$'`),
    check('schools_enrolment_nonneg', sql`${t.enrolment} >= 0 and ${t.staffCount} >= 0`),
    // A 市直 school is no county's 县中.
    check('schools_city_run_not_county_high', sql`not (${t.isCountyHighSchool} and ${t.siteCountyCode} is not null)`),
    index('schools_county_name_idx').on(t.countyCode, t.name),
    // Region.schools pages by code within a county.
    index('schools_county_code_idx').on(t.countyCode, t.code),
    index('schools_name_idx').on(t.name),
    // nameContains (ILIKE '%…%'): trigrams, so a substring search reads the index, not every row.
    index('schools_name_trgm_idx').using('gin', t.name.op('gin_trgm_ops')),
  ],
);

export const consortiumKind = pgEnum('consortium_kind', ['COMMUNITY', 'BRANCH_CAMPUS', 'URBAN_RURAL_PAIR', 'ALLIANCE']);

export const consortia = pgTable(
  'consortia',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    kind: consortiumKind('kind').notNull(),
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    leadSchoolId: integer('lead_school_id')
      .notNull()
      .references(() => schools.id),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [index('consortia_region_idx').on(t.regionCode)],
);

export const consortiumMembers = pgTable(
  'consortium_members',
  {
    consortiumId: integer('consortium_id')
      .notNull()
      .references(() => consortia.id, { onDelete: 'cascade' }),
    schoolId: integer('school_id')
      .notNull()
      .references(() => schools.id),
  },
  (t) => [primaryKey({ columns: [t.consortiumId, t.schoolId] }), index('consortium_members_school_idx').on(t.schoolId)],
);

export const gender = pgEnum('gender', ['FEMALE', 'MALE']);
export const professionalTitle = pgEnum('professional_title', [
  'UNRANKED',
  'THIRD_GRADE',
  'SECOND_GRADE',
  'FIRST_GRADE',
  'SENIOR',
  'PROFESSOR',
]);
export const backboneLevel = pgEnum('backbone_level', ['NONE', 'COUNTY', 'CITY', 'PROVINCIAL']);
export const qualification = pgEnum('qualification', ['SECONDARY', 'ASSOCIATE', 'BACHELOR', 'MASTER', 'DOCTORATE']);

export const teachers = pgTable(
  'teachers',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    staffNo: text('staff_no').notNull().unique(),
    name: text('name').notNull(),
    gender: gender('gender').notNull(),
    schoolId: integer('school_id')
      .notNull()
      .references(() => schools.id),
    /** Copied from the school so jurisdiction filters need no join; kept in step by the services. */
    countyCode: text('county_code')
      .notNull()
      .references(() => regions.code),
    subjects: text('subjects').array().notNull().default(sql`'{}'::text[]`),
    title: professionalTitle('title').notNull().default('UNRANKED'),
    backboneLevel: backboneLevel('backbone_level').notNull().default('NONE'),
    yearsAtSchool: integer('years_at_school').notNull().default(0),
    qualification: qualification('qualification').notNull(),
    /** Personal identifiers (PII): never exposed to PORTAL or anonymous callers. */
    idNumber: text('id_number'),
    phone: text('phone'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    check('teachers_years_nonneg', sql`${t.yearsAtSchool} >= 0`),
    // School.teachers pages by (name, id) within a school: the index yields rows in cursor order.
    index('teachers_school_name_id_idx').on(t.schoolId, t.name, t.id),
    // A county's teachers in staff-number order (the register's default order), with or without a filter on top.
    index('teachers_county_staff_no_idx').on(t.countyCode, t.staffNo),
    index('teachers_name_trgm_idx').using('gin', t.name.op('gin_trgm_ops')),
  ],
);
