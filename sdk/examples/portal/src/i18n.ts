/// <reference lib="dom" />
import type {
  BalanceIndicator,
  BalanceStage,
  GovernanceLevel,
  ResponsibilityRole,
  TaskWarning,
  ValueAddedBand,
} from '../../../src/index.js';

/** Chinese first; English on request (`?lang=en` or the switch in the header, remembered). */
export type Lang = 'zh' | 'en';
const KEY = 'edugov:portal:lang';

export function currentLang(): Lang {
  const asked = new URLSearchParams(location.search).get('lang');
  if (asked === 'zh' || asked === 'en') localStorage.setItem(KEY, asked);
  return localStorage.getItem(KEY) === 'en' ? 'en' : 'zh';
}

export function setLang(lang: Lang): void {
  localStorage.setItem(KEY, lang);
}

const zh = {
  title: '区域教育协同治理 · 参考门户',
  login: '登录',
  logout: '退出',
  loginIntro: '粘贴教育局签发的令牌（JWT）或 API 密钥。只显示该身份有权查看的数据；不填则以匿名身份查看公开数据。',
  tokenLabel: '令牌或 API 密钥',
  anonymous: '匿名访问（公开数据）',
  signedInAs: (role: string, region: string) => `当前身份：${role}${region ? ` · ${region}` : ''}`,
  loading: '加载中…',
  failed: (m: string) => `加载失败：${m}`,
  city: '市级总览',
  county: '县级详情',
  school: '学校发展画像',
  year: '年度',
  stage: { PRIMARY: '小学', JUNIOR: '初中' } as Record<BalanceStage, string>,
  balanceMatrix: (stage: string) => `优质均衡：各县${stage}差异系数`,
  balanceMatrixNote: (t: string) => `格内为差异系数（CV），达到 ${t} 以下为达标；绿色达标，黄色接近阈值，红色未达标。`,
  balanceCounty: (stage: string) => `优质均衡监测 · ${stage}`,
  composite: '综合',
  tasks: '整改任务红黄绿灯',
  tasksByCounty: '各县整改任务预警',
  taskBoard: '整改任务看板',
  tasksHidden: '当前身份无权查看整改任务（门户密钥只读公开汇总数据）。',
  rotation: '教师交流轮岗：实际比例与目标',
  rotationRatio: '交流比例',
  rotationTarget: '目标比例',
  backboneShare: '骨干教师占比',
  backboneTarget: '骨干占比目标',
  matrix: '权责清单矩阵（事项 × 层级）',
  matrixNone: '该地区暂无已发布的权责清单。',
  valueAdded: '增值评价（95% 置信区间）',
  valueAddedNote: '按增值从高到低排列；竖线为 95% 区间；样本不足的学校不予公布，单独列出。',
  suppressed: '样本不足，不予公布',
  noCycle: '暂无可查看的增值评价。',
  cvChart: (stage: string, t: string) => `${stage}各指标差异系数（阈值 ${t}）`,
  threshold: '阈值',
  schoolsTitle: '学校',
  schoolsMeeting: (n: number, total: number) => `达标学校 ${n} / ${total}`,
  indicatorsMet: '达标项数',
  meets: '达标',
  notMeets: '未达标',
  exclusions: '未纳入计算',
  indicatorsOverYears: '办学条件指标历年变化（虚线为达标值）',
  minimum: '达标值',
  evaluations: '多元评价结果',
  noEvaluations: '暂无可查看的评价结果。',
  exchanges: '教师交流（调入 / 调出）',
  inbound: '调入',
  outbound: '调出',
  exchangesHidden: '交流明细含教师个人信息，当前身份只可查看汇总。',
  resources: '共享资源（本校入池）',
  noResources: '本校暂无入池资源。',
  noData: '暂无数据。',
  overall: '总分',
  open: '查看',
  party: '评价方',
  score: '得分',
  teacher: '教师',
  from: '派出学校',
  to: '接收学校',
  status: '状态',
  period: '起止',
  capacity: '容量',
  subject: '学科',
  viewSchool: '学校画像',
};

type Strings = typeof zh;

const en: Strings = {
  title: 'Regional education governance · reference portal',
  login: 'Sign in',
  logout: 'Sign out',
  loginIntro:
    'Paste a token (JWT) or API key issued by your bureau. Only what that identity may see is ' +
    'shown; leave it empty for public data.',
  tokenLabel: 'Token or API key',
  anonymous: 'Anonymous (public data)',
  signedInAs: (role, region) => `Signed in as ${role}${region ? ` · ${region}` : ''}`,
  loading: 'Loading…',
  failed: (m) => `Could not load: ${m}`,
  city: 'City overview',
  county: 'County',
  school: 'School development portrait',
  year: 'Year',
  stage: { PRIMARY: 'primary', JUNIOR: 'junior secondary' },
  balanceMatrix: (stage) => `Quality balance: ${stage} coefficient of variation by county`,
  balanceMatrixNote: (t) =>
    `Each cell is the CV; at or below ${t} meets the standard. Green meets, yellow is close, red fails.`,
  balanceCounty: (stage) => `Quality balance · ${stage}`,
  composite: 'Composite',
  tasks: 'Rectification tasks (red / yellow / green)',
  tasksByCounty: 'Rectification task warnings by county',
  taskBoard: 'Rectification task board',
  tasksHidden: 'This identity may not read rectification tasks (portal keys read public aggregates only).',
  rotation: 'Teacher rotation: actual share vs target',
  rotationRatio: 'Rotated share',
  rotationTarget: 'Target share',
  backboneShare: 'Backbone share',
  backboneTarget: 'Backbone target',
  matrix: 'Responsibility matrix (items × levels)',
  matrixNone: 'No published responsibility list for this region.',
  valueAdded: 'Value added (95 % intervals)',
  valueAddedNote:
    'Schools ordered by value added; bars are 95 % intervals; schools with too few students ' +
    'are not estimated and listed apart.',
  suppressed: 'Too few students, not published',
  noCycle: 'No value-added results you may see.',
  cvChart: (stage, t) => `CV per indicator, ${stage} (threshold ${t})`,
  threshold: 'Threshold',
  schoolsTitle: 'Schools',
  schoolsMeeting: (n, total) => `${n} of ${total} schools meet the standard`,
  indicatorsMet: 'Indicators met',
  meets: 'meets',
  notMeets: 'fails',
  exclusions: 'Not counted',
  indicatorsOverYears: 'Indicators over the years (dashed: minimum)',
  minimum: 'Minimum',
  evaluations: 'Multi-party evaluations',
  noEvaluations: 'No evaluation results you may see.',
  exchanges: 'Teacher exchanges (in / out)',
  inbound: 'In',
  outbound: 'Out',
  exchangesHidden: 'Exchange records name teachers; this identity sees aggregates only.',
  resources: 'Shared resources offered by this school',
  noResources: 'This school offers nothing in the pools.',
  noData: 'No data.',
  overall: 'Overall',
  open: 'Open',
  party: 'Party',
  score: 'Score',
  teacher: 'Teacher',
  from: 'From',
  to: 'To',
  status: 'Status',
  period: 'Period',
  capacity: 'Capacity',
  subject: 'Subject',
  viewSchool: 'Portrait',
};

export function strings(lang: Lang): Strings {
  return lang === 'en' ? en : zh;
}

export type { Strings };

/** Short indicator names for chart axes (the catalogue query gives the official Chinese names). */
export const INDICATOR_SHORT: Record<Lang, Record<BalanceIndicator, string>> = {
  zh: {
    QUALIFIED_TEACHERS: '高学历教师',
    BACKBONE_TEACHERS: '骨干教师',
    PE_ARTS_TEACHERS: '体艺教师',
    TEACHING_SPACE: '教学用房',
    SPORTS_SPACE: '体育场馆',
    EQUIPMENT_VALUE: '仪器设备',
    MULTIMEDIA_CLASSROOMS: '多媒体教室',
  },
  en: {
    QUALIFIED_TEACHERS: 'Qualified teachers',
    BACKBONE_TEACHERS: 'Backbone teachers',
    PE_ARTS_TEACHERS: 'PE/arts teachers',
    TEACHING_SPACE: 'Teaching space',
    SPORTS_SPACE: 'Sports space',
    EQUIPMENT_VALUE: 'Equipment value',
    MULTIMEDIA_CLASSROOMS: 'Multimedia rooms',
  },
};

export const WARNING: Record<Lang, Record<TaskWarning, string>> = {
  zh: { RED: '红灯', YELLOW: '黄灯', GREEN: '绿灯' },
  en: { RED: 'Red', YELLOW: 'Yellow', GREEN: 'Green' },
};

export const LEVEL: Record<Lang, Record<GovernanceLevel, string>> = {
  zh: { CITY: '市级', COUNTY: '县级', SCHOOL: '学校' },
  en: { CITY: 'City', COUNTY: 'County', SCHOOL: 'School' },
};

export const ROLE: Record<Lang, Record<ResponsibilityRole, string>> = {
  zh: { LEAD: '主责', IMPLEMENT: '承办', COOPERATE: '配合', SUPERVISE: '监督' },
  en: { LEAD: 'Lead', IMPLEMENT: 'Implement', COOPERATE: 'Cooperate', SUPERVISE: 'Supervise' },
};

export const BAND: Record<Lang, Record<ValueAddedBand, string>> = {
  zh: { ABOVE: '高于预期', AVERAGE: '符合预期', BELOW: '低于预期', SUPPRESSED: '样本不足' },
  en: { ABOVE: 'Above', AVERAGE: 'As expected', BELOW: 'Below', SUPPRESSED: 'Too few students' },
};
