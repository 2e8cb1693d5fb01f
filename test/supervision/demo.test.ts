import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCityState } from '../../schema/domains/supervision/rollup.js';
import { bulletinOf, dashboardOf } from '../../schema/domains/supervision/bulletin.js';
import { reportingPeriods } from '../../schema/domains/supervision/table.js';
import { graphql } from '../graphql/index.js';
import { DEMO, present, serviceContext, startTestServer, token, type TestServer } from '../harness.js';

/**
 * The 常德市 supervision demo against hand-counted colours. Task colours are worked out by hand
 * from each task's schedule and its progress at the time (see the comments), independently of
 * the roll-up code; region colours then follow the rule in the schema description.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const at = (iso: string) => ({ ...serviceContext(server.db.database), now: new Date(iso) });

describe('supervision demo (常德市)', () => {
  it('holds the 专项督导 with findings in three counties turned into tasks, a 回头看, and the escalations', async () => {
    const city = await token({ role: 'CITY_ADMIN', regionCode: DEMO.city });
    const { body } = await server.gql(
      graphql(`query SupervisionDemoRecords { inspections(first: 10) { nodes { kind title findings(first: 10) { nodes { regionCode taskId recheckPassed } } } }
         escalations(first: 10) { nodes { stage regionCode supervisingLeader decision decidedOn task { title } } }
         coordinationMeetings(first: 5) { nodes { kind participants agenda { title } decisions { task { regionCode deadline } } } }
         rapidResponseRequests(first: 5) { nodes { status regionCode } } }`),
      {},
      city,
    );
    expect(body.errors).toBeUndefined();
    const special = present(body.data.inspections.nodes.find((i) => i.kind === 'SPECIAL'));
    expect(special.findings.nodes.map((f) => f.regionCode).sort()).toEqual(['430721', '430725', '430726']);
    expect(special.findings.nodes.every((f) => f.taskId)).toBe(true);
    const followUp = present(body.data.inspections.nodes.find((i) => i.kind === 'FOLLOW_UP'));
    expect(followUp.findings.nodes).toEqual([expect.objectContaining({ recheckPassed: true })]);
    const stages = body.data.escalations.nodes.map((e) => `${e.stage}:${e.regionCode}:${e.task.title}`).sort();
    expect(stages).toEqual([
      'ACCOUNTABILITY:430725:核减超编学校编制并补充县中紧缺学科教师',
      'LISTED:430725:核减超编学校编制并补充县中紧缺学科教师',
    ]);
    const accountability = present(body.data.escalations.nodes.find((e) => e.stage === 'ACCOUNTABILITY'));
    expect(accountability.decidedOn).toBe('2026-11-25');
    const meeting = body.data.coordinationMeetings.nodes[0];
    expect(meeting.kind).toBe('QUARTERLY_COORDINATION');
    expect(meeting.decisions).toHaveLength(2);
    expect(body.data.rapidResponseRequests.nodes.map((r) => r.status).sort()).toEqual(['ANSWERED', 'OPEN']);
  });

  it('bulletins of September and October match hand-counted colours', async () => {
    const ctx = at('2026-11-21T12:00:00+08:00');
    const state = await loadCityState(ctx.db, DEMO.city);
    const periods = await ctx.db.select().from(reportingPeriods);
    const oct = periods.find((p) => p.startDate === '2026-10-01')!;
    const sep = periods.find((p) => p.startDate === '2026-09-01')!;
    const b = bulletinOf(ctx, state, oct);
    const row = (code: string) => {
      const r = b.regions.find((x) => x.regionCode === code)!;
      return [r.colour, r.red, r.yellow, r.green, r.report];
    };
    // End of October (Nov 1 00:00 CST), progress from period reports submitted by then:
    // 武陵 cross-county exchange 67% expected, 0 reported → RED; report 11-04 on time.
    expect(row('430702')).toEqual(['RED', 1, 0, 0, 'ON_TIME']);
    // 安乡: matching funds overdue, class sizes 81%, equipment 84% → RED ×3; finding task 20% of 28.8% → GREEN.
    expect(row('430721')).toEqual(['RED', 3, 0, 1, 'ON_TIME']);
    // 桃源: staffing 83% → RED; admissions overdue (accepted only later) → RED; plan 20% lag → YELLOW; finding 15 of 28.8 → YELLOW.
    expect(row('430725')).toEqual(['RED', 2, 2, 0, 'ON_TIME']);
    // 石门: finding 10 of 28.8, decisions 15.6% and 10.1% expected, 0 reported → YELLOW ×3; report 11-09 after 11-05 → LATE.
    expect(row('430726')).toEqual(['YELLOW', 0, 3, 0, 'LATE']);
    expect(row('430703')).toEqual(['GREEN', 0, 0, 0, 'NOT_REQUIRED']);
    expect(b.totals).toEqual({ red: 6, yellow: 5, green: 1, newlyListed: 1, newlyAccountable: 0, newlyAccepted: 0 });
    expect(b.listed.map((l) => l.regionCode)).toEqual(['430725']);
    // September: the finding tasks had no report before Oct 1 (14.2% expected → YELLOW), decisions not started.
    expect(bulletinOf(ctx, state, sep).totals).toEqual({
      red: 6,
      yellow: 3,
      green: 1,
      newlyListed: 0,
      newlyAccountable: 0,
      newlyAccepted: 0,
    });
  });

  it('the dashboard lists every county with colour now and the trend over the last periods', async () => {
    const ctx = at('2026-11-21T12:00:00+08:00');
    const counties = dashboardOf(ctx, await loadCityState(ctx.db, DEMO.city), 2);
    expect(counties).toHaveLength(9);
    const pick = (code: string) => {
      const c = counties.find((x) => x.regionCode === code)!;
      return [c.colour, c.red, c.yellow, c.open, c.listed, c.trend.map((t) => t.colour)];
    };
    // Now (current progress): 武陵 55 of 72.6 → YELLOW.
    expect(pick('430702')).toEqual(['YELLOW', 0, 1, 1, 0, ['RED', 'RED']]);
    // 安乡: funds overdue RED, class sizes 60 of 87.2 YELLOW, equipment awaiting acceptance, finding 40 of 38.2: 1 RED of 4 open → YELLOW.
    expect(pick('430721')).toEqual(['YELLOW', 1, 1, 4, 0, ['RED', 'RED']]);
    // 桃源: staffing listed (挂牌督办) and RED → RED.
    expect(pick('430725')).toEqual(['RED', 1, 0, 3, 1, ['RED', 'RED']]);
    expect(pick('430726')).toEqual(['YELLOW', 0, 3, 3, 0, ['YELLOW', 'YELLOW']]);
  });

  it('a portal reads the bulletin and dashboard but no escalation records', async () => {
    const portal = await token({ role: 'PORTAL', regionCode: DEMO.city });
    const { body: periods } = await server.gql(
      graphql(
        `query SupervisionDemoPeriods { reportingPeriods(regionCode: "430700", first: 5) { nodes { id label } } }`,
      ),
      {},
      portal,
    );
    const oct = present(periods.data.reportingPeriods.nodes.find((p) => p.label === '2026年10月'));
    const { body } = await server.gql(
      graphql(`query SupervisionDemoBulletin($p: ID!) { supervisionBulletin(periodId: $p) { totals { red yellow green newlyListed } regions { regionCode colour } }
         supervisionDashboard(cityCode: "430700") { regionCode colour }
         escalations(first: 5) { totalCount } inspections(first: 5) { totalCount } }`),
      { p: oct.id },
      portal,
    );
    expect(body.errors).toBeUndefined();
    expect(body.data.supervisionBulletin.totals).toEqual({ red: 6, yellow: 5, green: 1, newlyListed: 1 });
    expect(body.data.supervisionDashboard).toHaveLength(9);
    expect(body.data.escalations.totalCount).toBe(0);
    expect(body.data.inspections.totalCount).toBe(0);
  });
});
