import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../schema/domains/audit/table.js';
import { schools } from '../../schema/domains/organisation/table.js';
import { evaluationCycles, studentScores, valueAddedResults } from '../../schema/domains/evaluation/table.js';
import { graphql } from '../graphql/index.js';
import type { CreateEvaluationCycleInput, EvaluationValueAddedImportMutationVariables } from '../graphql/graphql.js';
import { DEMO, onRealPostgres, present, serviceContext, startTestServer, token, type TestServer } from '../harness.js';
import { computeValueAdded } from '../../schema/domains/evaluation/services/computeValueAdded.js';
import { closeEvaluationCycle } from '../../schema/domains/evaluation/services/closeEvaluationCycle.js';
import { importStudentScores } from '../../schema/domains/evaluation/services/importStudentScores.js';
import { expectedValueAdded, fixtureStudents, type Student } from './fixture.js';

const CREATE = graphql(
  `mutation EvaluationValueAddedCreate($input: CreateEvaluationCycleInput!) { createEvaluationCycle(input: $input) { cycle { id cycleId status } errors { code path message } } }`,
);
const IMPORT =
  graphql(`mutation EvaluationValueAddedImport($input: ImportStudentScoresInput!) { importStudentScores(input: $input) {
  applied created updated unchanged failed results { index key status } errors { code path message } } }`);
const COMPUTE = graphql(
  `mutation EvaluationValueAddedCompute($id: ID!) { computeValueAdded(input: { cycleId: $id }) { cycle { status slope intercept residualSd studentCount minCohort } errors { code path message } } }`,
);
const CLOSE = graphql(
  `mutation EvaluationValueAddedClose($id: ID!) { closeEvaluationCycle(input: { cycleId: $id }) { cycle { status } errors { code path message } } }`,
);
const VA =
  graphql(`query EvaluationValueAddedResults($id: ID!, $filter: ValueAddedFilter) { evaluationCycle(id: $id) { status valueAdded(first: 100, filter: $filter) { totalCount edges { node {
  school { code } cohortSize band intakeMean outcomeMean expectedOutcome valueAdded standardError interval { low high }
  growthIndex growthLevel rank rankInterval { best worst } } } } } }`);
const SETTING = graphql(
  `mutation EvaluationValueAddedSetting($input: SetRegionSettingInput!) { setRegionSetting(input: $input) { errors { code } } }`,
);
const OUTPUT_TYPES = graphql(
  `query EvaluationValueAddedSchemaTypes { __schema { types { name kind fields { name } } } }`,
);

let s: TestServer;
let city: string;
let anxiang: string;
let portal: string;
let seniors: { code: string; countyCode: string }[];
let students: Student[];
let cycleId: string;
/** The value-added rows of the cycle as `tok` sees them. */
const valueAdded = async (tok?: string, filter?: { band: ('ABOVE' | 'BELOW')[] }) =>
  present((await s.gql(VA, { id: cycleId, filter }, tok)).body.data.evaluationCycle, 'evaluationCycle').valueAdded;
const db = () => s.db.database.db;
const counts = async () => ({
  scores: await db().$count(studentScores),
  audit: await db().$count(auditEvents),
});

beforeAll(async () => {
  s = await startTestServer();
  city = await token({ role: 'CITY_ADMIN', regionCode: DEMO.city });
  anxiang = await token({ role: 'COUNTY_ADMIN', regionCode: DEMO.anxiang });
  portal = await token({ role: 'PORTAL' });
  seniors = await db()
    .select({ code: schools.code, countyCode: schools.countyCode })
    .from(schools)
    .where(and(eq(schools.stage, 'SENIOR'), sql`${schools.countyCode} like '4307%'`))
    .orderBy(schools.code);
  const inAnxiang = seniors.find((x) => x.countyCode === DEMO.anxiang)!;
  const others = seniors.filter((x) => x.countyCode !== DEMO.anxiang).slice(0, 3);
  // Clearly above, average, clearly below, and a cohort too small to show.
  students = fixtureStudents([
    { code: others[0].code, n: 14, effect: 30 },
    { code: inAnxiang.code, n: 16, effect: 0 },
    { code: others[1].code, n: 12, effect: -30 },
    { code: others[2].code, n: 6, effect: 50 },
  ]);
  const created = await s.gql(
    CREATE,
    {
      input: {
        regionCode: DEMO.city,
        year: 2030,
        stage: 'SENIOR',
        name: '测试增值评价',
        intakeMin: 0,
        intakeMax: 720,
        outcomeMin: 0,
        outcomeMax: 750,
      },
    },
    city,
  );
  expect(created.body.data.createEvaluationCycle.errors).toEqual([]);
  cycleId = present(created.body.data.createEvaluationCycle.cycle, 'cycle').id;
});
afterAll(() => s?.close());

describe('importStudentScores', () => {
  it('reports every bad row at once with index and field, and writes nothing', async () => {
    const before = await counts();
    const [a, b] = students;
    const primary = (await db().select().from(schools).where(eq(schools.stage, 'PRIMARY')).limit(1))[0];
    const otherCounty = students.find(
      (x) => !seniors.some((y) => y.code === x.schoolCode && y.countyCode === DEMO.anxiang),
    )!;
    const rows = [
      { ...a, studentKey: 'K-noschool', schoolCode: '3443999999' }, // no such school
      { ...a, studentKey: 'K-range', intakeScore: 721 }, // above the declared intake range
      { ...a, studentKey: 'K-neg', outcomeScore: -1 },
      a,
      { ...b, studentKey: a.studentKey }, // same student twice in the batch
      { ...a, studentKey: 'K-primary', schoolCode: primary.code }, // wrong stage for the cycle
      { ...a, studentKey: 'x' }, // malformed key
      { studentKey: 'K-missing', schoolCode: a.schoolCode, cohort: '2027级', intakeScore: 500 },
    ];
    // One row lacks its outcomeScore on purpose: the variables are not a valid input.
    const { body } = await s.gql(
      IMPORT,
      { input: { cycleId, rows } } as unknown as EvaluationValueAddedImportMutationVariables,
      city,
    );
    const p = body.data?.importStudentScores;
    // The missing outcomeScore is a GraphQL variable error (non-null input field): check it separately.
    expect(body.errors?.[0]?.message ?? '').toMatch(/outcomeScore/);
    const { body: b2 } = await s.gql(IMPORT, { input: { cycleId, rows: rows.slice(0, 7) as Student[] } }, city);
    const q = b2.data.importStudentScores;
    expect(q.applied).toBe(false);
    expect(q.errors.map((e) => `${e.code} ${e.path.join('.')}`)).toEqual([
      'NOT_FOUND input.rows.0.schoolCode',
      'VALIDATION input.rows.1.intakeScore',
      'VALIDATION input.rows.2.outcomeScore',
      'DUPLICATE input.rows.4.studentKey',
      'VALIDATION input.rows.5.schoolCode',
      'VALIDATION input.rows.6.studentKey',
    ]);
    expect(q.results.map((r) => r.status)).toEqual([
      'FAILED',
      'FAILED',
      'FAILED',
      'SKIPPED',
      'FAILED',
      'FAILED',
      'FAILED',
    ]);
    expect(p).toBeUndefined();
    // A county admin may not import students of another county's school.
    const { body: b3 } = await s.gql(IMPORT, { input: { cycleId, rows: [otherCounty] } }, anxiang);
    expect(b3.data.importStudentScores.errors).toEqual([
      expect.objectContaining({ code: 'FORBIDDEN', path: ['input', 'rows', '0', 'schoolCode'] }),
    ]);
    const { body: b4 } = await s.gql(IMPORT, { input: { cycleId, rows: [a] } }, portal);
    expect(b4.data.importStudentScores.errors[0]).toMatchObject({ code: 'FORBIDDEN', path: [] });
    const { body: b5 } = await s.gql(IMPORT, { input: { cycleId: '999999', rows: [a] } }, city);
    expect(b5.data.importStudentScores.errors[0]).toMatchObject({ code: 'NOT_FOUND', path: ['input', 'cycleId'] });
    expect(await counts()).toEqual(before);
  });

  it('imports, and re-importing the same rows changes nothing', async () => {
    const first = (await s.gql(IMPORT, { input: { cycleId, rows: students } }, city)).body.data.importStudentScores;
    expect(first.errors).toEqual([]);
    expect(first.created).toBe(students.length);
    const before = await counts();
    const again = (await s.gql(IMPORT, { input: { cycleId, rows: students } }, city)).body.data.importStudentScores;
    expect(again.unchanged).toBe(students.length);
    expect(await counts()).toEqual(before);
  });
});

describe('computeValueAdded', () => {
  it(
    'agrees with an independent calculation: fit, VA, SE, interval, band, growth, rank and its ' +
      'interval, suppression',
    async () => {
      const statements = s.db.database.statements.count;
      const { body } = await s.gql(COMPUTE, { id: cycleId }, city);
      // The whole computation is a handful of statements whatever the number of students.
      expect(s.db.database.statements.count - statements).toBeLessThan(15);
      const c = body.data.computeValueAdded;
      expect(c.errors).toEqual([]);
      const cycle = present(c.cycle, 'cycle');
      const exp = expectedValueAdded(students, 10);
      expect(cycle.status).toBe('COMPUTED');
      expect(cycle.studentCount).toBe(exp.n);
      expect(cycle.minCohort).toBe(10);
      expect(cycle.slope).toBeCloseTo(exp.slope, 9);
      expect(cycle.intercept).toBeCloseTo(exp.intercept, 6);
      expect(cycle.residualSd).toBeCloseTo(exp.sd, 6);

      const rows = await valueAdded(city);
      expect(rows.totalCount).toBe(4);
      const got = rows.edges.map((e) => e.node);
      const bands = Object.fromEntries(got.map((r) => [r.school.code, r.band]));
      expect(Object.values(bands).sort()).toEqual(['ABOVE', 'AVERAGE', 'BELOW', 'SUPPRESSED']);
      for (const e of exp.rows) {
        const r = present(
          got.find((x) => x.school.code === e.schoolCode),
          'row of the school',
        );
        expect(r.cohortSize).toBe(e.n);
        expect(r.band).toBe(e.band);
        if (e.band === 'SUPPRESSED') {
          expect([r.valueAdded, r.standardError, r.interval, r.rank, r.rankInterval, r.intakeMean]).toEqual([
            null,
            null,
            null,
            null,
            null,
            null,
          ]);
          continue;
        }
        expect(r.intakeMean).toBeCloseTo(e.intakeMean!, 9);
        expect(r.outcomeMean).toBeCloseTo(e.outcomeMean!, 9);
        expect(r.expectedOutcome).toBeCloseTo(e.expected!, 6);
        expect(r.valueAdded).toBeCloseTo(e.va!, 6);
        expect(r.standardError).toBeCloseTo(e.se!, 6);
        expect(r.interval?.low).toBeCloseTo(e.low!, 6);
        expect(r.interval?.high).toBeCloseTo(e.high!, 6);
        expect(r.growthIndex).toBeCloseTo(e.growth!, 6);
        expect(r.rank).toBe(e.rank);
        expect(r.rankInterval).toEqual({ best: e.best, worst: e.worst });
      }
      // Ordered by rank, suppressed last.
      expect(got.map((r) => r.rank)).toEqual([1, 2, 3, null]);
    },
  );

  it('is idempotent, honours the minCohort setting, and fails typed on too few students', async () => {
    const snapshot = async () =>
      db()
        .select()
        .from(valueAddedResults)
        .where(eq(valueAddedResults.cycleId, Number(await rowId())));
    const first = await snapshot();
    await s.gql(COMPUTE, { id: cycleId }, city);
    expect(await snapshot()).toEqual(first);

    await s.gql(SETTING, { input: { regionCode: DEMO.city, key: 'evaluation.minCohort', value: 13 } }, city);
    const raised = (await s.gql(COMPUTE, { id: cycleId }, city)).body.data.computeValueAdded;
    expect(raised.cycle?.minCohort).toBe(13);
    const exp = expectedValueAdded(students, 13);
    const got = (await valueAdded(city)).edges.map((e) => e.node);
    for (const e of exp.rows) expect(got.find((x) => x.school.code === e.schoolCode)?.band).toBe(e.band);
    expect(got.filter((r) => r.band === 'SUPPRESSED')).toHaveLength(2);
    await s.gql(SETTING, { input: { regionCode: DEMO.city, key: 'evaluation.minCohort', value: null } }, city);
    await s.gql(COMPUTE, { id: cycleId }, city);

    const empty = present(
      (
        await s.gql(
          CREATE,
          {
            input: {
              regionCode: DEMO.city,
              year: 2030,
              stage: 'SENIOR',
              name: '空周期',
              intakeMin: 0,
              intakeMax: 720,
              outcomeMin: 0,
              outcomeMax: 750,
            },
          },
          city,
        )
      ).body.data.createEvaluationCycle.cycle,
      'cycle',
    );
    const audits = await db().$count(auditEvents);
    const bad = (await s.gql(COMPUTE, { id: empty.id }, city)).body.data.computeValueAdded;
    expect(bad.errors[0]).toMatchObject({ code: 'INVALID_STATE', path: ['input', 'cycleId'] });
    expect(await db().$count(auditEvents)).toBe(audits);
    const [row] = await db().select().from(evaluationCycles).where(eq(evaluationCycles.id, empty.cycleId));
    expect(row.status).toBe('OPEN');
    const county = (await s.gql(COMPUTE, { id: cycleId }, anxiang)).body.data.computeValueAdded;
    expect(county.errors[0]).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('shows results to the jurisdiction before closing and to everyone after; never student rows', async () => {
    const portalBefore = await valueAdded(portal);
    expect(portalBefore.totalCount).toBe(0);
    const county = await valueAdded(anxiang);
    expect(county.edges.map((e) => e.node.school.code)).toEqual([
      seniors.find((x) => x.countyCode === DEMO.anxiang)!.code,
    ]);
    const evaluator = await token({ role: 'EVALUATOR', regionCode: DEMO.city });
    expect((await valueAdded(evaluator)).totalCount).toBe(0);

    expect((await s.gql(CLOSE, { id: cycleId }, city)).body.data.closeEvaluationCycle).toEqual({
      cycle: { status: 'CLOSED' },
      errors: [],
    });
    const portalAfter = await valueAdded(portal, { band: ['ABOVE', 'BELOW'] });
    expect(portalAfter.totalCount).toBe(2);
    const anon = (await s.gql(VA, { id: cycleId })).body.data?.evaluationCycle?.valueAdded;
    expect(anon?.totalCount).toBe(4);

    // Student-level data has no output type at all.
    const { body } = await s.gql(OUTPUT_TYPES, {}, city);
    const outputs = body.data.__schema.types.filter((t) => t.kind === 'OBJECT');
    expect(outputs.flatMap((t) => (t.fields ?? []).map((f) => f.name))).not.toContain('intakeScore');
  });

  it('freezes a closed cycle: no recomputation, no import, no second close', async () => {
    const before = await counts();
    expect((await s.gql(COMPUTE, { id: cycleId }, city)).body.data.computeValueAdded.errors[0]).toMatchObject({
      code: 'INVALID_STATE',
      path: ['input', 'cycleId'],
    });
    expect(
      (await s.gql(IMPORT, { input: { cycleId, rows: [{ ...students[0], outcomeScore: 1 }] } }, city)).body.data
        .importStudentScores.errors[0],
    ).toMatchObject({ code: 'INVALID_STATE', path: ['input', 'cycleId'] });
    expect((await s.gql(CLOSE, { id: cycleId }, city)).body.data.closeEvaluationCycle.errors[0]).toMatchObject({
      code: 'INVALID_STATE',
    });
    expect(await counts()).toEqual(before);
  });

  it('validates cycle creation', async () => {
    const base = {
      regionCode: DEMO.city,
      year: 2031,
      stage: 'SENIOR' as const,
      name: '校验',
      intakeMin: 0,
      intakeMax: 720,
      outcomeMin: 0,
      outcomeMax: 750,
    };
    const cases: [Partial<CreateEvaluationCycleInput>, string, string, string][] = [
      [{ intakeMax: -1 }, 'VALIDATION', 'input.intakeMax', city],
      [{ regionCode: '430800' }, 'FORBIDDEN', 'input.regionCode', city],
      [{}, 'FORBIDDEN', '', anxiang],
      [{ name: '测试增值评价', year: 2030 }, 'CONFLICT', 'input.name', city],
      [{ frameworkId: '99999' }, 'NOT_FOUND', 'input.frameworkId', city],
    ];
    const before = await db().$count(evaluationCycles);
    for (const [patch, code, path, who] of cases) {
      const r = (await s.gql(CREATE, { input: { ...base, ...patch } }, who)).body.data.createEvaluationCycle;
      expect(r.cycle).toBeNull();
      expect(r.errors[0]).toMatchObject({ code, path: path ? path.split('.') : [] });
    }
    expect(await db().$count(evaluationCycles)).toBe(before);
  });
});

describe('imports into a computed cycle', () => {
  let id: string;
  let rowIdNum: number;
  beforeAll(async () => {
    const c = present(
      (
        await s.gql(
          CREATE,
          {
            input: {
              regionCode: DEMO.city,
              year: 2031,
              stage: 'SENIOR',
              name: '部分导入',
              intakeMin: 0,
              intakeMax: 720,
              outcomeMin: 0,
              outcomeMax: 750,
            },
          },
          city,
        )
      ).body.data.createEvaluationCycle.cycle,
      'cycle',
    );
    id = c.id;
    rowIdNum = c.cycleId;
  });

  it('APPLY_VALID writes the valid rows and reports the rest; a changed score re-opens a computed cycle', async () => {
    const rows = students.slice(0, 20).map((x, i) => (i === 3 ? { ...x, intakeScore: 900 } : x));
    const p = (await s.gql(IMPORT, { input: { cycleId: id, rows, onError: 'APPLY_VALID' } }, city)).body.data
      .importStudentScores;
    expect(p.applied).toBe(true);
    expect([p.created, p.failed]).toEqual([19, 1]);
    expect(p.errors).toEqual([
      expect.objectContaining({ code: 'VALIDATION', path: ['input', 'rows', '3', 'intakeScore'] }),
    ]);
    expect((await s.gql(COMPUTE, { id }, city)).body.data.computeValueAdded.cycle?.status).toBe('COMPUTED');
    const same = (await s.gql(IMPORT, { input: { cycleId: id, rows: students.slice(0, 3) } }, city)).body.data
      .importStudentScores;
    expect(same.unchanged).toBe(3);
    expect((await db().select().from(evaluationCycles).where(eq(evaluationCycles.id, rowIdNum)))[0].status).toBe(
      'COMPUTED',
    );
    const changed = (
      await s.gql(
        IMPORT,
        { input: { cycleId: id, rows: [{ ...students[0], outcomeScore: students[0].outcomeScore - 1 }] } },
        city,
      )
    ).body.data.importStudentScores;
    expect(changed.updated).toBe(1);
    expect((await db().select().from(evaluationCycles).where(eq(evaluationCycles.id, rowIdNum)))[0].status).toBe(
      'OPEN',
    );
    expect(await db().$count(valueAddedResults, eq(valueAddedResults.cycleId, rowIdNum))).toBe(0);
  });

  it('refuses batches above the row limit', async () => {
    const many = Array.from({ length: 5001 }, (_, i) => ({ ...students[0], studentKey: `LIM-${i}` }));
    const p = (await s.gql(IMPORT, { input: { cycleId: id, rows: many } }, city)).body.data.importStudentScores;
    expect(p.errors[0]).toMatchObject({ code: 'LIMIT_EXCEEDED', path: ['input', 'rows'] });
  });

  describe.skipIf(!onRealPostgres)('concurrency (PostgreSQL)', () => {
    it('concurrent recomputations serialise on the cycle and leave one consistent result set', async () => {
      const ctx = serviceContext(s.db.database);
      await Promise.all([
        computeValueAdded(ctx, { cycleId: rowIdNum }),
        computeValueAdded(ctx, { cycleId: rowIdNum }),
        computeValueAdded(ctx, { cycleId: rowIdNum }),
      ]);
      const rows = await db().select().from(valueAddedResults).where(eq(valueAddedResults.cycleId, rowIdNum));
      expect(rows.length).toBe(new Set(students.slice(0, 20).map((x) => x.schoolCode)).size);
    });

    it('an import racing a close either lands before it or is refused', async () => {
      const ctx = serviceContext(s.db.database);
      const [imp, close] = await Promise.allSettled([
        importStudentScores(ctx, {
          cycleId: rowIdNum,
          rows: [{ ...students[1], outcomeScore: students[1].outcomeScore - 2 }],
        }),
        closeEvaluationCycle(ctx, { cycleId: rowIdNum }),
      ]);
      const [cycle] = await db().select().from(evaluationCycles).where(eq(evaluationCycles.id, rowIdNum));
      if (cycle.status === 'CLOSED') {
        // Closed first: the import must have been refused, and the results still describe the scores.
        expect(
          imp.status === 'rejected' ||
            (imp as PromiseFulfilledResult<Awaited<ReturnType<typeof importStudentScores>>>).value.applied === false,
        ).toBe(true);
      } else {
        // Imported first: the cycle went back to OPEN, so closing was refused.
        expect(close.status).toBe('rejected');
        expect(cycle.status).toBe('OPEN');
      }
    });
  });
});

async function rowId() {
  const [c] = await db().select().from(evaluationCycles).where(eq(evaluationCycles.name, '测试增值评价'));
  return c.id;
}
