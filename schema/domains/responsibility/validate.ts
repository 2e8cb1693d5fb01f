import { z } from 'zod';
import { UserError, UserErrors } from '../../errors.js';
import { DOMAINS, ITEM_KEY, LEVELS, MAX_KEY_LENGTH, ROLES } from './rules.js';

/**
 * Input rules shared by this domain's services. Every problem of an input is reported at once,
 * each at its path under `input`; an empty required text is REQUIRED, anything else VALIDATION.
 * The services validate even though GraphQL enums already constrain levels and roles, because
 * the seed and other domains call them directly.
 */
const REQUIRED_MSG = 'is required';
// abort: an empty text is only REQUIRED, not also malformed.
export const requiredText = (max: number) => z.string().trim().min(1, { message: REQUIRED_MSG, abort: true }).max(max);
export const optionalText = (max: number) => z.string().trim().max(max);
export const itemKey = requiredText(MAX_KEY_LENGTH).regex(ITEM_KEY, 'must be dotted upper-case segments, e.g. ENROLMENT.ADMISSION_QUOTA');
export const level = z.enum(LEVELS);
export const role = z.enum(ROLES);
export const domain = z.enum(DOMAINS);
export const assignment = z.object({ level, role });
export const isoDate = z.iso.date('must be a date YYYY-MM-DD');

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new UserErrors(
    parsed.error.issues.map((issue) => {
      const path = ['input', ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
      const field = issue.path.length ? String(issue.path.at(-1)) : 'input';
      const missing =
        (issue.code === 'invalid_type' && /received undefined|received null/.test(issue.message)) || issue.message === REQUIRED_MSG;
      return new UserError(missing ? 'REQUIRED' : 'VALIDATION', missing ? `${field} is required.` : `${field}: ${issue.message}.`, path);
    }),
  );
}

/** DUPLICATE errors for repeated level/role pairs of one input. */
export function duplicateAssignments(list: { level: string; role: string }[], path: (string | number)[]): UserError[] {
  const seen = new Set<string>();
  const errors: UserError[] = [];
  list.forEach((a, i) => {
    const k = `${a.level}:${a.role}`;
    if (seen.has(k)) errors.push(new UserError('DUPLICATE', `${a.level} is given ${a.role} twice.`, [...path, i]));
    seen.add(k);
  });
  return errors;
}
