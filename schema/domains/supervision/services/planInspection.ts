import { z } from 'zod';
import { UserError, UserErrors, fail } from '../../../errors.js';
import { regionCovers, writeDenial } from '../../access/jurisdiction.js';
import { recordChanges } from '../../audit/record.js';
import { regionLevelOf } from '../../organisation/codes.js';
import { defineVerb } from '../../shared/verb.js';
import { isoDate, optionalText, requiredText } from '../../responsibility/validate.js';
import { schoolByCode } from '../../responsibility/tasks.js';
import { inspectionKey, inspectionSnapshot } from '../inspections.js';
import { inspectionInspectors, inspections } from '../table.js';
import { regionOrFail } from '../units.js';

const input = z.object({
  regionCode: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'must be a 6-digit GB/T 2260 code'),
  kind: z.enum(['SPECIAL', 'SPOT_CHECK', 'FOLLOW_UP']),
  title: requiredText(200),
  scopeRegionCodes: z
    .array(
      z
        .string()
        .trim()
        .regex(/^\d{6}$/, 'must be a 6-digit GB/T 2260 code'),
    )
    .max(50)
    .nullish(),
  scopeSchoolCodes: z
    .array(
      z
        .string()
        .trim()
        .regex(/^\d{10}$/, 'must be a 10-digit school identifier'),
    )
    .max(200)
    .nullish(),
  periodStart: isoDate,
  periodEnd: isoDate,
  inspectors: z
    .array(
      z.object({
        subject: requiredText(200),
        name: requiredText(100),
        kind: z.enum(['STAFF', 'THIRD_PARTY', 'OBSERVER']),
        note: optionalText(200).nullish(),
      }),
    )
    .max(50)
    .nullish(),
});
export type PlanInspectionInput = z.input<typeof input>;

/**
 * Plans an inspection (督查/督导): the city of its counties and schools, a county of its own
 * schools. Scope, period and inspectors are fixed at planning; each inspector (by token
 * subject) may then read and record this inspection's findings only.
 */
export const planInspection = defineVerb({
  permission: 'inspection',
  input,
  run: (ctx, input) =>
    ctx.db.transaction(async (tx) => {
      const planner = await regionOrFail(tx, input.regionCode, ['input', 'regionCode']);
      if (planner.level === 'PROVINCE')
        fail('VALIDATION', 'Inspections are planned by a city or a county.', ['input', 'regionCode']);
      const denied = writeDenial(ctx.viewer, 'inspection', { regionCode: planner.code }, ['input', 'regionCode']);
      if (denied) throw new UserErrors([denied]);
      if (input.periodEnd < input.periodStart)
        fail('VALIDATION', `The period ends (${input.periodEnd}) before it starts.`, ['input', 'periodEnd']);
      const regionsIn = input.scopeRegionCodes ?? [];
      const schoolsIn = input.scopeSchoolCodes ?? [];
      if (!regionsIn.length && !schoolsIn.length)
        fail('REQUIRED', 'Name the regions or schools inspected.', ['input', 'scopeRegionCodes']);
      const problems: UserError[] = [];
      // A county inspects its schools; the city its counties and schools.
      for (const [i, code] of regionsIn.entries()) {
        const path = ['input', 'scopeRegionCodes', i];
        if (regionLevelOf(planner.code) === 'COUNTY')
          problems.push(
            new UserError('VALIDATION', 'A county inspects its schools: list them in scopeSchoolCodes.', path),
          );
        else if (!regionCovers(planner.code, code) || code === planner.code)
          problems.push(new UserError('VALIDATION', `${code} is not a county of ${planner.code}.`, path));
      }
      for (const [i, code] of schoolsIn.entries()) {
        const school = await schoolByCode(tx, code);
        if (!school)
          problems.push(new UserError('NOT_FOUND', `School ${code} does not exist.`, ['input', 'scopeSchoolCodes', i]));
        else if (!regionCovers(planner.code, school.countyCode))
          problems.push(
            new UserError('VALIDATION', `School ${code} is outside ${planner.code}.`, ['input', 'scopeSchoolCodes', i]),
          );
      }
      const subjects = (input.inspectors ?? []).map((x) => x.subject);
      subjects.forEach((s, i) => {
        if (subjects.indexOf(s) !== i)
          problems.push(
            new UserError('DUPLICATE', `Inspector ${s} is listed twice.`, ['input', 'inspectors', i, 'subject']),
          );
      });
      if (problems.length) throw new UserErrors(problems);
      const [row] = await tx
        .insert(inspections)
        .values({
          regionCode: planner.code,
          kind: input.kind,
          title: input.title,
          scopeRegionCodes: regionsIn,
          scopeSchoolCodes: schoolsIn,
          periodStart: input.periodStart,
          periodEnd: input.periodEnd,
          createdBy: ctx.viewer.actor,
        })
        .returning();
      const inspectors = (input.inspectors ?? []).map((x) => ({
        inspectionId: row.id,
        actor: `user:${x.subject}`,
        regionCode: row.regionCode,
        name: x.name,
        kind: x.kind,
      }));
      if (inspectors.length) await tx.insert(inspectionInspectors).values(inspectors);
      await recordChanges(tx, ctx, [
        {
          action: 'CREATE',
          entityType: 'Inspection',
          entityKey: inspectionKey(row),
          regionCode: row.regionCode,
          before: null,
          after: inspectionSnapshot(row, inspectors),
        },
      ]);
      return row;
    }),
});
