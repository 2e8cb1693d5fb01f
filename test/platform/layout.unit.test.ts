import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Services are plain functions (CONTRIBUTING.md): the seed, the CLI and tests call them without
 * a schema. Nothing a service imports, directly or through other modules, may load Pothos.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const DOMAINS = join(ROOT, 'schema/domains');

/** Module specifiers a file imports or re-exports, side-effect imports included. */
function imports(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)\s(?:[^'"]*?from\s+)?'([^']+)'/gm)].map((m) => m[1]);
}

/** Every module reachable from `file`, with the chain that reached it. */
function reachable(file: string): Map<string, string[]> {
  const seen = new Map<string, string[]>([[file, [file]]]);
  const queue = [file];
  while (queue.length) {
    const current = queue.shift()!;
    for (const spec of imports(current)) {
      if (!spec.startsWith('.')) continue;
      const target = resolve(dirname(current), spec.replace(/\.js$/, '.ts'));
      if (seen.has(target)) continue;
      seen.set(target, [...seen.get(current)!, target]);
      queue.push(target);
    }
  }
  return seen;
}

const services = readdirSync(DOMAINS).flatMap((domain) => {
  const dir = join(DOMAINS, domain, 'services');
  try {
    return readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => join(dir, f));
  } catch {
    return [];
  }
});

describe('layout', () => {
  it('finds the services', () => {
    expect(services.length).toBeGreaterThan(40);
  });

  it('no service reaches Pothos or the schema builder', () => {
    const offences: string[] = [];
    for (const service of services) {
      for (const [file, chain] of reachable(service)) {
        const pothos = imports(file).find((s) => s.startsWith('@pothos/') || s.endsWith('/builder.js'));
        if (pothos) offences.push(`${chain.map((f) => f.slice(ROOT.length + 1)).join(' → ')} imports ${pothos}`);
      }
    }
    expect(offences).toEqual([]);
  });
});
