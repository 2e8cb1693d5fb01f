import type { Context, Tx } from '../../context.js';
import { UserError, UserErrors } from '../../errors.js';

/**
 * Runs another domain's service inside this verb's transaction (drizzle nests it as a
 * savepoint), so the task it makes and this domain's link to it commit together. Its errors
 * keep their paths when the field is one of ours; others are re-rooted at `fallback`.
 */
export async function within<T>(
  ctx: Context,
  tx: Tx,
  run: (inner: Context) => Promise<T>,
  ownFields: readonly string[],
  fallback: (string | number)[],
): Promise<T> {
  try {
    return await run({ ...ctx, db: tx as unknown as Context['db'] });
  } catch (err) {
    if (!(err instanceof UserErrors)) throw err;
    throw new UserErrors(
      err.errors.map((e) =>
        e.path[0] === 'input' && ownFields.includes(String(e.path[1])) ? e : new UserError(e.code, e.message, fallback),
      ),
    );
  }
}
