/// <reference lib="dom" />
import type { TaskWarning } from '../../../../src/index.js';
import { trafficLights, verdictGrid, type HeatCell } from '../charts.js';
import { chartBox, h, notice } from '../dom.js';
import { WARNING } from '../i18n.js';
import type { PortalContext } from '../main.js';
import {
  guarded,
  INDICATORS,
  indicatorLabel,
  matrixSection,
  readsAggregatesOnly,
  reportYear,
  rotationSection,
  STAGES,
  valueAddedSection,
  type BalanceReport,
} from './shared.js';

/** City overview (市级总览): every county on one screen. */
export async function cityPage(ctx: PortalContext, code: string): Promise<Node[]> {
  const { t } = ctx;
  const [{ region }, { regions }] = await Promise.all([
    ctx.api.region({ code }),
    ctx.api.regions({ parentCode: code, level: 'COUNTY', first: 100 }),
  ]);
  if (!region) return [notice(t.noData, 'warn')];
  const counties = regions.nodes;
  const year = await reportYear(ctx.api, counties[0]?.code);

  const sections = await Promise.all([
    ...STAGES.map((stage) =>
      guarded(t.balanceMatrix(t.stage[stage]), ctx, async () => {
        const reports = await Promise.all(
          counties.map((c) =>
            ctx.api.balanceReport({ countyCode: c.code, year, stage }).then((r) => [c, r.balanceReport] as const),
          ),
        );
        const columns = [...INDICATORS.map((i) => indicatorLabel(ctx, i)), t.composite];
        const cells: HeatCell[] = reports.flatMap(([county, report]) => balanceCells(ctx, county.name, report));
        const threshold = reports.find(([, r]) => r)?.[1]?.threshold;
        const box = chartBox(
          `balance-${stage.toLowerCase()}`,
          t.balanceMatrix(t.stage[stage]),
          counties.length * 34 + 90,
        );
        ctx.later.push(() =>
          verdictGrid(
            box,
            counties.map((c) => c.name),
            columns,
            cells,
          ),
        );
        return [
          h('p', { class: 'note' }, t.balanceMatrixNote(threshold?.toFixed(2) ?? '—')),
          box,
          h(
            'p',
            { class: 'links' },
            counties.map((c) => h('a', { href: `#/county/${c.code}` }, c.name)),
          ),
        ];
      }),
    ),
    guarded(t.tasksByCounty, ctx, async () => {
      if (readsAggregatesOnly(ctx)) return [notice(t.tasksHidden)];
      const { rectificationTasks } = await ctx.api.rectificationTasks({ filter: { regionCode: code }, first: 100 });
      const counts: Record<TaskWarning, number[]> = { RED: [], YELLOW: [], GREEN: [] };
      for (const county of counties) {
        const mine = rectificationTasks.nodes.filter((task) => task.regionCode === county.code);
        for (const w of ['RED', 'YELLOW', 'GREEN'] as const)
          counts[w].push(mine.filter((task) => task.warning === w).length);
      }
      const box = chartBox('tasks-by-county', t.tasksByCounty, counties.length * 30 + 70);
      ctx.later.push(() =>
        trafficLights(
          box,
          counties.map((c) => c.name),
          counts,
          WARNING[ctx.lang],
        ),
      );
      return [box];
    }),
    rotationSection(ctx, code, year),
    matrixSection(ctx, code),
    valueAddedSection(ctx, code),
  ]);
  return [
    h(
      'div',
      { class: 'page-title' },
      h('h2', {}, `${region.name} · ${t.city}`),
      h('span', { class: 'year' }, `${t.year} ${year}`),
    ),
    ...sections,
  ];
}

function balanceCells(ctx: PortalContext, row: string, report: BalanceReport | null | undefined): HeatCell[] {
  const cells: HeatCell[] = INDICATORS.map((indicator) => {
    const found = report?.schools.length ? report.indicators.find((i) => i.indicator === indicator) : undefined;
    return {
      row,
      column: indicatorLabel(ctx, indicator),
      value: found?.cv ?? null,
      warning: found && found.cv !== null ? found.warning : null,
    };
  });
  cells.push({
    row,
    column: ctx.t.composite,
    value: report?.schools.length ? (report.compositeCv ?? null) : null,
    // The composite (基本均衡) is a secondary figure: shown, never coloured as a verdict.
    warning: null,
  });
  return cells;
}
