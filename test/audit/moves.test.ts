import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResultOf } from '@graphql-typed-document-node/core';
import { DEMO, startTestServer, token, type TestServer } from '../harness.js';
import { graphql } from '../graphql/index.js';

/**
 * Records that leave a jurisdiction (a teacher or a school moved to another county) reach the
 * old county's change feed as a LEAVE — key only, no content — and the new county's as the
 * update, so a county's synced copy drops what it may no longer hold.
 *
 * On PostgreSQL the feed horizon is cluster-wide: reads poll briefly for the new events.
 */
const FEED = graphql(
  `query AuditMovesFeed($after: String) { changes(after: $after, first: 1000) { events { action entityType entityKey regionCode before after } endCursor hasNextPage } }`,
);
const UPSERT_TEACHERS = graphql(
  `mutation AuditMovesUpsertTeachers($input: UpsertTeachersInput!) { upsertTeachers(input: $input) { results { status } errors { code path message } } }`,
);
const UPSERT_SCHOOLS = graphql(
  `mutation AuditMovesUpsertSchools($input: UpsertSchoolsInput!) { upsertSchools(input: $input) { results { status } errors { code path message } } }`,
);

const TEACHER_AND_SCHOOL = graphql(
  `query AuditMovesTeacherAndSchool($from: String!, $to: String!) { teachers(first: 1, filter: { regionCode: $from }) { nodes { staffNo name gender qualification idNumber phone } } schools(first: 1, filter: { regionCode: $to }) { nodes { code } } }`,
);
const TEACHER = graphql(`query AuditMovesTeacher($n: String!) { teacher(staffNo: $n) { staffNo } }`);
const COUNTY_TEACHER = graphql(
  `query AuditMovesCountyTeacher($r: String!) { teachers(first: 1, filter: { regionCode: $r }) { nodes { staffNo name gender qualification yearsAtSchool school { code } } } }`,
);
const PRIMARY_SCHOOLS = graphql(
  `query AuditMovesPrimarySchools($r: String!) { schools(first: 50, filter: { regionCode: $r, stage: [PRIMARY] }) { nodes { code name stage locality teachers(first: 100) { totalCount nodes { staffNo } } } } }`,
);

type Event = ResultOf<typeof FEED>['changes']['events'][number];
/** A record of an event (JSON), read field by field. */
const record = (v: unknown) => v as Record<string, unknown>;

let s: TestServer;
let city: string;
let anxiang: string;
let wuling: string;
const cursors: Record<string, string | null> = {};

beforeAll(async () => {
  s = await startTestServer({ env: { EDUGOV_RATE_LIMIT: 'false' } });
  city = await token({ role: 'CITY_ADMIN', regionCode: DEMO.city });
  anxiang = await token({ role: 'COUNTY_ADMIN', regionCode: DEMO.anxiang });
  wuling = await token({ role: 'COUNTY_ADMIN', regionCode: DEMO.wuling });
  // Start every reader at the end of the feed, so each test sees only its own events.
  for (const [who, bearer] of Object.entries({ city, anxiang, wuling }))
    cursors[who] = await drain(bearer, null).then((r) => r.cursor);
});
afterAll(() => s?.close());

async function drain(bearer: string, after: string | null): Promise<{ events: Event[]; cursor: string | null }> {
  const events: Event[] = [];
  let cursor = after;
  for (;;) {
    const { body } = await s.gql(FEED, { after: cursor }, bearer);
    expect(body.errors).toBeUndefined();
    events.push(...body.data.changes.events);
    cursor = body.data.changes.endCursor;
    if (!body.data.changes.hasNextPage) return { events, cursor };
  }
}

/** New events of each reader, polling until `until` holds for all (bounded). */
async function newEvents(until: (byWho: Record<string, Event[]>) => boolean): Promise<Record<string, Event[]>> {
  const byWho: Record<string, Event[]> = { city: [], anxiang: [], wuling: [] };
  const bearers: Record<string, string> = { city, anxiang, wuling };
  for (let i = 0; i < 50; i++) {
    for (const who of Object.keys(byWho)) {
      const r = await drain(bearers[who], cursors[who]);
      byWho[who].push(...r.events);
      cursors[who] = r.cursor;
    }
    if (until(byWho)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return byWho;
}

describe('a teacher moved from 安乡县 to 武陵区', () => {
  it('reaches 安乡 as a LEAVE without personal data and 武陵 as the update; the city gets both, LEAVE first', async () => {
    const { body } = await s.gql(TEACHER_AND_SCHOOL, { from: DEMO.anxiang, to: DEMO.wuling }, city);
    expect(body.errors).toBeUndefined();
    const teacher = body.data.teachers.nodes[0];
    const target = body.data.schools.nodes[0].code;
    expect(teacher.idNumber).toBeTruthy();
    const row = {
      staffNo: teacher.staffNo,
      name: teacher.name,
      gender: teacher.gender,
      qualification: teacher.qualification,
      schoolCode: target,
    };
    const moved = (await s.gql(UPSERT_TEACHERS, { input: { rows: [row] } }, city)).body.data.upsertTeachers;
    expect(moved.errors).toEqual([]);
    expect(moved.results[0].status).toBe('UPDATED');

    const seen = await newEvents((e) => e.anxiang.length > 0 && e.wuling.length > 0 && e.city.length > 1);
    expect(seen.anxiang).toEqual([
      {
        action: 'LEAVE',
        entityType: 'Teacher',
        entityKey: teacher.staffNo,
        regionCode: DEMO.anxiang,
        before: null,
        after: null,
      },
    ]);
    expect(seen.wuling).toHaveLength(1);
    expect(seen.wuling[0]).toMatchObject({
      action: 'UPDATE',
      entityType: 'Teacher',
      entityKey: teacher.staffNo,
      regionCode: DEMO.wuling,
    });
    expect(record(seen.wuling[0].before).countyCode).toBe(DEMO.anxiang);
    expect(record(seen.wuling[0].after).countyCode).toBe(DEMO.wuling);
    expect(seen.city.map((e) => `${e.action}@${e.regionCode}`)).toEqual([
      `LEAVE@${DEMO.anxiang}`,
      `UPDATE@${DEMO.wuling}`,
    ]);
    // Nothing about the teacher's person reaches the county that lost them.
    const text = JSON.stringify(seen.anxiang);
    for (const v of [teacher.idNumber, teacher.phone, teacher.name]) expect(text).not.toContain(v);
    // And 安乡 no longer reads the teacher; 武陵 does.
    expect((await s.gql(TEACHER, { n: teacher.staffNo }, anxiang)).body.data.teacher).toBeNull();
    expect((await s.gql(TEACHER, { n: teacher.staffNo }, wuling)).body.data.teacher).toEqual({
      staffNo: teacher.staffNo,
    });
  });

  it('an update that stays in the county adds no LEAVE', async () => {
    const { body } = await s.gql(COUNTY_TEACHER, { r: DEMO.anxiang }, city);
    const t = body.data.teachers.nodes[0];
    const row = {
      staffNo: t.staffNo,
      name: t.name,
      gender: t.gender,
      qualification: t.qualification,
      schoolCode: t.school.code,
      yearsAtSchool: t.yearsAtSchool + 1,
    };
    expect((await s.gql(UPSERT_TEACHERS, { input: { rows: [row] } }, city)).body.data.upsertTeachers.errors).toEqual(
      [],
    );
    const seen = await newEvents((e) => e.anxiang.length > 0);
    expect(seen.anxiang.map((e) => e.action)).toEqual(['UPDATE']);
    expect(seen.wuling).toEqual([]);
  });
});

describe('a school moved from 安乡县 to 武陵区', () => {
  it('takes its teachers along: 安乡 gets a LEAVE for the school and each teacher, 武陵 the updates', async () => {
    const { body } = await s.gql(PRIMARY_SCHOOLS, { r: DEMO.anxiang }, city);
    // A village school whose whole staff fits on one page.
    const school = body.data.schools.nodes
      .filter((n) => n.teachers.totalCount > 0 && n.teachers.totalCount <= 100)
      .sort((a, b) => a.teachers.totalCount - b.teachers.totalCount || a.code.localeCompare(b.code))[0];
    const staff = school.teachers.nodes.map((t) => t.staffNo).sort();
    expect(staff.length).toBeGreaterThan(0);
    expect(school.teachers.totalCount).toBe(staff.length);
    // A school's identifier carries its county's province digits only: 4307xx keeps 43.
    const row = {
      code: school.code,
      name: school.name,
      stage: school.stage,
      locality: school.locality,
      countyCode: DEMO.wuling,
    };
    const moved = (await s.gql(UPSERT_SCHOOLS, { input: { rows: [row] } }, city)).body.data.upsertSchools;
    expect(moved.errors).toEqual([]);

    const expected = staff.length + 1;
    const seen = await newEvents((e) => e.anxiang.length >= expected && e.wuling.length >= expected);
    const leaves = seen.anxiang.filter((e) => e.action === 'LEAVE');
    expect(seen.anxiang).toHaveLength(expected);
    expect(leaves.map((e) => `${e.entityType}:${e.entityKey}`).sort()).toEqual(
      [`School:${school.code}`, ...staff.map((n: string) => `Teacher:${n}`)].sort(),
    );
    expect(leaves.every((e) => e.before === null && e.after === null && e.regionCode === DEMO.anxiang)).toBe(true);
    const updates = seen.wuling.filter((e) => e.action === 'UPDATE');
    expect(seen.wuling).toHaveLength(expected);
    expect(
      updates
        .filter((e) => e.entityType === 'Teacher')
        .map((e) => e.entityKey)
        .sort(),
    ).toEqual(staff);
    expect(updates.every((e) => e.regionCode === DEMO.wuling && record(e.after).countyCode === DEMO.wuling)).toBe(true);
    // 武陵's county admin (with the personal scope) gets its new teachers' identifiers; 安乡 none.
    const teacherUpdate = updates.find((e) => e.entityType === 'Teacher')!;
    expect(Object.keys(record(teacherUpdate.after))).toContain('idNumber');
  });
});
