/// <reference lib="dom" />
import type { BalanceIndicator, BalanceReportQuery, BalanceStage, EdugovClient } from '../../../../src/index.js';
import { EdugovError } from '../../../../src/index.js';
import { chartBox, h, notice, section } from '../dom.js';
import { BAND, INDICATOR_SHORT, ROLE, LEVEL } from '../i18n.js';
import { caterpillar, responsibilityMatrix, rotationVsTarget } from '../charts.js';
import type { PortalContext } from '../main.js';

export const STAGES: BalanceStage[] = ['PRIMARY', 'JUNIOR'];
export const INDICATORS: BalanceIndicator[] = [
  'QUALIFIED_TEACHERS',
  'BACKBONE_TEACHERS',
  'PE_ARTS_TEACHERS',
  'TEACHING_SPACE',
  'SPORTS_SPACE',
  'EQUIPMENT_VALUE',
  'MULTIMEDIA_CLASSROOMS',
];

export type BalanceReport = NonNullable<BalanceReportQuery['balanceReport']>;

/** Roles that never read named records (tasks, exchanges): the API returns them nothing. */
export function readsAggregatesOnly(ctx: PortalContext): boolean {
  return ctx.viewer.role === 'PORTAL' || ctx.viewer.role === 'ANONYMOUS';
}

/**
 * A page section whose data may fail on its own (a permission, a missing report): the
 * section says so and the rest of the page still renders.
 */
export async function guarded(
  title: string,
  ctx: PortalContext,
  build: () => Promise<(Node | string | null)[]>,
): Promise<HTMLElement> {
  try {
    return section(title, ...(await build()));
  } catch (err) {
    const message =
      err instanceof EdugovError ? `${err.code}: ${err.message}` : err instanceof Error ? err.message : String(err);
    return section(title, notice(ctx.t.failed(message), 'warn'));
  }
}

/**
 * The reporting year: this calendar year if any school reports for it, else the year before
 * (indicator returns for a year are complete only some months in). `?year=` in the hash wins.
 */
export async function reportYear(api: EdugovClient, countyCode: string | undefined): Promise<number> {
  const asked = Number(new URLSearchParams(location.hash.split('?')[1] ?? '').get('year'));
  if (Number.isInteger(asked) && asked > 1990) return asked;
  const now = new Date().getFullYear();
  if (!countyCode) return now;
  for (const year of [now, now - 1]) {
    const reports = await Promise.all(STAGES.map((stage) => api.balanceReport({ countyCode, year, stage })));
    if (reports.some((r) => r.balanceReport && r.balanceReport.schools.length > 0)) return year;
  }
  return now;
}

export function indicatorLabel(ctx: PortalContext, indicator: BalanceIndicator): string {
  return INDICATOR_SHORT[ctx.lang][indicator];
}

/** Value-added caterpillar of the newest cycle the caller may see, optionally one county's schools. */
export async function valueAddedSection(
  ctx: PortalContext,
  regionCode: string,
  countyCode?: string,
): Promise<HTMLElement> {
  return guarded(ctx.t.valueAdded, ctx, async () => {
    const { evaluationCycles } = await ctx.api.evaluationCycles({ regionCode, first: 20 });
    // The newest published (closed) cycle, else the newest computed one the caller may see.
    const newest = [...evaluationCycles.nodes].sort((a, b) => b.year - a.year);
    const cycle = newest.find((c) => c.status === 'CLOSED') ?? newest.find((c) => c.status === 'COMPUTED');
    if (!cycle) return [notice(ctx.t.noCycle)];
    const { evaluationCycle } = await ctx.api.evaluationCycleValueAdded({
      id: cycle.id,
      first: 100,
      filter: countyCode ? { countyCode } : undefined,
    });
    const rows = evaluationCycle?.valueAdded.nodes ?? [];
    if (!rows.length) return [notice(ctx.t.noCycle)];
    const suppressed = rows.filter((r) => r.band === 'SUPPRESSED' || r.valueAdded === null);
    const box = chartBox(
      'value-added',
      `${ctx.t.valueAdded}: ${cycle.name}`,
      Math.max(240, (rows.length - suppressed.length) * 24 + 70),
    );
    ctx.later.push(() =>
      caterpillar(
        box,
        rows.map((r) => ({
          name: r.school.name,
          valueAdded: r.valueAdded ?? null,
          low: r.interval?.low ?? null,
          high: r.interval?.high ?? null,
          band: r.band,
        })),
        { axis: ctx.lang === 'zh' ? '增值（分）' : 'Value added (points)', bands: BAND[ctx.lang] },
      ),
    );
    return [
      h('p', { class: 'sub' }, cycle.name),
      h('p', { class: 'note' }, ctx.t.valueAddedNote),
      box,
      suppressed.length
        ? h(
            'div',
            { class: 'suppressed', 'data-suppressed': suppressed.length },
            h('strong', {}, `${ctx.t.suppressed}: `),
            suppressed.map((r) => h('span', { class: 'chip grey' }, `${r.school.name}（n=${r.cohortSize}）`)),
          )
        : null,
    ];
  });
}

/** The responsibility matrix of the region's current published list. */
export async function matrixSection(ctx: PortalContext, regionCode: string): Promise<HTMLElement> {
  return guarded(ctx.t.matrix, ctx, async () => {
    const { currentResponsibilityList } = await ctx.api.currentResponsibilityList({ regionCode });
    if (!currentResponsibilityList) return [notice(ctx.t.matrixNone)];
    const { responsibilityList } = await ctx.api.responsibilityMatrix({ id: currentResponsibilityList.id });
    const matrix = responsibilityList?.matrix;
    if (!matrix?.rows.length) return [notice(ctx.t.matrixNone)];
    const levels = (['CITY', 'COUNTY', 'SCHOOL'] as const).map((l) => LEVEL[ctx.lang][l]);
    const items = matrix.rows.map((r) => r.title);
    const cells = matrix.rows.flatMap((r) =>
      (['CITY', 'COUNTY', 'SCHOOL'] as const).map((level) => {
        const roles = level === 'CITY' ? r.city : level === 'COUNTY' ? r.county : r.school;
        return {
          item: r.title,
          level: LEVEL[ctx.lang][level],
          roles: roles.map((role) => ROLE[ctx.lang][role]),
          lead: r.lead === level,
        };
      }),
    );
    const box = chartBox('responsibility-matrix', ctx.t.matrix, items.length * 28 + 50);
    ctx.later.push(() => responsibilityMatrix(box, items, levels, cells));
    return [h('p', { class: 'sub' }, `${responsibilityList!.title}（${responsibilityList!.version}）`), box];
  });
}

const percent = (v: number | null | undefined) => (v === null || v === undefined ? null : Math.round(v * 1000) / 10);

/** Teacher rotation (交流轮岗) per county against the targets, for a city or one county. */
export async function rotationSection(ctx: PortalContext, regionCode: string, year: number): Promise<HTMLElement> {
  const { t } = ctx;
  return guarded(t.rotation, ctx, async () => {
    const { exchangeStats } = await ctx.api.exchangeStats({ regionCode, year });
    if (!exchangeStats) return [notice(t.noData)];
    const rows = exchangeStats.counties.length ? exchangeStats.counties : [exchangeStats.total];
    const box = chartBox('rotation', t.rotation, 340);
    ctx.later.push(() =>
      rotationVsTarget(
        box,
        rows.map((r) => r.regionName),
        [
          { name: t.rotationRatio, values: rows.map((r) => percent(r.ratio)), target: false },
          { name: t.rotationTarget, values: rows.map((r) => percent(r.targetRatio)), target: true },
          { name: t.backboneShare, values: rows.map((r) => percent(r.backboneShare)), target: false },
          { name: t.backboneTarget, values: rows.map((r) => percent(r.backboneShareTarget)), target: true },
        ],
      ),
    );
    return [h('p', { class: 'sub' }, `${exchangeStats.from} — ${exchangeStats.to}`), box];
  });
}
