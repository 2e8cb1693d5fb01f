/**
 * Domain layers, bottom to top (CONTRIBUTING.md): a domain imports its own modules, the layers
 * below it and the ground floor, never a domain of its own layer or above. The ground floor is
 * every domain's tables and relations, the region codes and the two shared modules that import
 * no domain: any layer may use them, and they import only each other.
 */
const LAYERS = [
  ['access'],
  ['audit'],
  ['shared'],
  ['organisation'],
  ['settings'],
  ['responsibility', 'evaluation'],
  ['staffing', 'supervision', 'exchanges'],
  ['pools', 'enrolment', 'funding'],
];
const GROUND =
  '^schema/domains/([^/]+/(table|[a-z][A-Za-z]*Table|relations)|organisation/codes|shared/(zodErrors|jsonList))\\.ts$';

const layerRules = LAYERS.flatMap((layer, i) =>
  layer.map((domain) => {
    const notBelow = LAYERS.slice(i)
      .flat()
      .filter((d) => d !== domain);
    return {
      name: `layer-${domain}`,
      severity: 'error',
      comment: `${domain} may import only the layers below it (and the ground floor): not ${notBelow.join(', ')}.`,
      from: { path: `^schema/domains/${domain}/` },
      to: { path: `^schema/domains/(${notBelow.join('|')})/`, pathNot: GROUND },
    };
  }),
);

/**
 * Import boundaries (checked in CI by `npm run lint`): no cycles between files or domains,
 * services free of GraphQL, and the server depending on the schema — never the reverse.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'ground-floor',
      severity: 'error',
      comment:
        'Tables, relations, region codes, zodErrors and jsonList are imported by every layer, so they import no other domain module.',
      from: { path: GROUND },
      to: { path: '^schema/domains/', pathNot: GROUND },
    },
    {
      name: 'plain-modules-without-graphql',
      severity: 'error',
      comment:
        'GraphQL (the builder, Pothos plugins, anything under graphql/) is imported only from graphql/ folders and schema/index.ts.',
      from: { path: '^schema/domains/', pathNot: '^schema/domains/[^/]+/graphql/' },
      to: { path: '(^schema/builder\\.ts$|^schema/domains/[^/]+/graphql/|node_modules/@pothos/plugin-)' },
    },
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'A cycle makes load order matter and hides which module owns a concept; move the shared part down.',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'schema-does-not-import-server',
      severity: 'error',
      comment: 'The schema is a library the server mounts; it reads config through its Context, not server/.',
      from: { path: '^schema/' },
      to: { path: '^server/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'services-without-graphql',
      severity: 'error',
      comment: 'Services are plain functions (seed, CLI and tests call them): no Pothos, no builder.',
      from: { path: '^schema/domains/[^/]+/services/' },
      to: { path: '(^schema/builder\\.ts$|node_modules/@pothos/|^schema/domains/[^/]+/graphql/)' },
    },
    {
      name: 'tests-are-leaves',
      severity: 'error',
      from: { pathNot: '^test/' },
      to: { path: '^test/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^sdk/src/generated|^test/graphql/|^dist/|^test/bench/node_modules)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
      extensions: ['.ts', '.js', '.mjs'],
    },
  },
};
