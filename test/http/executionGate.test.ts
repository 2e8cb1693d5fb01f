import { describe, expect, it } from 'vitest';
import { DEMO, startTestServer, token } from '../harness.js';
import { graphql } from '../graphql/index.js';

// On PGlite a request's execution runs in-process without yielding to I/O, so requests never
// overlap there and the gate is never contended; on PostgreSQL they wait on the network and do.
describe.runIf(process.env.TEST_DATABASE_URL)('execution gate', () => {
  it('executes at most EDUGOV_MAX_CONCURRENT_EXECUTIONS operations at once; the rest wait and ' +
    'all succeed', async () => {
    const g = await startTestServer({
      env: { EDUGOV_MAX_CONCURRENT_EXECUTIONS: '2', EDUGOV_MAX_CONCURRENT_PER_CALLER: '2', EDUGOV_RATE_LIMIT: 'false' },
    });
    try {
      const city = await token({ role: 'CITY_ADMIN', regionCode: DEMO.city });
      const seen: { active: number; waiting: number }[] = [];
      // Sampled as each request arrives and as each response finishes.
      g.app.server.on('request', (_req, res) => {
        seen.push(g.app.executions());
        res.once('finish', () => seen.push(g.app.executions()));
      });
      const query = graphql(
        `query HttpExecutionGateSchools { schools(first: 100) { nodes { code teachers(first: 50) { nodes { name staffNo } } } } }`,
      );
      const results = await Promise.all(Array.from({ length: 12 }, () => g.gql(query, {}, city)));
      for (const r of results) {
        expect(r.status).toBe(200);
        expect(r.body.errors).toBeUndefined();
        expect(r.body.data.schools.nodes.length).toBeGreaterThan(0);
      }
      expect(Math.max(...seen.map((x) => x.active))).toBe(2);
      expect(Math.max(...seen.map((x) => x.waiting))).toBeGreaterThan(0);
      expect(g.app.executions()).toEqual({ active: 0, waiting: 0 });
    } finally {
      await g.close();
    }
  }, 120_000);
});
