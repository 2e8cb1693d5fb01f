import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluationFrameworks } from '../../schema/domains/evaluation/table.js';
import { graphql } from '../graphql/index.js';
import { DEMO, present, startTestServer, token, type TestServer } from '../harness.js';

/**
 * Evaluation dimensions are catalogue data (评价维度目录): the five key areas of the national
 * school-quality guides and the reform's four student-development dimensions, listed in order;
 * indicators name a dimension by code; the old enum input keeps working.
 */
const FRAMEWORK =
  graphql(`mutation EvaluationDimensionsFramework($input: CreateEvaluationFrameworkInput!) { createEvaluationFramework(input: $input) {
  framework { name indicators { code dimension dimensionCode dimensionInfo { name parentCode } } } errors { code path message } } }`);
const DIMENSIONS = graphql(`query EvaluationDimensionsList { evaluationDimensions { code name parentCode position } }`);
const base = { regionCode: DEMO.city, partyWeights: { cityInspection: 0.5, countySelf: 0.3, social: 0.2 } };

let s: TestServer;
let city: string;
beforeAll(async () => {
  s = await startTestServer({ seed: false });
  city = await token({ role: 'CITY_ADMIN', regionCode: DEMO.city });
  await s.db.database.db.execute(
    sql`insert into regions (code, name, level, parent_code) values ('430000', '湖南省', 'PROVINCE', null), ('430700', '常德市', 'CITY', '430000') on conflict do nothing`,
  );
});
afterAll(() => s?.close());

describe('evaluation dimension catalogue', () => {
  it('lists the national guides’ five key areas, then the four student-development dimensions under 学生发展', async () => {
    const { body } = await s.gql(DIMENSIONS);
    expect(body.data.evaluationDimensions.map((d) => [d.name, d.parentCode])).toEqual([
      ['办学方向', null],
      ['课程教学', null],
      ['教师发展', null],
      ['学校管理', null],
      ['学生发展', null],
      ['学业水平', 'STUDENT_DEVELOPMENT'],
      ['身心健康', 'STUDENT_DEVELOPMENT'],
      ['艺术素养', 'STUDENT_DEVELOPMENT'],
      ['劳动实践', 'STUDENT_DEVELOPMENT'],
    ]);
  });

  it('a framework on the national guides’ dimensions, and one on the old enum input', async () => {
    const national = ['DIRECTION', 'CURRICULUM', 'TEACHER_DEVELOPMENT', 'MANAGEMENT', 'STUDENT_DEVELOPMENT'].map(
      (code, i) => ({ code: `N${i}`, name: `指标${i + 1}`, dimensionCode: code, weight: 20, maxScore: 100 }),
    );
    const a = (
      await s.gql(FRAMEWORK, { input: { ...base, name: '义务教育学校办学质量评价', indicators: national } }, city)
    ).body.data.createEvaluationFramework;
    expect(a.errors).toEqual([]);
    expect(
      present(a.framework, 'framework').indicators.map((i) => [i.dimensionCode, i.dimension, i.dimensionInfo.name]),
    ).toEqual([
      ['DIRECTION', null, '办学方向'],
      ['CURRICULUM', null, '课程教学'],
      ['TEACHER_DEVELOPMENT', null, '教师发展'],
      ['MANAGEMENT', null, '学校管理'],
      ['STUDENT_DEVELOPMENT', null, '学生发展'],
    ]);
    const b = (
      await s.gql(
        FRAMEWORK,
        {
          input: {
            ...base,
            name: '旧客户端',
            indicators: [{ code: 'A', name: '学业', dimension: 'ACADEMIC', weight: 1, maxScore: 100 }],
          },
        },
        city,
      )
    ).body.data.createEvaluationFramework;
    expect(b.framework?.indicators).toEqual([
      {
        code: 'A',
        dimension: 'ACADEMIC',
        dimensionCode: 'ACADEMIC',
        dimensionInfo: { name: '学业水平', parentCode: 'STUDENT_DEVELOPMENT' },
      },
    ]);
  });

  it('refuses an unknown or missing dimension at its field, creating nothing', async () => {
    const before = await s.db.database.db.$count(evaluationFrameworks);
    const bad = (
      await s.gql(
        FRAMEWORK,
        {
          input: {
            ...base,
            name: '错误',
            indicators: [
              { code: 'X', name: '未知维度', dimensionCode: 'NOT_A_DIMENSION', weight: 1, maxScore: 100 },
              { code: 'Y', name: '缺少维度', weight: 1, maxScore: 100 },
            ],
          },
        },
        city,
      )
    ).body.data.createEvaluationFramework;
    expect(bad.framework).toBeNull();
    expect(bad.errors.map((e) => [e.code, e.path.join('.')])).toEqual([
      ['VALIDATION', 'input.indicators.0.dimensionCode'],
      ['REQUIRED', 'input.indicators.1.dimensionCode'],
    ]);
    const unknown = (
      await s.gql(
        FRAMEWORK,
        {
          input: {
            ...base,
            name: '错误',
            indicators: [{ code: 'X', name: '未知维度', dimensionCode: 'NOT_A_DIMENSION', weight: 1, maxScore: 100 }],
          },
        },
        city,
      )
    ).body.data.createEvaluationFramework;
    expect(unknown.errors.map((e) => [e.code, e.path.join('.')])).toEqual([
      ['VALIDATION', 'input.indicators.0.dimensionCode'],
    ]);
    expect(await s.db.database.db.$count(evaluationFrameworks)).toBe(before);
  });
});
