/// <reference lib="dom" />
/** A few DOM helpers: the portal is small enough to need no framework. */
type Child = Node | string | number | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number | boolean | EventListener | undefined> = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (typeof v === 'function') el.addEventListener(k.replace(/^on/, '').toLowerCase(), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : String(c));
  }
  return el;
}

export function section(title: string, ...children: (Child | Child[])[]): HTMLElement {
  return h('section', { class: 'card' }, h('h2', {}, title), ...children);
}

/** A chart container; `name` identifies it for tests and screen readers. */
export function chartBox(name: string, label: string, height = 360): HTMLDivElement {
  return h('div', {
    class: 'chart',
    'data-chart': name,
    role: 'img',
    'aria-label': label,
    style: `height:${height}px`,
  });
}

export function notice(text: string, kind: 'info' | 'warn' = 'info'): HTMLElement {
  return h('p', { class: `notice ${kind}` }, text);
}

export function fmt(n: number | null | undefined, digits = 2): string {
  return n === null || n === undefined || Number.isNaN(n) ? '—' : n.toFixed(digits);
}
