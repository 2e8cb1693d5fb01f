import type { Assignment, ResponsibilityDomain } from './rules.js';

/**
 * Demo matters of 常德市's county-high-school responsibility list (县域普通高中市县结合管理权责清单),
 * drawn from the city–county joint management documents: 市级统筹 (plan, standards, pools,
 * cross-county exchange, value-added evaluation), 县级自主 (implementation, scheduling, county
 * funding), schools deliver, the city supervises.
 */
export interface DemoItem {
  key: string;
  domain: ResponsibilityDomain;
  title: string;
  description: string;
  policyBasis: string;
  accountability: string;
  /** Compact roles: 'CITY:LEAD,SUPERVISE COUNTY:IMPLEMENT SCHOOL:COOPERATE'. */
  roles: string;
}

export function parseRoles(compact: string): Assignment[] {
  return compact
    .split(' ')
    .filter(Boolean)
    .flatMap((part) => {
      const [level, roles] = part.split(':');
      return roles.split(',').map((role) => ({ level, role }) as Assignment);
    });
}

const 县中提升 = '《“十四五”县域普通高中发展提升行动计划》（教基〔2021〕8号）';
const 市县结合 = '《常德市县域普通高中市县结合管理体制改革实施方案》';
const 追责通用 =
  '未按期履职或履职不到位造成不良影响的，按照《教育督导问责办法》对相关单位和责任人予以约谈、通报或问责。';

export const DEMO_ITEMS: DemoItem[] = [
  {
    key: 'PLANNING.COUNTY_HIGH_SCHOOL_PLAN',
    domain: 'PLANNING',
    title: '县中发展提升规划编制',
    description: '编制全市县域普通高中发展提升规划，明确办学规模、布局和质量目标；各县市区据此制定本地实施方案。',
    policyBasis: `${县中提升}；${市县结合}`,
    accountability: `规划未按期编制或县级方案与市级规划相冲突的，${追责通用}`,
    roles: 'CITY:LEAD,SUPERVISE COUNTY:IMPLEMENT SCHOOL:COOPERATE',
  },
  {
    key: 'PLANNING.SCHOOL_STANDARDS',
    domain: 'PLANNING',
    title: '县中办学标准制定与达标建设',
    description: '市级制定县中办学基本标准（校舍、装备、师资、班额），县级组织达标建设，学校落实。',
    policyBasis: `${县中提升}；《普通高中学校办学质量评价指南》`,
    accountability: `大班额、超规模办学未按期消除的，${追责通用}`,
    roles: 'CITY:LEAD,SUPERVISE COUNTY:IMPLEMENT SCHOOL:IMPLEMENT',
  },
  {
    key: 'PLANNING.LOCAL_IMPLEMENTATION_PLAN',
    domain: 'PLANNING',
    title: '县级实施方案制定',
    description: '各县市区结合实际制定县中发展提升实施方案，报市教育局备案。',
    policyBasis: 市县结合,
    accountability: `未按期制定或未报备的，${追责通用}`,
    roles: 'CITY:SUPERVISE COUNTY:LEAD',
  },
  {
    key: 'PLANNING.SCHOOL_LAYOUT',
    domain: 'PLANNING',
    title: '中小学校布局调整',
    description: '县域内学校撤并、新建和学段调整，统筹城乡学位供给。',
    policyBasis: '《中华人民共和国教育法》；《湖南省中小学校布局规划》',
    accountability: `擅自撤并学校引发群体性事件的，${追责通用}`,
    roles: 'CITY:SUPERVISE COUNTY:LEAD SCHOOL:COOPERATE',
  },
  {
    key: 'RESOURCES.POOL_MATCHING',
    domain: 'RESOURCES',
    title: '共享资源池统筹匹配',
    description:
      '市级统筹教师、设备、课程、教研资源池，对县级申报需求进行匹配，' + '资源向薄弱县倾斜（县级申报—市级直达）。',
    policyBasis: 市县结合,
    accountability: `匹配不公开、不可追溯或造成重复采购的，${追责通用}`,
    roles: 'CITY:LEAD,SUPERVISE COUNTY:COOPERATE',
  },
  {
    key: 'RESOURCES.EQUIPMENT_SHARING_CENTRE',
    domain: 'RESOURCES',
    title: '实验设备共享中心运行',
    description: '建设市级实验设备共享中心，县级组织学校预约使用并负责设备交接。',
    policyBasis: `${市县结合}；《中小学实验室规程》`,
    accountability: `设备闲置或因管理不善造成损失的，${追责通用}`,
    roles: 'CITY:LEAD,SUPERVISE COUNTY:IMPLEMENT SCHOOL:COOPERATE',
  },
  {
    key: 'RESOURCES.COURSE_SHARING_PLATFORM',
    domain: 'RESOURCES',
    title: '特色课程共享平台建设',
    description: '市级搭建特色课程共享平台，优质学校开发并开放课程，县级组织薄弱学校选用。',
    policyBasis: 市县结合,
    accountability: `平台课程长期不更新或使用率明显偏低的，${追责通用}`,
    roles: 'CITY:LEAD,SUPERVISE COUNTY:COOPERATE SCHOOL:IMPLEMENT',
  },
  {
    key: 'RESOURCES.TEACHING_RESEARCH_LIBRARY',
    domain: 'RESOURCES',
    title: '教研资源库建设',
    description: '建设市级教研资源库，汇集学科教研成果、优质课例和命题资源。',
    policyBasis: '《关于加强和改进新时代基础教育教研工作的意见》（教基〔2019〕14号）',
    accountability: `资源建设任务未完成的，${追责通用}`,
    roles: 'CITY:LEAD COUNTY:COOPERATE SCHOOL:COOPERATE',
  },
  {
    key: 'RESOURCES.PROCUREMENT_REVIEW',
    domain: 'RESOURCES',
    title: '采购前共享池核查',
    description: '县级审批设备采购前先核查市级共享池能否满足，避免重复采购。',
    policyBasis: `${市县结合}；《政府采购法》`,
    accountability: `共享池可满足仍重复采购的，${追责通用}`,
    roles: 'CITY:SUPERVISE COUNTY:LEAD SCHOOL:COOPERATE',
  },
  {
    key: 'RESOURCES.WEAK_COUNTY_PRIORITY',
    domain: 'RESOURCES',
    title: '薄弱县资源倾斜',
    description: '在资源分配、项目安排中向薄弱县和农村学校倾斜。',
    policyBasis: 县中提升,
    accountability: `倾斜政策落实不到位的，${追责通用}`,
    roles: 'CITY:LEAD,SUPERVISE COUNTY:IMPLEMENT',
  },
  {
    key: 'STAFFING.QUOTA_ADJUSTMENT',
    domain: 'STAFFING',
    title: '教职工编制跨县统筹调剂',
    description: '市级在核定总量内跨县调剂教职工编制，县级落实编制使用并及时补充教师。',
    policyBasis: '《关于统一城乡中小学教职工编制标准的通知》（中央编办发〔2014〕72号）',
    accountability: `有编不补、挤占挪用教师编制的，${追责通用}`,
    roles: 'CITY:LEAD,SUPERVISE COUNTY:IMPLEMENT',
  },
  {
    key: 'STAFFING.SCHOOL_POST_ASSIGNMENT',
    domain: 'STAFFING',
    title: '县管校聘岗位管理',
    description: '县级在核定编制总量内统筹分配学校岗位（县管校聘），按学科核定县中教师岗位，学校按岗聘用。',
    policyBasis: '《关于推进义务教育教师队伍“县管校聘”管理改革的意见》（教师〔2015〕5号）',
    accountability: `岗位分配不公开或长期有岗不聘的，${追责通用}`,
    roles: 'CITY:SUPERVISE COUNTY:LEAD SCHOOL:IMPLEMENT',
  },
  {
    key: 'STAFFING.TEACHER_RECRUITMENT',
    domain: 'STAFFING',
    title: '县中教师招聘',
    description: '县级按编制和学科需求组织县中教师公开招聘，学校参与面试和考察。',
    policyBasis: '《事业单位公开招聘人员暂行规定》',
    accountability: `招聘违规或长期缺编不补的，${追责通用}`,
    roles: 'CITY:SUPERVISE COUNTY:LEAD SCHOOL:COOPERATE',
  },
  {
    key: 'EXCHANGE.CROSS_COUNTY',
    domain: 'STAFFING',
    title: '跨县教师交流轮岗与走教组织',
    description: '市级统筹组织骨干教师跨县交流轮岗和走教，审批跨县交流；县级安排课时和生活保障。',
    policyBasis: '《关于推进县（区）域内义务教育学校校长教师交流轮岗的意见》（教师〔2014〕4号）；市县结合实施方案',
    accountability: `交流比例未达标或走教流于形式的，${追责通用}`,
    roles: 'CITY:LEAD,SUPERVISE COUNTY:IMPLEMENT SCHOOL:COOPERATE',
  },
  {
    key: 'EXCHANGE.WITHIN_COUNTY',
    domain: 'STAFFING',
    title: '县域内教师交流轮岗',
    description: '县级组织本县学校间教师交流轮岗，审批县内交流，学校落实岗位安排。',
    policyBasis: '教师〔2014〕4号',
    accountability: `县内交流比例低于10%的，${追责通用}`,
    roles: 'CITY:SUPERVISE COUNTY:LEAD SCHOOL:IMPLEMENT',
  },
  {
    key: 'EXCHANGE.ITINERANT_SCHEDULING',
    domain: 'STAFFING',
    title: '走教教师课时安排',
    description: '县级为走教教师排定每周课时，学校落实课表；周课时不超过上限。',
    policyBasis: 市县结合,
    accountability: `走教课时不落实或超量安排的，${追责通用}`,
    roles: 'CITY:SUPERVISE COUNTY:LEAD SCHOOL:IMPLEMENT',
  },
  {
    key: 'STAFFING.PRINCIPAL_APPOINTMENT',
    domain: 'STAFFING',
    title: '县中校长选聘',
    description: '县级按干部管理权限选聘县中校长，报市教育局备案，推行校长职级制。',
    policyBasis: '《中小学校领导人员管理暂行办法》',
    accountability: `违规选任或未报备的，${追责通用}`,
    roles: 'CITY:SUPERVISE COUNTY:LEAD',
  },
  {
    key: 'STAFFING.BACKBONE_TRAINING',
    domain: 'STAFFING',
    title: '骨干教师培养培训',
    description: '市级统筹市级骨干教师遴选和培训，县级组织县级骨干培养，学校落实校本研修。',
    policyBasis: '《新时代基础教育强师计划》（教师〔2022〕6号）',
    accountability: `培训任务未完成的，${追责通用}`,
    roles: 'CITY:LEAD COUNTY:IMPLEMENT SCHOOL:IMPLEMENT',
  },
  {
    key: 'ENROLMENT.ADMISSION_QUOTA',
    domain: 'ENROLMENT',
    title: '普通高中招生计划',
    description: '市级下达各县中招生计划，县级落实并监督学校按计划招生。',
    policyBasis: '《湖南省普通高中招生工作规定》',
    accountability: `超计划招生的，${追责通用}`,
    roles: 'CITY:LEAD,SUPERVISE COUNTY:IMPLEMENT',
  },
  {
    key: 'ENROLMENT.ADMISSION_BOUNDARIES',
    domain: 'ENROLMENT',
    title: '普通高中招生区域划定',
    description: '市级划定各县中招生范围，严禁跨区域掐尖招生。',
    policyBasis: `${县中提升}（严格落实属地招生）`,
    accountability: `跨区域违规招生的，${追责通用}`,
    roles: 'CITY:LEAD,SUPERVISE COUNTY:COOPERATE',
  },
  {
    key: 'ENROLMENT.ADMISSION_RULES',
    domain: 'ENROLMENT',
    title: '招生录取规则与违规招生查处',
    description: '市级制定中考录取规则和指标到校办法，县级和学校执行，查处提前招生、违规掐尖。',
    policyBasis: '《关于进一步加强和改进普通高中招生管理工作的通知》',
    accountability: `违规招生、虚假宣传的，取消评优资格并${追责通用}`,
    roles: 'CITY:LEAD,SUPERVISE COUNTY:IMPLEMENT SCHOOL:IMPLEMENT',
  },
  {
    key: 'ENROLMENT.COMPULSORY_ENROLMENT',
    domain: 'ENROLMENT',
    title: '义务教育划片招生',
    description: '县级划定义务教育学校服务片区，学校按片区免试就近入学。',
    policyBasis: '《中华人民共和国义务教育法》',
    accountability: `择校乱象治理不力的，${追责通用}`,
    roles: 'CITY:SUPERVISE COUNTY:LEAD SCHOOL:IMPLEMENT',
  },
  {
    key: 'FUNDING.CITY_COORDINATION',
    domain: 'FUNDING',
    title: '县中发展专项经费市级统筹',
    description: '市级统筹安排县中发展提升专项经费，重点支持薄弱县中改善办学条件。',
    policyBasis: `${县中提升}；市级财政专项资金管理办法`,
    accountability: `专项资金截留挪用的，依法依规${追责通用}`,
    roles: 'CITY:LEAD,SUPERVISE COUNTY:COOPERATE',
  },
  {
    key: 'FUNDING.COUNTY_MATCHING',
    domain: 'FUNDING',
    title: '县级配套经费落实',
    description: '县级按市县结合要求足额落实配套经费，纳入本级财政预算（市级统筹、县级配套）。',
    policyBasis: 市县结合,
    accountability: `配套资金不到位的，扣减次年市级统筹资金并${追责通用}`,
    roles: 'CITY:SUPERVISE COUNTY:LEAD',
  },
  {
    key: 'FUNDING.PER_STUDENT_FUNDING',
    domain: 'FUNDING',
    title: '生均公用经费拨付',
    description: '县级按不低于省定标准及时足额拨付普通高中生均公用经费。',
    policyBasis: '《关于建立完善普通高中生均拨款制度的通知》',
    accountability: `拨付不及时、不足额的，${追责通用}`,
    roles: 'CITY:SUPERVISE COUNTY:LEAD SCHOOL:COOPERATE',
  },
  {
    key: 'CURRICULUM.NEW_CURRICULUM',
    domain: 'CURRICULUM',
    title: '新课程新教材实施',
    description: '市级统筹新课程新教材实施和选课走班指导，县级组织培训，学校开齐开足课程。',
    policyBasis: '《普通高中课程方案（2017年版2020年修订）》',
    accountability: `未开齐开足国家课程的，${追责通用}`,
    roles: 'CITY:LEAD COUNTY:IMPLEMENT SCHOOL:IMPLEMENT',
  },
  {
    key: 'CURRICULUM.TEACHING_RESEARCH',
    domain: 'CURRICULUM',
    title: '县域教研组织',
    description: '县级教研室组织学科教研和集体备课，学校落实校本教研。',
    policyBasis: '教基〔2019〕14号',
    accountability: `教研活动长期不开展的，${追责通用}`,
    roles: 'CITY:SUPERVISE COUNTY:LEAD SCHOOL:IMPLEMENT',
  },
  {
    key: 'CURRICULUM.SCHOOL_TIMETABLE',
    domain: 'CURRICULUM',
    title: '学校课程开设与作息管理',
    description: '学校制定课程表和作息时间，落实体育、艺术、劳动课时。',
    policyBasis: '《普通高中课程方案》；“双减”相关规定',
    accountability: `挤占体育艺术课时或违规补课的，${追责通用}`,
    roles: 'COUNTY:SUPERVISE SCHOOL:LEAD',
  },
  {
    key: 'EVALUATION.VALUE_ADDED',
    domain: 'EVALUATION',
    title: '县中增值评价',
    description: '市级组织县中增值评价，“从入口看出口、从起点看变化”，不以升学率排名；县级和学校报送入口、出口成绩。',
    policyBasis: '《深化新时代教育评价改革总体方案》',
    accountability: `以升学率排名或公布考试成绩排名的，${追责通用}`,
    roles: 'CITY:LEAD,SUPERVISE COUNTY:COOPERATE SCHOOL:COOPERATE',
  },
  {
    key: 'EVALUATION.COUNTY_SELF_EVALUATION',
    domain: 'EVALUATION',
    title: '县级自评',
    description: '县级对照指标体系开展年度自评，形成报告报市教育局。',
    policyBasis: '《深化新时代教育评价改革总体方案》',
    accountability: `自评弄虚作假的，${追责通用}`,
    roles: 'CITY:SUPERVISE COUNTY:LEAD SCHOOL:COOPERATE',
  },
  {
    key: 'EVALUATION.SOCIAL_PARTICIPATION',
    domain: 'EVALUATION',
    title: '社会参与评价',
    description: '市级组织家长、社区和专家参与学校评价，结果纳入综合评价。',
    policyBasis: '《深化新时代教育评价改革总体方案》',
    accountability: `评价组织流于形式的，${追责通用}`,
    roles: 'CITY:LEAD COUNTY:COOPERATE SCHOOL:COOPERATE',
  },
  {
    key: 'SUPERVISION.INSPECTION',
    domain: 'SUPERVISION',
    title: '市级督导督查',
    description: '市政府教育督导室对县级履行县中发展职责开展专项督导，结果向社会公开。',
    policyBasis: '《教育督导条例》；《教育督导问责办法》',
    accountability: `督导发现问题不整改或整改不到位的，${追责通用}`,
    roles: 'CITY:LEAD COUNTY:COOPERATE',
  },
  {
    key: 'SUPERVISION.RECTIFICATION_ACCEPTANCE',
    domain: 'SUPERVISION',
    title: '整改验收销号',
    description: '对督导发现问题建立整改台账，逐项验收销号，红黄绿三色预警。',
    policyBasis: '《教育督导问责办法》',
    accountability: `整改逾期或验收弄虚作假的，${追责通用}`,
    roles: 'CITY:LEAD COUNTY:IMPLEMENT',
  },
  {
    key: 'SUPERVISION.BALANCE_MONITORING',
    domain: 'SUPERVISION',
    title: '优质均衡发展监测',
    description: '按县域义务教育优质均衡督导评估办法监测校际差异系数。',
    policyBasis: '《县域义务教育优质均衡发展督导评估办法》（教督〔2017〕6号）',
    accountability: `监测数据弄虚作假的，${追责通用}`,
    roles: 'CITY:LEAD COUNTY:IMPLEMENT SCHOOL:COOPERATE',
  },
];

/** Matter present only in the 2025 version: dropped in 2026 when 特长生 admissions were abolished. */
export const ITEM_DROPPED_2026: DemoItem = {
  key: 'ENROLMENT.SPECIALTY_ADMISSION',
  domain: 'ENROLMENT',
  title: '艺体特长生招生',
  description: '县中按市级核定比例招收艺术、体育特长生。',
  policyBasis: '《湖南省普通高中招生工作规定》（2025年版）',
  accountability: `超比例招收特长生的，${追责通用}`,
  roles: 'CITY:LEAD COUNTY:IMPLEMENT SCHOOL:IMPLEMENT',
};

/** Keys that joined the list in 2026 (absent from the 2025 version). */
export const ADDED_2026 = [
  'RESOURCES.PROCUREMENT_REVIEW',
  'EVALUATION.SOCIAL_PARTICIPATION',
  'SUPERVISION.RECTIFICATION_ACCEPTANCE',
];

/** 2025 roles that changed in 2026: in 2025 the county still led quota adjustment. */
export const ROLES_2025: Record<string, string> = {
  'STAFFING.QUOTA_ADJUSTMENT': 'CITY:SUPERVISE COUNTY:LEAD',
  'EVALUATION.VALUE_ADDED': 'CITY:LEAD COUNTY:COOPERATE SCHOOL:COOPERATE',
};
