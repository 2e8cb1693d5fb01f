import { builder } from '../../../builder.js';
import { EvaluationDimensionRef } from './frameworkTypes.js';

builder.queryFields((t) => ({
  evaluationDimensions: t.drizzleField({
    type: [EvaluationDimensionRef],
    description:
      'The catalogue of evaluation dimensions (评价维度目录), in order: the five key areas of ' +
      'the national school-quality guides (办学方向、课程教学、教师发展、学校管理、学生发展), ' +
      'then the reform’s student-development dimensions (学业水平、身心健康、艺术素养、' +
      '劳动实践). Framework indicators name one by code. Public.',
    resolve: async (query, _root, _args, ctx) =>
      ctx.db.query.evaluationDimensions.findMany(query({ orderBy: { position: 'asc' } })),
  }),
}));
