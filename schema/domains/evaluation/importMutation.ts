import { builder } from '../../builder.js';
import { toUserErrors } from '../../errors.js';
import type { BulkErrorPolicy, BulkResult, RowResult } from '../shared/bulk.js';
import { BulkErrorPolicyEnum, RowStatusEnum } from '../shared/bulkTypes.js';
import { UserErrorRef } from '../shared/errorTypes.js';
import { importStudentScores, type StudentScore } from './services/importStudentScores.js';
import { BATCH_ROWS } from '../shared/bounds.js';

// importStudentScores needs the cycle beside the rows, so it builds the bulk payload itself
// (same shape and behaviour as bulkUpsertMutation).
const StudentScoreRowInput = builder.inputType('StudentScoreRowInput', {
  description: 'One pseudonymous student record (学生成绩), matched by student key within the cycle.',
  fields: (t) => ({
    studentKey: t.string({ required: true, description: 'Pseudonymous student key (学生匿名编号); never a name or ID number.' }),
    schoolCode: t.string({ required: true, description: 'School (学校标识码).' }),
    cohort: t.string({ required: true, description: 'Cohort (届/年级), e.g. 2023级.' }),
    intakeScore: t.float({ required: true, description: 'Intake score within the cycle’s range (入口成绩).' }),
    outcomeScore: t.float({ required: true, description: 'Outcome score within the cycle’s range (出口成绩).' }),
  }),
});
const StudentScoreRowResultRef = builder.objectRef<RowResult<StudentScore>>('StudentScoreRowResult').implement({
  description: 'Result of one student row (逐行结果); scores are not echoed back.',
  fields: (t) => ({
    index: t.exposeInt('index', { description: 'Position of the row in `input.rows`, from 0.' }),
    key: t.exposeString('key', { description: 'Student key as given.' }),
    status: t.field({ type: RowStatusEnum, description: 'What happened to the row.', resolve: (r) => r.status }),
    errors: t.field({ type: [UserErrorRef], description: 'Problems of this row; empty unless FAILED.', resolve: (r) => r.errors }),
  }),
});
const ImportPayloadRef = builder.objectRef<BulkResult<StudentScore>>('ImportStudentScoresPayload').implement({
  description: 'Result of importStudentScores: one result per row, plus every error of the call.',
  fields: (t) => ({
    applied: t.exposeBoolean('applied', { description: 'Whether anything was written.' }),
    results: t.field({ type: [StudentScoreRowResultRef], description: 'One result per input row, in order.', resolve: (p) => p.results }),
    errors: t.field({ type: [UserErrorRef], description: 'All errors, row errors included, each with its path.', resolve: (p) => p.errors }),
    created: t.int({ description: 'Rows created.', resolve: (p) => p.results.filter((r) => r.status === 'CREATED').length }),
    updated: t.int({ description: 'Rows updated.', resolve: (p) => p.results.filter((r) => r.status === 'UPDATED').length }),
    unchanged: t.int({ description: 'Rows already up to date.', resolve: (p) => p.results.filter((r) => r.status === 'UNCHANGED').length }),
    failed: t.int({ description: 'Rows with errors.', resolve: (p) => p.results.filter((r) => r.status === 'FAILED').length }),
  }),
});
const ImportInput = builder.inputType('ImportStudentScoresInput', {
  description: 'Input of importStudentScores.',
  fields: (t) => ({
    cycleId: t.id({ required: true, description: 'The cycle: global id or row id.' }),
    rows: t.field({ type: [StudentScoreRowInput], required: true, description: 'Student rows to create or update.', extensions: BATCH_ROWS }),
    onError: t.field({ type: BulkErrorPolicyEnum, defaultValue: 'REJECT_BATCH', description: 'REJECT_BATCH (default) or APPLY_VALID.' }),
  }),
});

builder.mutationField('importStudentScores', (t) =>
  t.field({
    type: ImportPayloadRef,
    description:
      'Bulk, idempotent import of pseudonymous student scores into an open cycle (导入学生成绩). Every bad row is reported at once; CITY_ADMIN or COUNTY_ADMIN for schools in their jurisdiction. Re-importing changed rows sets a COMPUTED cycle back to OPEN.',
    args: { input: t.arg({ type: ImportInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      try {
        return await importStudentScores(ctx, {
          // Decoded by the service, after its role check.
          cycleId: String(input.cycleId),
          rows: input.rows as unknown[],
          onError: input.onError as BulkErrorPolicy | null,
        });
      } catch (err) {
        const errors = toUserErrors(err);
        if (!errors) throw err;
        return { results: [], errors, applied: false };
      }
    },
  }),
);
