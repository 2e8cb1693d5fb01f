import { builder } from '../../../builder.js';
import { ASSESSMENT_ITEMS, type AssessmentItem } from '../assessmentCatalogue.js';
import { BalanceVerdictRef } from './balanceTypes.js';
import { AssessmentPartEnum } from './enums.js';
import type { BalanceReadiness, ItemStatus, PartResult } from '../balanceReadiness.js';
import type { CountyAssessmentItem } from '../services/upsertCountyAssessmentItems.js';

export const AssessmentItemDefinitionRef = builder.objectRef<AssessmentItem>('AssessmentItemDefinition').implement({
  description:
    'An item of the 优质均衡 assessment besides resource allocation, in the official wording ' +
    'of 教督〔2017〕6号 (评估指标).',
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Item code: G01–G15 政府保障程度, Q01–Q09 教育质量, S01 社会认可度.' }),
    part: t.field({ type: AssessmentPartEnum, description: 'Part (评估内容).', resolve: (i) => i.part }),
    number: t.exposeInt('number', { description: 'Number within its part, as the standard numbers them (序号).' }),
    text: t.exposeString('text', { description: 'Official wording (指标原文).' }),
  }),
});

export const CountyAssessmentItemRef = builder.objectRef<CountyAssessmentItem>('CountyAssessmentItem').implement({
  description: 'A county’s recorded result for one assessment item in one year (县级评估指标达成情况).',
  fields: (t) => ({
    countyCode: t.exposeString('countyCode', { description: 'County (县区).' }),
    year: t.exposeInt('year', { description: 'Year (年度).' }),
    itemCode: t.exposeString('itemCode', { description: 'Item code (指标编号).' }),
    met: t.exposeBoolean('met', { description: 'Met (达到要求); for 社会认可度, survey rate ≥ 85 %.' }),
    surveyRate: t.exposeString('surveyRate', {
      nullable: true,
      description: 'Survey rate in percent, NUMERIC string (社会认可度); null for other items.',
    }),
    evidence: t.exposeStringList('evidence', { description: 'Links to the evidence (佐证材料).' }),
    note: t.exposeString('note', { nullable: true, description: 'Note (说明).' }),
  }),
});

const ItemStatusRef = builder.objectRef<ItemStatus>('AssessmentItemStatus').implement({
  description: 'One item of a county’s assessment for the year; an item not recorded is not met.',
  fields: (t) => ({
    item: t.field({ type: AssessmentItemDefinitionRef, description: 'The item (指标).', resolve: (s) => s.item }),
    recorded: t.exposeBoolean('recorded', { description: 'Recorded for the year (已填报).' }),
    met: t.exposeBoolean('met', { description: 'Met (达到要求).' }),
    surveyRate: t.exposeString('surveyRate', {
      nullable: true,
      description: 'Survey rate, percent (社会认可度 only).',
    }),
    evidence: t.exposeStringList('evidence', { description: 'Links to the evidence (佐证材料).' }),
    note: t.exposeString('note', { nullable: true, description: 'Note (说明).' }),
  }),
});

const PartResultRef = builder.objectRef<PartResult>('AssessmentPartResult').implement({
  description: 'One part of a county’s assessment: each of its items must be met.',
  fields: (t) => ({
    part: t.field({ type: AssessmentPartEnum, description: 'Part (评估内容).', resolve: (p) => p.part }),
    items: t.field({
      type: [ItemStatusRef],
      description: 'Its items in the standard’s order.',
      resolve: (p) => p.items,
    }),
    metCount: t.exposeInt('metCount', { description: 'Items met (达标项数).' }),
    total: t.exposeInt('total', { description: 'Items in the part (15, 9 or 1).' }),
    allMet: t.exposeBoolean('allMet', { description: 'Every item met (全部达到).' }),
  }),
});

export const BalanceReadinessRef = builder.objectRef<BalanceReadiness>('BalanceReadiness').implement({
  description:
    'A county’s 优质均衡 readiness for a year (县域义务教育优质均衡发展 评估准备情况, ' +
    '教督〔2017〕6号): resource allocation (资源配置) for both stages by the national ' +
    'verdicts, 政府保障程度 (15 items), 教育质量 (9 items) and 社会认可度 (≥ 85 %). Ready when ' +
    'all four parts are met.',
  fields: (t) => ({
    countyCode: t.exposeString('countyCode', { description: 'County (县区).' }),
    countyName: t.exposeString('countyName', { description: 'County name (县区名称).' }),
    year: t.exposeInt('year', { description: 'Year (年度).' }),
    resourceAllocation: t.field({
      type: [BalanceVerdictRef],
      description: 'Primary and junior verdicts (资源配置).',
      resolve: (r) => r.resourceAllocation,
    }),
    resourceAllocationMet: t.exposeBoolean('resourceAllocationMet', {
      description:
        'Both stages: all seven CVs within the national threshold and every school meeting the ' +
        'per-school standard.',
    }),
    governmentGuarantee: t.field({
      type: PartResultRef,
      description: '政府保障程度: 15 items.',
      resolve: (r) => r.governmentGuarantee,
    }),
    educationQuality: t.field({
      type: PartResultRef,
      description: '教育质量: 9 items.',
      resolve: (r) => r.educationQuality,
    }),
    socialRecognition: t.field({
      type: PartResultRef,
      description: '社会认可度: the survey item.',
      resolve: (r) => r.socialRecognition,
    }),
    surveyRate: t.exposeString('surveyRate', {
      nullable: true,
      description: 'Survey rate in percent (社会认可度); null until recorded.',
    }),
    ready: t.exposeBoolean('ready', { description: 'All four parts met (具备申报认定条件).' }),
  }),
});

export { ASSESSMENT_ITEMS };
