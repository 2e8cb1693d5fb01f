import { z } from 'zod';
import { fail, UserErrors } from '../../../errors.js';
import { writeDenial } from '../../access/jurisdiction.js';
import { regionLevelOf } from '../../organisation/codes.js';
import { defineVerb } from '../../shared/verb.js';
import { nowOf } from '../clock.js';
import { runEscalationJob } from '../escalationJob.js';
import { regionOrFail } from '../units.js';

const input = z.object({
  cityCode: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'must be a 6-digit GB/T 2260 code'),
});
export type RunEscalationsInput = z.input<typeof input>;

/** The escalation job on demand for one city (the server also runs it on a schedule for all). */
export const runEscalations = defineVerb({
  permission: 'escalation',
  input,
  run: async (ctx, input) => {
    const path = ['input', 'cityCode'];
    if (regionLevelOf(input.cityCode) !== 'CITY')
      fail('VALIDATION', 'Escalation rules are set per city: give a city code (ending 00).', path);
    await regionOrFail(ctx.db, input.cityCode, path);
    const denied = writeDenial(ctx.viewer, 'escalation', { regionCode: input.cityCode }, path);
    if (denied) throw new UserErrors([denied]);
    return runEscalationJob(ctx, { now: nowOf(ctx), cityCode: input.cityCode });
  },
});
