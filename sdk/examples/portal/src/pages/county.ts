/// <reference lib="dom" />
import { cvAgainstThreshold } from '../charts.js';
import { chartBox, fmt, h, notice } from '../dom.js';
import { WARNING } from '../i18n.js';
import type { PortalContext } from '../main.js';
import {
  guarded,
  indicatorLabel,
  readsAggregatesOnly,
  reportYear,
  rotationSection,
  STAGES,
  valueAddedSection,
} from './shared.js';

/** County page (县级详情): balance per stage against the threshold, the task board, rotation, value added. */
export async function countyPage(ctx: PortalContext, code: string): Promise<Node[]> {
  const { t } = ctx;
  const { region } = await ctx.api.region({ code });
  if (!region) return [notice(t.noData, 'warn')];
  const cityCode = region.parent?.code;
  const year = await reportYear(ctx.api, code);

  const sections = await Promise.all([
    ...STAGES.map((stage) =>
      guarded(t.balanceCounty(t.stage[stage]), ctx, async () => {
        const { balanceReport: report } = await ctx.api.balanceReport({ countyCode: code, year, stage });
        if (!report?.schools.length) return [notice(t.noData)];
        const box = chartBox(`cv-${stage.toLowerCase()}`, t.cvChart(t.stage[stage], report.threshold.toFixed(2)), 320);
        const rows = report.indicators
          .filter((i) => i.cv !== null)
          .map((i) => ({
            indicator: indicatorLabel(ctx, i.indicator),
            cv: i.cv!,
            met: i.withinThreshold,
            warning: i.warning,
          }));
        ctx.later.push(() => cvAgainstThreshold(box, rows, report.threshold, { threshold: t.threshold }));
        return [
          h(
            'p',
            { class: 'sub' },
            `${t.composite} CV ${fmt(report.compositeCv, 3)} · ${t.schoolsMeeting(report.schoolsMeetingStandard, report.schools.length)}`,
          ),
          box,
          h(
            'table',
            { class: 'schools' },
            h('thead', {}, h('tr', {}, h('th', {}, t.schoolsTitle), h('th', {}, t.indicatorsMet), h('th', {}, ''))),
            h(
              'tbody',
              {},
              report.schools.map((s) =>
                h(
                  'tr',
                  {},
                  h('td', {}, h('a', { href: `#/school/${s.school.code}` }, s.school.name)),
                  h('td', {}, `${s.indicatorsMet} / 7`),
                  h(
                    'td',
                    {},
                    h(
                      'span',
                      { class: `chip ${s.meetsStandard ? 'green' : 'red'}` },
                      s.meetsStandard ? t.meets : t.notMeets,
                    ),
                  ),
                ),
              ),
            ),
          ),
          report.exclusions.length
            ? h(
                'p',
                { class: 'note' },
                `${t.exclusions}: ${report.exclusions.map((e) => `${e.school.name}（${e.reason}）`).join('；')}`,
              )
            : null,
        ];
      }),
    ),
    guarded(t.taskBoard, ctx, async () => {
      if (readsAggregatesOnly(ctx)) return [notice(t.tasksHidden)];
      const { rectificationTasks } = await ctx.api.rectificationTasks({ filter: { regionCode: code }, first: 100 });
      const columns = (['RED', 'YELLOW', 'GREEN'] as const).map((w) => {
        const tasks = rectificationTasks.nodes.filter((task) => task.warning === w);
        return h(
          'div',
          { class: `lane ${w.toLowerCase()}`, 'data-warning': w, 'data-count': tasks.length },
          h('h3', {}, `${WARNING[ctx.lang][w]} · ${tasks.length}`),
          tasks.map((task) =>
            h(
              'div',
              { class: 'task' },
              h('strong', {}, task.title),
              h('div', { class: 'progress' }, h('span', { style: `width:${Math.round(task.progress)}%` })),
              h(
                'small',
                {},
                `${Math.round(task.progress)}% / ${Math.round(task.expectedProgress)}% · ${task.deadline}${task.overdue ? ' · ⚠' : ''}`,
              ),
            ),
          ),
        );
      });
      return [h('div', { class: 'board', 'data-chart': 'task-board' }, columns)];
    }),
    rotationSection(ctx, code, year),
    cityCode ? valueAddedSection(ctx, cityCode, code) : Promise.resolve(notice(t.noCycle)),
  ]);
  return [
    h(
      'div',
      { class: 'page-title' },
      h('h2', {}, `${region.name} · ${t.county}`),
      cityCode ? h('a', { href: `#/city/${cityCode}` }, `← ${region.parent!.name}`) : null,
      h('span', { class: 'year' }, `${t.year} ${year}`),
    ),
    ...sections,
  ];
}
