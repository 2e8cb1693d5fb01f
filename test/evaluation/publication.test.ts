import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { globalIdOf } from '../../schema/domains/shared/ids.js';
import { DEMO, present, startTestServer, token, type TestServer } from '../harness.js';
import { graphql } from '../graphql/index.js';

/**
 * Published evaluation results (closed cycles) as callers outside the schools' jurisdiction see
 * them: small groups of evaluators suppressed, no rank unless the region publishes ranks, and
 * invitations (with evaluators' names) never readable by id.
 */
const CLOSED = graphql(
  `query EvaluationPublicationClosed($r: String!) { evaluationCycles(regionCode: $r, status: [CLOSED], first: 5) { nodes { id } } }`,
);
const RESULTS = graphql(
  `query EvaluationPublicationResults($id: ID!) { evaluationCycle(id: $id) { evaluationResults { school { code countyCode } overall parties { party weight score submissions suppressed } } } }`,
);
const VALUE_ADDED = graphql(
  `query EvaluationPublicationValueAdded($id: ID!) { evaluationCycle(id: $id) { valueAdded(first: 100) { nodes { school { code } band valueAdded rank rankInterval { best worst } } } } }`,
);
const PROFILE = graphql(
  `query EvaluationPublicationProfile($c: String!) { schoolProfile(code: $c) { evaluations { overall parties { party score suppressed } } } }`,
);
const INVITATIONS = graphql(
  `query EvaluationPublicationInvitations { evaluationInvitations(first: 10) { nodes { id evaluatorName } } }`,
);
const INVITATION_NODES = graphql(
  `query EvaluationPublicationInvitationNodes($ids: [ID!]!) { nodes(ids: $ids) { id ... on EvaluationInvitation { evaluatorName } } }`,
);
const SET = graphql(
  `mutation EvaluationPublicationSet($input: SetRegionSettingInput!) { setRegionSetting(input: $input) { errors { code path message } } }`,
);

let s: TestServer;
let city: string;
let portal: string;
let cycleId: string;

beforeAll(async () => {
  s = await startTestServer({ env: { EDUGOV_RATE_LIMIT: 'false' } });
  city = await token({ role: 'CITY_ADMIN', regionCode: DEMO.city });
  portal = await token({ role: 'PORTAL', regionCode: DEMO.city });
  const { body } = await s.gql(CLOSED, { r: DEMO.city }, city);
  cycleId = body.data.evaluationCycles.nodes[0].id;
});
afterAll(() => s?.close());

type Party = { party: string; weight: number; score: number | null; submissions: number; suppressed: boolean };
type Result = { school: { code: string; countyCode: string }; overall: number | null; parties: Party[] };
const results = async (bearer?: string): Promise<Result[]> =>
  present((await s.gql(RESULTS, { id: cycleId }, bearer)).body.data.evaluationCycle).evaluationResults;
const setting = async (key: string, value: unknown, regionCode: string = DEMO.city) =>
  expect((await s.gql(SET, { input: { regionCode, key, value } }, city)).body.data.setRegionSetting.errors).toEqual([]);

describe('small groups in published multi-party results (小样本抑制)', () => {
  it(
    'outside the jurisdiction, a party score with fewer than 3 submissions is withheld and ' +
      'left out of the overall',
    async () => {
      const full = await results(city);
      const shown = await results(portal);
      expect(shown.map((r) => r.school.code)).toEqual(full.map((r) => r.school.code));
      let suppressedParties = 0;
      let shownParties = 0;
      for (const [i, exact] of full.entries()) {
        const pub = shown[i];
        // Independent: withhold parties under 3 submissions, re-weight the overall over the rest.
        const kept = exact.parties.filter((p) => p.score != null && p.submissions >= 3);
        const weight = kept.reduce((a, p) => a + p.weight, 0);
        const overall = weight > 0 ? kept.reduce((a, p) => a + p.score! * p.weight, 0) / weight : null;
        for (const [k, p] of exact.parties.entries()) {
          const hidden = p.score != null && p.submissions < 3;
          expect(pub.parties[k]).toMatchObject({
            party: p.party,
            submissions: p.submissions,
            suppressed: hidden,
            score: hidden ? null : p.score,
          });
          if (hidden) suppressedParties++;
          else if (p.score != null) shownParties++;
        }
        if (overall == null) expect(pub.overall).toBeNull();
        else expect(pub.overall).toBeCloseTo(overall, 9);
        expect(exact.parties.every((p) => !p.suppressed)).toBe(true);
      }
      // The demo has single-submission parties (one inspector, one county self-evaluation) and full social panels.
      expect(suppressedParties).toBeGreaterThan(0);
      expect(shownParties).toBeGreaterThan(0);
    },
  );

  it('no single evaluator’s exact score appears anywhere in the published answer', async () => {
    const full = await results(city);
    const shown = await results(portal);
    let singles = 0;
    for (const [i, exact] of full.entries()) {
      const published = [shown[i].overall, ...shown[i].parties.map((p) => p.score)];
      for (const p of exact.parties.filter((x) => x.submissions === 1 && x.score != null)) {
        singles++;
        expect(published, `${exact.school.code} ${p.party}`).not.toContain(p.score);
      }
    }
    expect(singles).toBeGreaterThan(0);
  });

  it('the threshold is a region setting: at 1 everything is shown', async () => {
    await setting('evaluation.minPartySubmissions', 1);
    const full = await results(city);
    expect(await results(portal)).toEqual(full);
    await setting('evaluation.minPartySubmissions', null);
  });

  it('a county admin sees its own schools exactly and others’ as published', async () => {
    const anxiang = await token({ role: 'COUNTY_ADMIN', regionCode: DEMO.anxiang });
    const full = await results(city);
    const mixed = await results(anxiang);
    for (const [i, r] of mixed.entries()) {
      const own = r.school.countyCode === DEMO.anxiang;
      const suppressed = r.parties.some((p) => p.suppressed);
      if (own) expect(r).toEqual(full[i]);
      else expect(suppressed).toBe(full[i].parties.some((p) => p.score != null && p.submissions < 3));
    }
    expect(mixed.some((r) => r.school.countyCode === DEMO.anxiang)).toBe(true);
  });

  it('the school profile applies the same suppression', async () => {
    const [first] = await results(city);
    const pub = present((await s.gql(PROFILE, { c: first.school.code }, portal)).body.data.schoolProfile)
      .evaluations[0];
    const shown = (await results(portal))[0];
    expect(pub).toEqual({
      overall: shown.overall,
      parties: shown.parties.map(({ party, score, suppressed }) => ({ party, score, suppressed })),
    });
  });
});

describe('ranks of a closed cycle (不得以排名公布)', () => {
  it('are hidden from the public by default, and the list is by school, not by rank', async () => {
    const own = (await s.gql(VALUE_ADDED, { id: cycleId }, city)).body.data.evaluationCycle!.valueAdded.nodes;
    const pub = (await s.gql(VALUE_ADDED, { id: cycleId }, portal)).body.data.evaluationCycle!.valueAdded.nodes;
    expect(own.some((r) => r.rank != null && r.rankInterval != null)).toBe(true);
    expect(pub.length).toBe(own.length);
    expect(pub.every((r) => r.rank === null && r.rankInterval === null)).toBe(true);
    // Value added, band and interval stay public.
    expect(pub.some((r) => r.valueAdded != null && r.band !== 'SUPPRESSED')).toBe(true);
    const anonymous = (await s.gql(VALUE_ADDED, { id: cycleId })).body.data.evaluationCycle!.valueAdded.nodes;
    expect(anonymous.every((r) => r.rank === null)).toBe(true);
    const codes = pub.map((r) => r.school.code);
    expect(codes).not.toEqual(own.map((r) => r.school.code));
    expect(new Set(codes)).toEqual(new Set(own.map((r) => r.school.code)));
  });

  it('are published when the region turns evaluation.publishRank on', async () => {
    await setting('evaluation.publishRank', true);
    const own = (await s.gql(VALUE_ADDED, { id: cycleId }, city)).body.data.evaluationCycle!.valueAdded.nodes;
    const pub = (await s.gql(VALUE_ADDED, { id: cycleId }, portal)).body.data.evaluationCycle!.valueAdded.nodes;
    const rankOf = (rows: typeof own) => Object.fromEntries(rows.map((r) => [r.school.code, [r.rank, r.rankInterval]]));
    expect(rankOf(pub)).toEqual(rankOf(own));
    await setting('evaluation.publishRank', null);
    const again = (await s.gql(VALUE_ADDED, { id: cycleId }, portal)).body.data.evaluationCycle!.valueAdded.nodes;
    expect(again.every((r) => r.rank === null)).toBe(true);
  });
});

describe('evaluation invitations name no evaluator to anyone but their readers', () => {
  it(
    'node(id) of an invitation is null for anonymous callers, portals and other evaluators, as ' + 'the list is',
    async () => {
      const list = (await s.gql(INVITATIONS, {}, city)).body.data.evaluationInvitations.nodes;
      const named = list.filter((i) => i.evaluatorName);
      expect(named.length).toBeGreaterThan(0);
      const ids = [
        ...named.map((i) => i.id),
        ...Array.from({ length: 20 }, (_, k) => globalIdOf('EvaluationInvitation', k + 1)),
      ];
      const other = await token({ role: 'EVALUATOR', regionCode: DEMO.city, subject: 'not-invited' });
      for (const bearer of [undefined, portal, other]) {
        const { body } = await s.gql(INVITATION_NODES, { ids }, bearer);
        expect(body.errors).toBeUndefined();
        expect(body.data.nodes.every((n: unknown) => n === null)).toBe(true);
        for (const i of named) expect(JSON.stringify(body)).not.toContain(present(i.evaluatorName));
      }
      // The city admin reads them by id as in its list.
      const mine = (await s.gql(INVITATION_NODES, { ids: named.map((i) => i.id) }, city)).body.data.nodes;
      expect(mine.map((n) => (n && 'evaluatorName' in n ? n.evaluatorName : null))).toEqual(
        named.map((i) => i.evaluatorName),
      );
    },
  );
});
