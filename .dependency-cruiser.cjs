/**
 * Import boundaries (checked in CI by `npm run lint`): no cycles between files or domains,
 * services free of GraphQL, and the server depending on the schema — never the reverse.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
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
      to: { path: '^server/' },
    },
    {
      name: 'services-without-graphql',
      severity: 'error',
      comment: 'Services are plain functions (seed, CLI and tests call them): no Pothos, no builder.',
      from: { path: '^schema/domains/[^/]+/services/' },
      to: { path: '(^schema/builder\\.ts$|node_modules/@pothos/|/types\\.ts$|/queries\\.ts$|/mutations\\.ts$)' },
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
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.js', '.mjs'] },
  },
};
