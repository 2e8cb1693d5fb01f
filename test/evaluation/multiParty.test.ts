import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../schema/domains/audit/table.js';
import { evaluationScores } from '../../schema/domains/evaluation/table.js';
import { graphql } from '../graphql/index.js';
import { DEMO, present, startTestServer, token, type TestServer } from '../harness.js';

const FRAMEWORK = graphql(
  `mutation EvaluationMultiPartyFramework($input: CreateEvaluationFrameworkInput!) { createEvaluationFramework(input: $input) { framework { id frameworkId indicators { code dimension } } errors { code path message } } }`,
);
const CREATE = graphql(
  `mutation EvaluationMultiPartyCreateCycle($input: CreateEvaluationCycleInput!) { createEvaluationCycle(input: $input) { cycle { id } errors { code path message } } }`,
);
const INVITE = graphql(
  `mutation EvaluationMultiPartyInvite($input: InviteEvaluatorsInput!) { inviteEvaluators(input: $input) { result { invitations { id invitationId party school { code } } } errors { code path message } } }`,
);
const SUBMIT = graphql(
  `mutation EvaluationMultiPartySubmit($input: SubmitEvaluationInput!) { submitEvaluation(input: $input) { invitation { invitationId submittedAt } errors { code path message } } }`,
);
const MINE = graphql(
  `query EvaluationMultiPartyMine { evaluationInvitations(first: 50) { totalCount edges { node { invitationId party school { code } } } } }`,
);
const RESULTS = graphql(
  `query EvaluationMultiPartyResults($id: ID!) { evaluationCycle(id: $id) { evaluationResults { school { code } overall parties { party weight score submissions invitations } } } }`,
);
const PROFILE = graphql(
  `query EvaluationMultiPartySchoolProfile($c: String!) { schoolProfile(code: $c) { school { code name } indicatorValues { year indicator value } valueAdded { band cycle { name } } evaluations { cycleId overall } } }`,
);
const FIRST_PRIMARY = graphql(
  `query EvaluationMultiPartyFirstPrimary { schools(first: 1, filter: { regionCode: "430725", stage: [PRIMARY] }) { nodes { code } } }`,
);
const results = async (tok: string) =>
  present((await s.gql(RESULTS, { id: cycleId }, tok)).body.data.evaluationCycle, 'evaluationCycle').evaluationResults;

const INDICATORS = [
  { code: 'ACAD', name: '学业水平', dimension: 'ACADEMIC' as const, weight: 40, maxScore: 100 },
  { code: 'HLTH', name: '身心健康', dimension: 'HEALTH' as const, weight: 20, maxScore: 100 },
  { code: 'ARTS', name: '艺术素养', dimension: 'ARTS' as const, weight: 20, maxScore: 10 },
  { code: 'LAB', name: '劳动实践', dimension: 'LABOUR' as const, weight: 20, maxScore: 10 },
];
const WEIGHTS = { CITY_INSPECTION: 0.5, COUNTY_SELF: 0.3, SOCIAL: 0.2 };
const SCHOOL = '3443021001'; // 安乡县第一中学
const OTHER = '3443025001'; // 桃源县第一中学

let s: TestServer;
let city: string;
let anxiang: string;
let cycleId: string;
let inv: Record<string, number>;
const db = () => s.db.database.db;
const evaluator = (subject: string, scopes = ['read', 'write']) =>
  token({ role: 'EVALUATOR', regionCode: DEMO.city, subject, scopes: scopes as never });
const scores = (vals: number[]) => INDICATORS.map((d, i) => ({ indicatorCode: d.code, score: vals[i] }));

beforeAll(async () => {
  s = await startTestServer();
  city = await token({ role: 'CITY_ADMIN', regionCode: DEMO.city });
  anxiang = await token({ role: 'COUNTY_ADMIN', regionCode: DEMO.anxiang });
});
afterAll(() => s?.close());

describe('frameworks and invitations', () => {
  it('rejects bad frameworks with typed errors', async () => {
    const base = {
      regionCode: DEMO.city,
      name: '坏体系',
      partyWeights: { cityInspection: 0.5, countySelf: 0.3, social: 0.2 },
      indicators: INDICATORS,
    };
    const dup = (
      await s.gql(
        FRAMEWORK,
        {
          input: {
            ...base,
            indicators: [INDICATORS[0], { ...INDICATORS[1], code: 'ACAD' }, { ...INDICATORS[2], maxScore: 0 }],
          },
        },
        city,
      )
    ).body.data.createEvaluationFramework;
    expect(dup.errors.map((e) => `${e.code} ${e.path.join('.')}`)).toEqual([
      'VALIDATION input.indicators.2.maxScore',
      'DUPLICATE input.indicators.1.code',
    ]);
    const zero = (
      await s.gql(
        FRAMEWORK,
        { input: { ...base, partyWeights: { cityInspection: 0, countySelf: 0, social: 0 } } },
        city,
      )
    ).body.data.createEvaluationFramework;
    expect(zero.errors[0]).toMatchObject({ code: 'VALIDATION', path: ['input', 'partyWeights'] });
    const county = (await s.gql(FRAMEWORK, { input: base }, anxiang)).body.data.createEvaluationFramework;
    expect(county.errors[0]).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('creates a framework, a cycle using it, and invitations', async () => {
    const fw = (
      await s.gql(
        FRAMEWORK,
        {
          input: {
            regionCode: DEMO.city,
            name: '测试多元评价体系',
            partyWeights: { cityInspection: 0.5, countySelf: 0.3, social: 0.2 },
            indicators: INDICATORS,
          },
        },
        city,
      )
    ).body.data.createEvaluationFramework;
    expect(fw.errors).toEqual([]);
    const cycle = (
      await s.gql(
        CREATE,
        {
          input: {
            regionCode: DEMO.city,
            year: 2032,
            stage: 'SENIOR',
            name: '多元评价测试',
            intakeMin: 0,
            intakeMax: 720,
            outcomeMin: 0,
            outcomeMax: 750,
            frameworkId: present(fw.framework, 'framework').id,
          },
        },
        city,
      )
    ).body.data.createEvaluationCycle;
    expect(cycle.errors).toEqual([]);
    cycleId = present(cycle.cycle, 'cycle').id;
    const invitations = [
      {
        schoolCode: SCHOOL,
        party: 'CITY_INSPECTION' as const,
        evaluatorSubject: 'inspector-1',
        evaluatorName: '市督学 刘明',
      },
      { schoolCode: SCHOOL, party: 'COUNTY_SELF' as const },
      { schoolCode: SCHOOL, party: 'SOCIAL' as const, evaluatorSubject: 'parent-1', evaluatorName: '家长 王芳' },
      { schoolCode: SCHOOL, party: 'SOCIAL' as const, evaluatorSubject: 'parent-2', evaluatorName: '家长 李强' },
      { schoolCode: SCHOOL, party: 'SOCIAL' as const, evaluatorSubject: 'expert-1', evaluatorName: '专家 陈静' },
      { schoolCode: OTHER, party: 'SOCIAL' as const, evaluatorSubject: 'parent-1', evaluatorName: '家长 王芳' },
    ];
    const bad = (
      await s.gql(
        INVITE,
        {
          input: {
            cycleId,
            invitations: [
              { schoolCode: '3443999999', party: 'SOCIAL', evaluatorSubject: 'x' },
              { schoolCode: SCHOOL, party: 'SOCIAL' },
            ],
          },
        },
        city,
      )
    ).body.data.inviteEvaluators;
    expect(bad.errors.map((e) => `${e.code} ${e.path.join('.')}`)).toEqual([
      'VALIDATION input.invitations.1.evaluatorSubject',
    ]);
    const missing = (
      await s.gql(
        INVITE,
        { input: { cycleId, invitations: [{ schoolCode: '3443999999', party: 'SOCIAL', evaluatorSubject: 'x' }] } },
        city,
      )
    ).body.data.inviteEvaluators;
    expect(missing.errors[0]).toMatchObject({ code: 'NOT_FOUND', path: ['input', 'invitations', '0', 'schoolCode'] });
    const byCounty = (await s.gql(INVITE, { input: { cycleId, invitations } }, anxiang)).body.data.inviteEvaluators;
    expect(byCounty.errors[0]).toMatchObject({ code: 'FORBIDDEN', path: [] });
    const r = (await s.gql(INVITE, { input: { cycleId, invitations } }, city)).body.data.inviteEvaluators;
    expect(r.errors).toEqual([]);
    const ids = present(r.result, 'result').invitations.map((i) => i.invitationId);
    inv = { inspector: ids[0], county: ids[1], parent1: ids[2], parent2: ids[3], expert: ids[4], parent1Other: ids[5] };
  });

  it('an evaluator sees and submits only their own invitations', async () => {
    const p1 = await evaluator('parent-1');
    const mine = (await s.gql(MINE, {}, p1)).body.data.evaluationInvitations;
    expect(mine.edges.map((e) => e.node.invitationId).sort()).toEqual([inv.parent1, inv.parent1Other].sort());
    const before = [await db().$count(evaluationScores), await db().$count(auditEvents)];
    const other = (
      await s.gql(SUBMIT, { input: { invitationId: String(inv.parent2), scores: scores([80, 80, 8, 8]) } }, p1)
    ).body.data.submitEvaluation;
    expect(other.errors[0]).toMatchObject({ code: 'NOT_FOUND', path: ['input', 'invitationId'] });
    const readOnly = (
      await s.gql(
        SUBMIT,
        { input: { invitationId: String(inv.parent1), scores: scores([80, 80, 8, 8]) } },
        await evaluator('parent-1', ['read']),
      )
    ).body.data.submitEvaluation;
    expect(readOnly.errors[0]).toMatchObject({ code: 'FORBIDDEN' });
    const badScores = [
      { indicatorCode: 'ACAD', score: 101 },
      { indicatorCode: 'ACAD', score: 50 },
      { indicatorCode: 'NOPE', score: 1 },
      { indicatorCode: 'ARTS', score: -1 },
    ];
    const bad = (await s.gql(SUBMIT, { input: { invitationId: String(inv.parent1), scores: badScores } }, p1)).body.data
      .submitEvaluation;
    expect(bad.errors.map((e) => `${e.code} ${e.path.join('.')}`)).toEqual([
      'VALIDATION input.scores.0.score',
      'DUPLICATE input.scores.1.indicatorCode',
      'NOT_FOUND input.scores.2.indicatorCode',
      'VALIDATION input.scores.3.score',
      'REQUIRED input.scores',
    ]);
    // Another county's bureau cannot answer 安乡's self-evaluation.
    const taoyuan = await token({ role: 'COUNTY_ADMIN', regionCode: DEMO.taoyuan });
    const wrongCounty = (
      await s.gql(SUBMIT, { input: { invitationId: String(inv.county), scores: scores([90, 90, 9, 9]) } }, taoyuan)
    ).body.data.submitEvaluation;
    expect(wrongCounty.errors[0]).toMatchObject({ code: 'NOT_FOUND' });
    expect([await db().$count(evaluationScores), await db().$count(auditEvents)]).toEqual(before);
  });

  it('aggregates per school with indicator and party weights, like an independent calculation', async () => {
    const submissions: [string, number, number[]][] = [
      ['inspector-1', inv.inspector, [70, 80, 6, 9]],
      ['parent-1', inv.parent1, [90, 60, 8, 7]],
      ['parent-2', inv.parent2, [80, 70, 10, 5]],
      ['parent-1', inv.parent1Other, [60, 60, 6, 6]],
    ];
    for (const [who, id, vals] of submissions) {
      const r = (
        await s.gql(SUBMIT, { input: { invitationId: String(id), scores: scores(vals) } }, await evaluator(who))
      ).body.data.submitEvaluation;
      expect(r.errors).toEqual([]);
    }
    const self = (
      await s.gql(
        SUBMIT,
        { input: { invitationId: String(inv.county), scores: scores([85, 85, 7, 7]), comment: '自评' } },
        anxiang,
      )
    ).body.data.submitEvaluation;
    expect(self.errors).toEqual([]);
    // Resubmitting replaces (parent-2 changes their mind).
    await s.gql(
      SUBMIT,
      { input: { invitationId: String(inv.parent2), scores: scores([40, 70, 10, 5]) } },
      await evaluator('parent-2'),
    );

    // Independent: per party, indicator means as % of max, indicator-weighted; overall party-weighted over parties present.
    const pct = (vals: number[]) => vals.map((v, i) => (v / INDICATORS[i].maxScore) * 100);
    const partyScore = (subs: number[][]) => {
      const means = INDICATORS.map((_, i) => subs.reduce((a, s) => a + pct(s)[i], 0) / subs.length);
      return means.reduce((a, m, i) => a + m * INDICATORS[i].weight, 0) / INDICATORS.reduce((a, d) => a + d.weight, 0);
    };
    const city_ = partyScore([[70, 80, 6, 9]]);
    const county_ = partyScore([[85, 85, 7, 7]]);
    const social = partyScore([
      [90, 60, 8, 7],
      [40, 70, 10, 5],
    ]);
    const overall = (city_ * 0.5 + county_ * 0.3 + social * 0.2) / 1.0;
    const otherOverall = partyScore([[60, 60, 6, 6]]); // only SOCIAL submitted there: its score is the overall

    const statements = s.db.database.statements.count;
    const res = await results(city);
    // Cycle, aggregation, schools: a constant number of statements, however many schools.
    expect(s.db.database.statements.count - statements).toBeLessThanOrEqual(4);
    const mine = present(
      res.find((r) => r.school.code === SCHOOL),
      'result of the school',
    );
    expect(mine.overall).toBeCloseTo(overall, 9);
    const parties = Object.fromEntries(mine.parties.map((p) => [p.party, p]));
    expect(parties.CITY_INSPECTION).toMatchObject({ weight: WEIGHTS.CITY_INSPECTION, submissions: 1, invitations: 1 });
    expect(parties.CITY_INSPECTION.score).toBeCloseTo(city_, 9);
    expect(parties.COUNTY_SELF.score).toBeCloseTo(county_, 9);
    expect(parties.SOCIAL).toMatchObject({ submissions: 2, invitations: 3 });
    expect(parties.SOCIAL.score).toBeCloseTo(social, 9);
    expect(res.find((r) => r.school.code === OTHER)?.overall).toBeCloseTo(otherOverall, 9);

    // Before publication a portal and the evaluators see no results; the county only its own school.
    const portal = await token({ role: 'PORTAL' });
    expect(await results(portal)).toEqual([]);
    expect(await results(await evaluator('parent-1'))).toEqual([]);
    expect((await results(anxiang)).map((r) => r.school.code)).toEqual([SCHOOL]);
  });

  it('the school profile brings indicators, value added and evaluations together', async () => {
    const p = present((await s.gql(PROFILE, { c: SCHOOL }, city)).body.data.schoolProfile, 'schoolProfile');
    const mineCycle = Number(Buffer.from(cycleId, 'base64').toString().split(':')[1]);
    expect(p.school.code).toBe(SCHOOL);
    // The demo's published 2026 cycle and this test's open one.
    expect(p.evaluations.map((e) => e.cycleId)).toContain(mineCycle);
    expect(p.valueAdded.map((v) => v.cycle.name)).toContain('2026年常德市普通高中增值评价（中考→高考）');
    expect(p.indicatorValues).toEqual([]); // a senior school: no compulsory-education balance indicators
    expect((await s.gql(PROFILE, { c: '0000000000' }, city)).body.data.schoolProfile).toBeNull();
    // A portal sees only published (closed) cycles' aggregates.
    const portal = await token({ role: 'PORTAL' });
    const pp = present((await s.gql(PROFILE, { c: SCHOOL }, portal)).body.data.schoolProfile, 'schoolProfile');
    expect(pp.evaluations.map((e) => e.cycleId)).not.toContain(mineCycle);
    expect(pp.evaluations.length).toBe(1);
    expect(pp.valueAdded.length).toBe(1);
    const primary = present((await s.gql(FIRST_PRIMARY, {}, portal)).body.data.schools.nodes[0], 'primary school').code;
    const years = present(
      (await s.gql(PROFILE, { c: primary }, portal)).body.data.schoolProfile,
      'schoolProfile',
    ).indicatorValues.map((v) => v.year);
    expect(new Set(years)).toEqual(new Set([2025, 2026]));
  });
});
