import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Relay cursors are encoded only when a query selects them (patches/@pothos+plugin-drizzle+*.patch):
 * a page read through `nodes` pays nothing for them; `edges.cursor` and `pageInfo`'s cursors
 * are the same values as before, each encoded once.
 */
const pluginMain = createRequire(import.meta.url).resolve('@pothos/plugin-drizzle');
const { wrapConnectionResult } = (await import(pathToFileURL(join(dirname(pluginMain), 'utils/cursors.js')).href)) as {
  wrapConnectionResult: (
    results: unknown[],
    args: Record<string, unknown>,
    limit: number,
    cursor: (v: unknown) => string,
  ) => {
    edges: { cursor: string; node: unknown }[];
    pageInfo: { startCursor: string | null; endCursor: string | null; hasNextPage: boolean };
  };
};

describe('lazy Relay cursors', () => {
  const rows = [{ id: 1 }, { id: 2 }, { id: 3 }];
  const encoder = () => {
    const calls: unknown[] = [];
    const cursor = (v: unknown) => {
      calls.push(v);
      return `c${(v as { id: number }).id}`;
    };
    return { calls, cursor };
  };

  it('builds a page without encoding a cursor', () => {
    const { calls, cursor } = encoder();
    const page = wrapConnectionResult(rows, { first: 2 }, 3, cursor);
    expect(page.edges.map((e) => e.node)).toEqual([{ id: 1 }, { id: 2 }]);
    expect(page.pageInfo.hasNextPage).toBe(true);
    expect(calls).toEqual([]);
  });

  it('encodes a selected cursor once, and pageInfo reads the edges’ cursors', () => {
    const { calls, cursor } = encoder();
    const page = wrapConnectionResult(rows, { first: 2 }, 3, cursor);
    expect(page.edges[1].cursor).toBe('c2');
    expect(page.edges[1].cursor).toBe('c2');
    expect(page.pageInfo).toMatchObject({ startCursor: 'c1', endCursor: 'c2' });
    expect(calls).toEqual([{ id: 2 }, { id: 1 }]);
  });

  it('an empty page has null cursors', () => {
    const { cursor } = encoder();
    expect(wrapConnectionResult([], { first: 2 }, 3, cursor).pageInfo).toMatchObject({
      startCursor: null,
      endCursor: null,
    });
  });
});
