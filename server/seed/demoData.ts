/**
 * Deterministic demo data for 常德市 (430700), 湖南省.
 *
 * `generateDemoData(seed)` is pure: the only source of variation is a small
 * seeded PRNG defined below, so the same seed always yields byte-identical
 * output (no Math.random, no clock). The data is fictional but shaped like a
 * real prefecture-level city: nine county-level divisions, ~700 schools named
 * after real-sounding towns — hundreds of village schools and dozens of 教学点
 * among them — a teacher register holding every school's full-time teachers
 * (专任教师) with valid resident ID numbers, and a handful of school consortia
 * (教育集团 / 共同体 / 结对 / 名校办分校).
 *
 * The ID-number helpers (`idNumberCheckChar`, `isValidIdNumber`) are also used
 * by the server for input validation, so they must stay free of demo concerns.
 */

// ---------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------

import { STAGE_TYPE_PREFIX, type SchoolStage } from '../../schema/domains/organisation/codes.js';
import { asCityRun } from './cityRunSchools.js';
import { daysInMonth, idNumberCheckChar, isValidIdNumber } from '../../schema/domains/organisation/idNumber.js';

export interface RegionInput {
  code: string;
  name: string;
}

export type Stage = SchoolStage;

export type Locality = 'URBAN' | 'TOWN' | 'RURAL';

export interface SchoolInput {
  code: string;
  name: string;
  stage: Stage;
  locality: Locality;
  countyCode: string;
  /** The county a 市直 school stands in (see cityRunSchools.ts). */
  siteCountyCode?: string | null;
  enrolment: number;
  /** 教职工: all staff, the full-time teachers of the register plus non-teaching staff. */
  staffCount: number;
  isCountyHighSchool: boolean;
  status: 'ACTIVE';
}

export type Title = 'UNRANKED' | 'THIRD_GRADE' | 'SECOND_GRADE' | 'FIRST_GRADE' | 'SENIOR' | 'PROFESSOR';
export type BackboneLevel = 'NONE' | 'COUNTY' | 'CITY' | 'PROVINCIAL';
export type Qualification = 'SECONDARY' | 'ASSOCIATE' | 'BACHELOR' | 'MASTER' | 'DOCTORATE';

export interface TeacherInput {
  staffNo: string;
  name: string;
  gender: 'FEMALE' | 'MALE';
  schoolCode: string;
  subjects: string[];
  title: Title;
  backboneLevel: BackboneLevel;
  yearsAtSchool: number;
  qualification: Qualification;
  idNumber: string;
  phone: string;
}

export interface ConsortiumInput {
  code: string;
  name: string;
  kind: 'COMMUNITY' | 'BRANCH_CAMPUS' | 'URBAN_RURAL_PAIR' | 'ALLIANCE';
  regionCode: string;
  leadSchoolCode: string;
  memberSchoolCodes: string[];
}

export interface DemoData {
  regions: RegionInput[];
  schools: SchoolInput[];
  teachers: TeacherInput[];
  consortia: ConsortiumInput[];
}

// ---------------------------------------------------------------------------
// Constants: geography
// ---------------------------------------------------------------------------

export const DEMO_PROVINCE = '430000';
export const DEMO_CITY = '430700';

/** The year ages are measured against; fixed so output never depends on the clock. */
const REFERENCE_YEAR = 2026;


interface CountyPlan {
  code: string;
  name: string;
  /** 建制镇: their 中心小学 / 中学 are TOWN schools. */
  towns: readonly string[];
  /** 乡 (incl. 民族乡): their schools are RURAL. */
  townships: readonly string[];
  /** Seniors in addition to the county high school (县中). */
  extraSeniors: number;
  urbanPrimaries: number;
  urbanJuniors: number;
  hasSpecial: boolean;
  /** Roughly how many schools the county should end up with (size of the county). */
  targetSchools: number;
  /** Share of filler schools placed in the urban area rather than villages. */
  urbanFillShare: number;
}

/**
 * County-level divisions of 常德市, larger counties first in weight. 武陵区 is the
 * city core, so it gets mostly urban schools and uses street names for them.
 */
const COUNTY_PLANS: readonly CountyPlan[] = [
  {
    code: '430702', name: '武陵区',
    towns: ['河洑镇'], townships: ['芦荻山乡', '丹洲乡'],
    extraSeniors: 0, urbanPrimaries: 8, urbanJuniors: 4, hasSpecial: true,
    targetSchools: 34, urbanFillShare: 0.7,
  },
  {
    code: '430703', name: '鼎城区',
    towns: ['武陵镇', '石公桥镇', '周家店镇', '灌溪镇', '蔡家岗镇', '草坪镇', '谢家铺镇', '镇德桥镇',
      '牛鼻滩镇', '韩公渡镇', '石板滩镇', '十美堂镇', '黄土店镇', '双桥坪镇'],
    townships: ['许家桥回族维吾尔族乡'],
    extraSeniors: 1, urbanPrimaries: 4, urbanJuniors: 2, hasSpecial: false,
    targetSchools: 100, urbanFillShare: 0.03,
  },
  {
    code: '430721', name: '安乡县',
    towns: ['大鲸港镇', '黄山头镇', '下渔口镇', '三岔河镇', '官垱镇', '陈家嘴镇'],
    townships: ['安全乡', '安康乡', '安障乡'],
    extraSeniors: 1, urbanPrimaries: 3, urbanJuniors: 1, hasSpecial: false,
    targetSchools: 62, urbanFillShare: 0.03,
  },
  {
    code: '430722', name: '汉寿县',
    towns: ['太子庙镇', '岩汪湖镇', '酉港镇', '坡头镇', '罐头嘴镇', '沧港镇', '丰家铺镇', '洲口镇',
      '朱家铺镇', '军山铺镇', '龙潭桥镇'],
    townships: ['毛家滩回族维吾尔族乡'],
    extraSeniors: 1, urbanPrimaries: 3, urbanJuniors: 1, hasSpecial: true,
    targetSchools: 85, urbanFillShare: 0.03,
  },
  {
    code: '430723', name: '澧县',
    towns: ['小渡口镇', '梦溪镇', '复兴厂镇', '码头铺镇', '盐井镇', '大堰垱镇', '王家厂镇', '城头山镇',
      '澧南镇', '如东镇', '闸口镇', '火连坡镇', '官垸镇', '涔南镇'],
    townships: ['车溪乡'],
    extraSeniors: 2, urbanPrimaries: 4, urbanJuniors: 2, hasSpecial: true,
    targetSchools: 105, urbanFillShare: 0.03,
  },
  {
    code: '430724', name: '临澧县',
    towns: ['合口镇', '新安镇', '修梅镇', '佘市桥镇', '停弦渡镇', '四新岗镇'],
    townships: ['烽火乡'],
    extraSeniors: 0, urbanPrimaries: 2, urbanJuniors: 1, hasSpecial: false,
    targetSchools: 50, urbanFillShare: 0.03,
  },
  {
    code: '430725', name: '桃源县',
    towns: ['陬市镇', '热市镇', '盘塘镇', '茶庵铺镇', '牛车河镇', '郑家驿镇', '架桥镇', '黄石镇',
      '沙坪镇', '理公港镇', '三阳港镇', '观音寺镇', '漆家河镇', '桃花源镇'],
    townships: ['枫树维吾尔族回族乡', '青林回族维吾尔族乡'],
    extraSeniors: 2, urbanPrimaries: 4, urbanJuniors: 2, hasSpecial: true,
    targetSchools: 118, urbanFillShare: 0.03,
  },
  {
    code: '430726', name: '石门县',
    towns: ['蒙泉镇', '夹山镇', '易家渡镇', '新关镇', '皂市镇', '维新镇', '壶瓶山镇', '太平镇',
      '磨市镇', '白云镇', '子良镇', '南北镇'],
    townships: ['所街乡', '雁池乡', '三圣乡'],
    extraSeniors: 1, urbanPrimaries: 3, urbanJuniors: 2, hasSpecial: false,
    targetSchools: 95, urbanFillShare: 0.03,
  },
  {
    code: '430781', name: '津市市',
    towns: ['新洲镇', '白衣镇', '毛里湖镇', '药山镇'],
    townships: [],
    extraSeniors: 0, urbanPrimaries: 2, urbanJuniors: 1, hasSpecial: false,
    targetSchools: 36, urbanFillShare: 0.3,
  },
];

export const DEMO_COUNTIES: ReadonlyArray<{ code: string; name: string }> = COUNTY_PLANS.map(
  ({ code, name }) => ({ code, name }),
);

const WULING = '430702';
const DINGCHENG = '430703';

/** 武陵区 street (街道) names, used for its urban schools. */
const WULING_STREETS = [
  '穿紫河', '丹阳', '芷兰', '东江', '南坪', '府坪', '启明', '永安', '白马湖', '长庚', '德山', '芙蓉',
  '城东', '城西', '柏子园', '北正街', '育英', '滨湖',
] as const;

/** Village names combined with a town name, so "<town><village>" is unique within a county. */
const VILLAGE_NAMES = [
  '青山', '枫林', '杨柳', '桃花', '金星', '白马', '龙潭', '黄泥', '新华', '红旗', '长岭', '石桥',
  '双河', '柳树', '荷花', '大坪', '花园', '团山', '白鹤', '高峰', '太平', '永兴', '和平', '兴隆',
  '马鞍', '狮子', '茅坪', '竹园', '泉水', '松柏', '樟树', '杉木', '莲花', '凤凰', '金鸡', '望城',
  '五一', '建设', '胜利', '先锋', '梓山', '鹤鸣', '栗山', '文家', '曹家', '新塘', '牌楼', '三合',
  '四合', '九龙', '梅溪', '清水', '沙港', '湖光',
] as const;

// ---------------------------------------------------------------------------
// Constants: people
// ---------------------------------------------------------------------------

/**
 * Common surnames, roughly in national frequency order; a few surnames that are
 * especially common in 湖南 (彭 谭 邓 曾 龚 熊 易 贺 黎 文) get a boost.
 */
const SURNAMES = [
  '王', '李', '张', '刘', '陈', '杨', '黄', '赵', '周', '吴', '徐', '孙', '胡', '朱', '高', '林', '何',
  '郭', '马', '罗', '梁', '宋', '郑', '谢', '韩', '唐', '冯', '于', '董', '萧', '程', '曹', '袁', '邓',
  '许', '傅', '沈', '曾', '彭', '吕', '苏', '卢', '蒋', '蔡', '贾', '丁', '魏', '薛', '叶', '阎', '余',
  '潘', '杜', '戴', '夏', '钟', '汪', '田', '任', '姜', '范', '方', '石', '姚', '谭', '廖', '邹', '熊',
  '金', '陆', '郝', '孔', '白', '崔', '康', '毛', '邱', '秦', '江', '史', '顾', '侯', '邵', '孟', '龙',
  '万', '段', '雷', '钱', '汤', '尹', '黎', '易', '常', '武', '乔', '贺', '赖', '龚', '文',
] as const;
const HUNAN_SURNAMES: ReadonlySet<string> = new Set(['彭', '谭', '邓', '曾', '龚', '熊', '易', '贺', '黎', '文', '罗', '唐']);
const SURNAME_WEIGHTS: ReadonlyArray<readonly [string, number]> = SURNAMES.map((s, i) => [
  s,
  (100 / (i + 8)) * (HUNAN_SURNAMES.has(s) ? 2.5 : 1),
]);

const FEMALE_SINGLE = ['芳', '娟', '敏', '静', '丽', '艳', '娜', '霞', '玲', '燕', '红', '萍', '婷', '雪', '琳', '慧', '颖', '倩', '洁', '琴', '兰', '梅', '莉', '欣', '蕾', '瑶', '丹', '晶', '琼', '英'] as const;
const FEMALE_FIRST = ['雨', '欣', '思', '佳', '梦', '晓', '雅', '紫', '诗', '丽', '秀', '春', '美', '玉', '海', '静', '文', '慧', '嘉', '若', '一', '艳', '小', '湘'] as const;
const FEMALE_SECOND = ['婷', '琪', '涵', '怡', '萱', '妍', '悦', '琳', '洁', '颖', '敏', '芳', '霞', '娟', '兰', '华', '平', '丽', '雯', '璐', '倩', '薇', '蓉', '红', '珍', '莉'] as const;
const MALE_SINGLE = ['伟', '强', '磊', '军', '勇', '杰', '涛', '斌', '超', '明', '刚', '平', '辉', '鹏', '华', '飞', '鑫', '波', '宇', '浩', '凯', '健', '俊', '帆', '旭', '宁', '峰', '亮', '成', '彬', '锋'] as const;
const MALE_FIRST = ['志', '建', '俊', '子', '浩', '宇', '文', '晓', '国', '海', '明', '永', '德', '家', '振', '金', '立', '智', '正', '新', '湘', '卫', '红', '春'] as const;
const MALE_SECOND = ['伟', '强', '军', '华', '平', '明', '辉', '峰', '杰', '涛', '斌', '林', '龙', '波', '勇', '鹏', '东', '阳', '豪', '轩', '然', '博', '洋', '元', '武', '兵', '良'] as const;

/** 11-digit mobile prefixes of the three mainland carriers (13x/15x/17x/18x/19x). */
const PHONE_PREFIXES = [
  '130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '153', '155',
  '156', '157', '158', '159', '173', '177', '180', '181', '182', '183', '186', '187', '188', '189',
  '191', '199',
] as const;

type Weighted<T> = ReadonlyArray<readonly [T, number]>;

/** Subject pools by school section; weights reflect how many posts each subject typically has. */
const PRIMARY_SUBJECTS: Weighted<string> = [
  ['语文', 30], ['数学', 25], ['英语', 10], ['科学', 6], ['道德与法治', 6], ['体育与健康', 7],
  ['音乐', 5], ['美术', 5], ['信息技术', 3], ['心理健康', 2],
];
const JUNIOR_SUBJECTS: Weighted<string> = [
  ['语文', 16], ['数学', 16], ['英语', 14], ['物理', 8], ['化学', 5], ['生物', 6], ['历史', 6],
  ['地理', 6], ['道德与法治', 7], ['体育与健康', 7], ['音乐', 3], ['美术', 3], ['信息技术', 3],
  ['心理健康', 1],
];
const SENIOR_SUBJECTS: Weighted<string> = [
  ['语文', 14], ['数学', 14], ['英语', 13], ['物理', 9], ['化学', 8], ['生物', 7], ['历史', 6],
  ['地理', 6], ['思想政治', 7], ['体育与健康', 6], ['音乐', 2], ['美术', 2], ['信息技术', 3],
  ['通用技术', 2], ['心理健康', 1],
];
const VOCATIONAL_SUBJECTS: Weighted<string> = [
  ['语文', 6], ['数学', 6], ['英语', 5], ['思想政治', 4], ['体育与健康', 3], ['机电技术应用', 8],
  ['计算机应用', 8], ['电子商务', 6], ['护理', 6], ['汽车运用与维修', 6], ['会计事务', 4],
  ['学前教育', 4], ['旅游服务与管理', 3], ['数控技术应用', 4],
];
const SPECIAL_SUBJECTS: Weighted<string> = [
  ['特殊教育', 10], ['康复训练', 6], ['生活适应', 4], ['语文', 4], ['数学', 4], ['唱游与律动', 2],
  ['绘画与手工', 2], ['运动与保健', 2],
];
const KINDERGARTEN_SUBJECTS: Weighted<string> = [['学前教育', 10], ['音乐', 2], ['美术', 2], ['体育与健康', 1]];

// ---------------------------------------------------------------------------
// Seeded PRNG
// ---------------------------------------------------------------------------

/** mulberry32: tiny, fast, good enough for demo data, and fully reproducible. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  weighted<T>(items: Weighted<T>): T {
    const total = items.reduce((sum, [, w]) => sum + w, 0);
    let r = this.next() * total;
    for (const [item, w] of items) {
      r -= w;
      if (r < 0) return item;
    }
    return items[items.length - 1][0];
  }
  /** Fisher–Yates on a copy. */
  shuffled<T>(items: readonly T[]): T[] {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }
  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String(this.int(0, 9));
    return s;
  }
}

// ---------------------------------------------------------------------------
// Resident ID numbers (GB 11643-1999)
// ---------------------------------------------------------------------------

// Implemented beside the server's validation so both agree on what a valid ID is.
export { idNumberCheckChar, isValidIdNumber };

// ---------------------------------------------------------------------------
// School kinds: stage, locality, size and pupil–teacher ratio in one table
// ---------------------------------------------------------------------------

type SchoolKind =
  | 'CITY_FLAGSHIP'
  | 'COUNTY_HIGH'
  | 'SENIOR'
  | 'VOCATIONAL'
  | 'SPECIAL'
  | 'URBAN_PRIMARY'
  | 'URBAN_JUNIOR'
  | 'TOWN_CENTRAL_PRIMARY'
  | 'TOWN_PRIMARY'
  | 'TOWN_JUNIOR'
  | 'TOWN_NINE_YEAR'
  | 'RURAL_CENTRAL_PRIMARY'
  | 'RURAL_JUNIOR'
  | 'RURAL_NINE_YEAR'
  | 'VILLAGE_PRIMARY'
  | 'TEACHING_POINT';

interface KindSpec {
  stage: Stage;
  locality: Locality;
  enrolment: readonly [number, number];
  /** Pupils per full-time teacher (生师比); small rural schools need relatively more teachers. */
  ratio: number;
  /** Fewest full-time teachers a school of this kind has, however few pupils. */
  minTeachers: number;
  /** Non-teaching staff (职员、工勤) per full-time teacher. */
  support: number;
}

const KIND_SPECS: Record<SchoolKind, KindSpec> = {
  CITY_FLAGSHIP: { stage: 'SENIOR', locality: 'URBAN', enrolment: [3500, 5500], ratio: 13, minTeachers: 20, support: 0.15 },
  COUNTY_HIGH: { stage: 'SENIOR', locality: 'URBAN', enrolment: [2500, 5000], ratio: 13.5, minTeachers: 20, support: 0.15 },
  SENIOR: { stage: 'SENIOR', locality: 'URBAN', enrolment: [1200, 2800], ratio: 13.5, minTeachers: 20, support: 0.14 },
  VOCATIONAL: { stage: 'VOCATIONAL', locality: 'URBAN', enrolment: [1000, 3500], ratio: 19, minTeachers: 20, support: 0.2 },
  SPECIAL: { stage: 'SPECIAL', locality: 'URBAN', enrolment: [60, 250], ratio: 4, minTeachers: 8, support: 0.3 },
  URBAN_PRIMARY: { stage: 'PRIMARY', locality: 'URBAN', enrolment: [1200, 3500], ratio: 19.5, minTeachers: 12, support: 0.08 },
  URBAN_JUNIOR: { stage: 'JUNIOR', locality: 'URBAN', enrolment: [1200, 3000], ratio: 13.5, minTeachers: 12, support: 0.1 },
  TOWN_CENTRAL_PRIMARY: { stage: 'PRIMARY', locality: 'TOWN', enrolment: [500, 1500], ratio: 18, minTeachers: 10, support: 0.08 },
  TOWN_PRIMARY: { stage: 'PRIMARY', locality: 'TOWN', enrolment: [300, 900], ratio: 17.5, minTeachers: 8, support: 0.06 },
  TOWN_JUNIOR: { stage: 'JUNIOR', locality: 'TOWN', enrolment: [400, 1200], ratio: 13, minTeachers: 10, support: 0.1 },
  TOWN_NINE_YEAR: { stage: 'NINE_YEAR', locality: 'TOWN', enrolment: [500, 1400], ratio: 14, minTeachers: 12, support: 0.1 },
  RURAL_CENTRAL_PRIMARY: { stage: 'PRIMARY', locality: 'RURAL', enrolment: [150, 500], ratio: 15, minTeachers: 6, support: 0.06 },
  RURAL_JUNIOR: { stage: 'JUNIOR', locality: 'RURAL', enrolment: [150, 500], ratio: 11, minTeachers: 8, support: 0.08 },
  RURAL_NINE_YEAR: { stage: 'NINE_YEAR', locality: 'RURAL', enrolment: [200, 800], ratio: 12, minTeachers: 10, support: 0.08 },
  // 村小: 60–300 pupils, six grades, at least one teacher per grade.
  VILLAGE_PRIMARY: { stage: 'PRIMARY', locality: 'RURAL', enrolment: [55, 300], ratio: 14, minTeachers: 6, support: 0.03 },
  // 教学点: a few dozen pupils in the lower grades, two or three teachers, no other staff.
  TEACHING_POINT: { stage: 'PRIMARY', locality: 'RURAL', enrolment: [6, 49], ratio: 12, minTeachers: 2, support: 0 },
};

/** National school-code type prefix by stage (first two digits of the 10-digit code). */
const STAGE_CODE_PREFIX = STAGE_TYPE_PREFIX;

/** Internal school record: the public fields plus what later steps need to know. */
interface SchoolDraft extends SchoolInput {
  kind: SchoolKind;
  /** Full-time teachers (专任教师): the size of the school's teacher register. */
  teacherCount: number;
  /** The 镇/乡 the school belongs to, if any (used to build 共同体 around a town). */
  town: string | null;
}

// ---------------------------------------------------------------------------
// Schools
// ---------------------------------------------------------------------------

const CN_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1..99 in Chinese numerals, as used in school names (第十二中学). */
function chineseNumber(n: number): string {
  if (n < 10) return CN_DIGITS[n];
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : CN_DIGITS[tens]}十${ones === 0 ? '' : CN_DIGITS[ones]}`;
}

class SchoolBuilder {
  private readonly schools: SchoolDraft[] = [];
  private readonly names = new Set<string>();
  private readonly counters = new Map<string, number>();

  constructor(private readonly rng: Rng) {}

  add(plan: CountyPlan, kind: SchoolKind, name: string, town: string | null, isCountyHighSchool = false): SchoolDraft {
    if (this.names.has(name)) throw new Error(`duplicate school name ${name}`);
    this.names.add(name);
    const spec = KIND_SPECS[kind];
    // Village schools and 教学点 skew small: the product of two uniforms leans to the low end.
    const small = kind === 'VILLAGE_PRIMARY' || kind === 'TEACHING_POINT';
    const u = small ? this.rng.float() * this.rng.float() * 1.6 : this.rng.float();
    const enrolment = spec.enrolment[0] + Math.floor(Math.min(0.999, u) * (spec.enrolment[1] - spec.enrolment[0] + 1));
    // ±8% jitter so two schools of equal size do not get identical staffing.
    const teacherCount = Math.max(spec.minTeachers, Math.round((enrolment / spec.ratio) * (0.92 + this.rng.float() * 0.16)));
    const staffCount = teacherCount + Math.round(teacherCount * spec.support);
    const school: SchoolDraft = {
      code: this.nextCode(plan.code, spec.stage),
      name,
      stage: spec.stage,
      locality: spec.locality,
      countyCode: plan.code,
      enrolment,
      staffCount,
      isCountyHighSchool,
      status: 'ACTIVE',
      kind,
      teacherCount,
      town,
    };
    this.schools.push(school);
    return school;
  }

  has(name: string): boolean {
    return this.names.has(name);
  }

  all(): SchoolDraft[] {
    return this.schools;
  }

  /**
   * 10-digit code: type prefix + '43' + 6-digit sequence. The sequence is the
   * county's last two digits ×1000 + a per-county counter, so it is unique and
   * readable (e.g. 2143025007 is the 7th school registered in 桃源县).
   */
  private nextCode(countyCode: string, stage: Stage): string {
    const n = (this.counters.get(countyCode) ?? 0) + 1;
    if (n > 999) throw new Error(`too many schools in ${countyCode}`);
    this.counters.set(countyCode, n);
    const seq = Number(countyCode.slice(4, 6)) * 1000 + n;
    return `${STAGE_CODE_PREFIX[stage]}43${String(seq).padStart(6, '0')}`;
  }
}

/** Names used by 武陵区, the city core, whose key schools are city-run (常德市…). */
function addWulingCore(b: SchoolBuilder, plan: CountyPlan, streets: string[]): void {
  b.add(plan, 'CITY_FLAGSHIP', '常德市第一中学', null);
  // 武陵区 has no 县中 of its own; the brief flags 常德市第七中学 as its counterpart.
  b.add(plan, 'COUNTY_HIGH', '常德市第七中学', null, true);
  b.add(plan, 'SENIOR', '常德市第二中学', null);
  b.add(plan, 'VOCATIONAL', '武陵区职业中等专业学校', null);
  if (plan.hasSpecial) b.add(plan, 'SPECIAL', '常德市特殊教育学校', null);
  for (let i = 0; i < plan.urbanPrimaries; i++) b.add(plan, 'URBAN_PRIMARY', `武陵区${streets.shift()}小学`, null);
  for (let i = 0; i < plan.urbanJuniors; i++) b.add(plan, 'URBAN_JUNIOR', `武陵区${streets.shift()}中学`, null);
}

/** County seat: 县中 (第一中学), other seniors, 职专, 特教, urban primaries and juniors. */
function addCountySeat(b: SchoolBuilder, plan: CountyPlan): void {
  const n = plan.name;
  let ordinal = 1;
  b.add(plan, 'COUNTY_HIGH', `${n}第${chineseNumber(ordinal++)}中学`, null, true);
  for (let i = 0; i < plan.extraSeniors; i++) b.add(plan, 'SENIOR', `${n}第${chineseNumber(ordinal++)}中学`, null);
  b.add(plan, 'VOCATIONAL', `${n}职业中等专业学校`, null);
  if (plan.hasSpecial) b.add(plan, 'SPECIAL', `${n}特殊教育学校`, null);
  b.add(plan, 'URBAN_PRIMARY', `${n}实验小学`, null);
  for (let i = 1; i < plan.urbanPrimaries; i++) b.add(plan, 'URBAN_PRIMARY', `${n}第${chineseNumber(i)}完全小学`, null);
  b.add(plan, 'URBAN_JUNIOR', `${n}实验中学`, null);
  // Junior 中学 ordinals continue after the seniors, as county numbering usually does.
  for (let i = 1; i < plan.urbanJuniors; i++) b.add(plan, 'URBAN_JUNIOR', `${n}第${chineseNumber(ordinal++)}中学`, null);
}

/**
 * Towns usually get a 中心小学 and a 中学, but some have merged them into a
 * 九年一贯制学校 (typical after rural school consolidation); 乡 get either a
 * 九年一贯制学校 or a small 中心小学 + 中学. Every county gets at least one
 * 九年一贯制学校: the first 乡, or the last town if it has no 乡.
 */
function addTownsAndTownships(b: SchoolBuilder, rng: Rng, plan: CountyPlan): void {
  const n = plan.name;
  plan.towns.forEach((town, i) => {
    const nineYear = (plan.townships.length === 0 && i === plan.towns.length - 1) || rng.chance(0.15);
    if (nineYear) {
      b.add(plan, 'TOWN_NINE_YEAR', `${n}${town}九年一贯制学校`, town);
      return;
    }
    b.add(plan, 'TOWN_CENTRAL_PRIMARY', `${n}${town}中心小学`, town);
    b.add(plan, 'TOWN_JUNIOR', `${n}${town}中学`, town);
  });
  plan.townships.forEach((township, i) => {
    if (i === 0 || rng.chance(0.5)) {
      b.add(plan, 'RURAL_NINE_YEAR', `${n}${township}九年一贯制学校`, township);
    } else {
      b.add(plan, 'RURAL_CENTRAL_PRIMARY', `${n}${township}中心小学`, township);
      b.add(plan, 'RURAL_JUNIOR', `${n}${township}中学`, township);
    }
  });
}

/**
 * Every county keeps at least this many village schools, so town-centred
 * 共同体 always have rural schools to take in.
 */
const MIN_VILLAGE_SCHOOLS = 3;

/**
 * Top the county up to its target with the schools that make up the long tail:
 * village 完全小学, a second town primary, the odd 教学点, and (in the city core)
 * more urban primaries.
 */
function addFillerSchools(
  b: SchoolBuilder,
  rng: Rng,
  plan: CountyPlan,
  target: number,
  streets: string[],
): void {
  const county = () => b.all().filter((s) => s.countyCode === plan.code);
  const villageCount = () =>
    county().filter((s) => s.kind === 'VILLAGE_PRIMARY' || s.kind === 'TEACHING_POINT').length;
  const places = [...plan.towns, ...plan.townships];
  let urbanPrimaryNo = plan.urbanPrimaries;
  let guard = 0;
  while ((county().length < target || villageCount() < MIN_VILLAGE_SCHOOLS) && guard++ < 1000) {
    const needVillage = villageCount() < MIN_VILLAGE_SCHOOLS;
    if (!needVillage && rng.chance(plan.urbanFillShare)) {
      if (plan.code === WULING && streets.length > 0) {
        b.add(plan, 'URBAN_PRIMARY', `武陵区${streets.shift()}小学`, null);
      } else if (plan.code !== WULING) {
        b.add(plan, 'URBAN_PRIMARY', `${plan.name}第${chineseNumber(urbanPrimaryNo++)}完全小学`, null);
      }
      continue;
    }
    const place = rng.pick(places);
    const roll = rng.float();
    if (!needVillage && roll < 0.22 && plan.towns.includes(place)) {
      const name = `${plan.name}${place}第二完全小学`;
      if (!b.has(name)) {
        b.add(plan, 'TOWN_PRIMARY', name, place);
        continue;
      }
    }
    const village = rng.pick(VILLAGE_NAMES);
    const pointName = `${plan.name}${place}${village}村教学点`;
    const schoolName = `${plan.name}${place}${village}小学`;
    if (b.has(pointName) || b.has(schoolName)) continue;
    if (roll > 0.8) b.add(plan, 'TEACHING_POINT', pointName, place);
    else b.add(plan, 'VILLAGE_PRIMARY', schoolName, place);
  }
}

function generateSchools(rng: Rng): SchoolDraft[] {
  const b = new SchoolBuilder(rng);
  for (const plan of COUNTY_PLANS) {
    const streets = plan.code === WULING ? rng.shuffled(WULING_STREETS) : [];
    if (plan.code === WULING) addWulingCore(b, plan, streets);
    else addCountySeat(b, plan);
    addTownsAndTownships(b, rng, plan);
    // ±1 so the exact school count varies a little by seed while staying in range.
    addFillerSchools(b, rng, plan, plan.targetSchools + rng.int(-1, 1), streets);
  }
  return b.all();
}

// ---------------------------------------------------------------------------
// Teachers
// ---------------------------------------------------------------------------

interface Uniques {
  ids: Set<string>;
  phones: Set<string>;
}

function femaleShare(stage: Stage): number {
  switch (stage) {
    case 'KINDERGARTEN':
      return 0.95;
    case 'PRIMARY':
      return 0.68;
    case 'SPECIAL':
      return 0.7;
    case 'VOCATIONAL':
      return 0.5;
    default:
      return 0.55;
  }
}

function personName(rng: Rng, gender: 'FEMALE' | 'MALE'): string {
  const surname = rng.weighted(SURNAME_WEIGHTS);
  // Single-character given names are common among teachers born before ~1990.
  if (rng.chance(0.3)) return surname + rng.pick(gender === 'FEMALE' ? FEMALE_SINGLE : MALE_SINGLE);
  return gender === 'FEMALE'
    ? surname + rng.pick(FEMALE_FIRST) + rng.pick(FEMALE_SECOND)
    : surname + rng.pick(MALE_FIRST) + rng.pick(MALE_SECOND);
}

/** Age structure of a county teaching workforce: a bulge in the 30s–40s. */
function teacherAge(rng: Rng): number {
  const band = rng.weighted<readonly [number, number]>([
    [[22, 29], 24],
    [[30, 39], 30],
    [[40, 49], 29],
    [[50, 60], 17],
  ]);
  return rng.int(band[0], band[1]);
}

/** About half the staff joined in the last five years (rotation, new hires); the rest spread out. */
function yearsAtSchool(rng: Rng, age: number): number {
  const max = Math.min(30, age - 22);
  if (max <= 5 || rng.chance(0.52)) return rng.int(0, Math.min(5, max));
  return rng.int(6, max);
}

function subjectPool(rng: Rng, stage: Stage): Weighted<string> {
  switch (stage) {
    case 'KINDERGARTEN':
      return KINDERGARTEN_SUBJECTS;
    case 'PRIMARY':
      return PRIMARY_SUBJECTS;
    case 'JUNIOR':
      return JUNIOR_SUBJECTS;
    case 'NINE_YEAR':
      return rng.chance(0.6) ? PRIMARY_SUBJECTS : JUNIOR_SUBJECTS;
    case 'SENIOR':
      return SENIOR_SUBJECTS;
    case 'TWELVE_YEAR':
      return rng.pick([PRIMARY_SUBJECTS, JUNIOR_SUBJECTS, SENIOR_SUBJECTS]);
    case 'VOCATIONAL':
      return VOCATIONAL_SUBJECTS;
    case 'SPECIAL':
      return SPECIAL_SUBJECTS;
  }
}

/** One subject, sometimes two: small rural schools rely on teachers covering a second subject. */
function teacherSubjects(rng: Rng, school: SchoolDraft): string[] {
  const pool = subjectPool(rng, school.stage);
  const first = rng.weighted(pool);
  const pSecond = school.locality === 'RURAL' ? 0.4 : 0.2;
  if (!rng.chance(pSecond)) return [first];
  const second = rng.weighted(pool.filter(([s]) => s !== first));
  return [first, second];
}

function teacherTitle(rng: Rng, age: number, school: SchoolDraft): Title {
  if (age < 26) return rng.weighted<Title>([['UNRANKED', 40], ['THIRD_GRADE', 40], ['SECOND_GRADE', 20]]);
  if (age < 33) return rng.weighted<Title>([['THIRD_GRADE', 15], ['SECOND_GRADE', 70], ['FIRST_GRADE', 15]]);
  if (age < 46) return rng.weighted<Title>([['SECOND_GRADE', 40], ['FIRST_GRADE', 50], ['SENIOR', 10]]);
  // 正高级 is very rare and concentrated in flagship secondary schools.
  const professor = school.stage === 'SENIOR' ? 2 : 0.3;
  return rng.weighted<Title>([['SECOND_GRADE', 20], ['FIRST_GRADE', 50], ['SENIOR', 27], ['PROFESSOR', professor]]);
}

/** 骨干教师: rarer the higher the level; concentrated in 县中 and urban schools, none for new teachers. */
function backboneLevel(rng: Rng, age: number, school: SchoolDraft): BackboneLevel {
  if (age < 27) return 'NONE';
  const boost =
    school.kind === 'COUNTY_HIGH' || school.kind === 'CITY_FLAGSHIP' ? 2 : school.locality === 'URBAN' ? 1.4 : school.locality === 'RURAL' ? 0.6 : 0.9;
  const r = rng.float();
  const provincial = age >= 35 ? 0.007 * boost : 0;
  const city = 0.03 * boost;
  const county = 0.08 * boost;
  if (r < provincial) return 'PROVINCIAL';
  if (r < provincial + city) return 'CITY';
  if (r < provincial + city + county) return 'COUNTY';
  return 'NONE';
}

function qualification(rng: Rng, age: number, school: SchoolDraft): Qualification {
  let q: Qualification;
  if (school.stage === 'SENIOR' || school.stage === 'TWELVE_YEAR') {
    q = rng.weighted<Qualification>([['BACHELOR', 82], ['MASTER', age < 40 ? 18 : 8], ['DOCTORATE', 0.5]]);
  } else if (school.stage === 'VOCATIONAL') {
    q = rng.weighted<Qualification>([['BACHELOR', 80], ['ASSOCIATE', 10], ['MASTER', 10]]);
  } else if (school.locality === 'RURAL' && (school.stage === 'PRIMARY' || school.stage === 'NINE_YEAR')) {
    // Older rural teachers often came through 中师 (secondary normal school).
    q = rng.weighted<Qualification>([['BACHELOR', 58], ['ASSOCIATE', 35], ['SECONDARY', age >= 48 ? 12 : 0]]);
  } else if (school.stage === 'PRIMARY' || school.stage === 'SPECIAL' || school.stage === 'KINDERGARTEN') {
    q = rng.weighted<Qualification>([['BACHELOR', 78], ['ASSOCIATE', 15], ['MASTER', 7]]);
  } else {
    q = rng.weighted<Qualification>([['BACHELOR', 85], ['ASSOCIATE', 9], ['MASTER', 6]]);
  }
  // A master's or doctorate takes time; very young teachers cannot have one yet.
  if ((q === 'MASTER' && age < 25) || (q === 'DOCTORATE' && age < 28)) q = 'BACHELOR';
  return q;
}

function idNumber(rng: Rng, countyCode: string, age: number, gender: 'FEMALE' | 'MALE', uniq: Uniques): string {
  for (;;) {
    const year = REFERENCE_YEAR - age;
    const month = rng.int(1, 12);
    const day = rng.int(1, daysInMonth(year, month));
    // The 17th digit encodes gender: odd for men, even for women.
    const genderDigit = gender === 'MALE' ? rng.pick([1, 3, 5, 7, 9]) : rng.pick([0, 2, 4, 6, 8]);
    const first17 =
      countyCode +
      String(year) +
      String(month).padStart(2, '0') +
      String(day).padStart(2, '0') +
      rng.digits(2) +
      String(genderDigit);
    const id = first17 + idNumberCheckChar(first17);
    if (!uniq.ids.has(id)) {
      uniq.ids.add(id);
      return id;
    }
  }
}

function phoneNumber(rng: Rng, uniq: Uniques): string {
  for (;;) {
    const phone = rng.pick(PHONE_PREFIXES) + rng.digits(8);
    if (!uniq.phones.has(phone)) {
      uniq.phones.add(phone);
      return phone;
    }
  }
}

/** The register holds every full-time teacher of every school (staffCount adds the non-teaching staff). */
function teacherCounts(schools: readonly SchoolDraft[]): number[] {
  return schools.map((s) => s.teacherCount);
}

function generateTeachers(rng: Rng, schools: readonly SchoolDraft[]): TeacherInput[] {
  const uniq: Uniques = { ids: new Set(), phones: new Set() };
  const counts = teacherCounts(schools);
  const teachers: TeacherInput[] = [];
  schools.forEach((school, i) => {
    for (let k = 1; k <= counts[i]; k++) {
      const gender = rng.chance(femaleShare(school.stage)) ? 'FEMALE' : 'MALE';
      const age = teacherAge(rng);
      teachers.push({
        // 'T' + school code without its type prefix + counter: unique because school codes are.
        staffNo: `T${school.code.slice(2)}${String(k).padStart(3, '0')}`,
        name: personName(rng, gender),
        gender,
        schoolCode: school.code,
        subjects: teacherSubjects(rng, school),
        title: teacherTitle(rng, age, school),
        backboneLevel: backboneLevel(rng, age, school),
        yearsAtSchool: yearsAtSchool(rng, age),
        qualification: qualification(rng, age, school),
        idNumber: idNumber(rng, school.countyCode, age, gender, uniq),
        phone: phoneNumber(rng, uniq),
      });
    }
  });
  return teachers;
}

// ---------------------------------------------------------------------------
// Consortia
// ---------------------------------------------------------------------------

class ConsortiumBuilder {
  private readonly consortia: ConsortiumInput[] = [];
  /** Schools already placed, so no school ends up in two demo consortia. */
  private readonly used = new Set<string>();

  constructor(private readonly rng: Rng) {}

  isFree(s: SchoolDraft): boolean {
    return !this.used.has(s.code);
  }

  /** Take up to n free schools from the candidates in random order. */
  take(candidates: readonly SchoolDraft[], n: number): SchoolDraft[] {
    return this.rng.shuffled(candidates.filter((s) => this.isFree(s))).slice(0, n);
  }

  add(kind: ConsortiumInput['kind'], name: string, regionCode: string, lead: SchoolDraft, members: SchoolDraft[]): void {
    const memberCodes = members.map((m) => m.code).filter((c) => c !== lead.code);
    if (memberCodes.length === 0) return;
    const seq = this.consortia.filter((c) => c.regionCode === regionCode).length + 1;
    this.consortia.push({
      code: `C${regionCode}${String(seq).padStart(3, '0')}`,
      name,
      kind,
      regionCode,
      leadSchoolCode: lead.code,
      memberSchoolCodes: memberCodes,
    });
    for (const s of [lead, ...members]) this.used.add(s.code);
  }

  all(): ConsortiumInput[] {
    return this.consortia;
  }
}

/** Counties that run a town-centred 教育共同体 in the demo. */
const COMMUNITY_COUNTIES = ['430725', '430726', '430723', '430722'] as const;

function byEnrolmentDesc(a: SchoolDraft, b: SchoolDraft): number {
  return b.enrolment - a.enrolment || a.code.localeCompare(b.code);
}

function generateConsortia(rng: Rng, schools: readonly SchoolDraft[]): ConsortiumInput[] {
  const cb = new ConsortiumBuilder(rng);
  const inCounty = (code: string) => schools.filter((s) => s.countyCode === code);
  const isRuralPrimary = (s: SchoolDraft) =>
    s.locality === 'RURAL' && (s.stage === 'PRIMARY' || s.stage === 'NINE_YEAR');

  // 1. City-wide alliance around the flagship senior school, pulling in non-县中 seniors elsewhere.
  const flagship = schools.find((s) => s.name === '常德市第一中学');
  if (flagship) {
    const seniors = schools.filter((s) => s.kind === 'SENIOR' && s.code !== flagship.code);
    cb.add('ALLIANCE', '常德市第一中学教育集团', DEMO_CITY, flagship, cb.take(seniors, rng.int(4, 6)));
  }

  // 2. Cross-county pairing: strong 武陵区 urban primaries with rural primaries in 鼎城区.
  const wulingPrimaries = inCounty(WULING)
    .filter((s) => s.kind === 'URBAN_PRIMARY')
    .sort(byEnrolmentDesc);
  const pairLead = wulingPrimaries[0];
  if (pairLead) {
    const urbanPartners = cb.take(wulingPrimaries.slice(1, 5), 2);
    const ruralPartners = cb.take(inCounty(DINGCHENG).filter(isRuralPrimary), rng.int(3, 4));
    cb.add('URBAN_RURAL_PAIR', `${pairLead.name}城乡学校结对共同体`, DEMO_CITY, pairLead, [
      ...urbanPartners,
      ...ruralPartners,
    ]);
  }

  // 3. Per-county 教育共同体 led by a strong town central school, members from its own county.
  for (const countyCode of COMMUNITY_COUNTIES) {
    const county = inCounty(countyCode);
    const lead = cb.take(county.filter((s) => s.kind === 'TOWN_CENTRAL_PRIMARY'), 1)[0];
    if (!lead) continue;
    const want = rng.int(3, 6);
    // Prefer schools of the lead's own town, then the rest of the county's rural primaries.
    const sameTown = cb.take(county.filter((s) => s.town === lead.town && isRuralPrimary(s)), want);
    const others = cb.take(
      county.filter((s) => isRuralPrimary(s) && !sameTown.includes(s)),
      want - sameTown.length,
    );
    cb.add('COMMUNITY', `${lead.name}教育共同体`, countyCode, lead, [...sameTown, ...others]);
  }

  // 4. 名校办分校: a big 武陵区 primary running campuses on the urban fringe, all within 武陵区.
  const branchLead = cb.take(wulingPrimaries, 1)[0];
  if (branchLead) {
    const fringe = inCounty(WULING).filter((s) => s.stage === 'PRIMARY' && s.locality !== 'URBAN');
    const members = [...cb.take(fringe, 2), ...cb.take(wulingPrimaries, 1)];
    cb.add('BRANCH_CAMPUS', `${branchLead.name}名校办分校集团`, WULING, branchLead, members);
  }

  return cb.all();
}

// ---------------------------------------------------------------------------
// Entry point
// ---------------------------------------------------------------------------

function generateRegions(): RegionInput[] {
  return [{ code: DEMO_PROVINCE, name: '湖南省' }, { code: DEMO_CITY, name: '常德市' }, ...DEMO_COUNTIES.map((c) => ({ ...c }))];
}

function toSchoolInput(d: SchoolDraft): SchoolInput {
  const { kind: _kind, town: _town, teacherCount: _teachers, ...school } = d;
  return school;
}

export function generateDemoData(seed = 20261123): DemoData {
  const rng = new Rng(seed);
  const drafts = generateSchools(rng);
  const teachers = generateTeachers(rng, drafts);
  const consortia = generateConsortia(rng, drafts);
  return {
    regions: generateRegions(),
    schools: asCityRun(drafts.map(toSchoolInput), DEMO_CITY),
    teachers,
    consortia,
  };
}
