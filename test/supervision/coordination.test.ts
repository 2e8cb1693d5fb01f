import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayCst } from '../../schema/domains/responsibility/dates.js';
import { addDays } from '../../schema/domains/supervision/periods.js';
import { DEMO, startTestServer, token, type TestServer } from '../harness.js';

/** Coordination (会商) through the API: 快速响应 requests tracked like tasks, meetings whose decisions become tasks. */
let server: TestServer;
const today = todayCst();
const LINLI = '430724';
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('coordination', () => {
  it('a county asks, only the city answers; a meeting links the request and its decision becomes a task', async () => {
    const city = await token({ role: 'CITY_ADMIN', regionCode: DEMO.city });
    const linli = await token({ role: 'COUNTY_ADMIN', regionCode: LINLI });
    const ask = await server.gql(
      `mutation($input: SubmitRapidRequestInput!) { submitRapidRequest(input: $input) { request { id status warning overdue } errors { code path } } }`,
      { input: { regionCode: LINLI, subject: '申请调剂物理教师', body: '临澧一中物理教师缺1人。', responseDeadline: today } },
      linli,
    );
    const request = ask.body.data.submitRapidRequest.request;
    // Due by 24:00 today: within a day → YELLOW, like a task close to its deadline.
    expect(request).toMatchObject({ status: 'OPEN', warning: 'YELLOW', overdue: false });
    const ANSWER = `mutation($input: RespondToRapidRequestInput!) { respondToRapidRequest(input: $input) { request { status response warning } errors { code path } } }`;
    expect((await server.gql(ANSWER, { input: { rapidRequestId: request.id, response: '自行答复' } }, linli)).body.data.respondToRapidRequest.errors).toEqual([{ code: 'FORBIDDEN', path: ['input', 'rapidRequestId'] }]);
    expect((await server.gql(ANSWER, { input: { rapidRequestId: request.id, response: '同意跨县调剂1名。' } }, city)).body.data.respondToRapidRequest.request).toEqual({ status: 'ANSWERED', response: '同意跨县调剂1名。', warning: 'GREEN' });

    const meeting = await server.gql(
      `mutation($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { meeting { id participants agenda { position title rapidRequestId } } errors { code path } } }`,
      { input: { regionCode: DEMO.city, kind: 'CONSULTATION', title: '临澧县师资会商', heldOn: today, participants: ['常德市教育局', '临澧县教育局'], agenda: [{ title: '物理教师调剂', rapidRequestId: request.id }] } },
      city,
    );
    const m = meeting.body.data.scheduleMeeting;
    expect(m.errors).toEqual([]);
    expect(m.meeting.agenda).toEqual([{ position: 1, title: '物理教师调剂', rapidRequestId: request.id }]);
    const decision = await server.gql(
      `mutation($input: RecordMeetingDecisionInput!) { recordMeetingDecision(input: $input) { decision { decision task { id regionCode deadline status } } errors { code path } } }`,
      { input: { meetingId: m.meeting.id, decision: '临澧县年底前完成物理教师补充。', itemKey: 'STAFFING.TEACHER_RECRUITMENT', regionCode: LINLI, title: '补充县中物理教师', acceptanceStandard: '到岗并排课。', deadline: addDays(today, 30) } },
      city,
    );
    const d = decision.body.data.recordMeetingDecision;
    expect(d.errors).toEqual([]);
    expect(d.decision.task).toMatchObject({ regionCode: LINLI, deadline: addDays(today, 30), status: 'IN_PROGRESS' });
    const tasks = await server.gql(`{ rectificationTasks(first: 10, filter: { regionCode: "${LINLI}" }) { nodes { id title } } }`, {}, linli);
    expect(tasks.body.data.rectificationTasks.nodes).toEqual([{ id: d.decision.task.id, title: '补充县中物理教师' }]);
    // A decision on a matter the county holds no working role on is refused, and no task is left behind.
    const bad = await server.gql(
      `mutation($input: RecordMeetingDecisionInput!) { recordMeetingDecision(input: $input) { decision { decision } errors { code path } } }`,
      { input: { meetingId: m.meeting.id, decision: '无效', itemKey: 'CURRICULUM.SCHOOL_TIMETABLE', regionCode: LINLI, title: '无效', acceptanceStandard: '无', deadline: addDays(today, 30) } },
      city,
    );
    expect(bad.body.data.recordMeetingDecision.errors).toEqual([{ code: 'VALIDATION', path: ['input', 'regionCode'] }]);
    const after = await server.gql(`{ rectificationTasks(first: 10, filter: { regionCode: "${LINLI}" }) { totalCount } }`, {}, linli);
    expect(after.body.data.rectificationTasks.totalCount).toBe(1);
  });
});
