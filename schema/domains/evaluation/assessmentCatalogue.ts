/**
 * The items of a county's 优质均衡 assessment besides resource allocation, in the official
 * wording of 《县域义务教育优质均衡发展督导评估办法》(教督〔2017〕6号): 政府保障程度 (15
 * items, 第九条), 教育质量 (9 items, 第十条) and 社会认可度 (第十一条). Each item must be met.
 */
export type AssessmentPart = 'GOVERNMENT_GUARANTEE' | 'EDUCATION_QUALITY' | 'SOCIAL_RECOGNITION';

export interface AssessmentItem {
  code: string;
  part: AssessmentPart;
  /** Position within its part, from 1, as the standard numbers them. */
  number: number;
  text: string;
}

const GOVERNMENT = [
  '县域内义务教育学校规划布局合理，符合国家规定要求。',
  '县域内城乡义务教育学校建设标准统一、教师编制标准统一、生均公用经费基准定额统一、基本装备配置标准统一。',
  '所有小学、初中每12个班级配备音乐、美术专用教室1间以上；其中，每间音乐专用教室面积不小于96平方米，每间美术专用教室面积不小于90平方米。',
  '所有小学、初中规模不超过2000人，九年一贯制学校、十二年一贯制学校义务教育阶段规模不超过2500人。',
  '小学、初中所有班级学生数分别不超过45人、50人。',
  '不足100名学生村小学和教学点按100名学生核定公用经费。',
  '特殊教育学校生均公用经费不低于6000元。',
  '全县义务教育学校教师平均工资收入水平不低于当地公务员平均工资收入水平，按规定足额核定教师绩效工资总量。',
  '教师5年360学时培训完成率达到100%。',
  '县级教育行政部门在核定的教职工编制总额和岗位总量内，统筹分配各校教职工编制和岗位数量。',
  '全县每年交流轮岗教师的比例不低于符合交流条件教师总数的10%；其中，骨干教师不低于交流轮岗教师总数的20%。',
  '专任教师持有教师资格证上岗率达到100%。',
  '城区和镇区公办小学、初中（均不含寄宿制学校）就近划片入学比例分别达到100%、95%以上。',
  '全县优质高中招生名额分配比例不低于50%，并向农村初中倾斜。',
  '县域内留守儿童关爱体系健全，全县符合条件的随迁子女在公办学校和政府购买服务的民办学校就读的比例不低于85%。',
];

const QUALITY = [
  '全县初中三年巩固率达到95%以上。',
  '全县残疾儿童少年入学率达到95%以上。',
  '所有学校制定章程，实现学校管理与教学信息化。',
  '全县所有学校按照不低于学校年度公用经费预算总额的5%安排教师培训经费。',
  '教师能熟练运用信息化手段组织教学，设施设备利用率达到较高水平。',
  '所有学校德育工作、校园文化建设水平达到良好以上。',
  '课程开齐开足，教学秩序规范，综合实践活动有效开展。',
  '无过重课业负担。',
  '在国家义务教育质量监测中，相关科目学生学业水平达到Ⅲ级以上，且校际差异率低于0.15。',
];

const RECOGNITION =
  '社会认可度调查的内容包括：县级人民政府及有关职能部门落实教育公平政策、推动优质资源共享，' +
  '以及学校规范办学行为、实施素质教育、考试评价制度改革、提高教育质量等方面取得的成效。' +
  '调查对象应包括学生、家长、教师、校长、人大代表、政协委员及其他群众。' +
  '社会认可度达到85%以上。';

const pad = (n: number) => String(n).padStart(2, '0');

export const ASSESSMENT_ITEMS: readonly AssessmentItem[] = [
  ...GOVERNMENT.map((text, i) => ({
    code: `G${pad(i + 1)}`,
    part: 'GOVERNMENT_GUARANTEE' as const,
    number: i + 1,
    text,
  })),
  ...QUALITY.map((text, i) => ({ code: `Q${pad(i + 1)}`, part: 'EDUCATION_QUALITY' as const, number: i + 1, text })),
  { code: 'S01', part: 'SOCIAL_RECOGNITION', number: 1, text: RECOGNITION },
];

export const ASSESSMENT_ITEM_CODES = ASSESSMENT_ITEMS.map((i) => i.code) as [string, ...string[]];
export const RECOGNITION_ITEM = 'S01';
export const itemOf = (code: string) => ASSESSMENT_ITEMS.find((i) => i.code === code);
