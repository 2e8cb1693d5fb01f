import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { desc, eq } from 'drizzle-orm';
import { isObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportRecords } from '../../server/cli/transfer/exportFile.js';
import { syncChanges } from '../../server/cli/transfer/sync.js';
import { createClient } from '../../sdk/src/index.js';
import { createApiKey } from '../../schema/domains/access/apiKeyService.js';
import { PERSONAL_FIELDS, PERSONAL_FIELD_EXTENSION } from '../../schema/domains/access/personalFields.js';
import { encodeFeedCursor } from '../../schema/domains/audit/feed.js';
import { auditEvents, personalDataReads } from '../../schema/domains/audit/table.js';
import { teachers } from '../../schema/domains/organisation/table.js';
import { poolResources } from '../../schema/domains/pools/table.js';
import { schema } from '../../schema/index.js';
import { createSamples, queries, QUERY_OPTIONALS, queryCall, type Samples } from '../access/matrix.js';
import { DEMO, startTestServer, token, type TestServer } from '../harness.js';
import { graphql } from '../graphql/index.js';

/**
 * Personal data (身份证号, 手机号) on every read path, generated from the schema: for every field
 * marked personal, every query (selecting everything a few levels deep), node/nodes, the change
 * feed, the personal-data audit view, and the CLI's export and sync output, no caller without
 * the `personal` scope ever receives a value — searched as text in the raw response, not by
 * field. Callers with the scope do receive them, and every such read is recorded.
 */
const PERSONAL = Object.values(schema.getTypeMap())
  .filter(isObjectType)
  .flatMap((t) =>
    Object.values(t.getFields())
      .filter((f) => f.extensions?.[PERSONAL_FIELD_EXTENSION])
      .map((f) => `${t.name}.${f.name}`),
  )
  .sort();

let s: TestServer;
let samples: Samples;
let values: string[];
let staffNo: string;
let teacherId: string;
let feedStart: string;
const withoutPersonal: Record<string, string | undefined> = {};
const dir = mkdtempSync(join(tmpdir(), 'edugov-pii-'));
const db = () => s.db.database.db;

beforeAll(async () => {
  s = await startTestServer({ env: { EDUGOV_RATE_LIMIT: 'false' } });
  const city = await token({ role: 'CITY_ADMIN', regionCode: DEMO.city });
  withoutPersonal.anonymous = undefined;
  withoutPersonal.portalKey = (
    await createApiKey(db(), { name: '家长门户', role: 'PORTAL', regionCode: DEMO.city })
  ).token;
  withoutPersonal.portalToken = await token({ role: 'PORTAL', regionCode: DEMO.city });
  withoutPersonal.evaluator = await token({ role: 'EVALUATOR', regionCode: DEMO.city });
  // The README's data-platform key: read and sync, no personal scope.
  withoutPersonal.cityReadSyncKey = (
    await createApiKey(db(), {
      name: '市数据平台',
      role: 'CITY_ADMIN',
      regionCode: DEMO.city,
      scopes: ['read', 'sync'] as never,
    })
  ).token;
  withoutPersonal.countyReadSync = await token({
    role: 'COUNTY_ADMIN',
    regionCode: DEMO.anxiang,
    scopes: ['read', 'sync'] as never,
  });
  samples = await createSamples(s);
  withoutPersonal.schoolReadOnly = await token({
    role: 'SCHOOL_ADMIN',
    schoolCode: samples.schoolCode,
    scopes: ['read'] as never,
  });

  // Every personal value of 安乡's teachers and of every pool offer's contact, as stored. A
  // contact's name that is also some teacher's (names are not personal) cannot be searched for.
  const rows = await db()
    .select({ idNumber: teachers.idNumber, phone: teachers.phone })
    .from(teachers)
    .where(eq(teachers.countyCode, DEMO.anxiang));
  const contacts = await db()
    .select({ name: poolResources.contactName, phone: poolResources.contactPhone })
    .from(poolResources);
  const teacherNames = new Set((await db().select({ name: teachers.name }).from(teachers)).map((t) => t.name));
  values = [
    ...rows.flatMap((r) => [r.idNumber, r.phone]),
    ...contacts.flatMap((c) => [c.phone, c.name && !teacherNames.has(c.name) ? c.name : null]),
  ].filter((v): v is string => !!v);
  expect(contacts.filter((c) => c.phone).length).toBeGreaterThan(0);
  // A fresh change to a teacher with both, so the feed's before/after hold them.
  const [last] = await db()
    .select({ txid: auditEvents.txid, id: auditEvents.id })
    .from(auditEvents)
    .orderBy(desc(auditEvents.id))
    .limit(1);
  feedStart = encodeFeedCursor(last);
  const { body } = await s.gql(
    graphql(
      `query AuditPersonalDataPathsTeacher($school: String!) { teachers(first: 1, filter: { schoolCode: $school }) { nodes { id staffNo name gender qualification yearsAtSchool idNumber phone school { code } } } }`,
    ),
    { school: samples.schoolCode },
    city,
  );
  const t = body.data.teachers.nodes[0];
  expect(t.idNumber && t.phone).toBeTruthy();
  [staffNo, teacherId] = [t.staffNo, t.id];
  const row = {
    staffNo: t.staffNo,
    name: t.name,
    gender: t.gender,
    qualification: t.qualification,
    schoolCode: t.school.code,
    yearsAtSchool: t.yearsAtSchool + 1,
  };
  const upsert = await s.gql(
    graphql(
      `mutation AuditPersonalDataPathsUpsertTeacher($input: UpsertTeachersInput!) { upsertTeachers(input: $input) { errors { code } } }`,
    ),
    { input: { rows: [row] } },
    city,
  );
  expect(upsert.body.data.upsertTeachers.errors).toEqual([]);
}, 120_000);
afterAll(() => s?.close());

const leaked = (text: string) => values.filter((v) => text.includes(v));

async function feedText(bearer: string): Promise<{ text: string; events: number }> {
  // On PostgreSQL the feed horizon is cluster-wide: poll briefly for the change above.
  for (let i = 0; i < 50; i++) {
    const { body } = await s.gql(
      graphql(
        `query AuditPersonalDataPathsFeed($after: String) { changes(after: $after, first: 1000) { events { entityKey before after } } }`,
      ),
      { after: feedStart },
      bearer,
    );
    const events = body.data?.changes?.events ?? [];
    if (body.errors || events.some((e) => e.entityKey === staffNo))
      return { text: JSON.stringify(body), events: events.length };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the change never reached the feed');
}

describe('personal data on every read path (generated from the schema)', () => {
  it('the fields marked personal in the schema are exactly the marking snapshots are redacted by', () => {
    const marked = Object.entries(PERSONAL_FIELDS)
      .flatMap(([type, fields]) => fields.map((f) => `${type}.${f}`))
      .sort();
    expect(PERSONAL).toEqual(marked);
    expect(PERSONAL.length).toBeGreaterThan(0);
    expect(values.length).toBeGreaterThan(100);
  });

  it(`no caller without the personal scope receives a personal value from any of the ${queries.length} queries, node or nodes`, async () => {
    const paths = [
      ...queries.map((q) => ({ name: q.name, ...queryCall(q, samples, QUERY_OPTIONALS, 100) })),
      {
        name: 'node',
        query: `query($id: ID!) { node(id: $id) { ... on Teacher { ${PERSONAL.filter((f) => f.startsWith('Teacher.'))
          .map((f) => f.split('.')[1])
          .join(' ')} } } }`,
        variables: { id: teacherId },
      },
      {
        name: 'nodes',
        query: `query($ids: [ID!]!) { nodes(ids: $ids) { ... on Teacher { staffNo idNumber phone } } }`,
        variables: { ids: [teacherId] },
      },
      {
        name: 'teachers(anxiang)',
        query: `{ teachers(first: 100, filter: { regionCode: "${DEMO.anxiang}" }) { nodes { staffNo idNumber phone } } }`,
        variables: {},
      },
    ];
    let answered = 0;
    for (const p of paths) {
      for (const [who, bearer] of Object.entries(withoutPersonal)) {
        const { status, body } = await s.gql(p.query, p.variables, bearer).catch((err: Error) => {
          throw new Error(`${p.name} as ${who}: ${err.message} (${String((err as { cause?: unknown }).cause)})`);
        });
        expect(status, `${p.name} as ${who}`).toBeLessThan(500);
        expect(leaked(JSON.stringify(body)), `${p.name} as ${who}`).toEqual([]);
        if (body.data?.[p.name.replace(/\(.*$/, '')] != null) answered++;
      }
    }
    expect(answered).toBeGreaterThan(paths.length * 2);
  }, 900_000);

  it('the change feed and the personal-data audit view redact for callers with sync but not personal', async () => {
    for (const who of ['cityReadSyncKey', 'countyReadSync'] as const) {
      const { text, events } = await feedText(withoutPersonal[who]!);
      expect(events, who).toBeGreaterThan(0);
      expect(text).toContain(staffNo);
      expect(leaked(text), who).toEqual([]);
      const reads = await s.gql(
        graphql(
          `query AuditPersonalDataPathsReads { personalDataReads(first: 1000) { entityType entityKeys fields regionCodes } }`,
        ),
        {},
        withoutPersonal[who],
      );
      expect(leaked(JSON.stringify(reads.body)), who).toEqual([]);
    }
  });

  it('export and sync output hold no personal value without the personal scope', async () => {
    const url = s.url;
    for (const [who, bearer] of Object.entries(withoutPersonal)) {
      const client = createClient({ url, token: bearer });
      const out = join(dir, `${who}.teachers.jsonl`);
      await exportRecords(client, { kind: 'teachers', format: 'jsonl', out, regionCode: DEMO.anxiang }).catch(() => 0);
      let text = '';
      try {
        text = readFileSync(out, 'utf8');
      } catch {
        // No file: nothing was exported.
      }
      expect(leaked(text), `export as ${who}`).toEqual([]);
    }
    for (const who of ['cityReadSyncKey', 'countyReadSync'] as const) {
      const client = createClient({ url, token: withoutPersonal[who] });
      const out = join(dir, `${who}.changes.jsonl`);
      const r = await syncChanges(client, {
        since: feedStart,
        out,
        stateFile: join(dir, `${who}.state.json`),
        pageSize: 1000,
        follow: false,
        intervalMs: 0,
      });
      expect(r.events).toBeGreaterThan(0);
      const text = readFileSync(out, 'utf8');
      expect(text).toContain(staffNo);
      expect(leaked(text), `sync as ${who}`).toEqual([]);
    }
    // The county's export does carry its teachers, so the check above looked at real rows.
    const exported = readFileSync(join(dir, 'countyReadSync.teachers.jsonl'), 'utf8');
    expect(exported).toContain(staffNo);
  }, 120_000);

  it('with the personal scope the feed carries the values, and the read is recorded like a field read', async () => {
    const county = await token({ role: 'COUNTY_ADMIN', regionCode: DEMO.anxiang, subject: 'anxiang-sync' });
    const before = await db().$count(personalDataReads);
    const { text } = await feedText(county);
    expect(leaked(text).length).toBeGreaterThan(0);
    const rows = await db().select().from(personalDataReads).orderBy(desc(personalDataReads.id)).limit(1);
    expect(await db().$count(personalDataReads)).toBe(before + 1);
    expect(rows[0]).toMatchObject({
      actor: 'user:anxiang-sync',
      entityType: 'Teacher',
      fields: ['idNumber', 'phone'],
      regionCodes: [DEMO.anxiang],
    });
    expect(rows[0].entityKeys).toContain(staffNo);
  });
});
