import type { z } from 'zod';
import { UserError } from '../../../errors.js';

/** Every zod issue as a typed error under `root` (REQUIRED for missing values, VALIDATION otherwise). */
export function zodErrors(error: z.ZodError, root: (string | number)[]): UserError[] {
  return error.issues.map((issue) => {
    const path = [...root, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
    const field = issue.path.length ? String(issue.path.at(-1)) : 'input';
    const missing = issue.code === 'invalid_type' && /received undefined|received null/.test(issue.message);
    return new UserError(missing ? 'REQUIRED' : 'VALIDATION', missing ? `${field} is required.` : `${field}: ${issue.message}`, path);
  });
}
