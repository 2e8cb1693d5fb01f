import { z } from 'zod';
import { fail, UserErrors } from '../../../errors.js';
import { writeDenial } from '../../access/jurisdiction.js';
import { recordChanges } from '../../audit/record.js';
import { regionLevelOf } from '../../organisation/codes.js';
import { isoDate } from '../../responsibility/validate.js';
import { resolveSetting } from '../../settings/resolve.js';
import { defineVerb } from '../../shared/verb.js';
import { periodsBetween } from '../periods.js';
import { reportingPeriods } from '../table.js';
import { regionOrFail } from '../units.js';

const input = z.object({
  cityCode: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'must be a 6-digit GB/T 2260 code'),
  from: isoDate,
  to: isoDate,
});
export type GenerateReportingPeriodsInput = z.input<typeof input>;

/** At most this many periods per call (two years of weeks). */
const MAX_PERIODS = 106;

/**
 * Makes the city's reporting periods (调度周期) overlapping [from, to] from its rhythm and due
 * days (settings supervision.rhythm, supervision.reportDueDays). Periods that exist are kept:
 * calling it again adds only what is missing. Returns the periods of the range.
 */
export const generateReportingPeriods = defineVerb({
  permission: 'reportingPeriod',
  input,
  run: (ctx, input) =>
    ctx.db.transaction(async (tx) => {
      const path = ['input', 'cityCode'];
      if (regionLevelOf(input.cityCode) !== 'CITY')
        fail('VALIDATION', 'The reporting rhythm is a city’s: give a city code (ending 00).', path);
      await regionOrFail(tx, input.cityCode, path);
      const denied = writeDenial(ctx.viewer, 'reportingPeriod', { regionCode: input.cityCode }, path);
      if (denied) throw new UserErrors([denied]);
      if (input.to < input.from) fail('VALIDATION', `The range ends (${input.to}) before it starts.`, ['input', 'to']);
      const rhythm = await resolveSetting(tx, 'supervision.rhythm', input.cityCode);
      const dueDays = await resolveSetting(tx, 'supervision.reportDueDays', input.cityCode);
      const specs = periodsBetween(input.from, input.to, rhythm, dueDays);
      if (specs.length > MAX_PERIODS)
        fail('LIMIT_EXCEEDED', `The range makes ${specs.length} ${rhythm} periods; at most ${MAX_PERIODS} per call.`, [
          'input',
          'to',
        ]);
      const made = await tx
        .insert(reportingPeriods)
        .values(specs.map((s) => ({ ...s, regionCode: input.cityCode })))
        .onConflictDoNothing({
          target: [reportingPeriods.regionCode, reportingPeriods.rhythm, reportingPeriods.startDate],
        })
        .returning();
      await recordChanges(
        tx,
        ctx,
        made.map((p) => ({
          action: 'CREATE' as const,
          entityType: 'ReportingPeriod',
          entityKey: `period:${p.regionCode}:${p.rhythm}:${p.startDate}`,
          regionCode: p.regionCode,
          before: null,
          after: { rhythm: p.rhythm, label: p.label, startDate: p.startDate, endDate: p.endDate, dueDate: p.dueDate },
        })),
      );
      const all = await tx.query.reportingPeriods.findMany({
        where: { regionCode: input.cityCode, rhythm, startDate: { in: specs.map((s) => s.startDate) } },
        orderBy: { startDate: 'asc' },
      });
      return { periods: all };
    }),
});
