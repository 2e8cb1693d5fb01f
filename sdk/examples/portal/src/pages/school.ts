/// <reference lib="dom" />
import type { SchoolExchangesQuery } from '../../../../src/index.js';
import { caterpillar, indicatorTrend, inOut } from '../charts.js';
import { chartBox, fmt, h, notice } from '../dom.js';
import { BAND } from '../i18n.js';
import type { PortalContext } from '../main.js';
import { guarded, INDICATORS, indicatorLabel, readsAggregatesOnly } from './shared.js';

type Exchange = NonNullable<SchoolExchangesQuery['school']>['inboundExchanges']['nodes'][number];

/** School development portrait (学校发展画像). */
export async function schoolPage(ctx: PortalContext, code: string): Promise<Node[]> {
  const { t } = ctx;
  const [{ schoolProfile: profile }, { school }] = await Promise.all([
    ctx.api.schoolProfile({ code }),
    ctx.api.school({ code }),
  ]);
  if (!profile || !school) return [notice(t.noData, 'warn')];

  const sections = await Promise.all([
    guarded(t.indicatorsOverYears, ctx, async () => {
      const { balanceIndicators } = await ctx.api.balanceIndicators();
      const years = [...new Set(profile.indicatorValues.map((v) => v.year))].sort();
      if (!years.length) return [notice(t.noData)];
      const charts = INDICATORS.map((indicator) => {
        const definition = balanceIndicators.find((d) => d.indicator === indicator);
        const minimum =
          school.stage === 'PRIMARY'
            ? definition?.primaryMinimum
            : school.stage === 'JUNIOR'
              ? definition?.juniorMinimum
              : undefined;
        const values = years.map(
          (y) => profile.indicatorValues.find((v) => v.year === y && v.indicator === indicator)?.value ?? null,
        );
        const title = `${indicatorLabel(ctx, indicator)}${definition ? `（${definition.unit}）` : ''}`;
        const box = chartBox(`indicator-${indicator.toLowerCase()}`, title, 220);
        ctx.later.push(() => indicatorTrend(box, title, years, values, minimum ?? null, { minimum: t.minimum }));
        return h('div', { class: 'small-multiple' }, h('h3', {}, title), box);
      });
      return [h('div', { class: 'grid' }, charts)];
    }),
    guarded(t.valueAdded, ctx, async () => {
      const rows = profile.valueAdded;
      if (!rows.length) return [notice(t.noCycle)];
      const box = chartBox('value-added', t.valueAdded, rows.length * 40 + 80);
      ctx.later.push(() =>
        caterpillar(
          box,
          rows.map((r) => ({
            name: `${r.cycle.year} ${r.cycle.name}`,
            valueAdded: r.valueAdded ?? null,
            low: r.interval?.low ?? null,
            high: r.interval?.high ?? null,
            band: r.band,
          })),
          { axis: ctx.lang === 'zh' ? '增值（分）' : 'Value added (points)', bands: BAND[ctx.lang] },
        ),
      );
      return [
        box,
        h(
          'ul',
          { class: 'plain' },
          rows.map((r) =>
            h(
              'li',
              { 'data-band': r.band },
              r.band === 'SUPPRESSED' || r.valueAdded === null
                ? `${r.cycle.name}：${t.suppressed}（n=${r.cohortSize}）`
                : `${r.cycle.name}：${fmt(r.valueAdded)}（95%：${fmt(r.interval?.low)} ~ ${fmt(r.interval?.high)}），${BAND[ctx.lang][r.band]}`,
            ),
          ),
        ),
      ];
    }),
    guarded(t.evaluations, ctx, async () => {
      if (!profile.evaluations.length) return [notice(t.noEvaluations)];
      return [
        h(
          'table',
          { class: 'evaluations' },
          h(
            'thead',
            {},
            h('tr', {}, h('th', {}, '#'), h('th', {}, t.overall), h('th', {}, t.party), h('th', {}, t.score)),
          ),
          h(
            'tbody',
            {},
            profile.evaluations.flatMap((e) =>
              e.parties.map((p, i) =>
                h(
                  'tr',
                  {},
                  h('td', {}, i === 0 ? String(e.cycleId) : ''),
                  h('td', {}, i === 0 ? fmt(e.overall, 1) : ''),
                  h('td', {}, p.party),
                  h('td', {}, `${fmt(p.score, 1)}（${p.submissions}）`),
                ),
              ),
            ),
          ),
        ),
      ];
    }),
    guarded(t.exchanges, ctx, async () => {
      if (readsAggregatesOnly(ctx)) return [notice(t.exchangesHidden)];
      const { school: withExchanges } = await ctx.api.schoolExchanges({ code, first: 100 });
      if (!withExchanges) return [notice(t.noData)];
      const inbound = withExchanges.inboundExchanges.nodes;
      const outbound = withExchanges.outboundExchanges.nodes;
      if (!inbound.length && !outbound.length) return [notice(t.noData)];
      const yearOf = (x: Exchange) => x.startDate.slice(0, 4);
      const years = [...new Set([...inbound, ...outbound].map(yearOf))].sort();
      const box = chartBox('exchanges', t.exchanges, 260);
      ctx.later.push(() =>
        inOut(
          box,
          years,
          years.map((y) => inbound.filter((x) => yearOf(x) === y).length),
          years.map((y) => outbound.filter((x) => yearOf(x) === y).length),
          t,
        ),
      );
      const row = (x: Exchange) =>
        h(
          'tr',
          {},
          h('td', {}, x.teacherName),
          h('td', {}, x.sourceSchool.name),
          h('td', {}, x.targetSchool.name),
          h('td', {}, `${x.startDate} ~ ${x.endDate}`),
          h('td', {}, x.status),
        );
      return [
        box,
        h(
          'table',
          { class: 'exchanges' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', {}, t.teacher),
              h('th', {}, t.from),
              h('th', {}, t.to),
              h('th', {}, t.period),
              h('th', {}, t.status),
            ),
          ),
          h('tbody', {}, [...inbound, ...outbound].map(row)),
        ),
      ];
    }),
    guarded(t.resources, ctx, async () => {
      const { resourcePools } = await ctx.api.resourcePools({ first: 50 });
      const pools = await Promise.all(resourcePools.nodes.map((p) => ctx.api.resourcePool({ id: p.id, first: 100 })));
      const offered = pools.flatMap(({ resourcePool }) =>
        (resourcePool?.resources.nodes ?? [])
          .filter((r) => r.school?.code === code)
          .map((r) => ({ pool: resourcePool!.name, ...r })),
      );
      if (!offered.length) return [notice(t.noResources)];
      return [
        h(
          'table',
          { class: 'resources', 'data-count': offered.length },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', {}, t.resources),
              h('th', {}, t.subject),
              h('th', {}, t.capacity),
              h('th', {}, t.period),
            ),
          ),
          h(
            'tbody',
            {},
            offered.map((r) =>
              h(
                'tr',
                {},
                h('td', {}, `${r.title}（${r.pool}）`),
                h('td', {}, r.subject),
                h('td', {}, `${r.capacity} ${r.unit}`),
                h('td', {}, `${r.availableFrom} ~ ${r.availableTo}`),
              ),
            ),
          ),
        ),
      ];
    }),
  ]);
  return [
    h(
      'div',
      { class: 'page-title' },
      h('h2', {}, `${school.name} · ${t.school}`),
      h('a', { href: `#/county/${school.countyCode}` }, `← ${t.county}`),
      h('span', { class: 'meta' }, `${school.code} · ${school.stage} · ${school.enrolment}`),
    ),
    ...sections,
  ];
}
