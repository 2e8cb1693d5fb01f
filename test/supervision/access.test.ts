import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayCst } from '../../schema/domains/responsibility/dates.js';
import { addDays } from '../../schema/domains/supervision/periods.js';
import { DEMO, present, startTestServer, token, type TestServer } from '../harness.js';
import { graphql } from '../graphql/index.js';

/**
 * Item 7 of the supervision cycle, per role: the city plans and escalates; a county plans
 * inspections of its own schools, reports and asks; inspectors see and write only their
 * inspections' findings; portals read bulletins and region colours, never escalation records.
 */
let server: TestServer;
const today = todayCst();
const SHIMEN = '430726';

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const PLAN = graphql(
  `mutation SupervisionAccessPlan($input: PlanInspectionInput!) { planInspection(input: $input) { inspection { id } errors { code path } } }`,
);
const READ = graphql(
  `query SupervisionAccessRead { inspections(first: 20) { totalCount nodes { title } } inspectionFindings(first: 20) { totalCount } escalations(first: 20) { totalCount nodes { stage accountablePerson decision } } coordinationMeetings(first: 5) { totalCount } rapidResponseRequests(first: 5) { totalCount } }`,
);
const SCHOOLS = graphql(
  `query SupervisionAccessSchools($r: String!) { schools(first: 1, filter: { regionCode: $r }) { nodes { code } } }`,
);
const INSPECTIONS = graphql(`query SupervisionAccessInspections { inspections(first: 5) { nodes { id kind } } }`);
const FINDING = graphql(
  `mutation SupervisionAccessFinding($input: RecordFindingInput!) { recordFinding(input: $input) { finding { id } errors { code path } } }`,
);
const RUN = graphql(
  `mutation SupervisionAccessRunEscalations { runEscalations(input: { cityCode: "430700" }) { errors { code path } } }`,
);
const PERIODS = graphql(
  `mutation SupervisionAccessPeriods($i: GenerateReportingPeriodsInput!) { generateReportingPeriods(input: $i) { errors { code path } } }`,
);

describe('supervision access per role', () => {
  it('a county plans inspections of its own schools only', async () => {
    const anxiang = await token({ role: 'COUNTY_ADMIN', regionCode: DEMO.anxiang, subject: 'access-anxiang' });
    const { schools } = (await server.gql(SCHOOLS, { r: DEMO.anxiang })).body.data;
    const { schools: other } = (await server.gql(SCHOOLS, { r: DEMO.taoyuan })).body.data;
    const base = {
      regionCode: DEMO.anxiang,
      kind: 'SPOT_CHECK',
      title: '安乡县飞行检查',
      periodStart: today,
      periodEnd: today,
    } as const;
    const mine = (await server.gql(PLAN, { input: { ...base, scopeSchoolCodes: [schools.nodes[0].code] } }, anxiang))
      .body;
    expect(mine.data.planInspection.errors).toEqual([]);
    const theirs = (await server.gql(PLAN, { input: { ...base, scopeSchoolCodes: [other.nodes[0].code] } }, anxiang))
      .body;
    expect(theirs.data.planInspection.errors).toEqual([
      { code: 'VALIDATION', path: ['input', 'scopeSchoolCodes', '0'] },
    ]);
    const counties = (await server.gql(PLAN, { input: { ...base, scopeRegionCodes: [DEMO.anxiang] } }, anxiang)).body;
    expect(counties.data.planInspection.errors).toEqual([
      { code: 'VALIDATION', path: ['input', 'scopeRegionCodes', '0'] },
    ]);
    const forCity = (
      await server.gql(PLAN, { input: { ...base, regionCode: DEMO.city, scopeRegionCodes: [DEMO.anxiang] } }, anxiang)
    ).body;
    expect(forCity.data.planInspection.errors).toEqual([{ code: 'FORBIDDEN', path: ['input', 'regionCode'] }]);
  });

  it('each role reads what it should of the demo supervision records', async () => {
    const callers = {
      city: await token({ role: 'CITY_ADMIN', regionCode: DEMO.city }),
      taoyuan: await token({ role: 'COUNTY_ADMIN', regionCode: DEMO.taoyuan }),
      shimen: await token({ role: 'COUNTY_ADMIN', regionCode: SHIMEN }),
      observer: await token({ role: 'EVALUATOR', regionCode: DEMO.city, subject: 'cd-observer-1' }),
      evaluator: await token({ role: 'EVALUATOR', regionCode: DEMO.city, subject: 'someone-else' }),
      portal: await token({ role: 'PORTAL', regionCode: DEMO.city }),
    };
    const read = Object.fromEntries(
      await Promise.all(
        Object.entries(callers).map(async ([k, t]) => [k, (await server.gql(READ, {}, t)).body.data] as const),
      ),
    );
    // The city: the 专项督导 and the 回头看 (and the spot check of the test above, by 安乡); all four findings.
    expect(read.city.inspections.totalCount).toBe(3);
    expect(read.city.inspectionFindings.totalCount).toBe(4);
    expect(read.city.escalations.totalCount).toBe(2);
    expect(read.city.escalations.nodes.find((e) => e.stage === 'ACCOUNTABILITY')).toMatchObject({
      accountablePerson: '桃源县教育局分管副局长',
    });
    // 桃源: the city's inspections that cover it, its findings (专项 + 回头看) and its own escalations.
    expect(read.taoyuan.inspections.totalCount).toBe(2);
    expect(read.taoyuan.inspectionFindings.totalCount).toBe(2);
    expect(read.taoyuan.escalations.totalCount).toBe(2);
    // 石门: the 专项督导 only, its finding, no escalation, its request (not 安乡's).
    expect(read.shimen).toMatchObject({
      inspections: { totalCount: 1 },
      inspectionFindings: { totalCount: 1 },
      escalations: { totalCount: 0 },
      rapidResponseRequests: { totalCount: 1 },
    });
    // The observer of the 专项督导: that inspection and its three findings, nothing else.
    expect(read.observer).toMatchObject({
      inspections: { totalCount: 1, nodes: [{ title: '2026年县域普通高中发展提升政策落实专项督导' }] },
      inspectionFindings: { totalCount: 3 },
      escalations: { totalCount: 0 },
      coordinationMeetings: { totalCount: 0 },
    });
    // An evaluator on no inspection, and a portal: nothing.
    for (const who of ['evaluator', 'portal']) {
      expect(read[who], who).toMatchObject({
        inspections: { totalCount: 0 },
        inspectionFindings: { totalCount: 0 },
        escalations: { totalCount: 0 },
        coordinationMeetings: { totalCount: 0 },
        rapidResponseRequests: { totalCount: 0 },
      });
    }
  });

  it(
    'an inspector writes findings only in their own inspection; a county cannot escalate or ' + 'set the rhythm',
    async () => {
      const observer = await token({ role: 'EVALUATOR', regionCode: DEMO.city, subject: 'cd-observer-1' });
      const city = await token({ role: 'CITY_ADMIN', regionCode: DEMO.city });
      const { inspections } = (await server.gql(INSPECTIONS, {}, city)).body.data;
      const special = present(inspections.nodes.find((i) => i.kind === 'SPECIAL')).id;
      const followUp = present(inspections.nodes.find((i) => i.kind === 'FOLLOW_UP')).id;
      const input = {
        regionCode: SHIMEN,
        severity: 'MINOR',
        itemKey: 'PLANNING.LOCAL_IMPLEMENTATION_PLAN',
        description: '补充发现：方案未公开征求意见。',
      } as const;
      expect(
        (await server.gql(FINDING, { input: { ...input, inspectionId: special } }, observer)).body.data.recordFinding
          .errors,
      ).toEqual([]);
      expect(
        (await server.gql(FINDING, { input: { ...input, inspectionId: followUp } }, observer)).body.data.recordFinding
          .errors,
      ).toEqual([{ code: 'FORBIDDEN', path: ['input', 'inspectionId'] }]);
      const shimen = await token({ role: 'COUNTY_ADMIN', regionCode: SHIMEN });
      const run = (await server.gql(RUN, {}, shimen)).body;
      expect(run.data.runEscalations.errors).toEqual([{ code: 'FORBIDDEN', path: [] }]);
      const periods = (
        await server.gql(PERIODS, { i: { cityCode: DEMO.city, from: today, to: addDays(today, 7) } }, shimen)
      ).body;
      expect(periods.data.generateReportingPeriods.errors).toEqual([{ code: 'FORBIDDEN', path: [] }]);
    },
  );
});
