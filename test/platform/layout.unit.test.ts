import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The domain layout (CONTRIBUTING.md, "Layout"): what each file of `schema/domains/<domain>/`
 * is follows from where it lives and how it is named.
 *  - `services/<verb>.ts`: one exported verb (defineVerb / bulkVerb), named as the file; services
 *    reach no Pothos, directly or through other modules.
 *  - `graphql/`: every module that uses the builder or a Pothos plugin, and only those; named
 *    `types|inputs|enums|queries|mutations.ts` or `<thing>Types.ts` (…Inputs, …Enums, …Queries,
 *    …Mutations). No module outside graphql/ imports one inside it.
 *  - the domain root: its tables (`table.ts`, `<thing>Table.ts`) with their drizzle relations
 *    beside them (`relations.ts`), demo data (`demo.ts`, `demo<Thing>.ts`) and plain modules
 *    (rules, SQL, loaders) named for what they hold.
 * Import boundaries between domains (layers, no cycles) are dependency-cruiser's.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const DOMAINS = join(ROOT, 'schema/domains');
const rel = (file: string) => relative(ROOT, file);

/** Module specifiers a file imports or re-exports, side-effect imports included. */
function imports(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)\s(?:[^'"]*?from\s+)?'([^']+)'/gm)].map(
    (m) => m[1],
  );
}

const target = (from: string, spec: string) => resolve(dirname(from), spec.replace(/\.js$/, '.ts'));

/** Every module reachable from `file`, with the chain that reached it. */
function reachable(file: string): Map<string, string[]> {
  const seen = new Map<string, string[]>([[file, [file]]]);
  const queue = [file];
  while (queue.length) {
    const current = queue.shift()!;
    for (const spec of imports(current)) {
      if (!spec.startsWith('.')) continue;
      const next = target(current, spec);
      if (seen.has(next)) continue;
      seen.set(next, [...seen.get(current)!, next]);
      queue.push(next);
    }
  }
  return seen;
}

const domains = readdirSync(DOMAINS).filter((d) => statSync(join(DOMAINS, d)).isDirectory());
const filesIn = (dir: string) => {
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => join(dir, f));
  } catch {
    return [];
  }
};
const services = domains.flatMap((d) => filesIn(join(DOMAINS, d, 'services')));
const graphql = domains.flatMap((d) => filesIn(join(DOMAINS, d, 'graphql')));
const plain = domains.flatMap((d) => filesIn(join(DOMAINS, d)));
const all = [...services, ...graphql, ...plain];

const usesGraphql = (spec: string) => spec.startsWith('@pothos/plugin-') || spec.endsWith('/builder.js');
const GRAPHQL_NAME =
  /^(types|inputs|enums|queries|mutations|[a-z][A-Za-z]*(Types|Inputs|Enums|Queries|Mutations))\.ts$/;
const TABLE_NAME = /^(table|[a-z][A-Za-z]*Table)\.ts$/;
/** Names that say nothing about what a module holds. */
const VAGUE = new Set([
  'common',
  'content',
  'views',
  'rows',
  'utils',
  'util',
  'helpers',
  'misc',
  'types',
  'index',
  'lib',
  'data',
  'resourceParts',
  'poolParty',
]);

describe('layout', () => {
  it('finds the domains and their files', () => {
    expect(services.length).toBeGreaterThan(40);
    expect(graphql.length).toBeGreaterThan(40);
  });

  it('a domain holds only services/, graphql/ and modules at its root', () => {
    const strays = domains.flatMap((d) =>
      readdirSync(join(DOMAINS, d))
        .filter((f) => statSync(join(DOMAINS, d, f)).isDirectory() && f !== 'services' && f !== 'graphql')
        .map((f) => `schema/domains/${d}/${f}/`),
    );
    expect(strays).toEqual([]);
  });

  it('every file in services/ exports one verb, named as the file', async () => {
    const offences: string[] = [];
    for (const file of services) {
      const mod: Record<string, unknown> = await import(pathToFileURL(file).href);
      const exported = Object.entries(mod);
      const verbs = exported.filter(
        ([, v]) => typeof v === 'function' && typeof (v as { permission?: unknown }).permission === 'string',
      );
      const name = basename(file, '.ts');
      if (exported.length !== 1 || verbs.length !== 1 || verbs[0][0] !== name) {
        offences.push(
          `${rel(file)} exports ${exported.map(([k]) => k).join(', ') || 'nothing'} (expected the verb ${name} alone)`,
        );
      }
    }
    expect(offences).toEqual([]);
  });

  it('no service reaches Pothos or the schema builder', () => {
    const offences: string[] = [];
    for (const service of services) {
      for (const [file, chain] of reachable(service)) {
        const pothos = imports(file).find((s) => s.startsWith('@pothos/') || s.endsWith('/builder.js'));
        if (pothos) offences.push(`${chain.map(rel).join(' → ')} imports ${pothos}`);
      }
    }
    expect(offences).toEqual([]);
  });

  it('the builder and Pothos plugins are imported only under graphql/', () => {
    const offences = [...services, ...plain].filter((f) => imports(f).some(usesGraphql)).map(rel);
    expect(offences).toEqual([]);
  });

  it('every module under graphql/ is GraphQL, and no module outside graphql/ imports one', () => {
    const outside = [...services, ...plain].flatMap((f) =>
      imports(f)
        .filter((s) => s.startsWith('.') && target(f, s).includes('/graphql/'))
        .map((s) => `${rel(f)} imports ${s}`),
    );
    expect(outside).toEqual([]);
    const notGraphql = graphql.filter(
      (f) => !imports(f).some((s) => usesGraphql(s) || (s.startsWith('.') && target(f, s).includes('/graphql/'))),
    );
    expect(notGraphql.map(rel)).toEqual([]);
  });

  it('file names follow the convention of their folder', () => {
    const offences = [
      ...graphql
        .filter((f) => !GRAPHQL_NAME.test(basename(f)))
        .map(
          (f) =>
            `${rel(f)}: graphql/ holds types|inputs|enums|queries|mutations.ts or <thing>Types.ts (…Inputs, …Enums, …Queries, …Mutations)`,
        ),
      ...services.filter((f) => !/^[a-z][A-Za-z]*\.ts$/.test(basename(f))).map((f) => `${rel(f)}: a verb's name`),
      ...plain
        .filter((f) => {
          const name = basename(f);
          if (TABLE_NAME.test(name) || name === 'relations.ts' || /^demo([A-Z][A-Za-z]*)?\.ts$/.test(name))
            return false;
          return !/^[a-z][A-Za-z]*\.ts$/.test(name) || GRAPHQL_NAME.test(name) || VAGUE.has(basename(f, '.ts'));
        })
        .map(
          (f) =>
            `${rel(f)}: a plain module named for what it holds (not a GraphQL suffix, not ${[...VAGUE].join('/')})`,
        ),
    ];
    expect(offences).toEqual([]);
  });

  it('relations live beside their tables; schema/relations.ts only combines the parts', () => {
    const central = readFileSync(join(ROOT, 'schema/relations.ts'), 'utf8');
    expect(central).not.toMatch(/\br\.(one|many)\./);
    const offences: string[] = [];
    for (const d of domains) {
      const file = join(DOMAINS, d, 'relations.ts');
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        continue;
      }
      const own = new Set(
        filesIn(join(DOMAINS, d))
          .filter((f) => TABLE_NAME.test(basename(f)))
          .flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/^export const (\w+) = pgTable\(/gm)].map((m) => m[1])),
      );
      if (!own.size) offences.push(`${rel(file)}: no tables beside it`);
      for (const [, table] of text.matchAll(/^ {2}(\w+): \{/gm))
        if (!own.has(table)) offences.push(`${rel(file)} configures ${table}, a table of another domain`);
      if (!central.includes(`./domains/${d}/relations.js`))
        offences.push(`schema/relations.ts does not combine ${rel(file)}`);
    }
    expect(offences).toEqual([]);
  });

  it('every domain has its place in the layer order of .dependency-cruiser.cjs', () => {
    const config = createRequire(import.meta.url)(join(ROOT, '.dependency-cruiser.cjs')) as {
      forbidden: { name: string }[];
    };
    const layered = new Set(config.forbidden.map((r) => r.name.match(/^layer-(\w+)$/)?.[1]).filter(Boolean));
    expect(domains.filter((d) => !layered.has(d))).toEqual([]);
  });

  it('lists every domain file once', () => {
    expect(new Set(all).size).toBe(all.length);
  });
});
