import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayCst } from '../../schema/domains/responsibility/dates.js';
import { addDays } from '../../schema/domains/supervision/periods.js';
import { DEMO, present, startTestServer, token, type TestServer } from '../harness.js';
import { graphql } from '../graphql/index.js';

/** Coordination (会商) through the API: 快速响应 requests tracked like tasks, meetings whose decisions become tasks. */
let server: TestServer;
const today = todayCst();
const LINLI = '430724';
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const ASK = graphql(
  `mutation SupervisionCoordinationAsk($input: SubmitRapidRequestInput!) { submitRapidRequest(input: $input) { request { id status warning overdue } errors { code path } } }`,
);
const ANSWER = graphql(
  `mutation SupervisionCoordinationAnswer($input: RespondToRapidRequestInput!) { respondToRapidRequest(input: $input) { request { status response warning } errors { code path } } }`,
);
const MEETING = graphql(
  `mutation SupervisionCoordinationMeeting($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { meeting { id participants agenda { position title rapidRequestId } } errors { code path } } }`,
);
const DECISION = graphql(
  `mutation SupervisionCoordinationDecision($input: RecordMeetingDecisionInput!) { recordMeetingDecision(input: $input) { decision { decision task { id regionCode deadline status } } errors { code path } } }`,
);
const BAD_DECISION = graphql(
  `mutation SupervisionCoordinationBadDecision($input: RecordMeetingDecisionInput!) { recordMeetingDecision(input: $input) { decision { decision } errors { code path } } }`,
);
const TASKS = graphql(
  `query SupervisionCoordinationTasks($r: String!) { rectificationTasks(first: 10, filter: { regionCode: $r }) { nodes { id title } } }`,
);
const TASK_COUNT = graphql(
  `query SupervisionCoordinationTaskCount($r: String!) { rectificationTasks(first: 10, filter: { regionCode: $r }) { totalCount } }`,
);

describe('coordination', () => {
  it('a county asks, only the city answers; a meeting links the request and its decision becomes a task', async () => {
    const city = await token({ role: 'CITY_ADMIN', regionCode: DEMO.city });
    const linli = await token({ role: 'COUNTY_ADMIN', regionCode: LINLI });
    const ask = await server.gql(
      ASK,
      {
        input: {
          regionCode: LINLI,
          subject: '申请调剂物理教师',
          body: '临澧一中物理教师缺1人。',
          responseDeadline: today,
        },
      },
      linli,
    );
    const request = present(ask.body.data.submitRapidRequest.request);
    // Due by 24:00 today: within a day → YELLOW, like a task close to its deadline.
    expect(request).toMatchObject({ status: 'OPEN', warning: 'YELLOW', overdue: false });
    expect(
      (await server.gql(ANSWER, { input: { rapidRequestId: request.id, response: '自行答复' } }, linli)).body.data
        .respondToRapidRequest.errors,
    ).toEqual([{ code: 'FORBIDDEN', path: ['input', 'rapidRequestId'] }]);
    expect(
      (await server.gql(ANSWER, { input: { rapidRequestId: request.id, response: '同意跨县调剂1名。' } }, city)).body
        .data.respondToRapidRequest.request,
    ).toEqual({ status: 'ANSWERED', response: '同意跨县调剂1名。', warning: 'GREEN' });

    const meeting = await server.gql(
      MEETING,
      {
        input: {
          regionCode: DEMO.city,
          kind: 'CONSULTATION',
          title: '临澧县师资会商',
          heldOn: today,
          participants: ['常德市教育局', '临澧县教育局'],
          agenda: [{ title: '物理教师调剂', rapidRequestId: request.id }],
        },
      },
      city,
    );
    const m = meeting.body.data.scheduleMeeting;
    expect(m.errors).toEqual([]);
    const held = present(m.meeting);
    expect(held.agenda).toEqual([{ position: 1, title: '物理教师调剂', rapidRequestId: request.id }]);
    const decision = await server.gql(
      DECISION,
      {
        input: {
          meetingId: held.id,
          decision: '临澧县年底前完成物理教师补充。',
          itemKey: 'STAFFING.TEACHER_RECRUITMENT',
          regionCode: LINLI,
          title: '补充县中物理教师',
          acceptanceStandard: '到岗并排课。',
          deadline: addDays(today, 30),
        },
      },
      city,
    );
    const d = decision.body.data.recordMeetingDecision;
    expect(d.errors).toEqual([]);
    const task = present(present(d.decision).task);
    expect(task).toMatchObject({ regionCode: LINLI, deadline: addDays(today, 30), status: 'IN_PROGRESS' });
    const tasks = await server.gql(TASKS, { r: LINLI }, linli);
    expect(tasks.body.data.rectificationTasks.nodes).toEqual([{ id: task.id, title: '补充县中物理教师' }]);
    // A decision on a matter the county holds no working role on is refused, and no task is left behind.
    const bad = await server.gql(
      BAD_DECISION,
      {
        input: {
          meetingId: held.id,
          decision: '无效',
          itemKey: 'CURRICULUM.SCHOOL_TIMETABLE',
          regionCode: LINLI,
          title: '无效',
          acceptanceStandard: '无',
          deadline: addDays(today, 30),
        },
      },
      city,
    );
    expect(bad.body.data.recordMeetingDecision.errors).toEqual([{ code: 'VALIDATION', path: ['input', 'regionCode'] }]);
    const after = await server.gql(TASK_COUNT, { r: LINLI }, linli);
    expect(after.body.data.rectificationTasks.totalCount).toBe(1);
  });
});
