import { builder } from '../../../builder.js';
import { bulkUpsertMutation } from '../../shared/graphql/bulkTypes.js';
import { entityMutation } from '../../shared/graphql/payloadTypes.js';
import { IndicatorValueRef, SchoolYearFactRef } from './balanceTypes.js';
import { BalanceIndicatorEnum, BalanceSchoolKindEnum, BalanceStageEnum, SchoolYearStatusEnum } from './enums.js';
import { CountyAssessmentItemRef } from './readinessTypes.js';
import { upsertCountyAssessmentItems } from '../services/upsertCountyAssessmentItems.js';
import { upsertSchoolYearFacts } from '../services/upsertSchoolYearFacts.js';
import { bounded } from '../../shared/bounds.js';
import { closeEvaluationCycle } from '../services/closeEvaluationCycle.js';
import type { CycleInput } from '../cycleToChange.js';
import { computeValueAdded } from '../services/computeValueAdded.js';
import { createEvaluationCycle, type CreateEvaluationCycleInput } from '../services/createEvaluationCycle.js';
import { upsertIndicatorValues } from '../services/upsertIndicatorValues.js';
import { SchoolStageEnum } from '../../organisation/graphql/enums.js';
import type { evaluationCycles } from '../table.js';
import { EvaluationCycleRef } from './types.js';

type Cycle = typeof evaluationCycles.$inferSelect;
import './frameworkMutations.js';
import './importMutations.js';

entityMutation<Cycle, CreateEvaluationCycleInput>({
  field: 'createEvaluationCycle',
  description:
    'Opens an evaluation cycle (创建评价周期) for a region, year and stage with declared score ' +
    'ranges. CITY_ADMIN within its region; audited.',
  entityField: 'cycle',
  entityRef: EvaluationCycleRef,
  inputFields: (t) => ({
    regionCode: t.string({ required: true, description: 'Region that runs the cycle (usually the city).' }),
    year: t.int({ required: true, description: 'Year (年度).' }),
    stage: t.field({ type: SchoolStageEnum, required: true, description: 'Stage evaluated (学段), e.g. SENIOR.' }),
    name: t.string({ required: true, description: 'Name (名称).' }),
    intakeMin: t.float({ required: true, description: 'Lowest valid intake score, e.g. 0 (中考).' }),
    intakeMax: t.float({ required: true, description: 'Highest valid intake score, e.g. 720.' }),
    outcomeMin: t.float({ required: true, description: 'Lowest valid outcome score.' }),
    outcomeMax: t.float({ required: true, description: 'Highest valid outcome score, e.g. 750 (高考总分).' }),
    frameworkId: t.id({ description: 'Multi-party framework to use (global or row id).' }),
  }),
  verb: createEvaluationCycle,
});

entityMutation<Cycle, CycleInput>({
  field: 'computeValueAdded',
  description:
    'Fits the value-added model inside the database and stores per-school results (计算增值). ' +
    'Idempotent; refused once CLOSED. CITY_ADMIN.',
  entityField: 'cycle',
  entityRef: EvaluationCycleRef,
  inputFields: (t) => ({ cycleId: t.id({ required: true, description: 'The cycle: global id or row id.' }) }),
  verb: computeValueAdded,
});

entityMutation<Cycle, CycleInput>({
  field: 'closeEvaluationCycle',
  description:
    'Closes and publishes a COMPUTED cycle (关闭并发布): scores, results and submissions are ' +
    'frozen; aggregated results become public. CITY_ADMIN.',
  entityField: 'cycle',
  entityRef: EvaluationCycleRef,
  inputFields: (t) => ({ cycleId: t.id({ required: true, description: 'The cycle: global id or row id.' }) }),
  verb: closeEvaluationCycle,
});

const IndicatorValueRowInput = builder.inputType('IndicatorValueRowInput', {
  description:
    'A school’s value of one balance indicator in one year and stage section (指标值), matched ' +
    'by school, year, stage and indicator.',
  fields: (t) => ({
    schoolCode: t.string({ required: true, description: 'School identifier (学校标识码).' }),
    year: t.int({ required: true, description: 'Year (年度).' }),
    stage: t.field({
      type: BalanceStageEnum,
      required: false,
      description:
        'Stage section (学段): required for a school with two sections (九年一贯制, 十二年一贯制); ' +
        'otherwise the school’s only section.',
    }),
    indicator: t.field({ type: BalanceIndicatorEnum, required: true, description: 'Indicator (指标).' }),
    value: t.float({ required: true, description: 'Per-pupil (or per-100-pupil) value, ≥ 0.' }),
  }),
});

bulkUpsertMutation({
  field: 'upsertIndicatorValues',
  entityName: 'SchoolIndicatorValue',
  entityRef: IndicatorValueRef,
  rowInput: IndicatorValueRowInput,
  description:
    'Create or update balance indicator values (批量导入办学条件指标). Idempotent; CITY_ADMIN ' +
    'or COUNTY_ADMIN within jurisdiction.',
  verb: upsertIndicatorValues,
});

const SchoolYearFactRowInput = builder.inputType('SchoolYearFactRowInput', {
  description:
    'A school’s facts for one year and stage section (学校年度学段基础数据), matched by school, year and stage.',
  fields: (t) => ({
    schoolCode: t.string({ required: true, description: 'School identifier (学校标识码).' }),
    year: t.int({ required: true, description: 'Year (年度).' }),
    stage: t.field({
      type: BalanceStageEnum,
      required: false,
      description: 'Stage section (学段); required for a school with two sections.',
    }),
    enrolment: t.int({ required: true, description: 'Pupils of this section that year (该学段在校生数).' }),
    status: t.field({ type: SchoolYearStatusEnum, required: false, description: 'Standing that year; OPEN when new.' }),
    kind: t.field({
      type: BalanceSchoolKindEnum,
      required: false,
      description: 'Kind that year (学校类别); REGULAR (SPECIAL_EDUCATION for special schools) when new.',
    }),
  }),
});

bulkUpsertMutation({
  field: 'upsertSchoolYearFacts',
  entityName: 'SchoolYearFact',
  entityRef: SchoolYearFactRef,
  rowInput: SchoolYearFactRowInput,
  description:
    'Create or update schools’ per-year, per-stage facts (学校年度学段基础数据: 在校生数, ' +
    '办学状态, 学校类别), which balance reports read as of the report year. Idempotent; ' +
    'CITY_ADMIN or COUNTY_ADMIN within jurisdiction.',
  verb: upsertSchoolYearFacts,
});

const CountyAssessmentItemRowInput = builder.inputType('CountyAssessmentItemRowInput', {
  description: 'A county’s result for one 优质均衡 assessment item in one year, matched by county, year and item.',
  fields: (t) => ({
    countyCode: t.string({ required: true, description: 'County code.' }),
    year: t.int({ required: true, description: 'Year (年度).' }),
    itemCode: t.string({
      required: true,
      description:
        'Item: G01–G15 (政府保障程度), Q01–Q09 (教育质量), S01 (社会认可度); see ' + 'balanceAssessmentItems.',
    }),
    met: t.boolean({
      required: false,
      description: 'Met (达到要求); required except for S01, whose verdict is the survey rate ≥ 85 %.',
    }),
    surveyRate: t.float({
      required: false,
      description: 'Survey rate in percent, 0–100 (S01 only).',
      extensions: bounded({ min: 0, max: 100 }),
    }),
    evidence: t.stringList({
      required: false,
      description: 'Links to the evidence (佐证材料), at most 20.',
      extensions: bounded({ maxItems: 20, maxLength: 500 }),
    }),
    note: t.string({ required: false, description: 'Note (说明).', extensions: bounded({ maxLength: 2000 }) }),
  }),
});

bulkUpsertMutation({
  field: 'upsertCountyAssessmentItems',
  entityName: 'CountyAssessmentItem',
  entityRef: CountyAssessmentItemRef,
  rowInput: CountyAssessmentItemRowInput,
  description:
    'Record a county’s 政府保障程度, 教育质量 and 社会认可度 results for a year ' +
    '(县级评估指标达成情况) with evidence links. Idempotent; CITY_ADMIN, or COUNTY_ADMIN for ' +
    'its own county.',
  verb: upsertCountyAssessmentItems,
});
