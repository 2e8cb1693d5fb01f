import { builder } from '../../builder.js';
import { bulkUpsertMutation } from '../shared/bulkTypes.js';
import { entityMutation } from '../shared/payload.js';
import { IndicatorValueRef } from './balanceTypes.js';
import { BalanceIndicatorEnum } from './enums.js';
import { closeEvaluationCycle } from './services/closeEvaluationCycle.js';
import type { CycleInput } from './services/cycleToChange.js';
import { computeValueAdded } from './services/computeValueAdded.js';
import { createEvaluationCycle, type CreateEvaluationCycleInput } from './services/createEvaluationCycle.js';
import { upsertIndicatorValues } from './services/upsertIndicatorValues.js';
import { SchoolStageEnum } from '../organisation/enums.js';
import { evaluationCycles } from './table.js';
import { EvaluationCycleRef } from './types.js';

type Cycle = typeof evaluationCycles.$inferSelect;
import './frameworkMutations.js';
import './importMutation.js';

entityMutation<Cycle, CreateEvaluationCycleInput>({
  field: 'createEvaluationCycle',
  description: 'Opens an evaluation cycle (创建评价周期) for a region, year and stage with declared score ranges. CITY_ADMIN within its region; audited.',
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
    outcomeMax: t.float({ required: true, description: 'Highest valid outcome score, e.g. 750 (学业水平考试).' }),
    frameworkId: t.id({ description: 'Multi-party framework to use (global or row id).' }),
  }),
  verb: createEvaluationCycle,
});

entityMutation<Cycle, CycleInput>({
  field: 'computeValueAdded',
  description: 'Fits the value-added model inside the database and stores per-school results (计算增值). Idempotent; refused once CLOSED. CITY_ADMIN.',
  entityField: 'cycle',
  entityRef: EvaluationCycleRef,
  inputFields: (t) => ({ cycleId: t.id({ required: true, description: 'The cycle: global id or row id.' }) }),
  verb: computeValueAdded,
});

entityMutation<Cycle, CycleInput>({
  field: 'closeEvaluationCycle',
  description: 'Closes and publishes a COMPUTED cycle (关闭并发布): scores, results and submissions are frozen; aggregated results become public. CITY_ADMIN.',
  entityField: 'cycle',
  entityRef: EvaluationCycleRef,
  inputFields: (t) => ({ cycleId: t.id({ required: true, description: 'The cycle: global id or row id.' }) }),
  verb: closeEvaluationCycle,
});

const IndicatorValueRowInput = builder.inputType('IndicatorValueRowInput', {
  description: 'A school’s value of one balance indicator in one year (指标值), matched by school, year and indicator.',
  fields: (t) => ({
    schoolCode: t.string({ required: true, description: 'School identifier (学校标识码).' }),
    year: t.int({ required: true, description: 'Year (年度).' }),
    indicator: t.field({ type: BalanceIndicatorEnum, required: true, description: 'Indicator (指标).' }),
    value: t.float({ required: true, description: 'Per-pupil (or per-100-pupil) value, ≥ 0.' }),
  }),
});

bulkUpsertMutation({
  field: 'upsertIndicatorValues',
  entityName: 'SchoolIndicatorValue',
  entityRef: IndicatorValueRef,
  rowInput: IndicatorValueRowInput,
  description: 'Create or update balance indicator values (批量导入办学条件指标). Idempotent; CITY_ADMIN or COUNTY_ADMIN within jurisdiction.',
  verb: upsertIndicatorValues,
});

