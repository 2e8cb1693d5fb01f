import { builder } from '../../../builder.js';
import { EvaluationDimensionEnum, EvaluationPartyEnum } from './enums.js';
import type { PartyResult, SchoolEvaluation } from '../aggregateEvaluations.js';

export const EvaluationFrameworkRef = builder.drizzleNode('evaluationFrameworks', {
  name: 'EvaluationFramework',
  description:
    'Multi-party evaluation framework (多元评价指标体系): weighted indicators by dimension and ' +
    'the weight of each party.',
  id: { column: (f) => f.id },
  fields: (t) => ({
    frameworkId: t.exposeInt('id', { description: 'Row id (指标体系编号).' }),
    name: t.exposeString('name', { description: 'Name (名称).' }),
    region: t.relation('region', { description: 'Region that defined it (制定区域).' }),
    cityInspectionWeight: t.exposeFloat('cityInspectionWeight', {
      description: 'Weight of city inspection (市级监督权重).',
    }),
    countySelfWeight: t.exposeFloat('countySelfWeight', {
      description: 'Weight of county self-evaluation (县级自评权重).',
    }),
    socialWeight: t.exposeFloat('socialWeight', { description: 'Weight of social evaluation (社会参与权重).' }),
    indicators: t.relation('indicators', {
      description: 'Indicators in order (评价指标).',
      query: { orderBy: { position: 'asc' } },
    }),
  }),
});

builder.drizzleObject('frameworkIndicators', {
  name: 'EvaluationIndicator',
  description: 'One indicator of a framework (评价指标): scored 0…maxScore by each evaluator.',
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Indicator code, unique in the framework (指标代码).' }),
    name: t.exposeString('name', { description: 'Name (指标名称).' }),
    dimension: t.field({
      type: EvaluationDimensionEnum,
      nullable: true,
      deprecationReason:
        'Dimensions are catalogue data now: use dimensionCode (or dimensionInfo). Null for ' +
        'dimensions outside the four reform ones.',
      description: 'Dimension (评价维度) when it is one of the four reform dimensions; null otherwise.',
      resolve: (i) => (LEGACY_DIMENSIONS.has(i.dimension) ? (i.dimension as 'ACADEMIC') : null),
    }),
    dimensionCode: t.exposeString('dimension', {
      description: 'Code of the dimension in the catalogue (评价维度代码), see evaluationDimensions.',
    }),
    dimensionInfo: t.relation('dimensionInfo', { description: 'The dimension of the catalogue (评价维度).' }),
    weight: t.exposeFloat('weight', { description: 'Relative weight within the framework (权重).' }),
    maxScore: t.exposeFloat('maxScore', { description: 'Highest score (满分).' }),
  }),
});

const LEGACY_DIMENSIONS: ReadonlySet<string> = new Set(['ACADEMIC', 'HEALTH', 'ARTS', 'LABOUR']);

export const EvaluationDimensionRef = builder.drizzleObject('evaluationDimensions', {
  name: 'EvaluationDimensionEntry',
  description:
    'A dimension of the evaluation catalogue (评价维度目录): the five key areas of the ' +
    'national school-quality guides ' +
    '(《义务教育学校办学质量评价指南》/《普通高中学校办学质量评价指南》: 办学方向、课程教学、' +
    '教师发展、学校管理、学生发展) and the reform’s four student-development dimensions under ' +
    '学生发展. Data, not a fixed list.',
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Code (维度代码), used by indicators.' }),
    name: t.exposeString('name', { description: 'Name (维度名称).' }),
    description: t.exposeString('description', {
      description: 'What it covers, in the wording of its source (重点内容).',
    }),
    source: t.exposeString('source', { description: 'The document naming it (依据).' }),
    parentCode: t.exposeString('parentCode', {
      nullable: true,
      description: 'Key area it belongs to (所属重点内容), e.g. STUDENT_DEVELOPMENT; null for a key area.',
    }),
    position: t.exposeInt('position', { description: 'Order in the catalogue.' }),
  }),
});

export const EvaluationInvitationRef = builder.drizzleNode('evaluationInvitations', {
  name: 'EvaluationInvitation',
  description:
    'An invitation to evaluate one school in one cycle as one party (评价邀请); evaluators see only their own.',
  id: { column: (i) => i.id },
  fields: (t) => ({
    invitationId: t.exposeInt('id', { description: 'Row id (邀请编号).' }),
    cycle: t.relation('cycle', { description: 'The cycle (评价周期).' }),
    school: t.relation('school', { description: 'School to evaluate (被评学校).' }),
    party: t.expose('party', { type: EvaluationPartyEnum, description: 'Evaluating party (评价主体).' }),
    evaluatorName: t.exposeString('evaluatorName', { nullable: true, description: 'Name of the evaluator (评价人).' }),
    submittedAt: t.expose('submittedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When submitted (提交时间); null while pending.',
    }),
  }),
});

const PartyResultRef = builder.objectRef<PartyResult>('PartyEvaluationResult').implement({
  description: 'One party’s aggregated evaluation of a school (分主体评价结果).',
  fields: (t) => ({
    party: t.field({ type: EvaluationPartyEnum, description: 'Party (评价主体).', resolve: (p) => p.party }),
    weight: t.exposeFloat('weight', { description: 'Party weight in the framework (权重).' }),
    score: t.exposeFloat('score', {
      nullable: true,
      description: 'Indicator-weighted score, 0–100 (得分); null before any submission, or when suppressed.',
    }),
    suppressed: t.boolean({
      description:
        'Score withheld from this published result: fewer submissions than ' +
        'evaluation.minPartySubmissions (小样本抑制).',
      resolve: (p) => p.suppressed ?? false,
    }),
    submissions: t.exposeInt('submissions', { description: 'Submissions received (已提交份数).' }),
    invitations: t.exposeInt('invitations', { description: 'Invitations issued (邀请份数).' }),
  }),
});

export const SchoolEvaluationRef = builder.objectRef<SchoolEvaluation>('SchoolEvaluationResult').implement({
  description:
    'Multi-party evaluation of a school in a cycle (学校多元评价结果), aggregated; individual ' +
    'submissions are never shown.',
  fields: (t) => ({
    cycleId: t.exposeInt('cycleId', { description: 'Row id of the cycle (周期编号).' }),
    overall: t.exposeFloat('overall', {
      nullable: true,
      description: 'Party-weighted score over the parties that submitted, 0–100 (综合得分).',
    }),
    parties: t.field({ type: [PartyResultRef], description: 'Per party (分主体).', resolve: (e) => e.parties }),
  }),
});
