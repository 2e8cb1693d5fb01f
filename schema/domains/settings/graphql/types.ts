import { builder } from '../../../builder.js';
import { batchedPerRequest } from '../../shared/loaders.js';
import { entityMutation } from '../../shared/graphql/payloadTypes.js';
import { RegionRef } from '../../organisation/graphql/types.js';
import { SETTINGS, type SettingKey } from '../registry.js';
import { effectiveSettingsOf } from '../resolve.js';
import { setRegionSetting, type SetRegionSettingInput } from '../services/setRegionSetting.js';

import type { EffectiveSetting } from '../resolve.js';

const RegionSettingRef = builder.objectRef<EffectiveSetting>('RegionSetting').implement({
  description: 'A policy setting as it applies to a region (区域政策参数): its own value or the inherited one.',
  fields: (t) => ({
    key: t.exposeString('key', { description: 'Setting key, e.g. exchange.targetRatio.' }),
    value: t.field({
      type: 'JSON',
      nullable: true,
      description: 'Effective value (null where a setting is off by default).',
      resolve: (s) => s.value,
    }),
    own: t.exposeBoolean('own', { description: 'Set on this region itself (otherwise inherited or the default).' }),
    description: t.string({
      description: 'What the setting means.',
      resolve: (s) => SETTINGS[s.key as SettingKey].description,
    }),
    defaultValue: t.field({
      type: 'JSON',
      nullable: true,
      description: 'The built-in default.',
      resolve: (s) => SETTINGS[s.key as SettingKey].default,
    }),
  }),
});

/** Settings of every region a request shows, in one statement per request. */
const settingsLoader = batchedPerRequest<string, EffectiveSetting[]>((ctx, codes) =>
  effectiveSettingsOf(ctx.db, codes),
);

builder.objectField(RegionRef, 'settings', (t) =>
  t.field({
    type: [RegionSettingRef],
    description: 'Every policy setting with its effective value for this region (inherits from the city and province).',
    resolve: (region, _args, ctx) => settingsLoader(ctx).load(region.code),
  }),
);

entityMutation<EffectiveSetting, SetRegionSettingInput>({
  field: 'setRegionSetting',
  description:
    'Sets or clears (value: null) a policy setting of a region (设置区域政策参数). CITY_ADMIN ' +
    'within its jurisdiction; audited.',
  entityField: 'setting',
  entityRef: RegionSettingRef,
  inputFields: (t) => ({
    regionCode: t.string({ required: true, description: 'Region code.' }),
    key: t.string({ required: true, description: `One of: ${Object.keys(SETTINGS).join(', ')}.` }),
    value: t.field({ type: 'JSON', required: false, description: 'New value (validated per key); null clears.' }),
  }),
  verb: setRegionSetting,
});
