import { asc, sql } from 'drizzle-orm';
import type { Context } from '../../context.js';
import { schools } from '../organisation/table.js';
import { setRegionSetting } from '../settings/services/setRegionSetting.js';
import { autoMatchRequests } from './services/autoMatchRequests.js';
import { confirmResourceFulfilment } from './services/confirmResourceFulfilment.js';
import { createResourcePool } from './services/createResourcePool.js';
import { offerResource, type OfferResourceInput } from './services/offerResource.js';
import { rejectResourceRequest } from './services/rejectResourceRequest.js';
import { submitResourceRequest, type SubmitResourceRequestInput } from './services/submitResourceRequest.js';
import { withdrawResourceRequest } from './services/withdrawResourceRequest.js';

/**
 * Demo shared-resource pools of 常德市 (school year 2026–27), loaded through the services:
 * the four pools, offers from the stronger districts' 县中 (武陵, 鼎城, 澧县, 津市) and a few
 * counties, requests from the weaker counties in every lifecycle state, city auto-matching
 * with 薄弱县 weights, then a fulfilment, a rejection and a withdrawal. Fixed data, schools
 * read in code order: deterministic without a PRNG.
 */
const CITY = '430700';
const YEAR = { availableFrom: '2026-09-01', availableTo: '2027-07-15' };
const AUTUMN = { periodStart: '2026-09-01', periodEnd: '2027-01-20' };
const SPRING = { periodStart: '2027-02-20', periodEnd: '2027-07-10' };

/** 薄弱县 weights (pools.countyPriorityWeight): served first within a priority. */
const WEAK_COUNTIES: Record<string, number> = { '430721': 2, '430726': 2, '430724': 1.5, '430722': 1.5 };

type Offer = Omit<OfferResourceInput, 'poolId' | 'schoolCode'> & { pool: string; county: string };
const OFFERS: Offer[] = [
  {
    pool: 'CD-EQUIP',
    county: '430702',
    title: '数字化物理实验室（DISLab）套装',
    subject: '物理',
    capacity: 6,
    ...YEAR,
    equipment: { model: 'DISLab 8.0 传感器套装', location: '武陵区县中实验楼三楼' },
    contactName: '周建华',
    contactPhone: '13907360101',
  },
  {
    pool: 'CD-EQUIP',
    county: '430703',
    title: '高中生物显微互动实验室',
    subject: '生物',
    capacity: 4,
    ...YEAR,
    equipment: { model: 'Motic 显微互动系统 BA310', location: '鼎城区县中生物实验室' },
  },
  {
    pool: 'CD-EQUIP',
    county: '430723',
    title: '化学微型实验箱',
    subject: '化学',
    capacity: 10,
    ...YEAR,
    equipment: { model: '微型化学实验箱 W-2', location: '澧县县中化学准备室' },
  },
  {
    pool: 'CD-EQUIP',
    county: '430781',
    title: '3D 打印与创客设备',
    subject: '通用技术',
    capacity: 3,
    ...YEAR,
    equipment: { model: '创想三维 K1 及激光切割机', location: '津市市县中创客中心' },
  },
  {
    pool: 'CD-EQUIP',
    county: '430726',
    title: '天文望远镜（内部调剂）',
    subject: '地理',
    capacity: 2,
    ...YEAR,
    visibility: 'INTERNAL',
    internalNote: '仅限周末借用，需提前一周预约',
    equipment: { model: '星特朗 CPC 1100', location: '石门县县中天文台' },
  },
  {
    pool: 'CD-COURSE',
    county: '430702',
    title: '非遗传承：常德丝弦（线上）',
    subject: '非遗传承',
    capacity: 60,
    ...YEAR,
    course: { gradeBand: '高一至高二', delivery: 'ONLINE' },
  },
  {
    pool: 'CD-COURSE',
    county: '430723',
    title: '地方历史：澧阳平原与城头山',
    subject: '地方历史',
    capacity: 40,
    ...YEAR,
    course: { gradeBand: '高一', delivery: 'BLENDED' },
  },
  {
    pool: 'CD-COURSE',
    county: '430725',
    title: '桃花源文化研学',
    subject: '地方历史',
    capacity: 30,
    ...YEAR,
    course: { gradeBand: '高一至高二', delivery: 'OFFLINE' },
  },
  {
    pool: 'CD-COURSE',
    county: '430703',
    title: '人工智能启蒙（Python）',
    subject: '信息技术',
    capacity: 50,
    ...YEAR,
    course: { gradeBand: '高一', delivery: 'ONLINE' },
  },
  {
    pool: 'CD-COURSE',
    county: '430726',
    title: '湘西北民歌合唱',
    subject: '音乐',
    capacity: 40,
    ...YEAR,
    course: { gradeBand: '高一至高三', delivery: 'ONLINE' },
  },
  {
    pool: 'CD-TEACHER',
    county: '430702',
    title: '音乐走教（声乐、合唱）',
    subject: '音乐',
    capacity: 12,
    ...YEAR,
    teacherTime: { title: '高级教师', note: '可承担跨县走教' },
  },
  {
    pool: 'CD-TEACHER',
    county: '430703',
    title: '美术走教（国画、书法）',
    subject: '美术',
    capacity: 10,
    ...YEAR,
    teacherTime: { title: '一级教师', note: '每周二、四下午' },
  },
  {
    pool: 'CD-TEACHER',
    county: '430702',
    title: '体育走教（篮球、田径）',
    subject: '体育',
    capacity: 12,
    ...YEAR,
    teacherTime: { title: '一级教师' },
  },
  {
    pool: 'CD-TEACHER',
    county: '430781',
    title: '信息技术教师支教',
    subject: '信息技术',
    capacity: 16,
    ...YEAR,
    teacherTime: { title: '高级教师', note: '市级骨干教师' },
    contactName: '陈思远',
    contactPhone: '13807360288',
  },
  {
    pool: 'CD-RESEARCH',
    county: '430702',
    title: '高考物理一轮复习课例视频库',
    subject: '物理',
    capacity: 200,
    ...YEAR,
    research: { format: '课例视频', link: 'https://jy.changde.example.cn/res/physics-review' },
  },
  {
    pool: 'CD-RESEARCH',
    county: '430723',
    title: '新课标大单元教学设计（语文）',
    subject: '语文',
    capacity: 300,
    ...YEAR,
    research: { format: '教学设计', link: 'https://jy.changde.example.cn/res/chinese-units' },
  },
  {
    pool: 'CD-RESEARCH',
    county: '430781',
    title: '县中数学命题资源包',
    subject: '数学',
    capacity: 150,
    ...YEAR,
    visibility: 'INTERNAL',
    internalNote: '含未公开试题，仅供县中教研组',
    research: { format: '试题与双向细目表', link: 'https://jy.changde.example.cn/res/math-items' },
  },
];

type Ask = Omit<SubmitResourceRequestInput, 'poolId' | 'countyCode'> & { key: string; pool: string; county: string };
const REQUESTS: Ask[] = [
  {
    key: 'anxiang-physics',
    pool: 'CD-EQUIP',
    county: '430721',
    subject: '物理',
    specification: '高二物理数字化实验两套',
    quantity: 2,
    ...AUTUMN,
    priority: 'HIGH',
    reason: '安乡县中物理分组实验开出率不足 60%',
  },
  {
    key: 'anxiang-chem',
    pool: 'CD-EQUIP',
    county: '430721',
    subject: '化学',
    specification: '化学实验箱五套',
    quantity: 5,
    ...AUTUMN,
    priority: 'NORMAL',
    reason: '新增两个高一班',
  },
  {
    key: 'hanshou-telescope',
    pool: 'CD-EQUIP',
    county: '430722',
    subject: '地理',
    specification: '天文观测设备一台',
    quantity: 1,
    ...SPRING,
    priority: 'LOW',
    reason: '地理选修课天文观测',
  },
  {
    key: 'hanshou-heritage',
    pool: 'CD-COURSE',
    county: '430722',
    subject: '非遗传承',
    specification: '常德丝弦线上课程 30 个席位',
    quantity: 30,
    ...AUTUMN,
    priority: 'NORMAL',
    reason: '校本课程缺少非遗师资',
  },
  {
    key: 'linli-history',
    pool: 'CD-COURSE',
    county: '430724',
    subject: '地方历史',
    specification: '地方历史课程 50 个席位',
    quantity: 50,
    ...AUTUMN,
    priority: 'NORMAL',
    reason: '高一地方史选修课',
  },
  {
    key: 'taoyuan-psych',
    pool: 'CD-COURSE',
    county: '430725',
    subject: '心理健康',
    specification: '高中生心理健康线上课程 40 个席位',
    quantity: 40,
    ...SPRING,
    priority: 'HIGH',
    reason: '专职心理教师缺编',
  },
  {
    key: 'shimen-music',
    pool: 'CD-TEACHER',
    county: '430726',
    subject: '音乐',
    specification: '音乐教师每周 8 课时走教',
    quantity: 8,
    ...AUTUMN,
    priority: 'URGENT',
    reason: '石门县中音乐教师长期空缺（音体美短缺）',
  },
  {
    key: 'linli-art',
    pool: 'CD-TEACHER',
    county: '430724',
    subject: '美术',
    specification: '美术教师每周 12 课时',
    quantity: 12,
    ...AUTUMN,
    priority: 'HIGH',
    reason: '美术教师产假，无人代课',
  },
  {
    key: 'anxiang-it',
    pool: 'CD-TEACHER',
    county: '430721',
    subject: '信息技术',
    specification: '信息技术教师每周 10 课时支教',
    quantity: 10,
    ...AUTUMN,
    priority: 'HIGH',
    reason: '信息技术学科教师短缺',
  },
  {
    key: 'shimen-math',
    pool: 'CD-RESEARCH',
    county: '430726',
    subject: '数学',
    specification: '高三数学命题资源 40 个账号',
    quantity: 40,
    ...AUTUMN,
    priority: 'NORMAL',
    reason: '高三复习备考',
  },
];

export function poolSteps(): { name: string; run(ctx: Context): Promise<void> }[] {
  return [{ name: 'resource pools', run: seedPools }];
}

async function seedPools(ctx: Context) {
  const pools = new Map<string, number>();
  for (const [code, name, kind] of [
    ['CD-EQUIP', '常德市县中实验设备共享中心', 'EQUIPMENT'],
    ['CD-COURSE', '常德市特色课程共享平台', 'COURSE'],
    ['CD-TEACHER', '常德市教师交流轮岗信息库', 'TEACHER_EXCHANGE'],
    ['CD-RESEARCH', '常德市教研资源库', 'RESEARCH'],
  ] as const) {
    const pool = await createResourcePool(ctx, {
      code,
      name,
      kind,
      cityCode: CITY,
      description: `${name}：县级按需申请，市级统筹匹配，避免重复采购。`,
    });
    pools.set(code, pool.id);
  }
  // Each offer comes from its county's flagship high school (县中), in code order.
  const flagships = await ctx.db
    .select({ code: schools.code, countyCode: schools.countyCode })
    .from(schools)
    .where(sql`${schools.isCountyHighSchool}`)
    .orderBy(asc(schools.code));
  const flagshipOf = (county: string) => flagships.find((s) => s.countyCode === county)?.code ?? null;
  for (const { pool, county, ...offer } of OFFERS) {
    await offerResource(ctx, {
      ...offer,
      poolId: pools.get(pool)!,
      countyCode: county,
      schoolCode: flagshipOf(county),
    });
  }
  for (const [county, weight] of Object.entries(WEAK_COUNTIES)) {
    await setRegionSetting(ctx, { regionCode: county, key: 'pools.countyPriorityWeight', value: weight });
  }
  const requests = new Map<string, number>();
  for (const { key, pool, county, ...ask } of REQUESTS) {
    requests.set(key, (await submitResourceRequest(ctx, { ...ask, poolId: pools.get(pool)!, countyCode: county })).id);
  }
  // The city turns one down before matching and a county withdraws another.
  await rejectResourceRequest(ctx, {
    requestId: requests.get('anxiang-chem')!,
    reason: '澧县化学实验箱本学期已排满，建议县内先行调剂，下学期再申报',
  });
  await withdrawResourceRequest(ctx, {
    requestId: requests.get('hanshou-telescope')!,
    reason: '已与临澧县中达成校际借用',
  });
  for (const id of pools.values()) await autoMatchRequests(ctx, { poolId: id });
  await confirmResourceFulfilment(ctx, {
    requestId: requests.get('anxiang-physics')!,
    reason: '两套设备已送达安乡县中并完成培训',
  });
  // A county that wants its own equipment after seeing the pool's offer (避免重复采购).
  const [internalTelescope] = await ctx.db
    .execute<{ id: number }>(sql`select id from pool_resources where subject = '地理' order by id limit 1`)
    .then((r: any) => r.rows ?? r);
  await submitResourceRequest(ctx, {
    poolId: pools.get('CD-EQUIP')!,
    countyCode: '430724',
    subject: '地理',
    specification: '新购天文望远镜一台',
    quantity: 1,
    ...SPRING,
    priority: 'LOW',
    reason: '天文社团常态化观测',
    needsNewPurchase: true,
    acknowledgedOfferIds: [internalTelescope.id],
    purchaseJustification: '共享望远镜仅周末可借，社团每周三晚观测，需常驻设备',
  });
}
