import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personalDataReads } from '../../schema/domains/audit/table.js';
import { createApiKey } from '../../schema/domains/access/apiKeyService.js';
import type { ResultOf } from '@graphql-typed-document-node/core';
import { DEMO, present, startTestServer, token, type TestServer } from '../harness.js';
import { graphql } from '../graphql/index.js';

const ID_NUMBERS = graphql(
  `query AuditPersonalDataReadsIdNumbers { teachers(first: 7) { nodes { staffNo idNumber } } }`,
);
const CONTACTS = graphql(
  `query AuditPersonalDataReadsContacts { teachers(first: 5) { nodes { name idNumber phone } } }`,
);
const TITLES = graphql(`query AuditPersonalDataReadsTitles { teachers(first: 5) { nodes { name title } } }`);
const READS = graphql(
  `query AuditPersonalDataReadsReads { personalDataReads(first: 10) { actor entityType entityKeys fields regionCodes requestId } }`,
);

let s: TestServer;
const db = () => s.db.database.db;
const rows = () => db().select().from(personalDataReads).orderBy(personalDataReads.id);

beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s?.close());

describe('reads of personal data are themselves audited', () => {
  it('records who received which teachers’ ID numbers, in the same request, before the response', async () => {
    const county = await token({ role: 'COUNTY_ADMIN', regionCode: DEMO.anxiang, subject: 'anxiang-hr' });
    const before = (await rows()).length;
    const res = await fetch(s.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${county}`, 'x-request-id': 'pii-read-1' },
      body: JSON.stringify({ query: String(ID_NUMBERS) }),
    });
    const body = (await res.json()) as { data: ResultOf<typeof ID_NUMBERS> };
    const returned = body.data.teachers.nodes
      .filter((n) => n.idNumber)
      .map((n) => n.staffNo)
      .sort();
    expect(returned.length).toBeGreaterThan(0);
    const after = await rows();
    expect(after).toHaveLength(before + 1);
    expect(after.at(-1)).toMatchObject({
      actor: 'user:anxiang-hr',
      actorRole: 'COUNTY_ADMIN',
      requestId: 'pii-read-1',
      entityType: 'Teacher',
      entityKeys: returned,
      fields: ['idNumber'],
      regionCodes: [DEMO.anxiang],
    });
  });

  it('records nothing when no personal field is returned: portals, or queries without those fields', async () => {
    const before = (await rows()).length;
    const { token: key } = await createApiKey(db(), { name: '门户', role: 'PORTAL', regionCode: DEMO.city });
    const portal = await s.gql(CONTACTS, {}, key);
    expect(portal.body.data.teachers.nodes).toHaveLength(5);
    expect(portal.body.data.teachers.nodes.every((n) => n.idNumber === null && n.phone === null)).toBe(true);
    const city = await token({ role: 'CITY_ADMIN', regionCode: DEMO.city });
    await s.gql(TITLES, {}, city);
    expect(await rows()).toHaveLength(before);
  });

  it('bureaus review the reads of their own people; others may not', async () => {
    const city = await token({ role: 'CITY_ADMIN', regionCode: DEMO.city });
    const seen = await s.gql(READS, {}, city);
    expect(seen.body.data.personalDataReads[0]).toMatchObject({ actor: 'user:anxiang-hr', requestId: 'pii-read-1' });
    const otherCounty = await s.gql(READS, {}, await token({ role: 'COUNTY_ADMIN', regionCode: DEMO.taoyuan }));
    expect(otherCounty.body.data.personalDataReads).toEqual([]);
    const portal = await s.gql(READS, {}, await token({ role: 'PORTAL', regionCode: DEMO.city }));
    expect(present(portal.body.errors)[0].extensions?.code).toBe('FORBIDDEN');
  });
});
