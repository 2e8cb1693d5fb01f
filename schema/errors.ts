import { GraphQLError } from 'graphql';

/**
 * The one error shape of every mutation (documented in README "Errors").
 *
 * Services throw or return `UserError`s for expected failures; resolvers put them in the
 * payload's `errors` list. Anything else is an unexpected failure and becomes a GraphQL
 * error with `extensions.code` (see server/formatError.ts).
 */
export const USER_ERROR_CODES = [
  'VALIDATION',
  'REQUIRED',
  'DUPLICATE',
  'NOT_FOUND',
  'INVALID_PARENT',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'CONFLICT',
  'INVALID_STATE',
  'OVER_CAPACITY',
  'NOT_ELIGIBLE',
  'LIMIT_EXCEEDED',
  'RESPONSIBILITY_OVERLAP',
  'RESPONSIBILITY_GAP',
] as const;

export type UserErrorCode = (typeof USER_ERROR_CODES)[number];

/**
 * Plain data, deliberately not an Error: GraphQL treats an Error value in a result as a
 * failure of the field, and these are results. To abort with one, throw `UserErrors`.
 */
export class UserError {
  constructor(
    readonly code: UserErrorCode,
    readonly message: string,
    /** Path to the offending input field, from the mutation's arguments: ['input','rows','3','code']. */
    readonly path: (string | number)[] = [],
  ) {}

  /** Same error, re-rooted under a parent path (e.g. a row of a batch). */
  under(prefix: (string | number)[]): UserError {
    return new UserError(this.code, this.message, [...prefix, ...this.path]);
  }
}

/** Thrown by a service to abort its transaction and return these errors as data. */
export class UserErrors extends Error {
  constructor(readonly errors: UserError[]) {
    super(errors.map((e) => e.message).join('; '));
    this.name = 'UserErrors';
  }
}

/** Aborts the current service call (and its transaction) with one expected failure. */
export function fail(code: UserErrorCode, message: string, path: (string | number)[] = []): never {
  throw new UserErrors([new UserError(code, message, path)]);
}

export function toUserErrors(err: unknown): UserError[] | null {
  return err instanceof UserErrors ? err.errors : null;
}

/**
 * The one GraphQL error for a field the viewer may not read: a record outside their
 * jurisdiction (schema/readRulePlugin.ts) or a field behind an auth scope (scope-auth).
 */
export function forbiddenFieldError(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN' } });
}
