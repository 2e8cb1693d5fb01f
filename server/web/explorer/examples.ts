/// <reference lib="dom" />
import { useGraphiQL, useGraphiQLActions, type GraphiQLPlugin } from '@graphiql/react';
import { createElement as h } from 'react';
import { saveLanguage, text, type Lang } from './strings.js';

/** One SDK operation with the fragments it uses (server/web/build.mjs cuts them from sdk/operations). */
export interface Example {
  domain: string;
  name: string;
  kind: string;
  query: string;
}

/** A book icon would collide with the docs; a list of lines says "catalogue". */
function ExamplesIcon() {
  return h(
    'svg',
    {
      viewBox: '0 0 24 24',
      width: 20,
      height: 20,
      fill: 'none',
      stroke: 'currentColor',
      strokeWidth: 1.5,
      'aria-hidden': true,
    },
    h('path', { d: 'M8 6h12M8 12h12M8 18h12M4 6h.01M4 12h.01M4 18h.01', strokeLinecap: 'round' }),
  );
}

export function examplesPlugin(examples: Example[], lang: Lang): GraphiQLPlugin {
  const t = text(lang);
  const domains = [...new Set(examples.map((e) => e.domain))];
  function ExamplesPanel() {
    const { addTab } = useGraphiQLActions();
    const queryEditor = useGraphiQL((s) => s.queryEditor);
    const headerEditor = useGraphiQL((s) => s.headerEditor);
    const open = (example: Example) => {
      // A new tab starts with the default headers; keep the token the user already pasted.
      const headers = headerEditor?.getValue();
      addTab();
      // The new tab's editor models are swapped in on the next render.
      setTimeout(() => {
        queryEditor?.setValue(example.query);
        if (headers) headerEditor?.setValue(headers);
      }, 0);
    };
    const switchLanguage = () => {
      saveLanguage(lang === 'zh' ? 'en' : 'zh');
      location.reload();
    };
    return h(
      'div',
      { className: 'edugov-examples' },
      h('div', { className: 'graphiql-doc-explorer-title' }, t.examples),
      h('button', { type: 'button', className: 'edugov-lang', onClick: switchLanguage }, t.switchLanguage),
      h('p', null, t.examplesIntro),
      ...domains.map((domain) =>
        h(
          'section',
          { key: domain },
          h('h3', null, domain),
          h(
            'ul',
            null,
            ...examples
              .filter((e) => e.domain === domain)
              .map((e) =>
                h(
                  'li',
                  { key: e.name },
                  h(
                    'button',
                    {
                      type: 'button',
                      className: 'edugov-example',
                      'data-operation': e.name,
                      title: t.open,
                      onClick: () => open(e),
                    },
                    h('span', { className: 'edugov-kind' }, t.kinds[e.kind] ?? e.kind),
                    ' ',
                    e.name,
                  ),
                ),
              ),
          ),
        ),
      ),
    );
  }
  return { title: t.examples, icon: ExamplesIcon, content: ExamplesPanel };
}
