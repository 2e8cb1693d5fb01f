/**
 * A problem with one line of an import file, as the error report (FILE.errors.jsonl) holds it:
 * the file's line (the spreadsheet row for .xlsx), the row's key, a code, the field at fault
 * and the message in plain English with a Chinese one beside it.
 */
export interface Problem {
  line: number;
  key: string;
  code: string;
  field: string;
  message: string;
  messageZh: string;
}

/** Column names in the bureau's words, for the Chinese messages. */
const FIELD_ZH: Record<string, string> = {
  code: '代码',
  name: '名称',
  stage: '学段',
  locality: '城乡类别',
  countyCode: '所属县（市、区）代码',
  enrolment: '在校生数',
  staffCount: '教职工数',
  isCountyHighSchool: '是否县中',
  status: '办学状态',
  staffNo: '教职工号',
  gender: '性别',
  schoolCode: '学校标识码',
  subjects: '任教学科',
  title: '职称',
  backboneLevel: '骨干级别',
  yearsAtSchool: '本校任教年限',
  qualification: '学历',
  idNumber: '身份证号',
  phone: '手机号',
  kind: '类型',
  regionCode: '区域代码',
  leadSchoolCode: '牵头学校标识码',
  memberSchoolCodes: '成员学校标识码',
};

export function fieldZh(field: string): string {
  const name = field.split('.')[0];
  return FIELD_ZH[name] ? `「${FIELD_ZH[name]}」（${field}）` : `「${field}」`;
}

/**
 * A Chinese message for a problem the server reported: its English message is kept beside it
 * for the details (the rule that failed), the Chinese one says what kind of problem it is.
 */
export function serverMessageZh(code: string, field: string): string {
  const f = field ? fieldZh(field) : '本行';
  switch (code) {
    case 'REQUIRED':
      return `缺少必填项${f}`;
    case 'VALIDATION':
      return `${f}的值不符合规则（详见英文说明）`;
    case 'NOT_FOUND':
      return `${f}引用的记录不存在`;
    case 'DUPLICATE':
      return `${f}与其他行重复`;
    case 'FORBIDDEN':
      return `无权写入：超出当前令牌的管辖范围或角色权限（${field || '本行'}）`;
    case 'UNAUTHENTICATED':
      return '令牌无效或已过期';
    case 'INVALID_PARENT':
      return `${f}的上级区域不正确`;
    case 'CONFLICT':
      return `${f}与已有数据冲突`;
    case 'LIMIT_EXCEEDED':
      return '批次行数超过服务器上限，请减小 --batch';
    default:
      return `导入失败（${code}）`;
  }
}
