import type { Context } from '../../context.js';
import { UserError } from '../../errors.js';
import { schools } from '../organisation/table.js';
import { inJsonList } from '../shared/jsonList.js';
import { SECTIONS_OF, type BalanceStage } from './catalogue.js';

/**
 * The stage section a balance row is about: the one given, which the school must run, or —
 * when none is given — the school's only section. A school with two sections (九年一贯制,
 * 十二年一贯制) must say which; paths are relative to the row.
 */
export function sectionOf(
  school: { code: string; stage: string },
  stage: BalanceStage | null | undefined,
): BalanceStage | UserError {
  const sections = SECTIONS_OF[school.stage] ?? [];
  if (stage) {
    return sections.includes(stage)
      ? stage
      : new UserError(
          'VALIDATION',
          `School ${school.code} (${school.stage}) has no ${stage} section; its sections: ${sections.join(', ') || 'none'}.`,
          ['stage'],
        );
  }
  if (sections.length === 1) return sections[0]!;
  if (sections.length === 0)
    return new UserError(
      'VALIDATION',
      `School ${school.code} (${school.stage}) is not a compulsory-education school.`,
      ['schoolCode'],
    );
  return new UserError('REQUIRED', `School ${school.code} runs ${sections.join(' and ')} sections: give the stage.`, [
    'stage',
  ]);
}

/**
 * Rows that leave out the stage get their school's only section (a primary school's values
 * are PRIMARY), so every row's natural key is complete before the batch is checked; rows of
 * two-section schools keep no stage and are reported REQUIRED at `stage`. The bulk engine's
 * `completeRows` hook: it runs after the permission and batch-size checks.
 */
export async function withOnlySections(ctx: Context, rows: unknown[]): Promise<unknown[]> {
  const open = (r: unknown): r is { schoolCode: string; stage?: unknown } =>
    typeof r === 'object' &&
    r !== null &&
    typeof (r as { schoolCode?: unknown }).schoolCode === 'string' &&
    (r as { stage?: unknown }).stage == null;
  const codes = [...new Set(rows.filter(open).map((r) => r.schoolCode.trim()))];
  if (!codes.length) return rows;
  const found = await ctx.db
    .select({ code: schools.code, stage: schools.stage })
    .from(schools)
    .where(inJsonList(schools.code, codes));
  const only = new Map(
    found.flatMap((s) => {
      const section = sectionOf(s, null);
      return typeof section === 'string' ? [[s.code, section] as const] : [];
    }),
  );
  return rows.map((r) =>
    open(r) && only.has(r.schoolCode.trim()) ? { ...r, stage: only.get(r.schoolCode.trim()) } : r,
  );
}
