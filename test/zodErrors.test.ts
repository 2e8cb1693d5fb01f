import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { toUserErrors } from '../schema/errors.js';
import { parseInput, REQUIRED_MESSAGE, zodErrors } from '../schema/domains/shared/zodErrors.js';

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
  it('reports every problem at once at its path: missing or empty-required values as REQUIRED, the rest as VALIDATION', () => {
    expect(problems({ title: '  ', tags: ['abc'] })).toEqual([
      ['REQUIRED', 'input.title', 'title is required.'],
      ['REQUIRED', 'input.count', 'count is required.'],
      ['VALIDATION', 'input.tags.0', expect.stringMatching(/^0: Too big/)],
    ]);
    expect(problems({ title: 'toolong', count: 1.5 }, ['input', 'equipment'])).toEqual([
      ['VALIDATION', 'input.equipment.title', expect.stringMatching(/^title: Too big/)],
      ['VALIDATION', 'input.equipment.count', expect.stringMatching(/^count: /)],
    ]);
    expect(parseInput(schema, { title: ' a ', count: 2 })).toEqual({ title: 'a', count: 2 });
  });

  it('names a value without a path of its own: a batch row, or what the caller says', () => {
    const error = z.object({ a: z.string() }).safeParse('x').error!;
    expect(zodErrors(error, ['input', 'rows', 3]).map((e) => [e.path.join('.'), e.message])).toEqual([['input.rows.3', expect.stringMatching(/^row: /)]]);
    const ratio = z.number().max(1).safeParse(1.5).error!;
    expect(zodErrors(ratio, ['input', 'value'], 'exchange.targetRatio')[0].message).toMatch(/^exchange\.targetRatio: Too big/);
  });
});
