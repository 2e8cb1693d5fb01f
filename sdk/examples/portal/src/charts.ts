/// <reference lib="dom" />
/**
 * The portal's charts, with Apache ECharts. SVG rendering keeps labels as text in the page
 * (searchable, printable, readable by screen readers and by the browser tests), and the aria
 * component describes each chart's data in its container's label.
 */
import { BarChart, CustomChart, HeatmapChart, LineChart, ScatterChart } from 'echarts/charts';
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type { EChartsCoreOption } from 'echarts/core';

echarts.use([
  BarChart,
  CustomChart,
  HeatmapChart,
  LineChart,
  ScatterChart,
  AriaComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  VisualMapComponent,
  SVGRenderer,
]);

export const COLOURS = {
  RED: '#d9363e',
  YELLOW: '#f0ad1c',
  GREEN: '#2e9d5b',
  GREY: '#a0a4ab',
  BLUE: '#2f6fd6',
} as const;

const FONT = '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif';

/** Renders `option` into `el` (replacing any chart there) and resizes with the window. */
export function render(el: HTMLElement, option: EChartsCoreOption): echarts.ECharts {
  echarts.getInstanceByDom(el)?.dispose();
  const chart = echarts.init(el, null, { renderer: 'svg' });
  chart.setOption({
    aria: { enabled: true, decal: { show: false } },
    textStyle: { fontFamily: FONT },
    animation: false,
    ...option,
  });
  // The aria description lives on the container; keep our own label in front of it.
  const label = el.getAttribute('aria-label');
  const described = el.querySelector('[aria-label]')?.getAttribute('aria-label');
  if (described && label && !described.startsWith(label)) el.setAttribute('aria-label', `${label}. ${described}`);
  addEventListener('resize', () => chart.resize());
  return chart;
}

export interface CaterpillarRow {
  name: string;
  valueAdded: number | null;
  low: number | null;
  high: number | null;
  band: string;
}

/**
 * Value-added caterpillar plot: schools ordered by value added, each with its 95 % interval;
 * the colour says whether the interval lies above zero, around it, or below.
 */
export function caterpillar(
  el: HTMLElement,
  rows: CaterpillarRow[],
  labels: { axis: string; bands: Record<string, string> },
) {
  const shown = rows.filter((r) => r.valueAdded !== null).sort((a, b) => b.valueAdded! - a.valueAdded!);
  const colour = (band: string) => (band === 'ABOVE' ? COLOURS.GREEN : band === 'BELOW' ? COLOURS.RED : COLOURS.BLUE);
  el.dataset.points = JSON.stringify(shown.map((r) => [r.name, r.valueAdded, r.low, r.high]));
  return render(el, {
    grid: { left: 140, right: 30, top: 20, bottom: 40 },
    tooltip: { trigger: 'item' },
    xAxis: { type: 'value', name: labels.axis, nameLocation: 'middle', nameGap: 26 },
    yAxis: { type: 'category', data: shown.map((r) => r.name), inverse: true, axisLabel: { fontSize: 11 } },
    series: [
      {
        type: 'custom',
        name: '95%',
        renderItem: (
          _params: unknown,
          api: { value(i: number): number; coord(p: [number, number]): number[]; style(): object },
        ) => {
          const y = api.value(0);
          const lo = api.coord([api.value(1), y]);
          const hi = api.coord([api.value(2), y]);
          return {
            type: 'line',
            shape: { x1: lo[0], y1: lo[1], x2: hi[0], y2: hi[1] },
            style: { stroke: '#555', lineWidth: 1.5 },
          };
        },
        encode: { x: [1, 2], y: 0 },
        data: shown.map((r, i) => [i, r.low, r.high]),
        z: 1,
      },
      {
        type: 'scatter',
        name: labels.axis,
        symbolSize: 9,
        data: shown.map((r) => ({
          value: [r.valueAdded, r.name],
          itemStyle: { color: colour(r.band) },
          band: labels.bands[r.band],
        })),
        markLine: { silent: true, symbol: 'none', lineStyle: { type: 'dashed', color: '#999' }, data: [{ xAxis: 0 }] },
        z: 2,
      },
    ],
  });
}

export interface CvRow {
  indicator: string;
  cv: number;
  met: boolean;
  warning: string;
}

/** CV per indicator as bars against the threshold line (0.50 primary, 0.45 junior). */
export function cvAgainstThreshold(el: HTMLElement, rows: CvRow[], threshold: number, labels: { threshold: string }) {
  el.dataset.threshold = String(threshold);
  el.dataset.points = JSON.stringify(rows.map((r) => [r.indicator, Number(r.cv.toFixed(4))]));
  return render(el, {
    grid: { left: 50, right: 80, top: 30, bottom: 60 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: rows.map((r) => r.indicator), axisLabel: { interval: 0, rotate: 20 } },
    yAxis: { type: 'value', name: 'CV', max: (v: { max: number }) => Math.max(v.max, threshold) * 1.15 },
    series: [
      {
        type: 'bar',
        name: 'CV',
        data: rows.map((r) => ({
          value: Number(r.cv.toFixed(3)),
          itemStyle: { color: COLOURS[r.warning as keyof typeof COLOURS] ?? COLOURS.BLUE },
        })),
        label: { show: true, position: 'top', formatter: (p: { value: number }) => p.value.toFixed(2) },
        markLine: {
          symbol: 'none',
          lineStyle: { color: COLOURS.RED, type: 'dashed', width: 2 },
          label: { formatter: `${labels.threshold} ${threshold.toFixed(2)}` },
          data: [{ yAxis: threshold }],
        },
      },
    ],
  });
}

export interface HeatCell {
  row: string;
  column: string;
  value: number | null;
  warning: string | null;
}

/**
 * A verdict grid (counties × indicators) coloured by traffic light, with the value in each
 * cell; empty cells (no report) stay grey.
 */
export function verdictGrid(el: HTMLElement, rows: string[], columns: string[], cells: HeatCell[]) {
  const level = { GREEN: 0, YELLOW: 1, RED: 2 } as Record<string, number>;
  el.dataset.points = JSON.stringify(
    cells.map((c) => [c.row, c.column, c.value === null ? null : Number(c.value.toFixed(3)), c.warning]),
  );
  return render(el, {
    grid: { left: 90, right: 20, top: 10, bottom: 70 },
    tooltip: { trigger: 'item' },
    xAxis: { type: 'category', data: columns, axisLabel: { interval: 0, rotate: 20 }, splitArea: { show: true } },
    yAxis: { type: 'category', data: rows, inverse: true, splitArea: { show: true } },
    visualMap: {
      type: 'piecewise',
      show: false,
      dimension: 3,
      pieces: [
        { value: 0, color: COLOURS.GREEN },
        { value: 1, color: COLOURS.YELLOW },
        { value: 2, color: COLOURS.RED },
        { value: -1, color: '#e4e6ea' },
      ],
    },
    series: [
      {
        type: 'heatmap',
        data: cells.map((c) => [
          columns.indexOf(c.column),
          rows.indexOf(c.row),
          c.value === null ? '—' : Number(c.value.toFixed(2)),
          c.warning ? level[c.warning] : -1,
        ]),
        label: { show: true, color: '#fff', fontSize: 11 },
        itemStyle: { borderColor: '#fff', borderWidth: 2 },
      },
    ],
  });
}

/**
 * Responsibility matrix: one row per item, one column per level, the roles written in the
 * cells; the leading level is dark, other roles light, no role blank.
 */
export function responsibilityMatrix(
  el: HTMLElement,
  items: string[],
  levels: string[],
  cells: { item: string; level: string; roles: string[]; lead: boolean }[],
) {
  el.dataset.points = JSON.stringify(
    cells.filter((c) => c.roles.length).map((c) => [c.item, c.level, c.roles.join('/')]),
  );
  const text = cells.map((c) => c.roles.join('/'));
  return render(el, {
    grid: { left: 260, right: 20, top: 30, bottom: 10 },
    // Tooltips are HTML: item titles are data, so they are escaped.
    tooltip: {
      trigger: 'item',
      formatter: (p: { dataIndex: number; value: number[] }) =>
        echarts.format.encodeHTML(`${items[p.value[1]]} · ${levels[p.value[0]]}: ${text[p.dataIndex] || '—'}`),
    },
    xAxis: { type: 'category', data: levels, position: 'top', splitArea: { show: true } },
    yAxis: {
      type: 'category',
      data: items,
      inverse: true,
      axisLabel: { width: 240, overflow: 'truncate', fontSize: 11 },
    },
    visualMap: {
      type: 'piecewise',
      show: false,
      dimension: 2,
      pieces: [
        { value: 2, color: '#1f5fbf' },
        { value: 1, color: '#9dbbe8' },
        { value: 0, color: '#f2f4f7' },
      ],
    },
    series: [
      {
        type: 'heatmap',
        data: cells.map((c) => ({
          value: [levels.indexOf(c.level), items.indexOf(c.item), c.lead ? 2 : c.roles.length ? 1 : 0],
          label: { color: c.lead ? '#fff' : '#1d2330' },
        })),
        label: { show: true, fontSize: 11, formatter: (p: { dataIndex: number }) => text[p.dataIndex] },
        itemStyle: { borderColor: '#fff', borderWidth: 2 },
      },
    ],
  });
}

/** Stacked red/yellow/green counts per region (tasks by county). */
export function trafficLights(
  el: HTMLElement,
  regions: string[],
  counts: Record<'RED' | 'YELLOW' | 'GREEN', number[]>,
  names: Record<'RED' | 'YELLOW' | 'GREEN', string>,
) {
  el.dataset.points = JSON.stringify(regions.map((r, i) => [r, counts.RED[i], counts.YELLOW[i], counts.GREEN[i]]));
  return render(el, {
    grid: { left: 70, right: 20, top: 40, bottom: 30 },
    legend: { top: 0 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: regions, inverse: true },
    series: (['RED', 'YELLOW', 'GREEN'] as const).map((w) => ({
      type: 'bar',
      stack: 'tasks',
      name: names[w],
      itemStyle: { color: COLOURS[w] },
      label: { show: true, formatter: (p: { value: number }) => (p.value ? String(p.value) : '') },
      data: counts[w],
    })),
  });
}

/** Rotation per county: actual share next to its target (both as percentages). */
export function rotationVsTarget(
  el: HTMLElement,
  regions: string[],
  series: { name: string; values: (number | null)[]; target: boolean }[],
) {
  el.dataset.points = JSON.stringify(regions.map((r, i) => [r, ...series.map((s) => s.values[i])]));
  return render(el, {
    grid: { left: 50, right: 20, top: 40, bottom: 40 },
    legend: { top: 0 },
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${v}%` },
    xAxis: { type: 'category', data: regions, axisLabel: { interval: 0 } },
    yAxis: { type: 'value', axisLabel: { formatter: '{value}%' } },
    series: series.map((s) =>
      s.target
        ? {
            type: 'line',
            name: s.name,
            data: s.values,
            lineStyle: { type: 'dashed' },
            symbol: 'rect',
            color: COLOURS.RED,
          }
        : { type: 'bar', name: s.name, data: s.values, label: { show: true, position: 'top', formatter: '{c}%' } },
    ),
  });
}

/** One indicator over the years for a school, with its minimum as a dashed line. */
export function indicatorTrend(
  el: HTMLElement,
  title: string,
  years: number[],
  values: (number | null)[],
  minimum: number | null,
  labels: { minimum: string },
) {
  el.dataset.points = JSON.stringify(years.map((y, i) => [y, values[i]]));
  if (minimum !== null) el.dataset.minimum = String(minimum);
  const below = (v: number | null) => minimum !== null && v !== null && v < minimum;
  return render(el, {
    grid: { left: 50, right: 60, top: 20, bottom: 24 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: years.map(String) },
    // The axis always reaches the minimum, so its line shows even when every value is far from it.
    yAxis: {
      type: 'value',
      scale: true,
      min: (v: { min: number }) => roundDown(Math.min(v.min, minimum ?? v.min) * 0.9),
      max: (v: { max: number }) => roundUp(Math.max(v.max, minimum ?? v.max) * 1.1),
    },
    series: [
      {
        type: 'line',
        name: title,
        data: values.map((v) => ({ value: v, itemStyle: { color: below(v) ? COLOURS.RED : COLOURS.BLUE } })),
        symbolSize: 8,
        label: { show: true, position: 'top' },
        markLine:
          minimum === null
            ? undefined
            : {
                symbol: 'none',
                lineStyle: { type: 'dashed', color: COLOURS.RED },
                label: { formatter: `${labels.minimum} ${minimum}` },
                data: [{ yAxis: minimum }],
              },
      },
    ],
  });
}

/** Axis bounds at two significant digits, so tick labels stay short. */
function roundDown(v: number): number {
  const step = 10 ** (Math.floor(Math.log10(Math.abs(v) || 1)) - 1);
  return Math.floor(v / step) * step;
}
function roundUp(v: number): number {
  const step = 10 ** (Math.floor(Math.log10(Math.abs(v) || 1)) - 1);
  return Math.ceil(v / step) * step;
}

/** Exchanges in and out per year (counts). */
export function inOut(
  el: HTMLElement,
  years: string[],
  inbound: number[],
  outbound: number[],
  labels: { inbound: string; outbound: string },
) {
  el.dataset.points = JSON.stringify(years.map((y, i) => [y, inbound[i], outbound[i]]));
  return render(el, {
    grid: { left: 40, right: 20, top: 40, bottom: 30 },
    legend: { top: 0 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: years },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        type: 'bar',
        name: labels.inbound,
        data: inbound,
        itemStyle: { color: COLOURS.GREEN },
        label: { show: true, position: 'top' },
      },
      {
        type: 'bar',
        name: labels.outbound,
        data: outbound,
        itemStyle: { color: COLOURS.BLUE },
        label: { show: true, position: 'top' },
      },
    ],
  });
}
