import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../schema/domains/access/apiKeyService.js';
import { ensureWebBuild } from '../../server/web/build.mjs';
import { CONTENT_SECURITY_POLICY } from '../../server/web/serve.js';
import { hasChromium, NO_CHROMIUM, openBrowser, type Browser } from './browser.js';
import { DEMO, present, startTestServer, token, type TestServer } from '../harness.js';
import { graphql } from '../graphql/index.js';
import type { TypedDocumentString } from '../graphql/graphql.js';

/**
 * The reference portal (sdk/examples/portal) in real headless Chromium against the demo data,
 * with the production default for PORTAL keys (only the SDK's registered operations) and every
 * request to another host refused. Expected figures come from the API, asked separately here.
 */
let s: TestServer;
let origin: string;
let portalKey: string;
let cityToken: string;

/** A junior secondary school with indicator returns and teacher exchanges in the demo data. */
const JUNIOR_SCHOOL = '3143021009';
/** A senior high school with published value added. */
const SENIOR_SCHOOL = '3443021001';

beforeAll(async () => {
  await ensureWebBuild();
  s = await startTestServer({ env: { EDUGOV_PORTAL: 'true', EDUGOV_TRUSTED_DOCUMENTS: 'portal' } });
  origin = new URL(s.url).origin;
  portalKey = (
    await createApiKey(s.db.database.db, { name: '家校门户（浏览器测试）', role: 'PORTAL', regionCode: DEMO.city })
  ).token;
  cityToken = await token({ role: 'CITY_ADMIN', regionCode: DEMO.city });
}, 300_000);
afterAll(async () => {
  await s?.close();
});

async function api<R, V>(query: TypedDocumentString<R, V>, variables: V, bearer = cityToken): Promise<R> {
  const { body } = await s.gql(query, variables, bearer);
  expect(body.errors).toBeUndefined();
  return body.data;
}

describe('portal over HTTP', () => {
  it('serves the built portal at /portal/ with a same-origin CSP', async () => {
    const bare = await fetch(`${origin}/portal`, { redirect: 'manual' });
    expect(bare.status).toBe(301);
    expect(bare.headers.get('location')).toBe('/portal/');
    const page = await fetch(`${origin}/portal/`);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    const html = await page.text();
    expect(html).toContain('<meta name="edugov-api" content="../graphql">');
    expect(html).not.toMatch(/https?:\/\//);
    expect((await fetch(`${origin}/portal/app.js`)).status).toBe(200);
    expect((await fetch(`${origin}/portal/..%2Fexplorer.html`)).status).toBe(404);
  });
});

describe.skipIf(!hasChromium)(`portal in headless Chromium${hasChromium ? '' : ` (${NO_CHROMIUM})`}`, () => {
  let browser: Browser;
  let portal: Page;
  beforeAll(async () => {
    browser = await openBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  async function signIn(page: Page, secret: string, query = '') {
    await page.goto(`${origin}/portal/${query}`);
    await page.locator('input[name="token"]').fill(secret);
    await page.locator('form.login button[type="submit"]').click();
  }

  /** Waits for a page of the portal to finish loading and drawing. */
  async function ready(page: Page, name: 'city' | 'county' | 'school') {
    await page.locator(`main[data-page="${name}"][data-ready]`).waitFor({ timeout: 400_000 });
    expect(await page.locator('main').getAttribute('data-ready')).toBe('true');
  }

  /** A chart's data points (`data-points`): one tuple per mark, as the chart labels and plots it. */
  async function points<P extends unknown[] = (string | number | null)[]>(page: Page, chart: string): Promise<P[]> {
    return JSON.parse((await page.locator(`[data-chart="${chart}"]`).getAttribute('data-points'))!);
  }

  async function chartText(page: Page, chart: string): Promise<string> {
    return (await page.locator(`[data-chart="${chart}"] svg`).textContent()) ?? '';
  }

  async function yearShown(page: Page): Promise<number> {
    return Number((await page.locator('.page-title .year').textContent())!.match(/\d{4}/)![0]);
  }

  it('city page: balance verdicts per county, indicator and stage; rotation vs targets; ' +
    'responsibility matrix; value added', async () => {
    portal = await browser.page();
    await signIn(portal, portalKey);
    await ready(portal, 'city');
    expect(portal.url()).toContain(`#/city/${DEMO.city}`);
    const year = await yearShown(portal);

    // Balance grid: every county × indicator cell carries the API's CV and traffic light.
    for (const stage of ['PRIMARY', 'JUNIOR'] as const) {
      const cells = await points<[string, string, number, string | null]>(portal, `balance-${stage.toLowerCase()}`);
      expect(cells).toHaveLength(9 * 8);
      const balanceReport = present(
        (
          await api(
            graphql(
              `query BrowserPortalCityBalance($c: String!, $y: Int!, $s: BalanceStage!) { balanceReport(countyCode: $c, year: $y, stage: $s) { compositeCv indicators { indicator cv warning } } }`,
            ),
            { c: DEMO.taoyuan, y: year, s: stage },
          )
        ).balanceReport,
      );
      const taoyuan = cells.filter(([county]) => county === '桃源县');
      expect(taoyuan).toHaveLength(8);
      const backbone = present(balanceReport.indicators.find((i) => i.indicator === 'BACKBONE_TEACHERS'));
      expect(taoyuan.find(([, column]) => column === '骨干教师')).toEqual([
        '桃源县',
        '骨干教师',
        Number(present(backbone.cv).toFixed(3)),
        backbone.warning,
      ]);
      // The composite (基本均衡) is shown uncoloured: it is not a 优质均衡 verdict.
      expect(taoyuan.find(([, column]) => column === '综合')).toEqual([
        '桃源县',
        '综合',
        Number(present(balanceReport.compositeCv).toFixed(3)),
        null,
      ]);
      expect(await chartText(portal, `balance-${stage.toLowerCase()}`)).toContain('桃源县');
    }

    // Rotation: actual and target shares per county, as percentages of the API's ratios.
    const exchangeStats = present(
      (
        await api(
          graphql(
            `query BrowserPortalRotation($r: String!, $y: Int!) { exchangeStats(regionCode: $r, year: $y) { counties { regionName ratio targetRatio } } }`,
          ),
          {
            r: DEMO.city,
            y: year,
          },
        )
      ).exchangeStats,
    );
    const rotation = await points(portal, 'rotation');
    expect(rotation.map((r) => r[0])).toEqual(exchangeStats.counties.map((c) => c.regionName));
    const anxiang = present(exchangeStats.counties.find((c) => c.regionName === '安乡县'));
    expect(present(rotation.find((r) => r[0] === '安乡县')).slice(1, 3)).toEqual([
      Math.round(Number(anxiang.ratio) * 1000) / 10,
      Math.round(Number(anxiang.targetRatio) * 1000) / 10,
    ]);

    // Responsibility matrix: one labelled cell per role an item gives a level.
    const { currentResponsibilityList } = await api(
      graphql(`query BrowserPortalCurrentList($r: String!) { currentResponsibilityList(regionCode: $r) { id } }`),
      { r: DEMO.city },
    );
    const { responsibilityList } = await api(
      graphql(
        `query BrowserPortalMatrix($id: ID!) { responsibilityList(id: $id) { matrix { rows { title city county school } } } }`,
      ),
      {
        id: present(currentResponsibilityList).id,
      },
    );
    const filled = present(responsibilityList).matrix.rows.flatMap((r) =>
      [r.city, r.county, r.school].filter((roles) => roles.length),
    );
    expect(await points(portal, 'responsibility-matrix')).toHaveLength(filled.length);
    expect(await chartText(portal, 'responsibility-matrix')).toContain('主责');

    // Value added: schools ordered by estimate with their intervals; suppressed ones listed apart.
    const cycles = await api(
      graphql(`query BrowserPortalCycles($r: String!) { evaluationCycles(regionCode: $r) { nodes { id status } } }`),
      { r: DEMO.city },
    );
    const closed = present(cycles.evaluationCycles.nodes.find((c) => c.status === 'CLOSED'));
    const va = await api(
      graphql(
        `query BrowserPortalValueAdded($id: ID!) { evaluationCycle(id: $id) { valueAdded(first: 100) { nodes { school { name } band valueAdded interval { low high } } } } }`,
      ),
      { id: closed.id },
    );
    const rows = present(va.evaluationCycle).valueAdded.nodes;
    const estimated = rows.filter((r) => r.band !== 'SUPPRESSED');
    const plotted = await points<[string, number, number, number]>(portal, 'value-added');
    expect(plotted).toHaveLength(estimated.length);
    const values = plotted.map((p) => p[1]);
    expect(values).toEqual([...values].sort((a, b) => b - a));
    const top = estimated.reduce((a, b) => (Number(b.valueAdded) > Number(a.valueAdded) ? b : a));
    expect(plotted[0]).toEqual([top.school.name, top.valueAdded, top.interval?.low, top.interval?.high]);
    const suppressed = rows.filter((r) => r.band === 'SUPPRESSED');
    expect(suppressed.length).toBeGreaterThan(0);
    for (const r of suppressed) expect(await portal.locator('.suppressed').textContent()).toContain(r.school.name);

    // A portal key reads no rectification tasks: the page says so instead of an empty chart.
    expect(await portal.locator('[data-chart="tasks-by-county"]').count()).toBe(0);
    expect(await portal.locator('main').textContent()).toContain('当前身份无权查看整改任务');
    await browser.screenshot(portal, 'portal-city');
  }, 600_000);

  it('county page: CV per indicator against the stage threshold, schools, value added of its schools', async () => {
    await portal.goto(`${origin}/portal/#/county/${DEMO.anxiang}`);
    await ready(portal, 'county');
    const year = await yearShown(portal);
    for (const stage of ['PRIMARY', 'JUNIOR'] as const) {
      const balanceReport = present(
        (
          await api(
            graphql(
              `query BrowserPortalCountyBalance($c: String!, $y: Int!, $s: BalanceStage!) { balanceReport(countyCode: $c, year: $y, stage: $s) { threshold indicators { cv } schools { school { name } } } }`,
            ),
            { c: DEMO.anxiang, y: year, s: stage },
          )
        ).balanceReport,
      );
      const chart = portal.locator(`[data-chart="cv-${stage.toLowerCase()}"]`);
      // The line the issue names: 0.50 for primary, 0.45 for junior secondary (as the API reports it).
      expect(Number(await chart.getAttribute('data-threshold'))).toBe(balanceReport.threshold);
      expect((await points(portal, `cv-${stage.toLowerCase()}`)).map((p) => p[1])).toEqual(
        balanceReport.indicators.map((i) => Number(present(i.cv).toFixed(4))),
      );
      expect(await chartText(portal, `cv-${stage.toLowerCase()}`)).toContain(balanceReport.threshold.toFixed(2));
    }
    expect(await portal.locator('table.schools a').first().getAttribute('href')).toMatch(/^#\/school\/\d{10}$/);
    const plotted = await points(portal, 'value-added');
    expect(plotted.length).toBeGreaterThan(0);
    for (const [name] of plotted) expect(name).toMatch(/^安乡县/);
    await browser.screenshot(portal, 'portal-county');
  }, 300_000);

  it('school portrait: indicators over the years against the minimums, value added with its interval', async () => {
    await portal.goto(`${origin}/portal/#/school/${JUNIOR_SCHOOL}`);
    await ready(portal, 'school');
    const { schoolProfile, balanceIndicators } = await api(
      graphql(
        `query BrowserPortalSchoolIndicators($c: String!) { schoolProfile(code: $c) { indicatorValues { year indicator value } } balanceIndicators { indicator juniorMinimum } }`,
      ),
      { c: JUNIOR_SCHOOL },
    );
    for (const indicator of ['BACKBONE_TEACHERS', 'EQUIPMENT_VALUE']) {
      const chart = `indicator-${indicator.toLowerCase()}`;
      const expected = present(schoolProfile)
        .indicatorValues.filter((v) => v.indicator === indicator)
        .sort((a, b) => a.year - b.year)
        .map((v) => [v.year, v.value]);
      expect(await points(portal, chart)).toEqual(expected);
      const minimum = present(balanceIndicators.find((d) => d.indicator === indicator)).juniorMinimum;
      expect(Number(await portal.locator(`[data-chart="${chart}"]`).getAttribute('data-minimum'))).toBe(minimum);
    }
    expect(await portal.locator('[data-chart^="indicator-"]').count()).toBe(7);
    await browser.screenshot(portal, 'portal-school');

    await portal.goto(`${origin}/portal/#/school/${SENIOR_SCHOOL}`);
    await ready(portal, 'school');
    const va = await api(
      graphql(
        `query BrowserPortalSchoolValueAdded($c: String!) { schoolProfile(code: $c) { valueAdded { valueAdded interval { low high } } } }`,
      ),
      { c: SENIOR_SCHOOL },
    );
    const plotted = await points(portal, 'value-added');
    expect(plotted.map((p) => p.slice(1))).toEqual(
      present(va.schoolProfile).valueAdded.map((r) => [r.valueAdded, r.interval?.low, r.interval?.high]),
    );
    await browser.screenshot(portal, 'portal-school-value-added');
  }, 300_000);

  it('shows no personal data to a PORTAL key; a city bureau sees exchanges by name and the task board', async () => {
    const { school } = await api(
      graphql(
        `query BrowserPortalExchanges($c: String!) { school(code: $c) { inboundExchanges(first: 50) { nodes { teacherName } } outboundExchanges(first: 50) { nodes { teacherName } } } }`,
      ),
      {
        c: JUNIOR_SCHOOL,
      },
    );
    const names = [...present(school).inboundExchanges.nodes, ...present(school).outboundExchanges.nodes].map(
      (n) => n.teacherName,
    );
    expect(names.length).toBeGreaterThan(0);

    const seen: string[] = [];
    for (const hash of [`#/city/${DEMO.city}`, `#/county/${DEMO.anxiang}`, `#/school/${JUNIOR_SCHOOL}`]) {
      await portal.goto(`${origin}/portal/${hash}`);
      await ready(portal, hash.split('/')[1] as 'city' | 'county' | 'school');
      seen.push((await portal.locator('body').innerText()) + (await portal.content()));
    }
    const all = seen.join('\n');
    for (const name of names) expect(all).not.toContain(name);
    // No ID numbers (身份证号) or mobile numbers anywhere in the pages.
    expect(all).not.toMatch(/(?<!\d)\d{17}[\dXx](?!\d)/);
    expect(all).not.toMatch(/(?<!\d)1[3-9]\d{9}(?!\d)/);
    expect(await portal.locator('main').textContent()).toContain('交流明细含教师个人信息');

    // The same pages for the city bureau show what the portal key was refused.
    const bureau = await browser.page();
    await signIn(bureau, cityToken);
    await ready(bureau, 'city');
    await browser.screenshot(bureau, 'portal-city-bureau');
    const lights = await points(bureau, 'tasks-by-county');
    const { rectificationTasks } = await api(
      graphql(
        `query BrowserPortalTasks($r: String!) { rectificationTasks(filter: { regionCode: $r }, first: 100) { nodes { regionCode warning } } }`,
      ),
      {
        r: DEMO.city,
      },
    );
    const red = rectificationTasks.nodes.filter((t) => t.regionCode === DEMO.anxiang && t.warning === 'RED').length;
    expect(present(lights.find((l) => l[0] === '安乡县'))[1]).toBe(red);
    await bureau.goto(`${origin}/portal/#/county/${DEMO.anxiang}`);
    await ready(bureau, 'county');
    for (const warning of ['RED', 'YELLOW', 'GREEN']) {
      const expected = rectificationTasks.nodes.filter(
        (t) => t.regionCode === DEMO.anxiang && t.warning === warning,
      ).length;
      expect(Number(await bureau.locator(`.lane[data-warning="${warning}"]`).getAttribute('data-count'))).toBe(
        expected,
      );
    }
    await browser.screenshot(bureau, 'portal-county-bureau');
    await bureau.goto(`${origin}/portal/#/school/${JUNIOR_SCHOOL}`);
    await ready(bureau, 'school');
    const text = await bureau.locator('main').innerText();
    for (const name of names) expect(text).toContain(name);
    expect(await points(bureau, 'exchanges')).not.toHaveLength(0);

    expect(browser.blocked).toEqual([]);
    expect(browser.problems).toEqual([]);
  }, 900_000);

  it('speaks English on request', async () => {
    const page = await browser.page();
    await signIn(page, portalKey, '?lang=en');
    await ready(page, 'city');
    expect(await page.locator('.page-title h2').textContent()).toBe('常德市 · City overview');
    expect(await chartText(page, 'balance-primary')).toContain('Backbone teachers');
    await page.evaluate(() => localStorage.removeItem('edugov:portal:lang'));
  }, 600_000);
});
