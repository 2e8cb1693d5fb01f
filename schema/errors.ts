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
  'LIMIT_EXCEEDED',
] as const;

export type UserErrorCode = (typeof USER_ERROR_CODES)[number];

export class UserError extends Error {
  constructor(
    readonly code: UserErrorCode,
    message: string,
    /** Path to the offending input field, from the mutation's arguments: ['input','rows','3','code']. */
    readonly path: (string | number)[] = [],
  ) {
    super(message);
    this.name = 'UserError';
  }

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

export function toUserErrors(err: unknown): UserError[] | null {
  if (err instanceof UserError) return [err];
  if (err instanceof UserErrors) return err.errors;
  return null;
}
