import { connectionOf } from '../../shared/graphql/connectionTypes.js';
import { and, eq, sql } from 'drizzle-orm';
import { builder } from '../../../builder.js';
import { codeUnderFilter, regionPrefix, underRegion } from '../codes.js';
import { ConsortiumKindEnum, RegionLevelEnum } from './enums.js';
import { schoolCondition, teacherCondition } from '../filters.js';
import { SchoolFilterInput, SchoolOrderInput, TeacherFilterInput, TeacherOrderInput } from './inputs.js';
import { consortia, regions, schools, teachers } from '../table.js';
import { nodeReadRule } from '../../shared/graphql/nodeTypes.js';
import { ConsortiumRef, RegionRef, SchoolRef, TeacherRef } from './types.js';

const SCHOOL_ORDER = { CODE: 'code', NAME: 'name', ENROLMENT: 'enrolment' } as const;
const TEACHER_ORDER = { STAFF_NO: 'staffNo', NAME: 'name', YEARS_AT_SCHOOL: 'yearsAtSchool' } as const;
const dir = (d: string | null | undefined) => (d === 'DESC' ? 'desc' : 'asc') as 'asc' | 'desc';

builder.queryFields((t) => ({
  region: t.drizzleField({
    type: 'regions',
    nullable: true,
    description: 'A region by its GB/T 2260 code (按行政区划代码查询).',
    args: { code: t.arg.string({ required: true }) },
    resolve: async (query, _root, args, ctx) => ctx.db.query.regions.findFirst(query({ where: { code: args.code } })),
  }),

  regions: t.drizzleConnection(
    {
      type: 'regions',
      description: 'Regions by code, optionally of one level and/or under one parent (行政区划列表).',
      args: {
        level: t.arg({ type: RegionLevelEnum }),
        parentCode: t.arg.string({ description: 'Only regions under this region (any depth).' }),
      },
      totalCount: (_parent, args, ctx) =>
        ctx.db.$count(
          regions,
          and(
            args.level ? eq(regions.level, args.level) : undefined,
            args.parentCode ? underRegion(regions.code, args.parentCode) : undefined,
          ),
        ),
      resolve: async (query, _root, args, ctx) =>
        ctx.db.query.regions.findMany(
          query({
            where: {
              ...(args.level ? { level: args.level } : {}),
              ...(args.parentCode
                ? { code: { ...codeUnderFilter(regionPrefix(args.parentCode)), ne: args.parentCode } }
                : {}),
            },
            orderBy: { code: 'asc' },
          }),
        ),
    },
    connectionOf(RegionRef),
  ),

  school: t.drizzleField({
    type: 'schools',
    nullable: true,
    description: 'A school by its 10-digit identifier (按学校标识码查询).',
    args: { code: t.arg.string({ required: true }) },
    resolve: async (query, _root, args, ctx) => ctx.db.query.schools.findFirst(query({ where: { code: args.code } })),
  }),

  schools: t.drizzleConnection(
    {
      type: 'schools',
      description: 'Schools matching a filter (学校列表), keyset-paginated.',
      args: {
        filter: t.arg({ type: SchoolFilterInput }),
        orderBy: t.arg({ type: SchoolOrderInput }),
      },
      totalCount: (_parent, args, ctx) => ctx.db.$count(schools, schoolCondition(args.filter)(schools)),
      resolve: async (query, _root, args, ctx) => {
        const condition = schoolCondition(args.filter);
        return ctx.db.query.schools.findMany(
          query({
            where: { RAW: (t) => condition(t) ?? sql`true` },
            orderBy: { [SCHOOL_ORDER[args.orderBy?.field ?? 'CODE']]: dir(args.orderBy?.direction) },
          }),
        );
      },
    },
    connectionOf(SchoolRef),
  ),

  teacher: t.drizzleField({
    type: 'teachers',
    nullable: true,
    description: 'A teacher by staff number (按教职工号查询); null outside the caller’s jurisdiction.',
    args: { staffNo: t.arg.string({ required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const condition = teacherCondition(ctx.viewer, null);
      return ctx.db.query.teachers.findFirst(
        query({ where: { staffNo: args.staffNo, RAW: (t) => condition(t) ?? sql`true` } }),
      );
    },
  }),

  teachers: t.drizzleConnection(
    {
      type: 'teachers',
      description:
        'Teachers matching a filter within the caller’s jurisdiction (教师列表). Anonymous callers see none.',
      args: {
        filter: t.arg({ type: TeacherFilterInput }),
        orderBy: t.arg({ type: TeacherOrderInput }),
      },
      totalCount: (_parent, args, ctx) => ctx.db.$count(teachers, teacherCondition(ctx.viewer, args.filter)(teachers)),
      resolve: async (query, _root, args, ctx) => {
        const condition = teacherCondition(ctx.viewer, args.filter);
        return ctx.db.query.teachers.findMany(
          query({
            where: { RAW: (t) => condition(t) ?? sql`true` },
            orderBy: { [TEACHER_ORDER[args.orderBy?.field ?? 'STAFF_NO']]: dir(args.orderBy?.direction) },
          }),
        );
      },
    },
    connectionOf(TeacherRef),
  ),

  consortia: t.drizzleConnection(
    {
      type: 'consortia',
      description: 'School consortia (教育共同体列表), optionally within a region or of one kind.',
      args: {
        regionCode: t.arg.string({ description: 'Consortia run by this region or any region under it.' }),
        kind: t.arg({ type: ConsortiumKindEnum }),
      },
      totalCount: (_parent, args, ctx) =>
        ctx.db.$count(
          consortia,
          and(
            args.regionCode ? underRegion(consortia.regionCode, args.regionCode) : undefined,
            args.kind ? eq(consortia.kind, args.kind) : undefined,
          ),
        ),
      resolve: async (query, _root, args, ctx) =>
        ctx.db.query.consortia.findMany(
          query({
            where: {
              ...(args.regionCode ? { regionCode: codeUnderFilter(regionPrefix(args.regionCode)) } : {}),
              ...(args.kind ? { kind: args.kind } : {}),
            },
            orderBy: { code: 'asc' },
          }),
        ),
    },
    connectionOf(ConsortiumRef),
  ),
}));

// node(id:) reads by the lists' rules: organisation data is public, teachers only in jurisdiction.
nodeReadRule('Region', { table: 'regions', key: 'code', visible: () => () => undefined });
nodeReadRule('School', { table: 'schools', key: 'id', visible: () => schoolCondition(null) });
nodeReadRule('Consortium', { table: 'consortia', key: 'id', visible: () => () => undefined });
nodeReadRule('Teacher', { table: 'teachers', key: 'id', visible: (ctx) => teacherCondition(ctx.viewer, null) });
