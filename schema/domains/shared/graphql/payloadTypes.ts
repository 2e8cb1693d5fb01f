import type { InputFieldBuilder, InputFieldRef, ObjectRef } from '@pothos/core';
import { builder } from '../../../builder.js';
import { toUserErrors, type UserError } from '../../../errors.js';
import { UserErrorRef } from './errorTypes.js';
import { permissionNote, type Verb } from '../verb.js';

type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;

/**
 * Defines a single-entity mutation with the one payload shape of this API:
 * `<field>(input: <Field>Input!): <Field>Payload!` where the payload is
 * `{ <entityField>: <Entity> (null on failure), errors: [UserError!]! }`.
 *
 * `verb` is a service verb (shared/verb.ts): its declared permission is checked, then its input
 * parsed (ids included), then it writes in a transaction and audits. The permission is printed
 * in the mutation's description.
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
  verb: Verb<Input, E>;
}) {
  const description = `${opts.description}\n\n${permissionNote(opts.verb.permission)}`;
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
      errors: t.field({
        type: [UserErrorRef],
        description: 'Expected failures, each with code and path; empty on success.',
        resolve: (p) => p.errors,
      }),
    }),
  });
  builder.mutationField(opts.field, (t) =>
    t.field({
      type: PayloadRef,
      description,
      args: { input: t.arg({ type: InputRef, required: true }) },
      resolve: async (_root, args, ctx) => {
        try {
          return { entity: await opts.verb(ctx, args.input as Input), errors: [] };
        } catch (err) {
          const errors = toUserErrors(err);
          if (!errors) throw err;
          return { entity: null, errors };
        }
      },
    }),
  );
}
