import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approveEstablishmentTransfer } from '../../schema/domains/staffing/services/approveEstablishmentTransfer.js';
import { assignSchoolPosts } from '../../schema/domains/staffing/services/assignSchoolPosts.js';
import { submitEstablishmentRequest } from '../../schema/domains/staffing/services/submitEstablishmentRequest.js';
import { upsertEstablishments } from '../../schema/domains/staffing/services/upsertEstablishments.js';
import { sql } from 'drizzle-orm';
import { auditEvents } from '../../schema/domains/audit/table.js';
import { toUserErrors } from '../../schema/errors.js';
import { actingAs } from '../exchanges/fixture.js';
import { createTestDb, present, startTestServer, token, type TestServer } from '../harness.js';
import { graphql } from '../graphql/index.js';
import { loadLeversWorld, snapshotTables, W } from './fixture.js';

const TABLES = ['establishment_holdings', 'school_establishments', 'establishment_requests', 'establishment_transfers'];

const PROFILE = graphql(`query StaffingEstablishmentProfile($code: String!) { countyProfile(regionCode: $code) {
    staffing { approved assignedToSchools standard filled vacancies overstaffing byCategory { category approved assignedToSchools }
      countyHighSchools { school { code } approved standard filled vacancies overstaffing subjects { subject approved filled vacancies overstaffing } } } } }`);
const SET = graphql(
  `mutation StaffingEstablishmentSet($input: SetRegionSettingInput!) { setRegionSetting(input: $input) { errors { code path } } }`,
);
const RESET = graphql(
  `mutation StaffingEstablishmentReset($input: SetRegionSettingInput!) { setRegionSetting(input: $input) { errors { code } } }`,
);
const TRANSFER = graphql(
  `mutation StaffingEstablishmentTransfer($input: ApproveEstablishmentTransferInput!) { approveEstablishmentTransfer(input: $input) { transfer { fromCode toCode quantity } errors { code path } } }`,
);
const HOLDINGS = graphql(
  `query StaffingEstablishmentHoldings($r: String!) { establishmentHoldings(regionCode: $r) { holderCode category approved } }`,
);
const REQUESTS = graphql(
  `query StaffingEstablishmentRequests { establishmentRequests(first: 10) { nodes { kind status settledQuantity quantity } } }`,
);
const PORTAL = graphql(
  `query StaffingEstablishmentPortal($c: String!) { countyProfile(regionCode: $c) { staffing { approved filled } } establishmentRequests(first: 5) { totalCount } establishmentTransfers(first: 5) { totalCount } }`,
);
const APPROVED = graphql(
  `query StaffingEstablishmentApproved($c: String!) { countyProfile(regionCode: $c) { staffing { approved } } }`,
);
const SCHOOL_ID = graphql(
  `query StaffingEstablishmentSchoolId($c: String!) { schoolProfile(code: $c) { school { id } } }`,
);
const SCHOOL_OWN = graphql(
  `query StaffingEstablishmentSchoolOwn($c: String!, $other: String!) { schoolProfile(code: $c) { staffing { approved subjects { subject vacancies } } } other: schoolProfile(code: $other) { staffing { approved } } }`,
);

async function errorsOf(p: Promise<unknown>) {
  try {
    await p;
  } catch (err) {
    const e = toUserErrors(err);
    if (e) return e.map(({ code, path }) => ({ code, path }));
    throw err;
  }
  return [];
}

describe('staffing establishment (编制)', () => {
  let s: TestServer;
  let city: string;
  let county: string;
  const db = () => s.db.database;

  beforeAll(async () => {
    const test = await createTestDb({ seed: false });
    await loadLeversWorld(test.database);
    s = await startTestServer({ db: test });
    city = await token({ role: 'CITY_ADMIN', regionCode: W.city });
    county = await token({ role: 'COUNTY_ADMIN', regionCode: W.anxiang });
    const r = await upsertEstablishments(actingAs(test.database, 'CITY_ADMIN', W.city), {
      rows: [
        { holderCode: W.city, category: 'TEACHING', approved: 20 },
        { holderCode: W.anxiang, category: 'TEACHING', approved: 150 },
        { holderCode: W.anxiang, category: 'ADMINISTRATIVE', approved: 10 },
        { holderCode: W.hanshou, category: 'TEACHING', approved: 120 },
      ],
    });
    expect(r.errors).toEqual([]);
    const asCounty = actingAs(test.database, 'COUNTY_ADMIN', W.anxiang);
    await assignSchoolPosts(asCounty, {
      schoolCode: W.anxiangHigh,
      category: 'TEACHING',
      subject: '数学',
      approved: 5,
    });
    await assignSchoolPosts(asCounty, {
      schoolCode: W.anxiangHigh,
      category: 'TEACHING',
      subject: '物理',
      approved: 2,
    });
  });
  afterAll(() => s?.close());

  const profile = async () => {
    const { body } = await s.gql(PROFILE, { code: W.anxiang }, county);
    expect(body.errors).toBeUndefined();
    return present(present(body.data.countyProfile).staffing);
  };

  it('reports approved vs standard vs filled per county, and 县中 vacancies by subject (hand-counted)', async () => {
    const st = await profile();
    // Held: TEACHING 150 + ADMINISTRATIVE 10. Standard: 100 + 40 + 20. Filled: 95 + 45 + 18.
    expect(st).toMatchObject({
      approved: 160,
      assignedToSchools: 7,
      standard: 160,
      filled: 158,
      vacancies: 2,
      overstaffing: 0,
    });
    expect(st.byCategory.find((c) => c.category === 'TEACHING')).toEqual({
      category: 'TEACHING',
      approved: 150,
      assignedToSchools: 7,
    });
    const high = st.countyHighSchools;
    expect(high.map((h) => h.school.code)).toEqual([W.anxiangHigh]);
    // The 县中 holds 7 posts for 95 staff on the register: 88 over; standard ceil(1250 / 12.5) = 100.
    expect(high[0]).toMatchObject({ approved: 7, standard: 100, filled: 95, vacancies: 0, overstaffing: 88 });
    expect(high[0].subjects).toEqual([
      { subject: '数学', approved: 5, filled: 3, vacancies: 2, overstaffing: 0 },
      { subject: '物理', approved: 2, filled: 1, vacancies: 1, overstaffing: 0 },
    ]);
  });

  it('the standard ratio is a setting: a city ratio of 1:10 for senior schools changes the standard', async () => {
    const set = await s.gql(
      SET,
      { input: { regionCode: W.city, key: 'staffing.pupilsPerStaffSenior', value: 10 } },
      city,
    );
    expect(set.body.data.setRegionSetting.errors).toEqual([]);
    const staffing = await profile();
    // 1250 / 10 = 125 for the 县中; junior and primary unchanged (40 + 20).
    expect(staffing.standard).toBe(185);
    expect(staffing.countyHighSchools[0].standard).toBe(125);
    await s.gql(RESET, { input: { regionCode: W.city, key: 'staffing.pupilsPerStaffSenior', value: 12.5 } }, city);
  });

  it(
    'a county request settled by a cross-county transfer from another county’s offer conserves ' +
      'the city total and is audited',
    async () => {
      const asAnxiang = actingAs(db(), 'COUNTY_ADMIN', W.anxiang);
      const asHanshou = actingAs(db(), 'COUNTY_ADMIN', W.hanshou);
      const request = await submitEstablishmentRequest(asAnxiang, {
        countyCode: W.anxiang,
        kind: 'REQUEST',
        category: 'TEACHING',
        quantity: 8,
        reason: '县中扩班，数学物理缺编',
      });
      const offer = await submitEstablishmentRequest(asHanshou, {
        countyCode: W.hanshou,
        kind: 'OFFER',
        category: 'TEACHING',
        quantity: 5,
        reason: '生源减少，富余编制',
      });
      const gid = (id: number) => Buffer.from(`EstablishmentRequest:${id}`).toString('base64');
      const res = await s.gql(
        TRANSFER,
        {
          input: {
            fromCode: W.hanshou,
            toCode: W.anxiang,
            category: 'TEACHING',
            quantity: 5,
            reason: '市级统筹跨县调剂',
            establishmentRequestId: gid(request.id),
            establishmentOfferId: gid(offer.id),
          },
        },
        city,
      );
      expect(res.body.data.approveEstablishmentTransfer).toEqual({
        transfer: { fromCode: W.hanshou, toCode: W.anxiang, quantity: 5 },
        errors: [],
      });
      const h = await s.gql(HOLDINGS, { r: W.city }, city);
      const teaching = Object.fromEntries(
        h.body.data.establishmentHoldings
          .filter((x) => x.category === 'TEACHING')
          .map((x) => [x.holderCode, x.approved]),
      );
      expect(teaching).toEqual({ [W.city]: 20, [W.anxiang]: 155, [W.hanshou]: 115 });
      expect(20 + 155 + 115).toBe(20 + 150 + 120);
      const reqs = await s.gql(REQUESTS, {}, city);
      expect(reqs.body.data.establishmentRequests.nodes).toEqual([
        { kind: 'OFFER', status: 'SETTLED', settledQuantity: 5, quantity: 5 },
        { kind: 'REQUEST', status: 'PARTLY_SETTLED', settledQuantity: 5, quantity: 8 },
      ]);
      // The rest of the request from the city pool: the pool goes down by what the county gains.
      const rest = await approveEstablishmentTransfer(actingAs(db(), 'CITY_ADMIN', W.city), {
        fromCode: W.city,
        toCode: W.anxiang,
        category: 'TEACHING',
        quantity: 3,
        reason: '周转池补足',
        establishmentRequestId: request.id,
      });
      expect(rest.quantity).toBe(3);
      const events = await db()
        .db.select({ type: auditEvents.entityType, action: auditEvents.action })
        .from(auditEvents)
        .where(sql`${auditEvents.entityType} like 'Establishment%'`);
      const kinds = events.map((e) => `${e.type}:${e.action}`);
      expect(kinds.filter((k) => k === 'EstablishmentTransfer:CREATE').length).toBe(2);
      // Two transfers, two holdings each; plus the two initial holdings of 汉寿/安乡 TEACHING set earlier were CREATEs.
      expect(kinds.filter((k) => k === 'EstablishmentHolding:UPDATE').length).toBe(4);
      expect(kinds.filter((k) => k === 'EstablishmentRequest:UPDATE').length).toBe(3);
    },
  );

  it('every bad transfer is a typed error at its field and changes nothing', async () => {
    const asCity = actingAs(db(), 'CITY_ADMIN', W.city);
    const before = await snapshotTables(db(), TABLES);
    const base = {
      fromCode: W.hanshou,
      toCode: W.anxiang,
      category: 'TEACHING' as const,
      quantity: 1,
      reason: '测试调剂',
    };
    expect(await errorsOf(approveEstablishmentTransfer(asCity, { ...base, quantity: 1000 }))).toEqual([
      { code: 'OVER_CAPACITY', path: ['input', 'quantity'] },
    ]);
    expect(await errorsOf(approveEstablishmentTransfer(asCity, { ...base, quantity: -2 }))).toEqual([
      { code: 'VALIDATION', path: ['input', 'quantity'] },
    ]);
    expect(await errorsOf(approveEstablishmentTransfer(asCity, { ...base, quantity: 1.5 }))).toEqual([
      { code: 'VALIDATION', path: ['input', 'quantity'] },
    ]);
    expect(await errorsOf(approveEstablishmentTransfer(asCity, { ...base, toCode: W.hanshou }))).toEqual([
      { code: 'VALIDATION', path: ['input', 'toCode'] },
    ]);
    // Another city's county is outside the city admin's jurisdiction.
    expect(await errorsOf(approveEstablishmentTransfer(asCity, { ...base, toCode: '431002' }))).toEqual([
      { code: 'FORBIDDEN', path: ['input', 'toCode'] },
    ]);
    expect(await errorsOf(approveEstablishmentTransfer(asCity, { ...base, fromCode: 'x' }))).toEqual([
      { code: 'VALIDATION', path: ['input', 'fromCode'] },
    ]);
    expect(await errorsOf(approveEstablishmentTransfer(asCity, { ...base, reason: '' }))).toEqual([
      { code: 'REQUIRED', path: ['input', 'reason'] },
    ]);
    expect(
      await errorsOf(
        approveEstablishmentTransfer(asCity, {
          ...base,
          establishmentRequestId: 'RXN0YWJsaXNobWVudFJlcXVlc3Q6OTk5OQ==',
        }),
      ),
    ).toEqual([{ code: 'NOT_FOUND', path: ['input', 'establishmentRequestId'] }]);
    // 安乡 has assigned 7 TEACHING posts to its 县中: it cannot give away all of its 158.
    expect(
      await errorsOf(
        approveEstablishmentTransfer(asCity, { ...base, fromCode: W.anxiang, toCode: W.hanshou, quantity: 152 }),
      ),
    ).toEqual([{ code: 'CONFLICT', path: ['input', 'quantity'] }]);
    // The county does not decide cross-county adjustment (STAFFING.QUOTA_ADJUSTMENT is city-led).
    expect(
      await errorsOf(
        approveEstablishmentTransfer(actingAs(db(), 'COUNTY_ADMIN', W.anxiang), {
          ...base,
          fromCode: W.anxiang,
          toCode: W.city,
        }),
      ),
    ).toEqual([{ code: 'FORBIDDEN', path: ['input', 'fromCode'] }]);
    expect(await errorsOf(approveEstablishmentTransfer(actingAs(db(), 'SCHOOL_ADMIN', null, 1), base))).toEqual([
      { code: 'FORBIDDEN', path: [] },
    ]);
    // Assigning more than the county holds; another county's school.
    expect(
      await errorsOf(
        assignSchoolPosts(actingAs(db(), 'COUNTY_ADMIN', W.anxiang), {
          schoolCode: W.anxiangJunior,
          category: 'TEACHING',
          subject: '语文',
          approved: 1000,
        }),
      ),
    ).toEqual([{ code: 'OVER_CAPACITY', path: ['input', 'approved'] }]);
    expect(
      await errorsOf(
        assignSchoolPosts(actingAs(db(), 'COUNTY_ADMIN', W.anxiang), {
          schoolCode: W.hanshouHigh,
          category: 'TEACHING',
          subject: '语文',
          approved: 1,
        }),
      ),
    ).toEqual([{ code: 'FORBIDDEN', path: ['input', 'schoolCode'] }]);
    expect(
      await errorsOf(
        assignSchoolPosts(actingAs(db(), 'COUNTY_ADMIN', W.anxiang), {
          schoolCode: W.anxiangJunior,
          category: 'TEACHING',
          approved: 1,
        }),
      ),
    ).toEqual([{ code: 'REQUIRED', path: ['input', 'subject'] }]);
    // Offers beyond the unassigned posts; requests for another county.
    expect(
      await errorsOf(
        submitEstablishmentRequest(actingAs(db(), 'COUNTY_ADMIN', W.anxiang), {
          countyCode: W.anxiang,
          kind: 'OFFER',
          category: 'TEACHING',
          quantity: 500,
          reason: '富余',
        }),
      ),
    ).toEqual([{ code: 'OVER_CAPACITY', path: ['input', 'quantity'] }]);
    expect(
      await errorsOf(
        submitEstablishmentRequest(actingAs(db(), 'COUNTY_ADMIN', W.anxiang), {
          countyCode: W.hanshou,
          kind: 'REQUEST',
          category: 'TEACHING',
          quantity: 1,
          reason: '代报',
        }),
      ),
    ).toEqual([{ code: 'FORBIDDEN', path: ['input', 'countyCode'] }]);
    // Holdings below what is assigned to schools; counties may not set holdings.
    const bulk = await upsertEstablishments(actingAs(db(), 'CITY_ADMIN', W.city), {
      rows: [
        { holderCode: W.anxiang, category: 'TEACHING', approved: 6 },
        { holderCode: '439999', category: 'TEACHING', approved: 1 },
        { holderCode: W.city, category: 'WORKER', approved: -1 },
      ],
    });
    expect(bulk.errors.map(({ code, path }) => ({ code, path }))).toEqual([
      { code: 'CONFLICT', path: ['input', 'rows', 0, 'approved'] },
      { code: 'NOT_FOUND', path: ['input', 'rows', 1, 'holderCode'] },
      { code: 'VALIDATION', path: ['input', 'rows', 2, 'approved'] },
    ]);
    const byCounty = await upsertEstablishments(actingAs(db(), 'COUNTY_ADMIN', W.anxiang), {
      rows: [{ holderCode: W.anxiang, category: 'TEACHING', approved: 999 }],
    });
    expect(byCounty.errors.map(({ code }) => code)).toEqual(['FORBIDDEN']);
    expect(await snapshotTables(db(), TABLES)).toEqual(before);
  });

  it(
    'reads: portals get the aggregate report but no requests, transfers or names; schools read ' + 'their own staffing',
    async () => {
      const portal = await token({ role: 'PORTAL', regionCode: W.city });
      const p = await s.gql(PORTAL, { c: W.anxiang }, portal);
      expect(present(p.body.data.countyProfile).staffing).toEqual({ approved: 168, filled: 158 });
      expect(p.body.data.establishmentRequests.totalCount).toBe(0);
      expect(p.body.data.establishmentTransfers.totalCount).toBe(0);
      const anon = await s.gql(APPROVED, { c: W.anxiang });
      expect(present(anon.body.data.countyProfile).staffing).toBeNull();
      const schoolIds = await s.gql(SCHOOL_ID, { c: W.anxiangHigh }, county);
      const rowId = Number(
        Buffer.from(present(schoolIds.body.data.schoolProfile).school.id, 'base64').toString().split(':')[1],
      );
      const school = await token({ role: 'SCHOOL_ADMIN', schoolCode: W.anxiangHigh } as never);
      void rowId;
      const own = await s.gql(SCHOOL_OWN, { c: W.anxiangHigh, other: W.hanshouHigh }, school);
      expect(own.body.errors).toBeUndefined();
      expect(present(own.body.data.schoolProfile).staffing).toEqual({
        approved: 7,
        subjects: [
          { subject: '数学', vacancies: 2 },
          { subject: '物理', vacancies: 1 },
        ],
      });
      expect(present(own.body.data.other).staffing).toBeNull();
      const otherCounty = await token({ role: 'COUNTY_ADMIN', regionCode: W.hanshou });
      const oc = await s.gql(APPROVED, { c: W.anxiang }, otherCounty);
      expect(present(oc.body.data.countyProfile).staffing).toBeNull();
    },
  );
});
