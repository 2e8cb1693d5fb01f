import { and, asc, eq } from 'drizzle-orm';
import type { Context } from '../../context.js';
import { schools } from '../organisation/table.js';
import { ADDED_2026, DEMO_ITEMS, ITEM_DROPPED_2026, parseRoles, ROLES_2025, type DemoItem } from './demoItems.js';
import { listGlobalId, taskGlobalId } from './ids.js';
import { LEVELS } from './rules.js';
import { addResponsibilityItem } from './services/addResponsibilityItem.js';
import { assignResponsibility } from './services/assignResponsibility.js';
import { createRectificationTask } from './services/createRectificationTask.js';
import { createResponsibilityList } from './services/createResponsibilityList.js';
import { publishResponsibilityList } from './services/publishResponsibilityList.js';
import { removeResponsibilityItem } from './services/removeResponsibilityItem.js';
import { reportTaskProgress } from './services/reportTaskProgress.js';
import { acceptTask } from './services/acceptTask.js';
import { updateResponsibilityItem } from './services/updateResponsibilityItem.js';

/**
 * Demo responsibility lists and rectification tasks for 常德市 (430700), through the services:
 * 2025-1 (SUPERSEDED), 2026-1 (PUBLISHED, 33 matters), 2026-2 (DRAFT with one deliberate
 * overlap and one gap), and tasks whose warnings span red, yellow and green as of the demo
 * date 2026-11-23 (dates are fixed, so the data is the same on every run).
 */
export const DEMO_CITY = '430700';
export const DEMO_AS_OF = new Date('2026-11-23T04:00:00Z');

async function addItem(ctx: Context, listId: string, item: DemoItem, roles = item.roles) {
  await addResponsibilityItem(ctx, { ...item, listId, assignments: parseRoles(roles) });
}

async function setRoles(ctx: Context, listId: string, key: string, compact: string) {
  const wanted = parseRoles(compact);
  for (const level of LEVELS) {
    await assignResponsibility(ctx, {
      listId,
      key,
      level,
      roles: wanted.filter((a) => a.level === level).map((a) => a.role),
    });
  }
}

export async function seedResponsibilityLists(ctx: Context) {
  const v2025 = await createResponsibilityList(ctx, {
    regionCode: DEMO_CITY,
    year: 2025,
    title: '常德市县域普通高中市县结合管理权责清单（2025年版）',
  });
  const id2025 = listGlobalId(v2025.id);
  for (const item of DEMO_ITEMS.filter((i) => !ADDED_2026.includes(i.key)))
    await addItem(ctx, id2025, item, ROLES_2025[item.key] ?? item.roles);
  await addItem(ctx, id2025, ITEM_DROPPED_2026);
  await publishResponsibilityList(ctx, { listId: id2025 });

  const v2026 = await createResponsibilityList(ctx, {
    regionCode: DEMO_CITY,
    year: 2026,
    title: '常德市县域普通高中市县结合管理权责清单（2026年版）',
    copyFromListId: id2025,
  });
  const id2026 = listGlobalId(v2026.id);
  await removeResponsibilityItem(ctx, { listId: id2026, key: ITEM_DROPPED_2026.key });
  for (const key of Object.keys(ROLES_2025))
    await setRoles(ctx, id2026, key, DEMO_ITEMS.find((i) => i.key === key)!.roles);
  for (const item of DEMO_ITEMS.filter((i) => ADDED_2026.includes(i.key))) await addItem(ctx, id2026, item);
  await updateResponsibilityItem(ctx, {
    listId: id2026,
    key: 'PLANNING.SCHOOL_STANDARDS',
    description:
      '市级制定县中办学基本标准（校舍、装备、师资、班额），2026年起全面消除56人以上大班额；县级组织达标建设，学校落实。',
  });
  await publishResponsibilityList(ctx, { listId: id2026 });

  const draft = await createResponsibilityList(ctx, {
    regionCode: DEMO_CITY,
    year: 2026,
    title: '常德市县域普通高中市县结合管理权责清单（2026年修订稿）',
    copyFromListId: id2026,
  });
  const draftId = listGlobalId(draft.id);
  // Deliberate overlap (权责交叉): the city also claims to lead county-high-school recruitment.
  await setRoles(ctx, draftId, 'STAFFING.TEACHER_RECRUITMENT', 'CITY:LEAD,SUPERVISE COUNTY:LEAD SCHOOL:COOPERATE');
  // Deliberate gap (责任真空): a new matter nobody leads yet.
  await addResponsibilityItem(ctx, {
    listId: draftId,
    key: 'CURRICULUM.LABOUR_PRACTICE_BASE',
    domain: 'CURRICULUM',
    title: '劳动实践基地共建共享',
    description: '跨县共建中小学劳动实践基地，统筹安排各校劳动教育实践课时。',
    policyBasis: '《大中小学劳动教育指导纲要（试行）》',
    accountability: '劳动教育课时不落实的，予以通报。',
    assignments: parseRoles('COUNTY:IMPLEMENT SCHOOL:COOPERATE'),
  });
  return { v2025, v2026, draft };
}

interface DemoTask {
  itemKey: string;
  unit: { regionCode: string } | { countyHighSchoolOf: string };
  title: string;
  acceptanceStandard: string;
  startDate: string;
  deadline: string;
  reports: [number, string][];
  accept?: string;
}

/** As of 2026-11-23: two RED (overdue; far behind), two YELLOW, GREEN on schedule, awaiting acceptance, accepted. */
const DEMO_TASKS: DemoTask[] = [
  {
    itemKey: 'FUNDING.COUNTY_MATCHING',
    unit: { regionCode: '430721' },
    title: '足额落实2026年度县中发展配套经费',
    acceptanceStandard: '配套资金纳入县级预算并拨付到位，提供预算批复和拨付凭证。',
    startDate: '2026-03-01',
    deadline: '2026-10-31',
    reports: [
      [40, '配套资金已列入预算草案，待县人大批准。'],
      [70, '已拨付第一批配套资金1200万元。'],
    ],
  },
  {
    itemKey: 'STAFFING.QUOTA_ADJUSTMENT',
    unit: { regionCode: '430725' },
    title: '核减超编学校编制并补充县中紧缺学科教师',
    acceptanceStandard: '县中紧缺学科（物理、化学、生物）教师缺口全部补齐，编制使用情况报市备案。',
    startDate: '2026-01-01',
    deadline: '2026-12-31',
    reports: [[20, '已完成全县编制核查，拟调剂编制42个。']],
  },
  {
    itemKey: 'EXCHANGE.CROSS_COUNTY',
    unit: { regionCode: '430702' },
    title: '落实跨县走教教师课时安排和生活保障',
    acceptanceStandard: '走教教师课表全部落实，交通和生活补助按月发放，学期末报送走教台账。',
    startDate: '2026-03-01',
    deadline: '2027-02-28',
    reports: [
      [30, '已为12名走教教师排定课表。'],
      [55, '交通补助发放至10月。'],
    ],
  },
  {
    itemKey: 'PLANNING.SCHOOL_STANDARDS',
    unit: { countyHighSchoolOf: '430721' },
    title: '消除56人以上大班额',
    acceptanceStandard: '高一至高三所有班级不超过55人，以学籍系统数据为准。',
    startDate: '2026-02-15',
    deadline: '2026-12-31',
    reports: [[60, '高一新生按50人编班，高二高三正在分流。']],
  },
  {
    itemKey: 'PLANNING.COUNTY_HIGH_SCHOOL_PLAN',
    unit: { regionCode: '430725' },
    title: '制定县中发展提升实施方案（2026—2028年）',
    acceptanceStandard: '实施方案经县政府常务会议审议通过并报市教育局备案。',
    startDate: '2026-09-01',
    deadline: '2027-06-30',
    reports: [[50, '方案初稿已形成，正在征求意见。']],
  },
  {
    itemKey: 'RESOURCES.EQUIPMENT_SHARING_CENTRE',
    unit: { regionCode: '430721' },
    title: '组织全县学校接入实验设备共享中心预约系统',
    acceptanceStandard: '全县普通高中全部开通预约账号，学期内预约使用不少于20次。',
    startDate: '2026-03-01',
    deadline: '2026-12-15',
    reports: [
      [60, '5所高中已开通账号。'],
      [100, '全县高中全部接入，本学期累计预约26次。'],
    ],
  },
  {
    itemKey: 'ENROLMENT.ADMISSION_RULES',
    unit: { countyHighSchoolOf: '430725' },
    title: '规范招生行为，杜绝提前招生和跨区掐尖',
    acceptanceStandard: '2026年招生无违规记录，招生简章经县教育局审核。',
    startDate: '2026-03-01',
    deadline: '2026-09-30',
    reports: [[100, '招生工作已结束，无违规投诉。']],
    accept: '经核查招生录取数据，符合规定，同意销号。',
  },
];

export async function seedRectificationTasks(ctx: Context) {
  const ids: number[] = [];
  for (const t of DEMO_TASKS) {
    let unit: { regionCode?: string; schoolCode?: string };
    if ('regionCode' in t.unit) unit = { regionCode: t.unit.regionCode };
    else {
      const [school] = await ctx.db
        .select({ code: schools.code })
        .from(schools)
        .where(and(eq(schools.countyCode, t.unit.countyHighSchoolOf), eq(schools.isCountyHighSchool, true)))
        .orderBy(asc(schools.code))
        .limit(1);
      if (!school) throw new Error(`demo data: county ${t.unit.countyHighSchoolOf} has no county high school`);
      unit = { schoolCode: school.code };
    }
    const task = await createRectificationTask(ctx, {
      ...unit,
      itemKey: t.itemKey,
      title: t.title,
      acceptanceStandard: t.acceptanceStandard,
      startDate: t.startDate,
      deadline: t.deadline,
    });
    for (const [progress, note] of t.reports)
      await reportTaskProgress(ctx, { taskId: taskGlobalId(task.id), progress, note, evidence: [] });
    if (t.accept) await acceptTask(ctx, { taskId: taskGlobalId(task.id), note: t.accept });
    ids.push(task.id);
  }
  return ids;
}

/** Seed steps of this domain, run after the organisation steps (tasks need schools). */
export function responsibilitySteps(): { name: string; run(ctx: Context): Promise<void> }[] {
  return [
    { name: 'responsibility lists', run: async (ctx) => void (await seedResponsibilityLists(ctx)) },
    { name: 'rectification tasks', run: async (ctx) => void (await seedRectificationTasks(ctx)) },
  ];
}
