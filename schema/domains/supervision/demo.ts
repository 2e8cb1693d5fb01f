import { and, eq } from 'drizzle-orm';
import type { Context } from '../../context.js';
import { rectificationTasks } from '../responsibility/table.js';
import { taskGlobalId } from '../responsibility/ids.js';
import { setRegionSetting } from '../settings/services/setRegionSetting.js';
import type { ClockedContext } from './clock.js';
import { runEscalationJob } from './escalationJob.js';
import {
  escalationGlobalId,
  findingGlobalId,
  inspectionGlobalId,
  meetingGlobalId,
  periodGlobalId,
  rapidRequestGlobalId,
} from './ids.js';
import { convertFindingToTask } from './services/convertFindingToTask.js';
import { generateReportingPeriods } from './services/generateReportingPeriods.js';
import { planInspection } from './services/planInspection.js';
import { respondToRapidRequest } from './services/respondToRapidRequest.js';
import { submitRapidRequest } from './services/submitRapidRequest.js';
import { recheckTask } from './services/recheckTask.js';
import { recordAccountabilityDecision } from './services/recordAccountabilityDecision.js';
import { recordFinding } from './services/recordFinding.js';
import { recordMeetingDecision } from './services/recordMeetingDecision.js';
import { scheduleMeeting } from './services/scheduleMeeting.js';
import { submitPeriodReport } from './services/submitPeriodReport.js';

/**
 * Supervision demo for 常德市, through the services with the clock pinned to each step's date
 * (so lateness and escalation ages are the same on every run): a 专项督导 of 县中 policy with
 * findings in 安乡, 桃源 and 石门 turned into tasks; a 回头看 of an accepted task; a monthly
 * rhythm with September and October 2026 reports (石门 late in October); the escalation job
 * run on 2026-10-20 (one 挂牌督办) and 2026-11-20 (one 问责, decided); one 季度协调会 with two
 * decisions that became tasks; two 快速响应 requests.
 */
export const SUPERVISION_CITY = '430700';
const at = (ctx: Context, iso: string): ClockedContext => ({ ...ctx, now: new Date(iso) });

const FINDINGS = [
  {
    county: '430721',
    itemKey: 'FUNDING.PER_STUDENT_FUNDING',
    severity: 'MAJOR' as const,
    description: '2026年上半年普通高中生均公用经费拨付不足额，缺口约180万元。',
    title: '足额拨付普通高中生均公用经费',
    standard: '2026年度生均公用经费按省定标准足额拨付到校，提供拨付凭证。',
    reports: [20, 40],
  },
  {
    county: '430725',
    itemKey: 'STAFFING.TEACHER_RECRUITMENT',
    severity: 'SERIOUS' as const,
    description: '县中物理、化学学科教师缺编12人，连续两年未组织招聘。',
    title: '补齐县中紧缺学科教师',
    standard: '完成2026年县中教师公开招聘，紧缺学科缺编全部补齐。',
    reports: [15, 30],
  },
  {
    county: '430726',
    itemKey: 'PLANNING.LOCAL_IMPLEMENTATION_PLAN',
    severity: 'MAJOR' as const,
    description: '县中发展提升实施方案未制定，未报市教育局备案。',
    title: '制定并报备县中发展提升实施方案',
    standard: '实施方案经县政府审议通过并报市教育局备案。',
    reports: [10, 20],
  },
];

export async function seedSupervision(ctx: Context) {
  const city = SUPERVISION_CITY;
  await setRegionSetting(ctx, { regionCode: city, key: 'supervision.rhythm', value: 'MONTHLY' });
  await setRegionSetting(ctx, { regionCode: city, key: 'supervision.reportDueDays', value: 5 });
  await setRegionSetting(ctx, {
    regionCode: city,
    key: 'supervision.escalation',
    value: {
      listAfterRedDays: 30,
      accountabilityAfterListedDays: 30,
      supervisingLeader: '常德市教育局党组成员、副局长（分管督导）',
    },
  });

  // 专项督导 of 县中 policy, with a third-party assessor and an education observer.
  const special = await planInspection(at(ctx, '2026-08-01T09:00:00+08:00'), {
    regionCode: city,
    kind: 'SPECIAL',
    title: '2026年县域普通高中发展提升政策落实专项督导',
    scopeRegionCodes: FINDINGS.map((f) => f.county),
    periodStart: '2026-08-10',
    periodEnd: '2026-08-25',
    inspectors: [
      { subject: 'cd-inspector-1', name: '刘建华', kind: 'STAFF' },
      { subject: 'cd-assessor-1', name: '周敏', kind: 'THIRD_PARTY' },
      { subject: 'cd-observer-1', name: '陈志远', kind: 'OBSERVER' },
    ],
  });
  const findingTasks: Record<string, number> = {};
  for (const f of FINDINGS) {
    const finding = await recordFinding(at(ctx, '2026-08-20T15:00:00+08:00'), {
      inspectionId: inspectionGlobalId(special.id),
      regionCode: f.county,
      severity: f.severity,
      itemKey: f.itemKey,
      description: f.description,
      evidence: [`https://jyj.changde.gov.cn/dudao/2026/xianzhong/${f.county}.pdf`],
    });
    const converted = await convertFindingToTask(at(ctx, '2026-08-28T10:00:00+08:00'), {
      findingId: findingGlobalId(finding.id),
      title: f.title,
      acceptanceStandard: f.standard,
      startDate: '2026-09-01',
      deadline: '2027-03-31',
    });
    findingTasks[f.county] = converted.taskId!;
  }

  // 回头看 of the task accepted last term (桃源's admissions): it held.
  const [accepted] = await ctx.db
    .select()
    .from(rectificationTasks)
    .where(and(eq(rectificationTasks.itemKey, 'ENROLMENT.ADMISSION_RULES'), eq(rectificationTasks.status, 'ACCEPTED')));
  const followUp = await planInspection(at(ctx, '2026-10-08T09:00:00+08:00'), {
    regionCode: city,
    kind: 'FOLLOW_UP',
    title: '2026年招生规范整改“回头看”',
    scopeRegionCodes: [accepted.regionCode],
    periodStart: '2026-10-12',
    periodEnd: '2026-10-16',
    inspectors: [{ subject: 'cd-inspector-1', name: '刘建华', kind: 'STAFF' }],
  });
  await recheckTask(at(ctx, '2026-10-14T16:00:00+08:00'), {
    inspectionId: inspectionGlobalId(followUp.id),
    taskId: taskGlobalId(accepted.id),
    passed: true,
    description: '抽查2026年秋季招生录取数据和招生简章，未发现提前招生和跨区掐尖，整改成效巩固。',
  });

  // Monthly rhythm: September and October 2026.
  const { periods } = await generateReportingPeriods(at(ctx, '2026-08-30T09:00:00+08:00'), {
    cityCode: city,
    from: '2026-09-01',
    to: '2026-10-31',
  });
  const [sep, oct] = periods;

  // 快速响应 and the quarterly coordination meeting, whose decisions become tasks.
  const rapid = await submitRapidRequest(at(ctx, '2026-10-09T11:00:00+08:00'), {
    regionCode: '430726',
    subject: '申请市级跨县调剂县中化学教师编制',
    body: '石门县第一中学化学教师缺2人，县内无编可调，申请市级在总量内跨县调剂编制2名。',
    responseDeadline: '2026-10-20',
  });
  await respondToRapidRequest(at(ctx, '2026-10-16T17:00:00+08:00'), {
    rapidRequestId: rapidRequestGlobalId(rapid.id),
    response: '同意从澧县调剂化学教师编制2名，请于11月底前完成招聘。',
  });
  await submitRapidRequest(at(ctx, '2026-11-25T10:00:00+08:00'), {
    regionCode: '430721',
    subject: '申请共享中心增派实验设备',
    body: '安乡县一中高三化学分组实验设备不足，申请实验设备共享中心12月增派一批。',
    responseDeadline: '2026-12-20',
  });
  const meeting = await scheduleMeeting(at(ctx, '2026-10-15T09:00:00+08:00'), {
    regionCode: city,
    kind: 'QUARTERLY_COORDINATION',
    title: '2026年第三季度县域普通高中发展提升协调会',
    heldOn: '2026-10-15',
    participants: ['常德市教育局', '常德市人民政府教育督导室', '安乡县教育局', '桃源县教育局', '石门县教育局'],
    agenda: [
      { title: '专项督导发现问题整改进展', taskId: findingTasks['430725'] },
      { title: '石门县实施方案编制', taskId: findingTasks['430726'] },
      { title: '石门县化学教师编制调剂', rapidRequestId: rapid.id },
    ],
  });
  const decisions = [
    {
      decision: '石门县11月底前形成县中发展提升实施方案送审稿，市教育局派员指导。',
      itemKey: 'PLANNING.LOCAL_IMPLEMENTATION_PLAN',
      regionCode: '430726',
      title: '形成县中发展提升实施方案送审稿',
      acceptanceStandard: '送审稿报市教育局审核。',
      deadline: '2027-01-31',
    },
    {
      decision: '实验设备共享中心向石门县倾斜安排2027年春季预约名额。',
      itemKey: 'RESOURCES.WEAK_COUNTY_PRIORITY',
      regionCode: '430726',
      title: '落实共享中心向石门县倾斜的预约名额',
      acceptanceStandard: '石门县春季预约名额不少于全市的15%。',
      deadline: '2027-03-31',
    },
  ];
  const decisionTasks: number[] = [];
  for (const d of decisions)
    decisionTasks.push(
      (
        await recordMeetingDecision(at(ctx, '2026-10-15T12:00:00+08:00'), {
          meetingId: meetingGlobalId(meeting.id),
          ...d,
        })
      ).taskId,
    );

  // Reports: every county with open tasks, both months; 石门 late in October (due 11-05).
  const report = (when: string, periodId: number, county: string, narrative: string, tasks: [number, number][]) =>
    submitPeriodReport(at(ctx, when), {
      periodId: periodGlobalId(periodId),
      regionCode: county,
      narrative,
      attachments: [`https://jyj.changde.gov.cn/diaodu/${periodId}/${county}.pdf`],
      tasks: tasks.map(([taskId, progress]) => ({
        taskId: taskGlobalId(taskId),
        progress,
        note: `${county}整改推进，完成${progress}%。`,
      })),
    });
  for (const f of FINDINGS)
    await report('2026-10-03T10:00:00+08:00', sep.id, f.county, '按督导整改方案推进，已召开专题会议部署。', [
      [findingTasks[f.county], f.reports[0]],
    ]);
  await report('2026-10-04T10:00:00+08:00', sep.id, '430702', '跨县走教课表已落实。', []);
  for (const f of FINDINGS.filter((x) => x.county !== '430726'))
    await report('2026-11-03T10:00:00+08:00', oct.id, f.county, '整改持续推进。', [
      [findingTasks[f.county], f.reports[1]],
    ]);
  await report('2026-11-04T10:00:00+08:00', oct.id, '430702', '走教补助按月发放。', []);
  await report('2026-11-09T10:00:00+08:00', oct.id, '430726', '实施方案初稿已形成（逾期报送）。', [
    [findingTasks['430726'], 20],
    [decisionTasks[0], 10],
  ]);

  // Escalation job on two dates: 桃源's staffing task (RED since July) is listed, then held to account.
  await runEscalationJob(at(ctx, '2026-10-20T02:00:00+08:00'), {
    now: new Date('2026-10-20T02:00:00+08:00'),
    cityCode: city,
  });
  const second = await runEscalationJob(at(ctx, '2026-11-20T02:00:00+08:00'), {
    now: new Date('2026-11-20T02:00:00+08:00'),
    cityCode: city,
  });
  for (const e of second.accountability) {
    await recordAccountabilityDecision(at(ctx, '2026-11-25T10:00:00+08:00'), {
      escalationId: escalationGlobalId(e.id),
      accountablePerson: '桃源县教育局分管副局长',
      decision: '约谈分管负责人，责令书面检查并限期30日内补齐紧缺学科教师。',
      decidedOn: '2026-11-25',
    });
  }
}

export function supervisionSteps(): { name: string; run(ctx: Context): Promise<void> }[] {
  return [{ name: 'supervision', run: (ctx) => seedSupervision(ctx) }];
}
