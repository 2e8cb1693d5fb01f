import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { toUserErrors } from '../../schema/errors.js';
import { parseInput, REQUIRED_MESSAGE, zodErrors } from '../../schema/domains/shared/zodErrors.js';

/** The one mapping of zod issues to UserErrors, used by services, bulk upserts and settings. */
const schema = z.object({
  title: z.string().trim().min(1, { message: REQUIRED_MESSAGE, abort: true }).max(5),
  count: z.number().int(),
  tags: z.array(z.string().max(2)).optional(),
});

function problems(input: unknown, root?: (string | number)[]) {
  try {
    parseInput(schema, input, root);
  } catch (err) {
    return toUserErrors(err)?.map((e) => [e.code, e.path.join('.'), e.message]);
  }
  throw new Error('expected a refusal');
}

describe('zod issues as UserErrors', () => {
  it(
    'reports every problem at once at its path: missing or empty-required values as REQUIRED, ' +
      'the rest as VALIDATION',
    () => {
      expect(problems({ title: '  ', tags: ['abc'] })).toEqual([
        ['REQUIRED', 'input.title', 'title is required.'],
        ['REQUIRED', 'input.count', 'count is required.'],
        ['VALIDATION', 'input.tags.0', '0: must be at most 2 characters long'],
      ]);
      expect(problems({ title: 'toolong', count: 1.5 }, ['input', 'equipment'])).toEqual([
        ['VALIDATION', 'input.equipment.title', 'title: must be at most 5 characters long'],
        ['VALIDATION', 'input.equipment.count', 'count: must be a whole number'],
      ]);
      expect(parseInput(schema, { title: ' a ', count: 2 })).toEqual({ title: 'a', count: 2 });
    },
  );

  it("puts zod's own messages in plain words and keeps the schemas' messages", () => {
    const rules = z.object({
      name: z.string().min(2),
      stage: z.enum(['PRIMARY', 'JUNIOR']),
      ratio: z.number().gt(0),
      code: z.string().regex(/^\d{6}$/, 'must be a 6-digit region code'),
    });
    const error = rules.safeParse({ name: 'x', stage: 'NURSERY', ratio: 0, code: 'abc' }).error!;
    expect(zodErrors(error, ['input']).map((e) => e.message)).toEqual([
      'name: must be at least 2 characters long',
      'stage: must be one of PRIMARY, JUNIOR',
      'ratio: must be greater than 0',
      'code: must be a 6-digit region code',
    ]);
  });

  it('names a value without a path of its own: a batch row, or what the caller says', () => {
    const error = z.object({ a: z.string() }).safeParse('x').error!;
    expect(zodErrors(error, ['input', 'rows', 3]).map((e) => [e.path.join('.'), e.message])).toEqual([
      ['input.rows.3', expect.stringMatching(/^row: /)],
    ]);
    const ratio = z.number().max(1).safeParse(1.5).error!;
    expect(zodErrors(ratio, ['input', 'value'], 'exchange.targetRatio')[0].message).toBe(
      'exchange.targetRatio: must be at most 1',
    );
  });
});
