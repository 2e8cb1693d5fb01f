import { getNamedType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../schema/domains/access/apiKeyService.js';
import { schema } from '../../schema/index.js';
import {
  createSamples,
  describeOutcome,
  fingerprint,
  mutations,
  queries,
  queryCall,
  refusedForRights,
  runMutation,
  selectionFor,
  type Samples,
} from './matrix.js';
import { DEMO, startTestServer, token, type TestServer } from '../harness.js';

/**
 * An authorisation matrix generated from the schema, so every new mutation and query is
 * covered without editing this file: callers who may not write (anonymous, portal keys and
 * portal tokens) never change anything through any mutation, and no query hands them
 * personal data (ID numbers, mobile numbers), whatever they select. The admin roles inside
 * and outside their jurisdiction are in authorizationJurisdiction.test.ts.
 */
let s: TestServer;
let samples: Samples;
const callers: Record<string, string | undefined> = {};

beforeAll(async () => {
  s = await startTestServer({ env: { EDUGOV_RATE_LIMIT: 'false' } });
  callers.anonymous = undefined;
  callers.portalToken = await token({ role: 'PORTAL', regionCode: DEMO.city });
  callers.portalKey = (
    await createApiKey(s.db.database.db, { name: '矩阵测试门户', role: 'PORTAL', regionCode: DEMO.city })
  ).token;
  samples = await createSamples(s);
});
afterAll(() => s?.close());

// Shaped like the real thing (area, birth date, sequence, check), and not the tail of a decimal.
const ID_NUMBER = /(?<![\d.])[1-9]\d{5}(19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])\d{3}[\dX](?![\d])/;
const MOBILE = /(?<![\d.])1[3-9]\d{9}(?!\d)/;

describe('authorisation matrix (generated from the schema)', () => {
  it(`no caller without write rights changes anything through any of the ${mutations.length} mutations, nor learns their input rules`, async () => {
    const before = await fingerprint(s);
    let cells = 0;
    const notRefused: string[] = [];
    for (const m of mutations) {
      for (const [who, bearer] of Object.entries(callers)) {
        // Malformed input too (empty strings, negative numbers): the role is checked before the input.
        for (const malformed of [false, true]) {
          cells++;
          const outcome = await runMutation(s, m, samples, bearer, malformed);
          expect(outcome.status, `${m.name} as ${who}`).toBeLessThan(500);
          // Refused for lack of rights — not merely for the placeholder input being invalid.
          if (!refusedForRights(outcome))
            notRefused.push(`${m.name} as ${who}${malformed ? ' (malformed input)' : ''}: ${describeOutcome(outcome)}`);
        }
      }
    }
    expect(notRefused, 'refused for another reason than lack of rights').toEqual([]);
    expect(cells).toBe(mutations.length * 3 * 2);
    expect(await fingerprint(s)).toEqual(before);
  }, 120_000);

  it(`none of the ${queries.length} queries gives personal data to portals or anonymous callers`, async () => {
    let answered = 0;
    for (const q of queries) {
      const { query, variables } = queryCall(q, samples);
      for (const [who, bearer] of Object.entries(callers)) {
        const { status, body } = await s.gql(query, variables, bearer);
        expect(status, `${q.name} as ${who}`).toBeLessThan(500);
        const text = JSON.stringify(body.data ?? null);
        expect(ID_NUMBER.test(text), `${q.name} as ${who} returned an ID number`).toBe(false);
        expect(MOBILE.test(text), `${q.name} as ${who} returned a mobile number`).toBe(false);
        if (body.data?.[q.name] != null) answered++;
      }
    }
    // The matrix must reach real data, or it proves nothing.
    expect(answered).toBeGreaterThan(queries.length);
  }, 120_000);

  it(
    'the same selections do return personal data to a county admin inside its county (the ' + 'check can fail)',
    async () => {
      const county = await token({ role: 'COUNTY_ADMIN', regionCode: DEMO.anxiang });
      const { body } = await s.gql(
        `{ teachers(first: 5) ${selectionFor(getNamedType(schema.getQueryType()!.getFields().teachers.type), 3)} }`,
        {},
        county,
      );
      expect(ID_NUMBER.test(JSON.stringify(body.data))).toBe(true);
      expect(MOBILE.test(JSON.stringify(body.data))).toBe(true);
    },
  );
});

describe('the role and jurisdiction are checked before the input is read', () => {
  const errorsOf = async (field: string, input: Record<string, unknown>, bearer?: string) => {
    const inputType = `${field.charAt(0).toUpperCase()}${field.slice(1)}Input!`;
    type Payload = { errors: { code: string; path: string[] }[] };
    const { body } = await s.gql<{ data: Record<string, Payload> }>(
      `mutation($input: ${inputType}) { ${field}(input: $input) { errors { code path } } }`,
      { input },
      bearer,
    );
    expect(body.errors).toBeUndefined();
    return body.data[field].errors.map((e) => `${e.code}@${e.path.join('.')}`);
  };

  it('callers without the role are refused, not told what their input lacks', async () => {
    const county = await token({ role: 'COUNTY_ADMIN', regionCode: DEMO.anxiang });
    expect(await errorsOf('cancelExchange', { id: samples.ids.exchange, reason: '' })).toEqual(['UNAUTHENTICATED@']);
    expect(await errorsOf('acceptTask', { taskId: samples.ids.task, note: '' }, callers.portalKey)).toEqual([
      'FORBIDDEN@',
    ]);
    const framework = {
      regionCode: DEMO.anxiang,
      name: '',
      partyWeights: { cityInspection: -1, countySelf: 0, social: 0 },
      indicators: [],
    };
    expect(await errorsOf('createEvaluationFramework', framework, county)).toEqual(['FORBIDDEN@']);
    // A cycle that does not exist looks the same as one that does.
    expect(await errorsOf('computeValueAdded', { cycleId: 999_999 }, county)).toEqual(['FORBIDDEN@']);
    expect(await errorsOf('closeEvaluationCycle', { cycleId: samples.ids.cycle }, county)).toEqual(['FORBIDDEN@']);
  });

  it('an offer for a school of another county is refused before the pool’s attribute rules are applied', async () => {
    // The teacher-exchange pool needs teacherTime; this offer leaves it out.
    const offer = {
      poolId: samples.ids.pool,
      title: '越权测试',
      subject: '数学',
      capacity: 1,
      availableFrom: '2026-09-01',
      availableTo: '2027-06-30',
      schoolCode: samples.schoolCode,
    };
    const outsider = await token({ role: 'COUNTY_ADMIN', regionCode: DEMO.taoyuan });
    expect(await errorsOf('offerResource', offer, outsider)).toEqual(['FORBIDDEN@input.schoolCode']);
    const own = await token({ role: 'COUNTY_ADMIN', regionCode: DEMO.anxiang });
    expect(await errorsOf('offerResource', offer, own)).toEqual(['REQUIRED@input.teacherTime']);
  });
});
