import type { z } from 'zod';
import { UserError, UserErrors } from '../../errors.js';

/** Message of a check that means "missing" (an empty required text): reported as REQUIRED. */
export const REQUIRED_MESSAGE = 'is required';

/**
 * Every zod issue as a typed error at its path under `root`: REQUIRED for a missing value,
 * VALIDATION otherwise. `subject` names the value when an issue has no path of its own (a
 * whole batch row, a setting's value).
 */
export function zodErrors(error: z.ZodError, root: (string | number)[], subject = typeof root.at(-1) === 'number' ? 'row' : 'input'): UserError[] {
  return error.issues.map((issue) => {
    const path = [...root, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
    const field = issue.path.length ? String(issue.path.at(-1)) : subject;
    const missing = (issue.code === 'invalid_type' && /received undefined|received null/.test(issue.message)) || issue.message === REQUIRED_MESSAGE;
    return new UserError(missing ? 'REQUIRED' : 'VALIDATION', missing ? `${field} is required.` : `${field}: ${issue.message}`, path);
  });
}

/** A service's parsed input, or every problem with it at once (UserErrors under `root`). */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, root: (string | number)[] = ['input']): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new UserErrors(zodErrors(parsed.error, root));
  return parsed.data;
}
