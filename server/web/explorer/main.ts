/// <reference lib="dom" />
/**
 * The API explorer (接口浏览器): GraphiQL with Monaco, bundled by server/web/build.mjs so
 * that it loads nothing but this server's own files. Documentation comes from the schema's
 * descriptions by introspection; the SDK's operations are offered as examples.
 */
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import 'graphiql/style.css';
import { createElement as h } from 'react';
import { createRoot } from 'react-dom/client';
import examples from 'edugov:examples';
import { examplesPlugin, type Example } from './examples.js';
import { loadLanguage, text } from './strings.js';
import './explorer.css';

/**
 * Monaco runs its language services in workers; they are built next to this script (no blob:
 * or CDN workers, which the Content-Security-Policy would refuse).
 */
const scriptUrl = (document.currentScript as HTMLScriptElement | null)?.src ?? location.href;
const WORKERS: Record<string, string> = { json: 'json.worker.js', graphql: 'graphql.worker.js' };
(globalThis as { MonacoEnvironment?: unknown }).MonacoEnvironment = {
  getWorker: (_id: string, label: string) => new Worker(new URL(WORKERS[label] ?? 'editor.worker.js', scriptUrl)),
};

/** The header editor starts with this; paste a token or API key after "Bearer ". */
const TOKEN_PLACEHOLDER = 'Bearer ';
const DEFAULT_HEADERS = JSON.stringify({ Authorization: TOKEN_PLACEHOLDER }, null, 2);

/**
 * An Authorization header still holding only the placeholder is dropped, so the explorer
 * works anonymously (public data) until a token is pasted instead of failing with 401.
 */
const fetchWithoutEmptyToken: typeof fetch = (input, init) => {
  const headers = new Headers(init?.headers);
  if (
    headers
      .get('authorization')
      ?.trim()
      .replace(/^bearer$/i, '') === ''
  )
    headers.delete('authorization');
  return fetch(input, { ...init, headers });
};

const lang = loadLanguage();
document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
const t = text(lang);

const fetcher = createGraphiQLFetcher({ url: new URL('graphql', location.href).href, fetch: fetchWithoutEmptyToken });

createRoot(document.getElementById('explorer')!).render(
  h(
    GraphiQL,
    {
      fetcher,
      defaultQuery: t.welcomeQuery,
      defaultHeaders: DEFAULT_HEADERS,
      defaultEditorToolsVisibility: 'headers',
      isHeadersEditorEnabled: true,
      shouldPersistHeaders: false,
      plugins: [examplesPlugin(examples as Example[], lang)],
    },
    h(GraphiQL.Logo, null, h('span', { className: 'edugov-logo' }, t.logo)),
  ),
);
