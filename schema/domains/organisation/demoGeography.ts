/**
 * The geography of the demo city 常德市 (430700), 湖南省: its county-level divisions and how
 * many and which schools each gets, and the street and village names schools are named after.
 */

export const DEMO_PROVINCE = '430000';
export const DEMO_CITY = '430700';

export interface CountyPlan {
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
export const COUNTY_PLANS: readonly CountyPlan[] = [
  {
    code: '430702',
    name: '武陵区',
    towns: ['河洑镇'],
    townships: ['芦荻山乡', '丹洲乡'],
    extraSeniors: 0,
    urbanPrimaries: 8,
    urbanJuniors: 4,
    hasSpecial: true,
    targetSchools: 34,
    urbanFillShare: 0.7,
  },
  {
    code: '430703',
    name: '鼎城区',
    towns: [
      '武陵镇',
      '石公桥镇',
      '周家店镇',
      '灌溪镇',
      '蔡家岗镇',
      '草坪镇',
      '谢家铺镇',
      '镇德桥镇',
      '牛鼻滩镇',
      '韩公渡镇',
      '石板滩镇',
      '十美堂镇',
      '黄土店镇',
      '双桥坪镇',
    ],
    townships: ['许家桥回族维吾尔族乡'],
    extraSeniors: 1,
    urbanPrimaries: 4,
    urbanJuniors: 2,
    hasSpecial: false,
    targetSchools: 100,
    urbanFillShare: 0.03,
  },
  {
    code: '430721',
    name: '安乡县',
    towns: ['大鲸港镇', '黄山头镇', '下渔口镇', '三岔河镇', '官垱镇', '陈家嘴镇'],
    townships: ['安全乡', '安康乡', '安障乡'],
    extraSeniors: 1,
    urbanPrimaries: 3,
    urbanJuniors: 1,
    hasSpecial: false,
    targetSchools: 62,
    urbanFillShare: 0.03,
  },
  {
    code: '430722',
    name: '汉寿县',
    towns: [
      '太子庙镇',
      '岩汪湖镇',
      '酉港镇',
      '坡头镇',
      '罐头嘴镇',
      '沧港镇',
      '丰家铺镇',
      '洲口镇',
      '朱家铺镇',
      '军山铺镇',
      '龙潭桥镇',
    ],
    townships: ['毛家滩回族维吾尔族乡'],
    extraSeniors: 1,
    urbanPrimaries: 3,
    urbanJuniors: 1,
    hasSpecial: true,
    targetSchools: 85,
    urbanFillShare: 0.03,
  },
  {
    code: '430723',
    name: '澧县',
    towns: [
      '小渡口镇',
      '梦溪镇',
      '复兴厂镇',
      '码头铺镇',
      '盐井镇',
      '大堰垱镇',
      '王家厂镇',
      '城头山镇',
      '澧南镇',
      '如东镇',
      '闸口镇',
      '火连坡镇',
      '官垸镇',
      '涔南镇',
    ],
    townships: ['车溪乡'],
    extraSeniors: 2,
    urbanPrimaries: 4,
    urbanJuniors: 2,
    hasSpecial: true,
    targetSchools: 105,
    urbanFillShare: 0.03,
  },
  {
    code: '430724',
    name: '临澧县',
    towns: ['合口镇', '新安镇', '修梅镇', '佘市桥镇', '停弦渡镇', '四新岗镇'],
    townships: ['烽火乡'],
    extraSeniors: 0,
    urbanPrimaries: 2,
    urbanJuniors: 1,
    hasSpecial: false,
    targetSchools: 50,
    urbanFillShare: 0.03,
  },
  {
    code: '430725',
    name: '桃源县',
    towns: [
      '陬市镇',
      '热市镇',
      '盘塘镇',
      '茶庵铺镇',
      '牛车河镇',
      '郑家驿镇',
      '架桥镇',
      '黄石镇',
      '沙坪镇',
      '理公港镇',
      '三阳港镇',
      '观音寺镇',
      '漆家河镇',
      '桃花源镇',
    ],
    townships: ['枫树维吾尔族回族乡', '青林回族维吾尔族乡'],
    extraSeniors: 2,
    urbanPrimaries: 4,
    urbanJuniors: 2,
    hasSpecial: true,
    targetSchools: 118,
    urbanFillShare: 0.03,
  },
  {
    code: '430726',
    name: '石门县',
    towns: [
      '蒙泉镇',
      '夹山镇',
      '易家渡镇',
      '新关镇',
      '皂市镇',
      '维新镇',
      '壶瓶山镇',
      '太平镇',
      '磨市镇',
      '白云镇',
      '子良镇',
      '南北镇',
    ],
    townships: ['所街乡', '雁池乡', '三圣乡'],
    extraSeniors: 1,
    urbanPrimaries: 3,
    urbanJuniors: 2,
    hasSpecial: false,
    targetSchools: 95,
    urbanFillShare: 0.03,
  },
  {
    code: '430781',
    name: '津市市',
    towns: ['新洲镇', '白衣镇', '毛里湖镇', '药山镇'],
    townships: [],
    extraSeniors: 0,
    urbanPrimaries: 2,
    urbanJuniors: 1,
    hasSpecial: false,
    targetSchools: 36,
    urbanFillShare: 0.3,
  },
];

export const DEMO_COUNTIES: ReadonlyArray<{ code: string; name: string }> = COUNTY_PLANS.map(({ code, name }) => ({
  code,
  name,
}));

export const WULING = '430702';
export const DINGCHENG = '430703';

/** 武陵区 street (街道) names, used for its urban schools. */
export const WULING_STREETS = [
  '穿紫河',
  '丹阳',
  '芷兰',
  '东江',
  '南坪',
  '府坪',
  '启明',
  '永安',
  '白马湖',
  '长庚',
  '德山',
  '芙蓉',
  '城东',
  '城西',
  '柏子园',
  '北正街',
  '育英',
  '滨湖',
] as const;

/** Village names combined with a town name, so "<town><village>" is unique within a county. */
export const VILLAGE_NAMES = [
  '青山',
  '枫林',
  '杨柳',
  '桃花',
  '金星',
  '白马',
  '龙潭',
  '黄泥',
  '新华',
  '红旗',
  '长岭',
  '石桥',
  '双河',
  '柳树',
  '荷花',
  '大坪',
  '花园',
  '团山',
  '白鹤',
  '高峰',
  '太平',
  '永兴',
  '和平',
  '兴隆',
  '马鞍',
  '狮子',
  '茅坪',
  '竹园',
  '泉水',
  '松柏',
  '樟树',
  '杉木',
  '莲花',
  '凤凰',
  '金鸡',
  '望城',
  '五一',
  '建设',
  '胜利',
  '先锋',
  '梓山',
  '鹤鸣',
  '栗山',
  '文家',
  '曹家',
  '新塘',
  '牌楼',
  '三合',
  '四合',
  '九龙',
  '梅溪',
  '清水',
  '沙港',
  '湖光',
] as const;
