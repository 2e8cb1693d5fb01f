import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../schema/domains/audit/table.js';
import { schools } from '../../schema/domains/organisation/table.js';
import {
  responsibilityAssignments,
  responsibilityItems,
  responsibilityLists,
} from '../../schema/domains/responsibility/table.js';
import { proposeExchange } from '../../schema/domains/exchanges/services/proposeExchange.js';
import { exchangeAssignments } from '../../schema/domains/exchanges/table.js';
import { sqlState } from '../../schema/domains/exchanges/rules.js';
import { present, serviceContext, startTestServer, token, type TestServer } from '../harness.js';
import { graphql } from '../graphql/index.js';
import type { ExchangeFilter, ProposeExchangeInput, TypedDocumentString } from '../graphql/graphql.js';
import { CHENZHOU, loadFixture } from './fixture.js';

/**
 * Exchange assignments (交流轮岗): every rule and bad input of issue 5 over HTTP, each
 * failure checked for its code and path and for changing nothing.
 */

graphql(`fragment ExchangesLifecycleFields on ExchangeAssignment { id status kind approvalLevel approvalListId eligibleAtProposal yearsAtSchoolAtProposal crossCounty teacherName teacherStaffNo
  startDate endDate endedOn weeklyHours sourceSchool { code } targetSchool { code } steps { status actor note } }`);
const PROPOSE = graphql(
  `mutation ExchangesLifecyclePropose($input: ProposeExchangeInput!) { proposeExchange(input: $input) { exchangeAssignment { ...ExchangesLifecycleFields } errors { code path message } } }`,
);
// Each verb's payload under one alias, so that `act` reads every verb's answer alike.
const VERBS = {
  approve: graphql(
    `mutation ExchangesLifecycleApprove($input: ApproveExchangeInput!) { payload: approveExchange(input: $input) { exchangeAssignment { ...ExchangesLifecycleFields } errors { code path message } } }`,
  ),
  reject: graphql(
    `mutation ExchangesLifecycleReject($input: RejectExchangeInput!) { payload: rejectExchange(input: $input) { exchangeAssignment { ...ExchangesLifecycleFields } errors { code path message } } }`,
  ),
  start: graphql(
    `mutation ExchangesLifecycleStart($input: StartExchangeInput!) { payload: startExchange(input: $input) { exchangeAssignment { ...ExchangesLifecycleFields } errors { code path message } } }`,
  ),
  complete: graphql(
    `mutation ExchangesLifecycleComplete($input: CompleteExchangeInput!) { payload: completeExchange(input: $input) { exchangeAssignment { ...ExchangesLifecycleFields } errors { code path message } } }`,
  ),
  cancel: graphql(
    `mutation ExchangesLifecycleCancel($input: CancelExchangeInput!) { payload: cancelExchange(input: $input) { exchangeAssignment { ...ExchangesLifecycleFields } errors { code path message } } }`,
  ),
};
const SET = graphql(
  `mutation ExchangesLifecycleSet($input: SetRegionSettingInput!) { setRegionSetting(input: $input) { errors { code } } }`,
);
const LIST = graphql(
  `query ExchangesLifecycleList($f: ExchangeFilter) { exchangeAssignments(filter: $f, first: 100) { totalCount nodes { id kind status teacherStaffNo teacher { name } crossCounty } } }`,
);
const NAME = graphql(
  `query ExchangesLifecycleName($id: ID!) { node(id: $id) { ... on ExchangeAssignment { teacherName } } }`,
);
const STAFF_NO = graphql(
  `query ExchangesLifecycleStaffNo($id: ID!) { node(id: $id) { ... on ExchangeAssignment { teacherStaffNo } } }`,
);
const VIA_TEACHER = graphql(
  `query ExchangesLifecycleViaTeacher { teachers(first: 5, filter: { regionCode: "431002" }) { nodes { name exchanges { totalCount nodes { id } } } } }`,
);
const VIA_SCHOOL = graphql(
  `query ExchangesLifecycleViaSchool { school(code: "3443100001") { outboundExchanges { totalCount } inboundExchanges { totalCount } } }`,
);
const HISTORY = graphql(
  `query ExchangesLifecycleHistory { teacher(staffNo: "BH-0008") { name exchanges(first: 10) { totalCount nodes { kind status startDate targetSchool { name } } } } }`,
);
const INBOUND = graphql(
  `query ExchangesLifecycleInbound { school(code: "2143100012") { inboundExchanges { nodes { teacherName sourceSchool { code } } } outboundExchanges { totalCount } } }`,
);

type ResultOf<D> = D extends TypedDocumentString<infer R, infer _V> ? R : never;
/** A verb's answer: the assignment (null when refused) and the errors. */
type Payload = ResultOf<typeof PROPOSE>['proposeExchange'];
/** What `propose` needs: the input, its kind and reason defaulted. */
type Proposal = Omit<ProposeExchangeInput, 'kind' | 'reason'> & Partial<Pick<ProposeExchangeInput, 'kind' | 'reason'>>;

let s: TestServer;
const tok: Record<string, string> = {};
const db = () => s.db.database.db;
const counts = async () => ({ rows: await db().$count(exchangeAssignments), audits: await db().$count(auditEvents) });

/** Proposes as `who` (the 北湖区 bureau by default; null for an anonymous caller). */
async function propose(input: Proposal, who: string | null = tok.beihu): Promise<Payload> {
  const { body } = await s.gql(
    PROPOSE,
    { input: { kind: 'ROTATION', reason: '城乡结对帮扶', ...input } },
    who ?? undefined,
  );
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data.proposeExchange;
}
async function act<I>(
  doc: TypedDocumentString<{ payload: Payload }, { input: I }>,
  input: NoInfer<I>,
  who: string,
): Promise<Payload> {
  const { body } = await s.gql(doc, { input }, who);
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data.payload;
}
async function ok(p: Promise<Payload>) {
  const r = await p;
  expect(r.errors).toEqual([]);
  return present(r.exchangeAssignment);
}
/** Asserts the call fails with exactly this code and path and that no row or audit event changed. */
async function refused(call: () => Promise<Payload>, code: string, path: string) {
  const before = await counts();
  const statuses = await db()
    .select({ id: exchangeAssignments.id, status: exchangeAssignments.status, u: exchangeAssignments.updatedAt })
    .from(exchangeAssignments);
  const r = await call();
  expect(r.exchangeAssignment).toBeNull();
  expect(r.errors.map((e) => [e.code, e.path.join('.')])).toEqual([[code, path]]);
  expect(await counts()).toEqual(before);
  expect(
    await db()
      .select({ id: exchangeAssignments.id, status: exchangeAssignments.status, u: exchangeAssignments.updatedAt })
      .from(exchangeAssignments),
  ).toEqual(statuses);
  return r.errors[0];
}

beforeAll(async () => {
  s = await startTestServer({ seed: false });
  await loadFixture(s.db.database, CHENZHOU);
  const [b1] = await db().select().from(schools).where(sql`code = '3443100001'`);
  tok.city = await token({ role: 'CITY_ADMIN', regionCode: '431000' });
  tok.beihu = await token({ role: 'COUNTY_ADMIN', regionCode: '431002' });
  tok.suxian = await token({ role: 'COUNTY_ADMIN', regionCode: '431003' });
  tok.school = await token({ role: 'SCHOOL_ADMIN', schoolCode: b1.code });
  tok.portal = await token({ role: 'PORTAL' });
  tok.otherCity = await token({ role: 'CITY_ADMIN', regionCode: '430700' });
});
afterAll(() => s?.close());

describe('proposeExchange and the lifecycle', () => {
  it('within a county: proposed by the county, approved by the county, started, ended early', async () => {
    const before = await counts();
    const a = await ok(
      propose({
        teacherStaffNo: 'BH-0001',
        targetSchoolCode: '2143100003',
        startDate: '2026-09-01',
        endDate: '2028-08-31',
        subject: '语文',
      }),
    );
    expect(a).toMatchObject({
      status: 'PROPOSED',
      kind: 'ROTATION',
      approvalLevel: 'COUNTY',
      approvalListId: null,
      eligibleAtProposal: true,
      yearsAtSchoolAtProposal: 9,
      crossCounty: false,
      teacherName: '李红梅',
      teacherStaffNo: 'BH-0001',
      sourceSchool: { code: '3443100001' },
      targetSchool: { code: '2143100003' },
    });
    expect(a.steps).toEqual([{ status: 'PROPOSED', actor: 'user:test-county_admin', note: '城乡结对帮扶' }]);
    expect(await counts()).toEqual({ rows: before.rows + 1, audits: before.audits + 1 });

    // The city is the wrong level for a within-county exchange, as is a school.
    await refused(() => act(VERBS.approve, { id: a.id }, tok.city), 'FORBIDDEN', 'input.id');
    await refused(() => act(VERBS.approve, { id: a.id }, tok.school), 'FORBIDDEN', '');
    const approved = await ok(act(VERBS.approve, { id: a.id, note: '同意' }, tok.beihu));
    expect(approved.status).toBe('APPROVED');
    await refused(() => act(VERBS.approve, { id: a.id }, tok.beihu), 'INVALID_STATE', 'input.id');
    await refused(() => act(VERBS.reject, { id: a.id, reason: '不同意' }, tok.beihu), 'INVALID_STATE', 'input.id');
    await refused(() => act(VERBS.complete, { id: a.id }, tok.beihu), 'INVALID_STATE', 'input.id');

    expect((await ok(act(VERBS.start, { id: a.id }, tok.beihu))).status).toBe('ACTIVE');
    await refused(() => act(VERBS.start, { id: a.id }, tok.beihu), 'INVALID_STATE', 'input.id');
    await refused(() => act(VERBS.cancel, { id: a.id, reason: '调整安排' }, tok.beihu), 'INVALID_STATE', 'input.id');
    await refused(
      () => act(VERBS.complete, { id: a.id, endedOn: '2028-09-01' }, tok.beihu),
      'VALIDATION',
      'input.endedOn',
    );
    const done = await ok(act(VERBS.complete, { id: a.id, endedOn: '2027-07-15' }, tok.beihu));
    expect(done).toMatchObject({ status: 'COMPLETED', endedOn: '2027-07-15', endDate: '2028-08-31' });
    expect(done.steps.map((x) => [x.status, x.note])).toEqual([
      ['PROPOSED', '城乡结对帮扶'],
      ['APPROVED', '同意'],
      ['ACTIVE', null],
      ['COMPLETED', null],
    ]);
    const audit = await db()
      .select()
      .from(auditEvents)
      .where(sql`entity_type = 'ExchangeAssignment'`)
      .orderBy(auditEvents.id);
    expect(audit.map((e) => [e.action, (e.after as { status?: string } | null)?.status])).toEqual([
      ['CREATE', 'PROPOSED'],
      ['UPDATE', 'APPROVED'],
      ['UPDATE', 'ACTIVE'],
      ['UPDATE', 'COMPLETED'],
    ]);
  });

  it('across counties: only the city approves (default responsibility rule)', async () => {
    const a = await ok(
      propose({
        teacherStaffNo: 'BH-0002',
        targetSchoolCode: '2143100012',
        kind: 'SUPPORT',
        startDate: '2026-09-01',
        endDate: '2027-07-10',
      }),
    );
    expect(a).toMatchObject({ approvalLevel: 'CITY', crossCounty: true });
    const e1 = await refused(() => act(VERBS.approve, { id: a.id }, tok.beihu), 'FORBIDDEN', 'input.id');
    expect(e1.message).toContain('CITY level');
    await refused(() => act(VERBS.approve, { id: a.id }, tok.suxian), 'FORBIDDEN', 'input.id');
    await refused(() => act(VERBS.approve, { id: a.id }, tok.otherCity), 'NOT_FOUND', 'input.id');
    await refused(() => act(VERBS.reject, { id: a.id, reason: '否' }, tok.city), 'VALIDATION', 'input.reason');
    const approved = await ok(act(VERBS.approve, { id: a.id }, tok.city));
    expect(approved.status).toBe('APPROVED');
    // The receiving county may record the arrival.
    expect((await ok(act(VERBS.start, { id: a.id }, tok.suxian))).status).toBe('ACTIVE');
  });

  it('rejecting and cancelling record who, when and why, and free the dates', async () => {
    const a = await ok(
      propose({
        teacherStaffNo: 'BH-0004',
        targetSchoolCode: '2143100002',
        startDate: '2027-09-01',
        endDate: '2028-07-10',
      }),
    );
    const rejected = await ok(act(VERBS.reject, { id: a.id, reason: '本校高三教学任务重' }, tok.beihu));
    expect(rejected.steps.at(-1)).toEqual({
      status: 'REJECTED',
      actor: 'user:test-county_admin',
      note: '本校高三教学任务重',
    });
    await refused(() => act(VERBS.approve, { id: a.id }, tok.beihu), 'INVALID_STATE', 'input.id');
    const again = await ok(
      propose({
        teacherStaffNo: 'BH-0004',
        targetSchoolCode: '2143100002',
        startDate: '2027-09-01',
        endDate: '2028-07-10',
      }),
    );
    await ok(act(VERBS.approve, { id: again.id }, tok.beihu));
    const cancelled = await ok(act(VERBS.cancel, { id: again.id, reason: '教师病休' }, tok.beihu));
    expect(cancelled.steps.map((x) => x.status)).toEqual(['PROPOSED', 'APPROVED', 'CANCELLED']);
    await refused(() => act(VERBS.start, { id: again.id }, tok.beihu), 'INVALID_STATE', 'input.id');
    await ok(
      propose({
        teacherStaffNo: 'BH-0004',
        targetSchoolCode: '2143100003',
        startDate: '2027-10-01',
        endDate: '2028-07-10',
      }),
    );
  });

  it('refuses bad input with typed errors and changes nothing', async () => {
    const base = {
      teacherStaffNo: 'BH-0007',
      targetSchoolCode: '2143100002',
      startDate: '2026-09-01',
      endDate: '2027-07-10',
    };
    const cases: [Partial<ProposeExchangeInput>, string, string, string?][] = [
      [{ teacherStaffNo: 'BH-9999' }, 'NOT_FOUND', 'input.teacherStaffNo'],
      [{ targetSchoolCode: '2143109999' }, 'NOT_FOUND', 'input.targetSchoolCode'],
      [{ targetSchoolCode: '21431' }, 'VALIDATION', 'input.targetSchoolCode'],
      [{ targetSchoolCode: '3443100001' }, 'VALIDATION', 'input.targetSchoolCode'],
      [{ endDate: '2026-08-31' }, 'VALIDATION', 'input.endDate'],
      [{ endDate: '2032-09-01' }, 'VALIDATION', 'input.endDate'],
      [{ kind: 'ITINERANT' }, 'VALIDATION', 'input.weeklyHours'],
      [{ weeklyHours: 4 }, 'VALIDATION', 'input.weeklyHours'],
      [{ kind: 'ITINERANT', weeklyHours: 41 }, 'VALIDATION', 'input.weeklyHours'],
      [{ reason: ' ' }, 'VALIDATION', 'input.reason'],
      [{ teacherStaffNo: 'SX-0001' }, 'FORBIDDEN', 'input.teacherStaffNo'],
      [{}, 'FORBIDDEN', '', 'school'],
      [{}, 'FORBIDDEN', '', 'portal'],
    ];
    for (const [change, code, path, who] of cases) {
      await refused(() => propose({ ...base, ...change }, who ? tok[who] : tok.beihu), code, path);
    }
    await refused(() => propose(base, null), 'UNAUTHENTICATED', '');
    // Impossible calendar dates stop at the Date scalar over HTTP, and in the service too.
    const bad = await s.gql(
      PROPOSE,
      { input: { ...base, kind: 'ROTATION', reason: '交流', startDate: '2026-02-30' } },
      tok.beihu,
    );
    expect(present(bad.body.errors)[0].extensions?.code).toBe('BAD_USER_INPUT');
    const before = await counts();
    await expect(
      proposeExchange(serviceContext(s.db.database), {
        ...base,
        kind: 'ROTATION',
        reason: '交流',
        startDate: '2026-02-30',
      }),
    ).rejects.toMatchObject({ errors: [{ code: 'VALIDATION', path: ['input', 'startDate'] }] });
    expect(await counts()).toEqual(before);
    // Malformed ids and ids of another type are VALIDATION, as in every domain; unknown ones NOT_FOUND.
    await refused(() => act(VERBS.approve, { id: 'nonsense' }, tok.beihu), 'VALIDATION', 'input.id');
    await refused(
      () => act(VERBS.approve, { id: Buffer.from('Teacher:1').toString('base64') }, tok.beihu),
      'VALIDATION',
      'input.id',
    );
    await refused(
      () => act(VERBS.approve, { id: Buffer.from('ExchangeAssignment:99999').toString('base64') }, tok.beihu),
      'NOT_FOUND',
      'input.id',
    );
    // Without the right to decide, the id is not even looked at.
    await refused(() => act(VERBS.approve, { id: 'nonsense' }, tok.portal), 'FORBIDDEN', '');
  });
});

describe('rules', () => {
  it(
    'a teacher never holds two overlapping ROTATION/SUPPORT postings; other kinds and adjacent ' + 'terms are fine',
    async () => {
      const t = { teacherStaffNo: 'BH-0008', targetSchoolCode: '2143100002' };
      const first = await ok(propose({ ...t, startDate: '2026-09-01', endDate: '2027-08-31' }));
      const e = await refused(
        () =>
          propose({
            ...t,
            kind: 'SUPPORT',
            targetSchoolCode: '2143100003',
            startDate: '2027-08-31',
            endDate: '2027-12-31',
          }),
        'CONFLICT',
        'input.startDate',
      );
      expect(e.message).toContain('BH-0008');
      await refused(
        () => propose({ ...t, startDate: '2026-01-01', endDate: '2026-09-01' }),
        'CONFLICT',
        'input.startDate',
      );
      await ok(propose({ ...t, kind: 'SHADOWING', startDate: '2026-10-01', endDate: '2026-10-31' }));
      await ok(
        propose({
          ...t,
          kind: 'ITINERANT',
          weeklyHours: 4,
          targetSchoolCode: '2143100003',
          startDate: '2026-09-01',
          endDate: '2027-01-31',
        }),
      );
      await ok(propose({ ...t, startDate: '2027-09-01', endDate: '2028-08-31' }));
      // Approved and active postings block too; cancelled ones free their dates.
      await ok(act(VERBS.approve, { id: first.id }, tok.beihu));
      await refused(
        () => propose({ ...t, startDate: '2027-01-01', endDate: '2027-03-01' }),
        'CONFLICT',
        'input.startDate',
      );
      await ok(act(VERBS.cancel, { id: first.id, reason: '调整' }, tok.beihu));
      await ok(propose({ ...t, startDate: '2027-01-01', endDate: '2027-03-01' }));
    },
  );

  it('the database itself refuses an overlapping live posting (exclusion constraint)', async () => {
    const [row] = await db()
      .select()
      .from(exchangeAssignments)
      .where(sql`status = 'PROPOSED' and kind = 'ROTATION'`)
      .limit(1);
    const { id: _id, ...copy } = row;
    const err = await db()
      .insert(exchangeAssignments)
      .values({ ...copy, kind: 'SUPPORT' })
      .catch((e) => e);
    expect(sqlState(err)).toBe('23P01');
    // Not live: allowed alongside.
    const [side] = await db()
      .insert(exchangeAssignments)
      .values({ ...copy, status: 'REJECTED' })
      .returning();
    await db().delete(exchangeAssignments).where(sql`id = ${side.id}`);
  });

  it(
    'itinerant hours a week stay within the cap, counted where postings overlap; the cap is a ' + 'region setting',
    async () => {
      const t = { teacherStaffNo: 'BH-0009', kind: 'ITINERANT' as const, targetSchoolCode: '2143100002' };
      await ok(propose({ ...t, weeklyHours: 8, startDate: '2026-09-01', endDate: '2027-01-31' }));
      await ok(
        propose({
          ...t,
          weeklyHours: 4,
          targetSchoolCode: '2143100003',
          startDate: '2026-11-01',
          endDate: '2027-06-30',
        }),
      );
      const e = await refused(
        () => propose({ ...t, weeklyHours: 1, startDate: '2026-12-01', endDate: '2026-12-31' }),
        'OVER_CAPACITY',
        'input.weeklyHours',
      );
      expect(e.message).toMatch(/13 hours.*already 12.*cap is 12/);
      // Only 4 hours are booked from February, and nothing before September.
      await ok(propose({ ...t, weeklyHours: 8, startDate: '2027-02-01', endDate: '2027-06-30' }));
      await ok(propose({ ...t, weeklyHours: 12, startDate: '2026-03-01', endDate: '2026-08-31' }));
      await refused(
        () => propose({ ...t, weeklyHours: 1, startDate: '2027-03-01', endDate: '2027-03-31' }),
        'OVER_CAPACITY',
        'input.weeklyHours',
      );
      await s.gql(SET, { input: { regionCode: '431002', key: 'exchange.itinerantHoursCap', value: 13 } }, tok.city);
      await ok(propose({ ...t, weeklyHours: 1, startDate: '2027-03-01', endDate: '2027-03-31' }));
      await s.gql(SET, { input: { regionCode: '431002', key: 'exchange.itinerantHoursCap', value: null } }, tok.city);
    },
  );

  it('eligibility is reported, and enforced for rotation and support where the region says so', async () => {
    const young = { teacherStaffNo: 'BH-0003', targetSchoolCode: '2143100002' };
    const a = await ok(propose({ ...young, startDate: '2026-09-01', endDate: '2027-07-10' }));
    expect(a).toMatchObject({ eligibleAtProposal: false, yearsAtSchoolAtProposal: 3 });
    await s.gql(SET, { input: { regionCode: '431000', key: 'exchange.enforceEligibility', value: true } }, tok.city);
    const e = await refused(
      () => propose({ ...young, kind: 'SUPPORT', startDate: '2027-09-01', endDate: '2028-07-10' }),
      'NOT_ELIGIBLE',
      'input.teacherStaffNo',
    );
    expect(e.message).toContain('requires 6');
    await ok(propose({ ...young, kind: 'ITINERANT', weeklyHours: 2, startDate: '2027-09-01', endDate: '2028-01-10' }));
    // The county's own threshold wins over the inherited default.
    await s.gql(SET, { input: { regionCode: '431002', key: 'exchange.eligibilityYears', value: 3 } }, tok.city);
    expect(
      (await ok(propose({ ...young, kind: 'SUPPORT', startDate: '2027-09-01', endDate: '2028-07-10' })))
        .eligibleAtProposal,
    ).toBe(true);
    await s.gql(SET, { input: { regionCode: '431002', key: 'exchange.eligibilityYears', value: null } }, tok.city);
    await s.gql(SET, { input: { regionCode: '431000', key: 'exchange.enforceEligibility', value: null } }, tok.city);
  });
});

describe('reads and access', () => {
  const list = async (who: string | undefined, f: ExchangeFilter = {}) => (await s.gql(LIST, { f }, who)).body;

  it('counties see both their outbound and inbound assignments; schools their own; portals none', async () => {
    const all = await db().$count(exchangeAssignments);
    expect((await list(tok.city)).data.exchangeAssignments.totalCount).toBe(all);
    const beihu = (await list(tok.beihu)).data.exchangeAssignments;
    expect(beihu.totalCount).toBe(all);
    const suxian = (await list(tok.suxian)).data.exchangeAssignments;
    // Only the inbound cross-county support: the teacher's record stays hidden, the name does not.
    expect(suxian.nodes).toEqual([
      {
        id: expect.any(String),
        kind: 'SUPPORT',
        status: 'ACTIVE',
        teacherStaffNo: 'BH-0002',
        teacher: null,
        crossCounty: true,
      },
    ]);
    const school = (await list(tok.school)).data.exchangeAssignments;
    expect(school.totalCount).toBe(
      await db().$count(
        exchangeAssignments,
        sql`source_school_id = (select id from schools where code = '3443100001') or target_school_id = (select id from schools where code = '3443100001')`,
      ),
    );
    for (const who of [tok.portal, tok.otherCity, undefined]) {
      expect((await list(who)).data.exchangeAssignments).toEqual({ totalCount: 0, nodes: [] });
    }
    const id = beihu.nodes[0].id;
    const node = await s.gql(NAME, { id }, tok.portal);
    expect(node.body).toMatchObject({ data: { node: null } });
    expect(node.body.errors).toBeUndefined();
    expect(JSON.stringify(node.body)).not.toContain('李红梅');
    const own = await s.gql(STAFF_NO, { id }, tok.beihu);
    expect(present(own.body.data.node).teacherStaffNo).toBe(beihu.nodes[0].teacherStaffNo);
    const foreign = await s.gql(STAFF_NO, { id }, tok.otherCity);
    expect([foreign.body.data.node, foreign.body.errors]).toEqual([null, undefined]);
    const viaTeacher = await s.gql(VIA_TEACHER, {}, tok.portal);
    expect(viaTeacher.body.data.teachers.nodes.length).toBeGreaterThan(0);
    for (const n of viaTeacher.body.data.teachers.nodes) expect(n.exchanges).toEqual({ totalCount: 0, nodes: [] });
    const viaSchool = await s.gql(VIA_SCHOOL, {}, tok.portal);
    expect(viaSchool.body.data.school).toEqual({
      outboundExchanges: { totalCount: 0 },
      inboundExchanges: { totalCount: 0 },
    });
  });

  it('filters: county, school, teacher, kind, status, active on a date, cross-county', async () => {
    const n = async (f: ExchangeFilter) => (await list(tok.city, f)).data.exchangeAssignments.totalCount;
    const c = (where: ReturnType<typeof sql>) => db().$count(exchangeAssignments, where);
    expect(await n({ regionCode: '431003' })).toBe(1);
    expect(await n({ schoolCode: '2143100003' })).toBe(
      await c(sql`target_school_id = (select id from schools where code = '2143100003')`),
    );
    expect(await n({ teacherStaffNo: 'BH-0009' })).toBe(5);
    expect(await n({ kind: ['ITINERANT'], teacherStaffNo: 'BH-0009' })).toBe(5);
    expect(await n({ kind: ['SHADOWING'] })).toBe(1);
    expect(await n({ status: ['COMPLETED'] })).toBe(1);
    expect(await n({ status: ['REJECTED', 'CANCELLED'] })).toBe(3);
    expect(await n({ crossCounty: true })).toBe(1);
    // BH-0001 completed early on 2027-07-15; BH-0002 is active until 2027-07-10.
    const on = async (d: string) =>
      (await list(tok.city, { activeOn: d })).data.exchangeAssignments.nodes.map((x) => x.teacherStaffNo).sort();
    expect(await on('2027-07-12')).toEqual(['BH-0001']);
    expect(await on('2027-07-16')).toEqual([]);
    expect(await on('2027-07-01')).toEqual(['BH-0001', 'BH-0002']);
  });

  it('a teacher’s history and a school’s inbound/outbound exchanges, in one SQL statement', async () => {
    const q = HISTORY;
    const before = s.db.database.statements.count;
    const { body } = await s.gql(q, {}, tok.beihu);
    expect(s.db.database.statements.count - before).toBe(1);
    const history = present(body.data.teacher).exchanges;
    expect(history.totalCount).toBe(5);
    expect(history.nodes.map((x) => x.startDate)).toEqual([...history.nodes.map((x) => x.startDate)].sort().reverse());
    const school = await s.gql(INBOUND, {}, tok.suxian);
    expect(school.body.data.school).toEqual({
      inboundExchanges: { nodes: [{ teacherName: '王建国', sourceSchool: { code: '3443100001' } }] },
      outboundExchanges: { totalCount: 0 },
    });
  });

  it('a published responsibility list decides the approval level', async () => {
    // The city publishes a list making within-county exchanges a city matter (written directly:
    // the responsibility domain's own tests cover publishing).
    const [list] = await db()
      .insert(responsibilityLists)
      .values({
        regionCode: '431000',
        year: 2026,
        sequence: 1,
        title: '郴州市县域普通高中市县结合管理权责清单',
        status: 'PUBLISHED',
      })
      .returning();
    const [item] = await db()
      .insert(responsibilityItems)
      .values({
        listId: list.id,
        key: 'EXCHANGE.WITHIN_COUNTY',
        domain: 'STAFFING',
        title: '县域内教师交流轮岗审批',
        position: 1,
      })
      .returning();
    await db().insert(responsibilityAssignments).values({ itemId: item.id, level: 'CITY', role: 'LEAD' });
    try {
      const a = await ok(
        propose({
          teacherStaffNo: 'BH-0006',
          targetSchoolCode: '2143100003',
          startDate: '2026-09-01',
          endDate: '2027-07-10',
        }),
      );
      expect(a).toMatchObject({ approvalLevel: 'CITY', approvalListId: list.id });
      const e = await refused(() => act(VERBS.approve, { id: a.id }, tok.beihu), 'FORBIDDEN', 'input.id');
      expect(e.message).toContain(`responsibility list ${list.id}`);
      expect((await ok(act(VERBS.approve, { id: a.id }, tok.city))).status).toBe('APPROVED');
    } finally {
      await db().update(responsibilityLists).set({ status: 'SUPERSEDED' }).where(sql`id = ${list.id}`);
    }
  });
});
