import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrolmentPlans } from '../../schema/domains/enrolment/table.js';
import { graphql } from '../graphql/index.js';
import { createTestDb, DEMO, onRealPostgres, present, startTestServer, token, type TestServer } from '../harness.js';
import { enrolmentApi } from './fixture.js';

/**
 * One current version per city, year and stage under real concurrency (PostgreSQL only: PGlite
 * has one connection): racing amendments open one draft, racing publishes publish it once.
 */
const CURRENT = graphql(
  `query EnrolmentConcurrencyCurrentPlan($regionCode: String!) { currentEnrolmentPlan(regionCode: $regionCode, year: 2026, stage: SENIOR) { id } }`,
);

describe.skipIf(!onRealPostgres)('publishing and amending under concurrency', () => {
  let s: TestServer;
  let city: string;
  let demoPlan: string;
  const api = enrolmentApi(() => s);
  const versions = () =>
    api
      .db()
      .select({ id: enrolmentPlans.id, status: enrolmentPlans.status, sequence: enrolmentPlans.sequence })
      .from(enrolmentPlans)
      .where(
        and(
          eq(enrolmentPlans.regionCode, DEMO.city),
          eq(enrolmentPlans.year, 2026),
          eq(enrolmentPlans.stage, 'SENIOR'),
        ),
      )
      .orderBy(enrolmentPlans.sequence);

  beforeAll(async () => {
    s = await startTestServer({ db: await createTestDb({ poolSize: 20 }), env: { EDUGOV_RATE_LIMIT: 'false' } });
    city = await token({ role: 'CITY_ADMIN', regionCode: DEMO.city });
    const { body } = await s.gql(CURRENT, { regionCode: DEMO.city }, city);
    demoPlan = present(body.data.currentEnrolmentPlan, 'currentEnrolmentPlan').id;
  });
  afterAll(() => s?.close());

  it('20 racing amendments open exactly one draft; the others are refused, none half-made', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_v, i) =>
        api.run(
          'create',
          {
            regionCode: DEMO.city,
            year: 2026,
            stage: 'SENIOR',
            title: `修订 ${i}`,
            quotaShareMinPercent: 50,
            copyFromPlanId: demoPlan,
          },
          city,
        ),
      ),
    );
    const won = results.filter((r) => r.plan);
    expect(won.length).toBe(1);
    for (const r of results.filter((x) => !x.plan)) expect(['INVALID_STATE', 'CONFLICT']).toContain(r.errors[0].code);
    expect((await versions()).map((v) => [v.sequence, v.status])).toEqual([
      [1, 'SUPERSEDED'],
      [2, 'PUBLISHED'],
      [3, 'DRAFT'],
    ]);
    expect(won[0].plan?.schools.totalCount).toBe(11);
  });

  it('20 racing publishes of the draft publish it once; there is one current version', async () => {
    const [draft] = (await versions()).filter((v) => v.status === 'DRAFT');
    const planId = Buffer.from(`EnrolmentPlan:${draft.id}`).toString('base64');
    const results = await Promise.all(Array.from({ length: 20 }, () => api.run('publish', { planId }, city)));
    expect(results.filter((r) => r.plan).length).toBe(1);
    for (const r of results.filter((x) => !x.plan))
      expect(r.errors.map((e: { code: string; path: string[] }) => [e.code, e.path.join('.')])).toEqual([
        ['INVALID_STATE', 'input.planId'],
      ]);
    expect((await versions()).map((v) => [v.sequence, v.status])).toEqual([
      [1, 'SUPERSEDED'],
      [2, 'SUPERSEDED'],
      [3, 'PUBLISHED'],
    ]);
  });

  it('amending and publishing in parallel lanes never leaves two current versions', async () => {
    const lane = async (lane: number) => {
      for (let round = 0; round < 3; round++) {
        const { body } = await s.gql(CURRENT, { regionCode: DEMO.city }, city);
        const created = await api.run(
          'create',
          {
            regionCode: DEMO.city,
            year: 2026,
            stage: 'SENIOR',
            title: `并行修订 ${lane}-${round}`,
            quotaShareMinPercent: 50,
            copyFromPlanId: present(body.data.currentEnrolmentPlan, 'currentEnrolmentPlan').id,
          },
          city,
        );
        if (created.plan) await api.run('publish', { planId: created.plan.id }, city);
      }
    };
    await Promise.all([0, 1, 2, 3, 4].map(lane));
    const all = await versions();
    expect(all.filter((v) => v.status === 'PUBLISHED').length).toBe(1);
    expect(all.filter((v) => v.status === 'DRAFT').length).toBeLessThanOrEqual(1);
    expect(new Set(all.map((v) => v.sequence)).size).toBe(all.length);
  });
});
