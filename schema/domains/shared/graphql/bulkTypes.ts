import type { InputFieldBuilder, InputFieldRef, ObjectRef } from '@pothos/core';
import { builder } from '../../../builder.js';
import { toUserErrors } from '../../../errors.js';
import type { BulkInput, BulkResult, RowResult } from '../bulk.js';
import { UserErrorRef } from './errorTypes.js';
import { BATCH_ROWS } from '../bounds.js';
import { permissionNote, type Verb } from '../verb.js';

type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;

export const BulkErrorPolicyEnum = builder.enumType('BulkErrorPolicy', {
  description: 'What a bulk upsert does when some rows are invalid (批量错误策略).',
  values: {
    REJECT_BATCH: { description: 'Write nothing if any row fails (default); every problem is still reported.' },
    APPLY_VALID: { description: 'Write the valid rows and report the failed ones.' },
  },
});

export const RowStatusEnum = builder.enumType('RowStatus', {
  description: 'Outcome of one row of a bulk upsert (逐行结果).',
  values: {
    CREATED: { description: 'A new record was stored.' },
    UPDATED: { description: 'An existing record changed.' },
    UNCHANGED: { description: 'The record already held these values; nothing was written.' },
    FAILED: { description: 'The row has errors; see `errors`.' },
    SKIPPED: { description: 'The row was valid but not written because the batch was rejected.' },
  },
});

/**
 * What every bulk upsert's payload and row result answer, whatever the entity: clients select
 * the counts, errors and row outcomes once with a fragment on these interfaces.
 */
export const BulkUpsertPayloadRef = builder.interfaceRef<BulkResult<unknown>>('BulkUpsertPayload').implement({
  description: 'Result of a bulk upsert (批量导入结果): counts by outcome and every error of the call.',
  fields: (t) => ({
    applied: t.exposeBoolean('applied', {
      description: 'Whether anything was written (false when the batch was rejected).',
    }),
    errors: t.field({
      type: [UserErrorRef],
      description: 'All errors of the call, row errors included, each with its path.',
      resolve: (p) => p.errors,
    }),
    created: t.int({ description: 'Rows created.', resolve: (p) => countOf(p, 'CREATED') }),
    updated: t.int({ description: 'Rows updated.', resolve: (p) => countOf(p, 'UPDATED') }),
    unchanged: t.int({ description: 'Rows already up to date.', resolve: (p) => countOf(p, 'UNCHANGED') }),
    failed: t.int({ description: 'Rows with errors.', resolve: (p) => countOf(p, 'FAILED') }),
  }),
});

export const BulkRowResultRef = builder.interfaceRef<RowResult<unknown>>('BulkRowResult').implement({
  description: 'Outcome of one row of a bulk upsert (逐行结果).',
  fields: (t) => ({
    index: t.exposeInt('index', { description: 'Position of the row in `input.rows`, from 0.' }),
    key: t.exposeString('key', { description: 'Natural key of the row as given.' }),
    status: t.field({ type: RowStatusEnum, description: 'What happened to the row.', resolve: (r) => r.status }),
    errors: t.field({
      type: [UserErrorRef],
      description: 'Problems of this row; empty unless FAILED.',
      resolve: (r) => r.errors,
    }),
  }),
});

const countOf = (p: BulkResult<unknown>, status: RowResult<unknown>['status']) =>
  p.results.filter((r) => r.status === status).length;

/**
 * Builds `<Name>RowResult` and `<Name>Payload` for a bulk upsert of one entity type, and the
 * mutation field that runs its verb (`bulkVerb`, shared/bulk.ts; the permission is printed in
 * the description). Every bulk upsert has exactly this shape; a batch that belongs to one
 * record names it in `inputFields` (e.g. the cycle of importStudentScores).
 */
export function bulkUpsertMutation<E extends object>(opts: {
  field: string;
  entityName: string;
  // Any shape: the service returns plain table rows, and a type's computed extras (e.g.
  // Teacher.activeExchangeCount) are loaded by their own fields when a row lacks them.
  // Without it the row results do not echo the records (student scores are not sent back).
  entityRef?: ObjectRef<any, any>;
  rowInput: ReturnType<typeof builder.inputType>;
  /** Input fields beside `rows` and `onError`. */
  inputFields?: (t: InputFieldBuilder<Types, 'InputObject'>) => Record<string, InputFieldRef<Types, unknown>>;
  description: string;
  verb: Verb<BulkInput<any>, BulkResult<E>>;
}) {
  const entityField = opts.entityName.charAt(0).toLowerCase() + opts.entityName.slice(1);
  const RowResultRef = builder.objectRef<RowResult<E>>(`${opts.entityName}RowResult`).implement({
    description: `Result of one ${opts.entityName} row (逐行结果).`,
    interfaces: [BulkRowResultRef],
    fields: (t) => ({
      ...(opts.entityRef && {
        [entityField]: t.field({
          type: opts.entityRef,
          nullable: true,
          description: 'The stored record (null when the row failed or was skipped).',
          resolve: (r) => r.entity as any,
        }),
      }),
    }),
  });

  const PayloadRef = builder
    .objectRef<BulkResult<E>>(`${opts.field.charAt(0).toUpperCase()}${opts.field.slice(1)}Payload`)
    .implement({
      description: `Result of ${opts.field}: one result per input row, plus every error of the call.`,
      interfaces: [BulkUpsertPayloadRef],
      fields: (t) => ({
        results: t.field({
          type: [RowResultRef],
          description: 'One result per input row, in input order.',
          resolve: (p) => p.results,
        }),
      }),
    });

  const InputRef = builder.inputType(`${opts.field.charAt(0).toUpperCase()}${opts.field.slice(1)}Input`, {
    description: `Input of ${opts.field}.`,
    fields: (t) => ({
      ...opts.inputFields?.(t as never),
      rows: t.field({
        type: [opts.rowInput as any],
        required: true,
        description: 'Rows to create or update, matched by natural key.',
        extensions: BATCH_ROWS,
      }),
      onError: t.field({
        type: BulkErrorPolicyEnum,
        required: false,
        defaultValue: 'REJECT_BATCH',
        description:
          'REJECT_BATCH (default) writes nothing when any row fails; APPLY_VALID writes the valid ' + 'rows.',
      }),
    }),
  });

  builder.mutationField(opts.field, (t) =>
    t.field({
      type: PayloadRef,
      description: `${opts.description}\n\n${permissionNote(opts.verb.permission)}`,
      args: { input: t.arg({ type: InputRef, required: true }) },
      resolve: async (_root, args, ctx) => {
        try {
          return await opts.verb(ctx, args.input as BulkInput);
        } catch (err) {
          const errors = toUserErrors(err);
          if (!errors) throw err;
          return { results: [], errors, applied: false };
        }
      },
    }),
  );
}
