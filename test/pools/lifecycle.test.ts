import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../schema/domains/access/apiKeyService.js';
import { schools } from '../../schema/domains/organisation/table.js';
import { poolResources, resourceAllocations } from '../../schema/domains/pools/table.js';
import { rowsOf } from '../../schema/domains/evaluation/sqlRows.js';
import { DEMO, present, startTestServer, token, type TestServer, type TypedReply } from '../harness.js';
import { graphql } from '../graphql/index.js';
import type { TypedDocumentString } from '../graphql/graphql.js';
import { EQUIP, M, poolCounts, run, type Mutation, type Payload } from './fixture.js';

let s: TestServer;
const db = () => s.db.database.db;
let city: string, anxiang: string, taoyuan: string, school: string, portal: string;
let schoolCode: string, taoyuanSchool: string;
let pool: string;

const SEMESTER = { periodStart: '2026-09-01', periodEnd: '2027-01-31' };

const AVAILABILITY = graphql(
  `query PoolsLifecycleAvailability($id: ID!) { node(id: $id) { ... on PoolResource { availability(from: "2026-09-01", to: "2026-12-31") { capacity peakAllocated free segments { from to allocated free } } } } }`,
);
const CHANGES = graphql(
  `query PoolsLifecycleChanges($a: String) { changes(after: $a, first: 1000) { events { actor action entityType entityKey after occurredAt } endCursor hasNextPage } }`,
);
const POOL = graphql(
  `query PoolsLifecyclePool($id: ID!) { resourcePool(id: $id) { name resources(first: 50) { totalCount nodes { id title visibility internalNote contactName contactPhone } } } }`,
);
const LISTS = graphql(
  `query PoolsLifecycleLists { resourceRequests(first: 5) { totalCount nodes { id } } allocations(first: 5) { totalCount } resourcePools(regionCode: "430721") { totalCount } }`,
);
const BY_NODE = graphql(
  `query PoolsLifecycleByNode($id: ID!) { node(id: $id) { ... on PoolResource { title internalNote } } }`,
);
const REQUESTS = graphql(
  `query PoolsLifecycleRequests($f: ResourceRequestFilter) { resourceRequests(first: 100, filter: $f) { totalCount nodes { county { code } } } }`,
);
const ALLOCATION_SIDES = graphql(
  `query PoolsLifecycleAllocationSides { allocations(first: 100) { totalCount nodes { requestedBy matchedBy } } }`,
);
const DEMO_POOLS = graphql(
  `query PoolsLifecycleDemoPools { resourcePools(regionCode: "430721", first: 50) { nodes { code kind resources(first: 50) { totalCount } } } }`,
);
const POOLS_PAGE = graphql(
  `query PoolsLifecyclePoolsPage($pools: Int!, $n: Int!) { resourcePools(regionCode: "430700", first: $pools) { nodes { name resources(first: $n) { nodes { title county { name } school { name } } } } } }`,
);
const REQUESTS_PAGE = graphql(
  `query PoolsLifecycleRequestsPage($n: Int!) { resourceRequests(first: $n) { nodes { status county { name } pool { name } allocations { quantity matchedBy resource { title } } } } }`,
);
const ALLOCATIONS_PAGE = graphql(
  `query PoolsLifecycleAllocationsPage($n: Int!) { allocations(first: $n) { nodes { quantity status requestedBy matchedBy } } }`,
);
type ResultOf<D> = D extends TypedDocumentString<infer R, infer _V> ? R : never;

beforeAll(async () => {
  s = await startTestServer({ env: { EDUGOV_RATE_LIMIT: 'false' } }); // this suite is about pools, not request budgets
  [{ code: schoolCode }] = await db()
    .select({ code: schools.code })
    .from(schools)
    .where(sql`county_code = ${DEMO.anxiang} and is_county_high_school`)
    .limit(1);
  [{ code: taoyuanSchool }] = await db()
    .select({ code: schools.code })
    .from(schools)
    .where(sql`county_code = ${DEMO.taoyuan}`)
    .orderBy(schools.code)
    .limit(1);
  city = await token({ role: 'CITY_ADMIN', regionCode: DEMO.city });
  anxiang = await token({ role: 'COUNTY_ADMIN', regionCode: DEMO.anxiang });
  taoyuan = await token({ role: 'COUNTY_ADMIN', regionCode: DEMO.taoyuan });
  school = await token({ role: 'SCHOOL_ADMIN', schoolCode });
  portal = (await createApiKey(db(), { name: '家长门户', role: 'PORTAL', regionCode: DEMO.city })).token;
  const created = await run(
    s,
    M.createPool,
    { code: 'T-EQUIP', name: '测试实验设备共享中心', kind: 'EQUIPMENT', cityCode: DEMO.city },
    city,
  );
  expect(created.errors).toEqual([]);
  pool = present(created.pool).id;
});
afterAll(() => s?.close());

/** Asserts a payload failed with exactly this error and that no table or audit count moved. */
async function refused<R extends Record<string, Payload>, I>(
  doc: Mutation<R, I>,
  input: NoInfer<I>,
  tok: string | undefined,
  code: string,
  path: string[],
) {
  const before = await poolCounts(db());
  const payload = await run(s, doc, input, tok);
  expect(payload.errors.map((e) => ({ code: e.code, path: e.path }))).toContainEqual({ code, path });
  expect(
    Object.values(payload)
      .filter((v) => v !== payload.errors)
      .every((v) => v === null),
  ).toBe(true);
  expect(await poolCounts(db())).toEqual(before);
  return payload.errors;
}

describe('pools and offers', () => {
  it('only a city admin opens pools in its city, with valid codes', async () => {
    await refused(
      M.createPool,
      { code: 'T-X', name: '县里的池', kind: 'COURSE', cityCode: DEMO.city },
      anxiang,
      'FORBIDDEN',
      [],
    );
    await refused(
      M.createPool,
      { code: 'T-X', name: '外市的池', kind: 'COURSE', cityCode: '430100' },
      city,
      'FORBIDDEN',
      ['input', 'cityCode'],
    );
    await refused(
      M.createPool,
      { code: 'T-X', name: '县级代码', kind: 'COURSE', cityCode: DEMO.anxiang },
      city,
      'VALIDATION',
      ['input', 'cityCode'],
    );
    await refused(
      M.createPool,
      { code: 'T-EQUIP', name: '重复编号', kind: 'COURSE', cityCode: DEMO.city },
      city,
      'CONFLICT',
      ['input', 'code'],
    );
    await refused(
      M.createPool,
      { code: 'x', name: '编号太短', kind: 'COURSE', cityCode: DEMO.city },
      city,
      'VALIDATION',
      ['input', 'code'],
    );
    await refused(
      M.createPool,
      { code: 'T-X', name: '匿名', kind: 'COURSE', cityCode: DEMO.city },
      undefined,
      'UNAUTHENTICATED',
      [],
    );
  });

  it('a school offers its own resource; unit follows the pool kind', async () => {
    const p = await run(s, M.offer, { poolId: pool, ...EQUIP() }, school);
    expect(p.errors).toEqual([]);
    expect(p.resource).toMatchObject({
      capacity: 5,
      unit: 'UNITS',
      visibility: 'PUBLISHED',
      county: { code: DEMO.anxiang },
      school: { code: schoolCode },
    });
  });

  it('refuses bad offers, changing nothing', async () => {
    const input = { poolId: pool, ...EQUIP() };
    await refused(M.offer, { ...input, capacity: 0 }, school, 'VALIDATION', ['input', 'capacity']);
    await refused(M.offer, { ...input, capacity: -3 }, school, 'VALIDATION', ['input', 'capacity']);
    await refused(M.offer, { ...input, availableTo: '2026-08-01' }, school, 'VALIDATION', ['input', 'availableTo']);
    await refused(M.offer, { ...input, equipment: null }, school, 'REQUIRED', ['input', 'equipment']);
    await refused(M.offer, { ...input, course: { gradeBand: '高一', delivery: 'ONLINE' } }, school, 'VALIDATION', [
      'input',
      'course',
    ]);
    await refused(M.offer, { ...input, equipment: { model: '', location: '实验楼' } }, school, 'VALIDATION', [
      'input',
      'equipment',
      'model',
    ]);
    await refused(M.offer, { ...input, schoolCode: taoyuanSchool }, school, 'FORBIDDEN', ['input', 'schoolCode']);
    await refused(M.offer, { ...input, schoolCode: taoyuanSchool }, anxiang, 'FORBIDDEN', ['input', 'schoolCode']);
    await refused(M.offer, { ...input, countyCode: '430821' }, city, 'NOT_FOUND', ['input', 'countyCode']);
    await refused(
      M.offer,
      { ...input, poolId: Buffer.from('ResourcePool:99999').toString('base64') },
      school,
      'NOT_FOUND',
      ['input', 'poolId'],
    );
    await refused(M.offer, input, portal, 'FORBIDDEN', []);
  });
});

describe('requests, allocation, release, withdrawal', () => {
  let resourceId: string;
  let requestId: string;
  let allocationId: string;

  beforeAll(async () => {
    const r = await run(
      s,
      M.offer,
      { poolId: pool, ...EQUIP({ title: '分组实验器材（力学）', capacity: 3, subject: '力学' }) },
      anxiang,
    );
    resourceId = present(r.resource).id;
  });

  it('a county requests for itself and is shown what the pool already offers', async () => {
    const p = await run(
      s,
      M.submit,
      {
        poolId: pool,
        subject: '力学',
        specification: '高一力学分组实验器材',
        quantity: 2,
        ...SEMESTER,
        priority: 'HIGH',
        reason: '实验开出率不足',
      },
      taoyuan,
    );
    expect(p.errors).toEqual([]);
    expect(p.request).toMatchObject({
      status: 'SUBMITTED',
      quantity: 2,
      matchedQuantity: 0,
      needsNewPurchase: false,
      requestedBy: 'user:test-county_admin',
    });
    expect(present(p.request).suggestedOffers).toEqual([
      { free: 3, resource: { id: resourceId, title: '分组实验器材（力学）' } },
    ]);
    requestId = present(p.request).id;
  });

  it('refuses bad requests, changing nothing', async () => {
    const input = {
      poolId: pool,
      subject: '力学',
      specification: '器材',
      quantity: 1,
      ...SEMESTER,
      reason: '缺少器材',
    };
    await refused(M.submit, { ...input, quantity: 0 }, taoyuan, 'VALIDATION', ['input', 'quantity']);
    await refused(M.submit, { ...input, quantity: -1 }, taoyuan, 'VALIDATION', ['input', 'quantity']);
    await refused(M.submit, { ...input, periodEnd: '2026-08-31' }, taoyuan, 'VALIDATION', ['input', 'periodEnd']);
    await refused(M.submit, { ...input, countyCode: DEMO.anxiang }, taoyuan, 'FORBIDDEN', ['input', 'countyCode']);
    await refused(M.submit, { ...input, schoolCode }, taoyuan, 'FORBIDDEN', ['input', 'schoolCode']);
    await refused(M.submit, { ...input, reason: ' ' }, taoyuan, 'REQUIRED', ['input', 'reason']);
    await refused(M.submit, input, portal, 'FORBIDDEN', []);
    await refused(M.submit, input, city, 'REQUIRED', ['input', 'countyCode']);
  });

  it('a new purchase must acknowledge every fitting offer and say why (避免重复采购)', async () => {
    const input = {
      poolId: pool,
      subject: '力学',
      specification: '新购一套力学器材',
      quantity: 1,
      ...SEMESTER,
      reason: '器材老化',
      needsNewPurchase: true,
    };
    const errors = await refused(M.submit, input, taoyuan, 'CONFLICT', ['input', 'acknowledgedOfferIds']);
    expect(errors[0].message).toContain('分组实验器材（力学）');
    await refused(M.submit, { ...input, acknowledgedOfferIds: [resourceId] }, taoyuan, 'REQUIRED', [
      'input',
      'purchaseJustification',
    ]);
    await refused(M.submit, { ...input, acknowledgedOfferIds: [pool] }, taoyuan, 'VALIDATION', [
      'input',
      'acknowledgedOfferIds',
      '0',
    ]);
    const ok = await run(
      s,
      M.submit,
      { ...input, acknowledgedOfferIds: [resourceId], purchaseJustification: '共享器材距离远，每周往返不可行' },
      taoyuan,
    );
    expect(ok.errors).toEqual([]);
    expect(ok.request).toMatchObject({
      needsNewPurchase: true,
      acknowledgedOfferIds: [resourceId],
      purchaseJustification: '共享器材距离远，每周往返不可行',
    });
    // Nothing fits a subject the pool does not offer: no acknowledgement needed.
    const none = await run(s, M.submit, { ...input, subject: '天文' }, taoyuan);
    expect(none.errors).toEqual([]);
    expect(present(none.request).suggestedOffers).toEqual([]);
  });

  it('the city matches (the responsibility list’s default lead); counties may not', async () => {
    const input = { requestId, resourceId, quantity: 1, reason: '就近共享' };
    await refused(M.allocate, input, taoyuan, 'FORBIDDEN', ['input', 'requestId']);
    await refused(M.allocate, input, anxiang, 'FORBIDDEN', ['input', 'requestId']);
    await refused(M.allocate, input, school, 'FORBIDDEN', []);
    const p = await run(s, M.allocate, input, city);
    expect(p.errors).toEqual([]);
    expect(p.allocation).toMatchObject({
      quantity: 1,
      ...SEMESTER,
      status: 'ACTIVE',
      method: 'MANUAL',
      reason: '就近共享',
      matchedBy: 'user:test-city_admin',
      requestedBy: 'user:test-county_admin',
      request: { id: requestId, status: 'PARTIALLY_MATCHED', matchedQuantity: 1 },
    });
    allocationId = present(p.allocation).id;
  });

  it('refuses bad allocations, changing nothing', async () => {
    const input = { requestId, resourceId, quantity: 1, reason: '就近共享' };
    await refused(M.allocate, { ...input, quantity: 0 }, city, 'VALIDATION', ['input', 'quantity']);
    await refused(M.allocate, { ...input, quantity: 2 }, city, 'VALIDATION', ['input', 'quantity']); // request still needs 1
    await refused(M.allocate, { ...input, periodStart: '2026-10-01', periodEnd: '2026-09-30' }, city, 'VALIDATION', [
      'input',
      'periodEnd',
    ]);
    await refused(M.allocate, { ...input, periodStart: '2026-08-01', periodEnd: '2026-09-30' }, city, 'VALIDATION', [
      'input',
      'periodStart',
    ]);
    await refused(M.allocate, { ...input, reason: '' }, city, 'REQUIRED', ['input', 'reason']);
    await refused(M.allocate, { ...input, resourceId: requestId }, city, 'VALIDATION', ['input', 'resourceId']);
    // A request running past the resource's window cannot take it for the whole period.
    const long = await run(
      s,
      M.submit,
      {
        poolId: pool,
        subject: '力学',
        specification: '全学年',
        quantity: 1,
        periodStart: '2026-09-01',
        periodEnd: '2027-06-30',
        reason: '全学年需要',
      },
      taoyuan,
    );
    await refused(M.allocate, { ...input, requestId: present(long.request).id }, city, 'VALIDATION', [
      'input',
      'periodEnd',
    ]);
  });

  it('refuses OVER_CAPACITY when any day of the period is fully booked', async () => {
    const big = await run(
      s,
      M.submit,
      { poolId: pool, subject: '力学', specification: '两个班', quantity: 3, ...SEMESTER, reason: '两个班同时开课' },
      anxiang,
    );
    // 1 of 3 is taken all semester: 2 fit, 3 do not.
    await refused(
      M.allocate,
      { requestId: present(big.request).id, resourceId, quantity: 3, reason: '试分配' },
      city,
      'OVER_CAPACITY',
      ['input', 'quantity'],
    );
    // Outside the booked month the full capacity is free again.
    const october = await run(
      s,
      M.allocate,
      {
        requestId: present(big.request).id,
        resourceId,
        quantity: 2,
        periodStart: '2026-10-01',
        periodEnd: '2026-10-31',
        reason: '十月集中实验',
      },
      city,
    );
    expect(october.errors).toEqual([]);
    await refused(
      M.allocate,
      {
        requestId: present(big.request).id,
        resourceId,
        quantity: 1,
        periodStart: '2026-10-15',
        periodEnd: '2026-11-15',
        reason: '再加一套',
      },
      city,
      'OVER_CAPACITY',
      ['input', 'quantity'],
    );
    const nov = await run(
      s,
      M.allocate,
      {
        requestId: present(big.request).id,
        resourceId,
        quantity: 1,
        periodStart: '2026-11-01',
        periodEnd: '2026-11-15',
        reason: '十一月',
      },
      city,
    );
    expect(nov.errors).toEqual([]);

    const { body } = await s.gql(AVAILABILITY, { id: resourceId }, city);
    expect(present(body.data.node).availability).toEqual({
      capacity: 3,
      peakAllocated: 3,
      free: 0,
      segments: [
        { from: '2026-09-01', to: '2026-09-30', allocated: 1, free: 2 },
        { from: '2026-10-01', to: '2026-10-31', allocated: 3, free: 0 },
        { from: '2026-11-01', to: '2026-11-15', allocated: 2, free: 1 },
        { from: '2026-11-16', to: '2026-12-31', allocated: 1, free: 2 },
      ],
    });
  });

  it(
    'the database itself refuses overbooking and allocations outside the window, whatever the ' + 'application does',
    async () => {
      const [req] = rowsOf<{ id: number; county_code: string }>(
        await db().execute(sql`select id, county_code from resource_requests order by id desc limit 1`),
      );
      const raw = (q: number, from: string, to: string) =>
        db()
          .insert(resourceAllocations)
          .values({
            requestId: req.id,
            resourceId: Number(Buffer.from(resourceId, 'base64').toString().split(':')[1]),
            requestCountyCode: req.county_code,
            offerCountyCode: DEMO.anxiang,
            quantity: q,
            periodStart: from,
            periodEnd: to,
            method: 'MANUAL',
            reason: 'bypass',
            matchedBy: 'test',
          });
      const before = await poolCounts(db());
      await expect(raw(1, '2026-10-10', '2026-10-12')).rejects.toMatchObject({
        cause: expect.objectContaining({ code: 'EGCAP' }),
      });
      await expect(raw(1, '2027-01-15', '2027-02-15')).rejects.toMatchObject({
        cause: expect.objectContaining({ code: 'EGWIN' }),
      });
      await expect(raw(5, '2026-12-01', '2026-12-02')).rejects.toMatchObject({
        cause: expect.objectContaining({ code: 'EGCAP' }),
      });
      expect(await poolCounts(db())).toEqual(before);
    },
  );

  it('releasing gives capacity back and reopens the request; releasing twice is refused', async () => {
    const p = await run(s, M.release, { allocationId, reason: '学校自行解决' }, city);
    expect(p.errors).toEqual([]);
    expect(p.allocation).toMatchObject({
      status: 'RELEASED',
      releasedBy: 'user:test-city_admin',
      releaseReason: '学校自行解决',
      request: { status: 'SUBMITTED', matchedQuantity: 0 },
    });
    await refused(M.release, { allocationId, reason: '再次释放' }, city, 'INVALID_STATE', ['input', 'allocationId']);
    await refused(M.release, { allocationId, reason: '县里释放' }, taoyuan, 'FORBIDDEN', ['input', 'allocationId']);
    await refused(M.release, { allocationId: requestId, reason: '类型错误' }, city, 'VALIDATION', [
      'input',
      'allocationId',
    ]);
  });

  it('withdrawal releases allocations; a withdrawn request cannot be matched or withdrawn again', async () => {
    // October and early November are taken by another request; the rest of the semester is free.
    const again = await run(
      s,
      M.allocate,
      { requestId, resourceId, quantity: 2, periodStart: '2026-11-16', periodEnd: '2027-01-31', reason: '重新匹配' },
      city,
    );
    expect(again.errors).toEqual([]);
    expect(present(again.allocation).request.status).toBe('MATCHED');
    await refused(M.withdraw, { requestId, reason: '不需要了' }, anxiang, 'FORBIDDEN', ['input', 'requestId']);
    const w = await run(s, M.withdraw, { requestId, reason: '已通过县内调剂解决' }, taoyuan);
    expect(w.errors).toEqual([]);
    expect(w.request).toMatchObject({
      status: 'WITHDRAWN',
      matchedQuantity: 0,
      closedBy: 'user:test-county_admin',
      closeReason: '已通过县内调剂解决',
    });
    expect(present(w.request).allocations.map((a) => a.status)).toEqual(['RELEASED', 'RELEASED']);
    await refused(M.allocate, { requestId, resourceId, quantity: 1, reason: '误操作' }, city, 'INVALID_STATE', [
      'input',
      'requestId',
    ]);
    await refused(M.withdraw, { requestId, reason: '再撤' }, taoyuan, 'INVALID_STATE', ['input', 'requestId']);
  });

  it('rejection and fulfilment close requests with a reason', async () => {
    const a = await run(
      s,
      M.submit,
      { poolId: pool, subject: '力学', specification: '一套', quantity: 1, ...SEMESTER, reason: '需要' },
      taoyuan,
    );
    const r = await run(
      s,
      M.reject,
      { requestId: present(a.request).id, reason: '本学期名额已满，请下学期申报' },
      city,
    );
    expect(r.request).toMatchObject({ status: 'REJECTED', closeReason: '本学期名额已满，请下学期申报' });
    await refused(M.reject, { requestId: present(a.request).id, reason: '重复驳回' }, city, 'INVALID_STATE', [
      'input',
      'requestId',
    ]);

    const b = await run(
      s,
      M.submit,
      { poolId: pool, subject: '力学', specification: '一套', quantity: 1, ...SEMESTER, reason: '需要' },
      taoyuan,
    );
    await refused(M.confirm, { requestId: present(b.request).id, reason: '到位' }, taoyuan, 'INVALID_STATE', [
      'input',
      'requestId',
    ]);
    await run(s, M.allocate, { requestId: present(b.request).id, resourceId, quantity: 1, reason: '匹配' }, city);
    await refused(M.reject, { requestId: present(b.request).id, reason: '已匹配不可驳回' }, city, 'INVALID_STATE', [
      'input',
      'requestId',
    ]);
    const c = await run(s, M.confirm, { requestId: present(b.request).id, reason: '器材已到校' }, taoyuan);
    expect(present(c.request).status).toBe('FULFILLED');
    const [alloc] = await db()
      .select()
      .from(resourceAllocations)
      .where(sql`request_id = ${Number(Buffer.from(present(b.request).id, 'base64').toString().split(':')[1])}`);
    await refused(
      M.release,
      { allocationId: Buffer.from(`ResourceAllocation:${alloc.id}`).toString('base64'), reason: '事后释放' },
      city,
      'INVALID_STATE',
      ['input', 'allocationId'],
    );
  });

  it('every step is traceable in the change feed: who asked, who matched, when and why', async () => {
    const feed: (ResultOf<typeof CHANGES>['changes']['events'][number] & { after: Record<string, unknown> })[] = [];
    let after: string | null = null;
    for (;;) {
      const { body }: TypedReply<ResultOf<typeof CHANGES>> = await s.gql(CHANGES, { a: after }, city);
      // Every event of these entities has an `after` state (a JSON object).
      feed.push(...body.data.changes.events.map((e) => ({ ...e, after: e.after as Record<string, unknown> })));
      after = body.data.changes.endCursor;
      if (!body.data.changes.hasNextPage) break;
    }
    const allocation = feed.find(
      (e) =>
        e.entityType === 'ResourceAllocation' &&
        e.entityKey === Buffer.from(allocationId, 'base64').toString().split(':')[1] &&
        e.action === 'CREATE',
    );
    expect(allocation).toMatchObject({
      actor: 'user:test-city_admin',
      after: {
        reason: '就近共享',
        matchedBy: 'user:test-city_admin',
        authority: expect.objectContaining({ level: 'CITY' }),
      },
    });
    const request = feed.find(
      (e) => e.entityType === 'ResourceRequest' && e.action === 'CREATE' && e.after.reason === '实验开出率不足',
    );
    expect(request).toMatchObject({
      actor: 'user:test-county_admin',
      after: { requestedBy: 'user:test-county_admin', reason: '实验开出率不足' },
    });
    const release = feed.find(
      (e) => e.entityType === 'ResourceAllocation' && e.action === 'UPDATE' && e.after.releaseReason === '学校自行解决',
    );
    expect(present(release).actor).toBe('user:test-city_admin');
    // Contact details (personal data) never enter the feed.
    expect(feed.some((e) => e.entityType === 'PoolResource')).toBe(true);
    expect(feed.filter((e) => e.entityType === 'PoolResource').every((e) => !('contactPhone' in e.after))).toBe(true);
  });
});

describe('who sees what', () => {
  let internalId: string;

  beforeAll(async () => {
    const r = await run(
      s,
      M.offer,
      {
        poolId: pool,
        ...EQUIP({
          title: '内部调剂显微镜',
          subject: '生物',
          visibility: 'INTERNAL',
          internalNote: '仅限县中使用',
          contactName: '李老师',
          contactPhone: '13807360001',
        }),
      },
      anxiang,
    );
    internalId = present(r.resource).id;
  });

  it(
    'portals see the published catalogue only, without internal notes or personal data, and no ' +
      'requests or allocations',
    async () => {
      const { body } = await s.gql(POOL, { id: pool }, portal);
      expect(body.errors).toBeUndefined();
      const { resources } = present(body.data.resourcePool);
      const nodes = resources.nodes;
      expect(nodes.length).toBe(resources.totalCount);
      expect(nodes.length).toBeGreaterThan(0);
      expect(
        nodes.every(
          (n) =>
            n.visibility === 'PUBLISHED' &&
            n.internalNote === null &&
            n.contactName === null &&
            n.contactPhone === null,
        ),
      ).toBe(true);
      expect(nodes.map((n) => n.id)).not.toContain(internalId);
      const lists = await s.gql(LISTS, {}, portal);
      expect(lists.body.data.resourceRequests).toEqual({ totalCount: 0, nodes: [] });
      expect(lists.body.data.allocations.totalCount).toBe(0);
      expect(lists.body.data.resourcePools.totalCount).toBeGreaterThan(0);
      const byNode = await s.gql(BY_NODE, { id: internalId }, portal);
      expect(byNode.body.data?.node ?? null).toBeNull();
      expect(JSON.stringify(byNode.body)).not.toContain('仅限县中使用');
    },
  );

  it('the city’s bureaus see internal offers; contact details only for the offering side and the city', async () => {
    const asCity = present((await s.gql(POOL, { id: pool }, city)).body.data.resourcePool).resources.nodes.find(
      (n) => n.id === internalId,
    );
    expect(asCity).toMatchObject({ internalNote: '仅限县中使用', contactName: '李老师', contactPhone: '13807360001' });
    const asTaoyuan = present((await s.gql(POOL, { id: pool }, taoyuan)).body.data.resourcePool).resources.nodes.find(
      (n) => n.id === internalId,
    );
    expect(asTaoyuan).toMatchObject({ visibility: 'INTERNAL' });
  });

  it('counties see their own requests, the city all of its counties’, schools their own', async () => {
    const q = REQUESTS;
    const all = (await s.gql(q, { f: { poolId: pool } }, city)).body.data.resourceRequests;
    const mine = (await s.gql(q, { f: { poolId: pool } }, taoyuan)).body.data.resourceRequests;
    const [counted] = rowsOf<{ n: number }>(
      await db().execute(
        sql`select count(*)::int as n from resource_requests where county_code = ${DEMO.taoyuan} and pool_id = ${Number(Buffer.from(pool, 'base64').toString().split(':')[1])}`,
      ),
    );
    expect(mine.totalCount).toBe(counted.n);
    expect(mine.totalCount).toBeGreaterThan(0);
    expect(mine.nodes.every((n) => n.county.code === DEMO.taoyuan)).toBe(true);
    expect(all.totalCount).toBeGreaterThan(mine.totalCount);
    expect((await s.gql(q, { f: { poolId: pool } }, school)).body.data.resourceRequests.totalCount).toBe(0);
    // A school asks through its county: the request is the county's, tagged with the school.
    const asked = await run(
      s,
      M.submit,
      { poolId: pool, subject: '生物', specification: '显微镜两台', quantity: 2, ...SEMESTER, reason: '生物实验课' },
      school,
    );
    expect(asked.errors).toEqual([]);
    const own = (await s.gql(q, { f: { poolId: pool } }, school)).body.data.resourceRequests;
    expect(own).toEqual({ totalCount: 1, nodes: [{ county: { code: DEMO.anxiang } }] });
    expect((await s.gql(q, { f: { poolId: pool } }, anxiang)).body.data.resourceRequests.totalCount).toBeGreaterThan(1);
    const allocs = (await s.gql(ALLOCATION_SIDES, {}, anxiang)).body.data.allocations;
    // 安乡 requested some and offered the resource others used: it sees both sides.
    expect(allocs.totalCount).toBe(
      await db().$count(
        resourceAllocations,
        sql`request_county_code = ${DEMO.anxiang} or offer_county_code = ${DEMO.anxiang}`,
      ),
    );
  });

  it('anonymous callers see pools and the published catalogue', async () => {
    const { body } = await s.gql(POOL, { id: pool });
    expect(present(body.data.resourcePool).resources.totalCount).toBe(
      await db().$count(
        poolResources,
        sql`pool_id = ${Number(Buffer.from(pool, 'base64').toString().split(':')[1])} and visibility = 'PUBLISHED'`,
      ),
    );
  });
});

describe('demo data (常德市)', () => {
  it('has pools of all four kinds with offers, and requests in every state', async () => {
    const { body } = await s.gql(DEMO_POOLS, {}, city);
    const demo = body.data.resourcePools.nodes.filter((p) => p.code.startsWith('CD-'));
    expect(demo.map((p) => p.kind).sort()).toEqual(['COURSE', 'EQUIPMENT', 'RESEARCH', 'TEACHER_EXCHANGE']);
    expect(demo.every((p) => p.resources.totalCount >= 3)).toBe(true);
    const rows = rowsOf<{ status: string }>(
      await db().execute(
        sql`select distinct q.status from resource_requests q join resource_pools p on p.id = q.pool_id where p.code like 'CD-%'`,
      ),
    );
    expect(rows.map((r) => r.status).sort()).toEqual([
      'FULFILLED',
      'MATCHED',
      'PARTIALLY_MATCHED',
      'REJECTED',
      'SUBMITTED',
      'WITHDRAWN',
    ]);
  });
});

describe('nested reads are batched', () => {
  it(
    'pools → offers → county/school, and requests → county/pool/allocations, cost one ' +
      'statement per root field whatever the page size',
    async () => {
      const count = async (read: () => Promise<{ body: { errors?: unknown } }>) => {
        const before = s.db.database.statements.count;
        const { body } = await read();
        expect(body.errors).toBeUndefined();
        return s.db.database.statements.count - before;
      };
      const pools = (n: number) => () => s.gql(POOLS_PAGE, { pools: Math.min(n, 10), n }, city);
      const requests = (n: number) => () => s.gql(REQUESTS_PAGE, { n }, city);
      expect(await count(pools(2))).toBe(await count(pools(20)));
      expect(await count(requests(2))).toBe(await count(requests(50)));
      // One statement each plus the viewer's token check and connection totals, not one per row.
      expect(await count(pools(20))).toBeLessThanOrEqual(3);
      expect(await count(requests(50))).toBeLessThanOrEqual(3);
    },
  );

  it(
    'a school’s allocations, each checked against the two schools involved, cost the same ' + 'whatever their number',
    async () => {
      // The demo school with the most allocations, on either side (requesting or offering).
      const [busiest] = rowsOf<{ code: string; n: number }>(
        await db().execute(sql`select s.code, count(*)::int as n from resource_allocations a join resource_requests q on q.id = a.request_id
        join pool_resources r on r.id = a.resource_id join schools s on s.id in (q.school_id, r.school_id) group by s.code order by n desc, s.code limit 1`),
      );
      // Two rows already tell one statement per row from one per page.
      expect(busiest.n).toBeGreaterThanOrEqual(2);
      const mine = await token({ role: 'SCHOOL_ADMIN', schoolCode: busiest.code });
      const read = async (n: number) => {
        const before = s.db.database.statements.count;
        const { body } = await s.gql(ALLOCATIONS_PAGE, { n }, mine);
        expect(body.errors).toBeUndefined();
        return { statements: s.db.database.statements.count - before, nodes: body.data.allocations.nodes };
      };
      const one = await read(1);
      const all = await read(100);
      expect(one.nodes).toHaveLength(1);
      expect(all.nodes).toHaveLength(busiest.n);
      expect(all.statements).toBe(one.statements);
    },
  );
});
