import type { z } from 'zod';
import type { Context } from '../../context.js';
import { UserErrors } from '../../errors.js';
import { roleDenial, writersOf, type WriteEntity } from '../access/jurisdiction.js';
import { parseInput } from './zodErrors.js';

/**
 * The one shape of a write (a service verb), the same in every domain:
 *
 * 1. its **permission** — the entity kind it writes — is declared, and checked before any part
 *    of the input is looked at (a caller without the right learns nothing about the input's
 *    rules; the error is FORBIDDEN or UNAUTHENTICATED with an empty path: it is about the
 *    caller, not a field);
 * 2. its **input** is parsed by one zod schema, ids included (`zRowId`), every problem at once
 *    at its path under `input` (malformed or foreign ids are VALIDATION at `input.<field>`);
 * 3. its **body** runs with the parsed input: row-level jurisdiction (`writeDenial`), the
 *    transaction, and the audit (`recordChanges`) in it.
 *
 * GraphQL mutations (`entityMutation`), the CLI, the seed and tests all call the verb itself,
 * so no path skips step 1 or 2. The permission is printed in the mutation's description.
 */
export interface Verb<In, Out> {
  (ctx: Context, input: In): Promise<Out>;
  readonly permission: WriteEntity;
}

export function defineVerb<S extends z.ZodType, Out>(opts: {
  permission: WriteEntity;
  input: S;
  run: (ctx: Context, input: z.output<S>) => Promise<Out>;
}): Verb<z.input<S>, Out> {
  const verb = async (ctx: Context, raw: z.input<S>) => {
    assertPermission(ctx, opts.permission);
    return opts.run(ctx, parseInput(opts.input, raw));
  };
  return Object.assign(verb, { permission: opts.permission });
}

/** Step 1 on its own, for the few writes whose input is not one object (bulk engine). */
export function assertPermission(ctx: Pick<Context, 'viewer'>, permission: WriteEntity): void {
  const denied = roleDenial(ctx.viewer, permission);
  if (denied) throw new UserErrors([denied]);
}

/** "Needs the write scope; roles: CITY_ADMIN, COUNTY_ADMIN." — appended to mutation descriptions. */
export function permissionNote(permission: WriteEntity): string {
  const roles = writersOf(permission);
  return roles.length
    ? `Permission: write scope and role ${roles.join(' or ')} (${permission}).`
    : `Permission: no role may use it (${permission}).`;
}
