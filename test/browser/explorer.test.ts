import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuild, sdkExamples } from '../../server/web/build.mjs';
import { CONTENT_SECURITY_POLICY, serveWeb } from '../../server/web/serve.js';
import { hasChromium, NO_CHROMIUM, openBrowser, type Browser } from './browser.js';
import { DEMO, startTestServer, token, type TestServer } from '../harness.js';

/**
 * The offline API explorer (GraphiQL bundled by server/web/build.mjs), over HTTP and in real
 * headless Chromium with every request to another host refused.
 */
let s: TestServer;
let origin: string;

beforeAll(async () => {
  await ensureWebBuild();
  s = await startTestServer({ env: { EDUGOV_EXPLORER: 'true' } });
  origin = new URL(s.url).origin;
}, 300_000);
afterAll(async () => {
  await s?.close();
});

describe('explorer over HTTP', () => {
  it('answers a browser at /graphql and /explorer with the page and a same-origin-only CSP', async () => {
    for (const path of ['/graphql', '/explorer']) {
      const res = await fetch(`${origin}${path}`, { headers: { accept: 'text/html,application/xhtml+xml' } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      const csp = res.headers.get('content-security-policy')!;
      expect(csp).toBe(CONTENT_SECURITY_POLICY);
      // Every fetch directive names only this origin (and data: for embedded fonts/images).
      for (const directive of csp.split('; ')) {
        const sources = directive.split(' ').slice(1);
        for (const source of sources) expect(["'self'", "'none'", "'unsafe-inline'", 'data:']).toContain(source);
      }
      const html = await res.text();
      expect(html).toContain('explorer/main.js');
      expect(html).not.toMatch(/https?:\/\//);
    }
  });

  it('still answers GraphQL GETs and JSON clients at /graphql', async () => {
    const get = await fetch(`${s.url}?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { accept: 'text/html, application/json', 'apollo-require-preflight': 'true' },
    });
    expect(await get.json()).toMatchObject({ data: { __typename: 'Query' } });
    const json = await fetch(s.url, { headers: { accept: 'application/json' } });
    expect(json.headers.get('content-type')).not.toMatch(/text\/html/);
  });

  it('serves the bundled assets and nothing outside them', async () => {
    const js = await fetch(`${origin}/explorer/main.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    expect((await js.text()).length).toBeGreaterThan(100_000);
    for (const worker of ['editor.worker.js', 'json.worker.js', 'graphql.worker.js']) {
      expect((await fetch(`${origin}/explorer/${worker}`)).status).toBe(200);
    }
    for (const bad of [
      '/explorer/..%2Fexplorer.html',
      '/explorer/%2e%2e/fingerprint',
      '/explorer/.hidden.js',
      '/explorer/nope.js',
      '/explorer/main.js.map',
      '/explorer/a/b.js',
    ]) {
      expect((await fetch(`${origin}${bad}`)).status, bad).toBe(404);
    }
    // Writes are the API's business, not the static handler's.
    const post = await fetch(`${origin}/explorer`, { method: 'POST' });
    expect(post.status).toBe(404);
  });

  it('answers nothing when disabled, so the paths fall through to the API', async () => {
    const req = { method: 'GET', headers: { accept: 'text/html' } } as IncomingMessage;
    const res = { writeHead: () => expect.fail('wrote a response'), end: () => undefined } as unknown as ServerResponse;
    for (const path of ['/explorer', '/graphql', '/explorer/main.js', '/portal/', '/portal/app.js']) {
      expect(await serveWeb(req, res, new URL(path, 'http://x'), { explorer: false, portal: false })).toBe(false);
    }
  });

  it('preloads every SDK operation, with the fragments it uses', async () => {
    const examples = await sdkExamples();
    const names = examples.map((e) => e.name);
    // Hand-picked operations from sdk/operations/*.graphql.
    expect(names).toEqual(
      expect.arrayContaining(['Viewer', 'BalanceReport', 'SchoolProfile', 'ResponsibilityMatrix', 'UpsertSchools']),
    );
    const valueAdded = examples.find((e) => e.name === 'EvaluationCycleValueAdded')!;
    expect(valueAdded.query).toContain('fragment ValueAddedRow on ValueAddedResult');
    const schools = examples.find((e) => e.name === 'Schools')!;
    expect(schools.query).toContain('fragment SchoolFields on School');
    expect(schools.query).toContain('fragment PageInfoFields on PageInfo');
    expect(schools.query).not.toContain('fragment TeacherFields');
  });
});

describe.skipIf(!hasChromium)(`explorer in headless Chromium${hasChromium ? '' : ` (${NO_CHROMIUM})`}`, () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await openBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  /** Replaces a Monaco editor's whole text (select all, then insert without auto-closing brackets). */
  async function setEditor(page: Page, selector: string, text: string) {
    const editor = page.locator(selector).filter({ visible: true }).first();
    await editor.click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText(text);
  }

  it('loads offline, runs a query with a bearer token from the header editor, and shows the result', async () => {
    const page = await browser.page();
    await page.goto(`${origin}/graphql?lang=zh`);
    await page.locator('.graphiql-container .graphiql-query-editor .monaco-editor').waitFor({ timeout: 120_000 });
    await expect.poll(() => page.locator('.edugov-logo').textContent()).toBe('edugov 接口浏览器');

    const countyToken = await token({ role: 'COUNTY_ADMIN', regionCode: DEMO.anxiang });
    await setEditor(
      page,
      '.graphiql-editor-tool .monaco-editor',
      JSON.stringify({ Authorization: `Bearer ${countyToken}` }),
    );
    await setEditor(page, '.graphiql-query-editor .monaco-editor', 'query Who { viewer { role regionCode } }');
    // GraphiQL reads the operation name from the editor a moment later; the tab shows it then.
    await expect.poll(() => page.locator('.graphiql-tab').first().innerText()).toBe('Who');
    await page.locator('.graphiql-execute-button').click();
    const response = page.locator('.graphiql-response');
    await expect
      .poll(async () => (await response.innerText()).replace(/\s+/g, ' '), { timeout: 60_000 })
      .toContain('"role": "COUNTY_ADMIN"');
    expect((await response.innerText()).replace(/\s+/g, ' ')).toContain(`"regionCode": "${DEMO.anxiang}"`);
    await browser.screenshot(page, 'explorer-query');

    // Documentation from the schema's own descriptions (bilingual).
    await page.getByRole('button', { name: 'Show Documentation Explorer' }).click();
    await page.locator('.graphiql-doc-explorer').getByText('Query', { exact: true }).first().click();
    await expect
      .poll(() => page.locator('.graphiql-doc-explorer').innerText(), { timeout: 30_000 })
      .toContain('优质均衡指标目录');

    // The SDK's operations as examples: one click opens a new tab holding the operation.
    await page.getByRole('button', { name: 'Show 示例' }).click();
    await page.locator('[data-operation="BalanceReport"]').click();
    await expect
      .poll(async () => (await page.locator('.graphiql-query-editor').innerText()).replace(/\s+/g, ' '), {
        timeout: 30_000,
      })
      .toContain('query BalanceReport($countyCode: String!');
    // The new tab keeps the token pasted in the first.
    await expect
      .poll(async () =>
        (
          await page.locator('.graphiql-editor-tool .monaco-editor').filter({ visible: true }).first().innerText()
        ).replace(/\s+/g, ' '),
      )
      .toContain(countyToken.slice(0, 20));
    await browser.screenshot(page, 'explorer-examples');

    expect(browser.blocked).toEqual([]);
    expect(browser.problems).toEqual([]);
  }, 300_000);

  it('runs anonymously while the header editor holds only the placeholder', async () => {
    const page = await browser.page();
    // Start from a fresh explorer: the browser profile is shared by the tests, and GraphiQL keeps
    // the tabs (with an earlier example's operation name) in localStorage. The earlier tests'
    // explorers are closed first and the storage cleared on a page without GraphiQL: an open
    // explorer writes its tabs back.
    for (const other of browser.context.pages()) if (other !== page) await other.close();
    await page.goto(`${origin}/healthz`);
    await page.evaluate(() => localStorage.clear());
    await page.goto(`${origin}/explorer?lang=en`);
    await page.locator('.graphiql-query-editor .monaco-editor').waitFor({ timeout: 120_000 });
    await expect.poll(() => page.locator('.edugov-logo').textContent()).toBe('edugov API explorer');
    await setEditor(
      page,
      '.graphiql-query-editor .monaco-editor',
      'query Anonymous { viewer { kind } region(code: "430721") { name } }',
    );
    // As above: execute once GraphiQL has read the new operation's name, or it sends the
    // welcome query's name with this document.
    await expect.poll(() => page.locator('.graphiql-tab').first().innerText()).toBe('Anonymous');
    await page.locator('.graphiql-execute-button').click();
    const text = async () => (await page.locator('.graphiql-response').innerText()).replace(/\s+/g, ' ');
    await expect.poll(text, { timeout: 60_000 }).toContain('"name": "安乡县"');
    expect(await text()).toContain('"kind": "anonymous"');
    expect(browser.blocked).toEqual([]);
  }, 300_000);
});
