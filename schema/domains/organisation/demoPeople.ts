/**
 * The people of the demo teacher register: Chinese names weighted like 湖南's surnames, valid
 * resident ID numbers (GB 11643-1999) and mobile numbers, each unique across the register.
 */
import type { Rng } from '../shared/demoRandom.js';
import { daysInMonth, idNumberCheckChar } from './idNumber.js';

/** The year ages are measured against; fixed so output never depends on the clock. */
const REFERENCE_YEAR = 2026;

/**
 * Common surnames, roughly in national frequency order; a few surnames that are
 * especially common in 湖南 (彭 谭 邓 曾 龚 熊 易 贺 黎 文) get a boost.
 */
const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '周',
  '吴',
  '徐',
  '孙',
  '胡',
  '朱',
  '高',
  '林',
  '何',
  '郭',
  '马',
  '罗',
  '梁',
  '宋',
  '郑',
  '谢',
  '韩',
  '唐',
  '冯',
  '于',
  '董',
  '萧',
  '程',
  '曹',
  '袁',
  '邓',
  '许',
  '傅',
  '沈',
  '曾',
  '彭',
  '吕',
  '苏',
  '卢',
  '蒋',
  '蔡',
  '贾',
  '丁',
  '魏',
  '薛',
  '叶',
  '阎',
  '余',
  '潘',
  '杜',
  '戴',
  '夏',
  '钟',
  '汪',
  '田',
  '任',
  '姜',
  '范',
  '方',
  '石',
  '姚',
  '谭',
  '廖',
  '邹',
  '熊',
  '金',
  '陆',
  '郝',
  '孔',
  '白',
  '崔',
  '康',
  '毛',
  '邱',
  '秦',
  '江',
  '史',
  '顾',
  '侯',
  '邵',
  '孟',
  '龙',
  '万',
  '段',
  '雷',
  '钱',
  '汤',
  '尹',
  '黎',
  '易',
  '常',
  '武',
  '乔',
  '贺',
  '赖',
  '龚',
  '文',
] as const;
const HUNAN_SURNAMES: ReadonlySet<string> = new Set([
  '彭',
  '谭',
  '邓',
  '曾',
  '龚',
  '熊',
  '易',
  '贺',
  '黎',
  '文',
  '罗',
  '唐',
]);
const SURNAME_WEIGHTS: ReadonlyArray<readonly [string, number]> = SURNAMES.map((s, i) => [
  s,
  (100 / (i + 8)) * (HUNAN_SURNAMES.has(s) ? 2.5 : 1),
]);

const FEMALE_SINGLE = [
  '芳',
  '娟',
  '敏',
  '静',
  '丽',
  '艳',
  '娜',
  '霞',
  '玲',
  '燕',
  '红',
  '萍',
  '婷',
  '雪',
  '琳',
  '慧',
  '颖',
  '倩',
  '洁',
  '琴',
  '兰',
  '梅',
  '莉',
  '欣',
  '蕾',
  '瑶',
  '丹',
  '晶',
  '琼',
  '英',
] as const;
const FEMALE_FIRST = [
  '雨',
  '欣',
  '思',
  '佳',
  '梦',
  '晓',
  '雅',
  '紫',
  '诗',
  '丽',
  '秀',
  '春',
  '美',
  '玉',
  '海',
  '静',
  '文',
  '慧',
  '嘉',
  '若',
  '一',
  '艳',
  '小',
  '湘',
] as const;
const FEMALE_SECOND = [
  '婷',
  '琪',
  '涵',
  '怡',
  '萱',
  '妍',
  '悦',
  '琳',
  '洁',
  '颖',
  '敏',
  '芳',
  '霞',
  '娟',
  '兰',
  '华',
  '平',
  '丽',
  '雯',
  '璐',
  '倩',
  '薇',
  '蓉',
  '红',
  '珍',
  '莉',
] as const;
const MALE_SINGLE = [
  '伟',
  '强',
  '磊',
  '军',
  '勇',
  '杰',
  '涛',
  '斌',
  '超',
  '明',
  '刚',
  '平',
  '辉',
  '鹏',
  '华',
  '飞',
  '鑫',
  '波',
  '宇',
  '浩',
  '凯',
  '健',
  '俊',
  '帆',
  '旭',
  '宁',
  '峰',
  '亮',
  '成',
  '彬',
  '锋',
] as const;
const MALE_FIRST = [
  '志',
  '建',
  '俊',
  '子',
  '浩',
  '宇',
  '文',
  '晓',
  '国',
  '海',
  '明',
  '永',
  '德',
  '家',
  '振',
  '金',
  '立',
  '智',
  '正',
  '新',
  '湘',
  '卫',
  '红',
  '春',
] as const;
const MALE_SECOND = [
  '伟',
  '强',
  '军',
  '华',
  '平',
  '明',
  '辉',
  '峰',
  '杰',
  '涛',
  '斌',
  '林',
  '龙',
  '波',
  '勇',
  '鹏',
  '东',
  '阳',
  '豪',
  '轩',
  '然',
  '博',
  '洋',
  '元',
  '武',
  '兵',
  '良',
] as const;

/** 11-digit mobile prefixes of the three mainland carriers (13x/15x/17x/18x/19x). */
const PHONE_PREFIXES = [
  '130',
  '131',
  '132',
  '133',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '153',
  '155',
  '156',
  '157',
  '158',
  '159',
  '173',
  '177',
  '180',
  '181',
  '182',
  '183',
  '186',
  '187',
  '188',
  '189',
  '191',
  '199',
] as const;

export interface Uniques {
  ids: Set<string>;
  phones: Set<string>;
}

export function personName(rng: Rng, gender: 'FEMALE' | 'MALE'): string {
  const surname = rng.weighted(SURNAME_WEIGHTS);
  // Single-character given names are common among teachers born before ~1990.
  if (rng.chance(0.3)) return surname + rng.pick(gender === 'FEMALE' ? FEMALE_SINGLE : MALE_SINGLE);
  return gender === 'FEMALE'
    ? surname + rng.pick(FEMALE_FIRST) + rng.pick(FEMALE_SECOND)
    : surname + rng.pick(MALE_FIRST) + rng.pick(MALE_SECOND);
}

export function idNumber(rng: Rng, countyCode: string, age: number, gender: 'FEMALE' | 'MALE', uniq: Uniques): string {
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

export function phoneNumber(rng: Rng, uniq: Uniques): string {
  for (;;) {
    const phone = rng.pick(PHONE_PREFIXES) + rng.digits(8);
    if (!uniq.phones.has(phone)) {
      uniq.phones.add(phone);
      return phone;
    }
  }
}
