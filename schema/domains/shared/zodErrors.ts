import type { z } from 'zod';
import { UserError, UserErrors } from '../../errors.js';

/** Message of a check that means "missing" (an empty required text): reported as REQUIRED. */
export const REQUIRED_MESSAGE = 'is required';

/**
 * `params` of a custom issue (refinement) that is a DUPLICATE rather than a VALIDATION
 * problem, e.g. the second indicator with one code: `c.addIssue({ …, params: DUPLICATE })`.
 */
export const DUPLICATE = { code: 'DUPLICATE' } as const;

/**
 * Every zod issue as a typed error at its path under `root`: REQUIRED for a missing value,
 * VALIDATION otherwise. `subject` names the value when an issue has no path of its own (a
 * whole batch row, a setting's value).
 */
export function zodErrors(
  error: z.ZodError,
  root: (string | number)[],
  subject = typeof root.at(-1) === 'number' ? 'row' : 'input',
): UserError[] {
  return error.issues.map((issue) => {
    const path = [...root, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
    const field = issue.path.length ? String(issue.path.at(-1)) : subject;
    const missing =
      (issue.code === 'invalid_type' && /received undefined|received null/.test(issue.message)) ||
      issue.message === REQUIRED_MESSAGE;
    if (missing) return new UserError('REQUIRED', `${field} is required.`, path);
    const duplicate = issue.code === 'custom' && issue.params?.code === DUPLICATE.code;
    return new UserError(duplicate ? 'DUPLICATE' : 'VALIDATION', `${field}: ${plainWords(issue)}`, path);
  });
}

/**
 * zod's own messages ("Too small: expected string to have >=2 characters") read like a
 * stack trace to a clerk; the schemas' custom messages ("must be a 10-digit school
 * identifier") are kept as they are.
 */
function plainWords(issue: z.core.$ZodIssue): string {
  if (!/^(Too small|Too big|Invalid)\b/.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'too_small':
    case 'too_big': {
      const small = issue.code === 'too_small';
      const limit = Number(small ? issue.minimum : issue.maximum);
      const inclusive = issue.inclusive !== false;
      if (issue.origin === 'string') {
        return small && limit === 1
          ? 'must not be empty'
          : `must be ${small ? 'at least' : 'at most'} ${limit} characters long`;
      }
      if (issue.origin === 'array' || issue.origin === 'set')
        return `must have ${small ? 'at least' : 'at most'} ${limit} items`;
      return `must be ${small ? (inclusive ? 'at least' : 'greater than') : inclusive ? 'at most' : 'less than'} ${limit}`;
    }
    case 'invalid_type': {
      const expected: Record<string, string> = {
        int: 'a whole number',
        number: 'a number',
        string: 'text',
        boolean: 'true or false',
        array: 'a list',
        object: 'an object',
        date: 'a date',
      };
      return `must be ${expected[issue.expected] ?? issue.expected}`;
    }
    case 'invalid_value':
      return `must be one of ${issue.values.map(String).join(', ')}`;
    case 'not_multiple_of':
      return `must be a multiple of ${String(issue.divisor)}`;
    case 'invalid_format':
      return `is not a valid ${issue.format}`;
    default:
      return issue.message;
  }
}

/** A service's parsed input, or every problem with it at once (UserErrors under `root`). */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  root: (string | number)[] = ['input'],
): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new UserErrors(zodErrors(parsed.error, root));
  return parsed.data;
}
