import type { InputFieldBuilder, InputFieldRef, ObjectRef } from '@pothos/core';
import { builder } from '../../builder.js';
import type { Context } from '../../context.js';
import { toUserErrors, type UserError } from '../../errors.js';
import { UserErrorRef } from './errorTypes.js';
import { permissionNote, type Verb } from './verb.js';

type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;

/**
 * Defines a single-entity mutation with the one payload shape of this API:
 * `<field>(input: <Field>Input!): <Field>Payload!` where the payload is
 * `{ <entityField>: <Entity> (null on failure), errors: [UserError!]! }`.
 *
 * `run` is a service verb: it authorises, validates, writes in a transaction and audits.
 * Expected failures are thrown with `fail(...)` / `UserErrors` and come back as `errors`
 * (paths relative to the mutation arguments, e.g. ['input', 'deadline']); anything else is an
 * unexpected error.
 */
export function entityMutation<E extends object, Input>(opts: {
  field: string;
  description: string;
  entityField: string;
  entityRef: ObjectRef<Types, any, E> | ObjectRef<Types, E>;
  inputFields: (t: InputFieldBuilder<Types, 'InputObject'>) => Record<string, InputFieldRef<Types, unknown>>;
  inputDescription?: string;
} & (
  | { /** The service verb (shared/verb.ts): declared permission, then parsed input, then body. */ verb: Verb<Input, E> }
  | { /** @deprecated a service that checks its own role; being replaced by `verb`. */ run: (ctx: Context, input: Input) => Promise<E> }
)) {
  const run = 'verb' in opts ? opts.verb : opts.run;
  const description = 'verb' in opts ? `${opts.description}\n\n${permissionNote(opts.verb.permission)}` : opts.description;
  const Name = `${opts.field.charAt(0).toUpperCase()}${opts.field.slice(1)}`;
  const InputRef = builder.inputType(`${Name}Input`, {
    description: opts.inputDescription ?? `Input of ${opts.field}.`,
    fields: opts.inputFields as never,
  });
  type Payload = { entity: E | null; errors: UserError[] };
  const PayloadRef = builder.objectRef<Payload>(`${Name}Payload`).implement({
    description: `Result of ${opts.field}: the ${opts.entityField} on success, otherwise typed errors.`,
    fields: (t) => ({
      [opts.entityField]: t.field({
        type: opts.entityRef as ObjectRef<Types, E>,
        nullable: true,
        description: 'The affected record; null when the mutation failed.',
        resolve: (p) => p.entity as never,
      }),
      errors: t.field({ type: [UserErrorRef], description: 'Expected failures, each with code and path; empty on success.', resolve: (p) => p.errors }),
    }),
  });
  builder.mutationField(opts.field, (t) =>
    t.field({
      type: PayloadRef,
      description,
      args: { input: t.arg({ type: InputRef, required: true }) },
      resolve: async (_root, args, ctx) => {
        try {
          return { entity: await run(ctx, args.input as Input), errors: [] };
        } catch (err) {
          const errors = toUserErrors(err);
          if (!errors) throw err;
          return { entity: null, errors };
        }
      },
    }),
  );
}
