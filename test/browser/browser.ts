import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/**
 * Real headless Chromium for the browser tests: Debian's `chromium` package (browsers cannot
 * be downloaded here), driven by playwright-core. Every request to anything but this machine
 * is refused, so a page that still works proves it needs no internet.
 */
export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
export const NO_CHROMIUM = `skipped: ${CHROMIUM} is not installed (apt-get install -y chromium; .ci/run installs it)`;

/** Screenshots for CI to keep (gitignored). */
export const ARTIFACTS = join(import.meta.dirname, '..', 'artifacts');

export interface Browser {
  context: BrowserContext;
  /** Requests to other hosts that were attempted (and refused). */
  blocked: string[];
  /** Page errors, console errors and failed same-origin requests, as they happened. */
  problems: string[];
  page(): Promise<Page>;
  screenshot(page: Page, name: string): Promise<void>;
  close(): Promise<void>;
}

const LOCAL = new Set(['127.0.0.1', 'localhost', '[::1]']);

export async function openBrowser(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'edugov-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 900 },
    locale: 'zh-CN',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const blocked: string[] = [];
  const problems: string[] = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (LOCAL.has(url.hostname)) return route.continue();
    blocked.push(url.href);
    return route.abort('internetdisconnected');
  });
  mkdirSync(ARTIFACTS, { recursive: true });
  return {
    context,
    blocked,
    problems,
    async page() {
      const page = await context.newPage();
      page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(`console: ${m.text()}`);
      });
      page.on('requestfailed', (r) => {
        if (LOCAL.has(new URL(r.url()).hostname)) problems.push(`failed: ${r.url()} ${r.failure()?.errorText}`);
      });
      return page;
    },
    async screenshot(page, name) {
      await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
