import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { fail, UserErrors } from '../../../errors.js';
import { writeDenial } from '../../access/jurisdiction.js';
import { recordChanges } from '../../audit/record.js';
import { regionLevelOf } from '../../organisation/codes.js';
import { regions } from '../../organisation/table.js';
import { poolKind, resourcePools } from '../table.js';
import { defineVerb } from '../../shared/verb.js';

// Field rules (code and name lengths, a city code) are checked in the body.
const schema = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.enum(poolKind.enumValues),
  cityCode: z.string(),
  description: z.string().nullish(),
});
export type CreateResourcePoolInput = z.input<typeof schema>;

/** A city opens a pool of one kind (资源共享池). City admins within their jurisdiction. */
export const createResourcePool = defineVerb({
  permission: 'resourcePool',
  input: schema,
  run: async (ctx, input) => {
    const denied = writeDenial(ctx.viewer, 'resourcePool', { regionCode: input.cityCode }, ['input', 'cityCode']);
    if (denied) throw new UserErrors([denied]);
    const code = input.code.trim();
    const name = input.name.trim();
    if (!/^[A-Za-z0-9-]{3,32}$/.test(code))
      fail('VALIDATION', 'code must be 3–32 letters, digits or hyphens.', ['input', 'code']);
    if (name.length < 2 || name.length > 80) fail('VALIDATION', 'name must be 2–80 characters.', ['input', 'name']);
    if (!/^\d{6}$/.test(input.cityCode) || regionLevelOf(input.cityCode) !== 'CITY') {
      fail('VALIDATION', `${input.cityCode} is not a city code (a pool is owned by a city).`, ['input', 'cityCode']);
    }
    return ctx.db.transaction(async (tx) => {
      const [city] = await tx.select({ code: regions.code }).from(regions).where(eq(regions.code, input.cityCode));
      if (!city) fail('NOT_FOUND', `City ${input.cityCode} does not exist.`, ['input', 'cityCode']);
      const [taken] = await tx.select({ id: resourcePools.id }).from(resourcePools).where(eq(resourcePools.code, code));
      if (taken) fail('CONFLICT', `A pool with code ${code} already exists.`, ['input', 'code']);
      const [pool] = await tx
        .insert(resourcePools)
        .values({
          code,
          name,
          kind: input.kind,
          cityCode: input.cityCode,
          description: input.description?.trim() ?? '',
          createdBy: ctx.viewer.actor,
        })
        .returning();
      await recordChanges(tx, ctx, [
        {
          action: 'CREATE',
          entityType: 'ResourcePool',
          entityKey: pool.code,
          regionCode: pool.cityCode,
          before: null,
          after: { code, name, kind: pool.kind, cityCode: pool.cityCode, description: pool.description },
        },
      ]);
      return pool;
    });
  },
});
