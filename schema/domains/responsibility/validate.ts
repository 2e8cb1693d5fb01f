import { z } from 'zod';
import { UserError } from '../../errors.js';
import { REQUIRED_MESSAGE } from '../shared/zodErrors.js';
import { DOMAINS, ITEM_KEY, LEVELS, MAX_KEY_LENGTH, ROLES } from './rules.js';

/**
 * Input rules shared by this domain's services. Every problem of an input is reported at once,
 * each at its path under `input`; an empty required text is REQUIRED, anything else VALIDATION.
 * The services validate even though GraphQL enums already constrain levels and roles, because
 * the seed and other domains call them directly.
 */
// abort: an empty text is only REQUIRED, not also malformed.
export const requiredText = (max: number) =>
  z.string().trim().min(1, { message: REQUIRED_MESSAGE, abort: true }).max(max);
export const optionalText = (max: number) => z.string().trim().max(max);
export const itemKey = requiredText(MAX_KEY_LENGTH).regex(
  ITEM_KEY,
  'must be dotted upper-case segments, e.g. ENROLMENT.ADMISSION_QUOTA',
);
export const level = z.enum(LEVELS);
export const role = z.enum(ROLES);
export const domain = z.enum(DOMAINS);
export const assignment = z.object({ level, role });
export const isoDate = z.iso.date('must be a date YYYY-MM-DD');

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
