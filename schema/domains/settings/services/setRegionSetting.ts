import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { fail, UserErrors } from '../../../errors.js';
import { writeDenial } from '../../access/jurisdiction.js';
import { recordChanges } from '../../audit/record.js';
import { defineVerb } from '../../shared/verb.js';
import { zodErrors } from '../../shared/zodErrors.js';
import { regions } from '../../organisation/table.js';
import { SETTINGS, type SettingKey } from '../registry.js';
import { resolveSetting } from '../resolve.js';
import { regionSettings } from '../table.js';

// The key and the value's rules (per key, settings/registry.ts) are checked in the body.
const schema = z.object({
  regionCode: z.string(),
  key: z.string(),
  /** JSON value; null (or omitted) removes the region's own value so it inherits again. */
  value: z
    .unknown()
    .optional()
    .transform((v) => v ?? null),
});
export type SetRegionSettingInput = z.input<typeof schema>;

/** Sets (or clears) one policy setting of a region. City admins, within their jurisdiction. */
export const setRegionSetting = defineVerb({
  permission: 'region',
  input: schema,
  run: async (ctx, input) => {
    const denied = writeDenial(ctx.viewer, 'region', { regionCode: input.regionCode }, ['input', 'regionCode']);
    if (denied) throw new UserErrors([denied]);
    if (!(input.key in SETTINGS)) {
      fail('VALIDATION', `Unknown setting ${input.key}; known: ${Object.keys(SETTINGS).join(', ')}.`, ['input', 'key']);
    }
    const key = input.key as SettingKey;
    if (input.value !== null) {
      const parsed = SETTINGS[key].schema.safeParse(input.value);
      if (!parsed.success) throw new UserErrors(zodErrors(parsed.error, ['input', 'value'], key));
    }
    return ctx.db.transaction(async (tx) => {
      const [region] = await tx.select({ code: regions.code }).from(regions).where(eq(regions.code, input.regionCode));
      if (!region) fail('NOT_FOUND', `Region ${input.regionCode} does not exist.`, ['input', 'regionCode']);
      const where = and(eq(regionSettings.regionCode, input.regionCode), eq(regionSettings.key, key));
      const [before] = await tx.select().from(regionSettings).where(where).for('update');
      if (input.value === null) {
        if (before) await tx.delete(regionSettings).where(where);
      } else {
        await tx
          .insert(regionSettings)
          .values({ regionCode: input.regionCode, key, value: input.value })
          .onConflictDoUpdate({
            target: [regionSettings.regionCode, regionSettings.key],
            set: { value: input.value, updatedAt: new Date().toISOString() },
          });
      }
      if (before || input.value !== null) {
        await recordChanges(tx, ctx, [
          {
            action: input.value === null ? 'DELETE' : before ? 'UPDATE' : 'CREATE',
            entityType: 'RegionSetting',
            entityKey: `${input.regionCode}:${key}`,
            regionCode: input.regionCode,
            before: before ? { key, value: before.value } : null,
            after: input.value === null ? null : { key, value: input.value },
          },
        ]);
      }
      const value = await resolveSetting(tx, key, input.regionCode);
      return { regionCode: input.regionCode, key, value, own: input.value !== null };
    });
  },
});
