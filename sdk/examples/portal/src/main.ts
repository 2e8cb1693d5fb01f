/// <reference lib="dom" />
/**
 * edugov reference portal: a small static app built only on the typed SDK (@edugov/sdk, here
 * from its sources), for bureaus to host or to copy. Three pages, addressed by hash:
 * #/city/430700, #/county/430721, #/school/2143021004.
 */
import { createClient, EdugovError, type EdugovClient, type Viewer } from '../../../src/index.js';
import { h, notice } from './dom.js';
import { currentLang, setLang, strings, type Lang } from './i18n.js';
import { cityPage } from './pages/city.js';
import { countyPage } from './pages/county.js';
import { schoolPage } from './pages/school.js';
import './portal.css';

export interface PortalContext {
  api: EdugovClient;
  viewer: Viewer;
  lang: Lang;
  t: ReturnType<typeof strings>;
  /** Chart drawing, run once the page is in the document (ECharts measures its container). */
  later: (() => void)[];
}

const TOKEN_KEY = 'edugov:portal:token';

/** The API the portal talks to: `<meta name="edugov-api">`, relative to the page. */
function apiUrl(): string {
  const configured = document.querySelector<HTMLMetaElement>('meta[name="edugov-api"]')?.content || '../graphql';
  return new URL(configured, location.href).href;
}

const lang = currentLang();
const t = strings(lang);
document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
document.title = t.title;
const root = document.getElementById('portal')!;

function client(token: string | null): EdugovClient {
  // A city page asks for some thirty reports at once; on a busy server they wait their turn
  // (EDUGOV_MAX_CONCURRENT_EXECUTIONS), so each call gets two minutes rather than the default 30 s.
  return createClient({ url: apiUrl(), token: token ?? undefined, timeoutMs: 120_000 });
}

function header(viewer: Viewer | null): HTMLElement {
  const other: Lang = lang === 'zh' ? 'en' : 'zh';
  return h(
    'header',
    { class: 'top' },
    h('h1', {}, t.title),
    h(
      'div',
      { class: 'who' },
      viewer
        ? h('span', { 'data-viewer-role': viewer.role }, t.signedInAs(viewer.role, viewer.regionCode ?? ''))
        : null,
      viewer
        ? h(
            'button',
            {
              type: 'button',
              onclick: () => {
                sessionStorage.removeItem(TOKEN_KEY);
                location.reload();
              },
            },
            t.logout,
          )
        : null,
      h(
        'button',
        {
          type: 'button',
          class: 'lang',
          onclick: () => {
            setLang(other);
            location.reload();
          },
        },
        other === 'en' ? 'English' : '中文',
      ),
    ),
  );
}

function loginForm(error?: string): HTMLElement {
  const input = h('input', {
    type: 'password',
    name: 'token',
    autocomplete: 'off',
    'aria-label': t.tokenLabel,
    placeholder: t.tokenLabel,
  });
  const form = h(
    'form',
    { class: 'login card' },
    h('h2', {}, t.login),
    h('p', {}, t.loginIntro),
    error ? notice(error, 'warn') : null,
    input,
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit' }, t.login),
      h('button', { type: 'button', class: 'secondary', 'data-anonymous': true }, t.anonymous),
    ),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void signIn(input.value.trim() || null);
  });
  form.querySelector('[data-anonymous]')!.addEventListener('click', () => void signIn(null));
  return form;
}

async function signIn(token: string | null) {
  root.replaceChildren(header(null), h('main', {}, notice(t.loading)));
  const api = client(token);
  try {
    const { viewer } = await api.viewer();
    sessionStorage.setItem(TOKEN_KEY, token ?? '');
    const ctx: PortalContext = { api, viewer, lang, t, later: [] };
    if (!location.hash) location.hash = await defaultRoute(ctx);
    window.onhashchange = () => void route(ctx);
    await route(ctx);
  } catch (err) {
    sessionStorage.removeItem(TOKEN_KEY);
    root.replaceChildren(header(null), h('main', {}, loginForm(describe(err))));
  }
}

/** Where a caller starts: their own school, county or city; else the first city on record. */
async function defaultRoute(ctx: PortalContext): Promise<string> {
  const { viewer } = ctx;
  if (viewer.schoolCode) return `#/school/${viewer.schoolCode}`;
  if (viewer.regionCode) {
    const { region } = await ctx.api.region({ code: viewer.regionCode });
    if (region?.level === 'COUNTY') return `#/county/${region.code}`;
    if (region?.level === 'CITY') return `#/city/${region.code}`;
  }
  const { regions } = await ctx.api.regions({ level: 'CITY', first: 1 });
  return regions.nodes[0] ? `#/city/${regions.nodes[0].code}` : '#/city/';
}

async function route(ctx: PortalContext) {
  const [, page, code] = location.hash.match(/^#\/(city|county|school)\/([0-9A-Za-z]*)/) ?? [];
  const main = h('main', { 'data-page': page ?? 'none' }, notice(t.loading));
  root.replaceChildren(header(ctx.viewer), main);
  ctx.later = [];
  try {
    const content =
      page === 'county'
        ? await countyPage(ctx, code)
        : page === 'school'
          ? await schoolPage(ctx, code)
          : await cityPage(ctx, code ?? '');
    main.replaceChildren(...content);
    for (const draw of ctx.later) draw();
    main.dataset.ready = 'true';
  } catch (err) {
    main.replaceChildren(notice(t.failed(describe(err)), 'warn'));
    main.dataset.ready = 'error';
  }
}

function describe(err: unknown): string {
  if (err instanceof EdugovError) return `${err.code}: ${err.message}`;
  return err instanceof Error ? err.message : String(err);
}

const saved = sessionStorage.getItem(TOKEN_KEY);
if (saved !== null) void signIn(saved || null);
else root.replaceChildren(header(null), h('main', {}, loginForm()));
