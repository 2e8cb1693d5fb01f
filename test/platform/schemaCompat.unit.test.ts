import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkCompatibility, listedBreakingCoordinates, RELEASED_SCHEMA } from '../../schema/compat.js';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');

const RELEASED = /* GraphQL */ `
  type Query { a: Int, b: String @deprecated(reason: "use a"), c: String, list: ThingList! }
  type ThingList { nodes: [Int!]! }
`;

const changelog = (breaking: string, elsewhere = '') => `# Changelog

## Unreleased

### Breaking

${breaking}

### Added

${elsewhere}

## 0.1.0

- \`Query.c\` was added here long ago.
`;

describe('schema compatibility against the released schema', () => {
  it('accepts the committed schema: every breaking change since the release is in CHANGELOG.md', async () => {
    const report = await checkCompatibility(
      read(`../../schema/${RELEASED_SCHEMA}`),
      read('../../schema/schema.graphql'),
      read('../../CHANGELOG.md'),
    );
    expect(report.unlisted.map((c) => c.path)).toEqual([]);
    expect(report.removedWithoutDeprecation).toEqual([]);
    // The connection renames: 20 fields, each a changed field type plus two removed types
    // (the old connection and its edge), as the CHANGELOG table lists them; and
    // EvaluationIndicator.dimension made nullable (dimensions are catalogue data).
    expect(report.breaking).toHaveLength(20 * 3 + 1);
  });

  it('fails on a breaking change the Unreleased section does not name, naming its coordinate', async () => {
    const current = `type Query { a: String, b: String @deprecated(reason: "use a"), c: String, list: ThingList! } type ThingList { nodes: [Int!]! }`;
    const report = await checkCompatibility(RELEASED, current, changelog('- nothing'));
    expect(report.unlisted.map((c) => c.path)).toEqual(['Query.a']);
    // Named under Added, or under an older release, does not count.
    const elsewhere = await checkCompatibility(
      RELEASED,
      current,
      changelog('- nothing', '- `Query.a` is now a String'),
    );
    expect(elsewhere.unlisted.map((c) => c.path)).toEqual(['Query.a']);
    const named = await checkCompatibility(RELEASED, current, changelog('- `Query.a` is now a String (was Int).'));
    expect(named.unlisted).toEqual([]);
    expect(named.breaking.map((c) => c.path)).toEqual(['Query.a']);
  });

  it('refuses removing a field that was never deprecated, even when listed; a deprecated one may go', async () => {
    const withoutC = `type Query { a: Int, b: String @deprecated(reason: "use a"), list: ThingList! } type ThingList { nodes: [Int!]! }`;
    const c = await checkCompatibility(RELEASED, withoutC, changelog('- `Query.c` removed'));
    expect(c.unlisted).toEqual([]);
    expect(c.removedWithoutDeprecation.map((x) => x.path)).toEqual(['Query.c']);

    const withoutB = `type Query { a: Int, c: String, list: ThingList! } type ThingList { nodes: [Int!]! }`;
    const b = await checkCompatibility(
      RELEASED,
      withoutB,
      changelog('- `Query.b` removed after its deprecation in 0.1.0'),
    );
    expect(b.unlisted).toEqual([]);
    expect(b.removedWithoutDeprecation).toEqual([]);
  });

  it('passes additions without any changelog entry, and reports a removed type by its name', async () => {
    const added = `type Query { a: Int, b: String @deprecated(reason: "use a"), c: String, d: Int, list: ThingList! } type ThingList { nodes: [Int!]!, total: Int }`;
    expect((await checkCompatibility(RELEASED, added, '')).breaking).toEqual([]);

    const renamed = `type Query { a: Int, b: String @deprecated(reason: "use a"), c: String, list: IntConnection! } type IntConnection { nodes: [Int!]! }`;
    const report = await checkCompatibility(
      RELEASED,
      renamed,
      changelog('- `Query.list`: `ThingList` → `IntConnection`'),
    );
    expect(report.breaking.map((x) => x.path).sort()).toEqual(['Query.list', 'ThingList']);
    expect(report.unlisted.map((x) => x.path)).toEqual([]);
  });

  it('reads coordinates only from Unreleased → Breaking', () => {
    expect([...listedBreakingCoordinates(changelog('- `A.b` and `C`', '- `D.e`'))].sort()).toEqual(['A.b', 'C']);
    expect(listedBreakingCoordinates('# Changelog\n\n## 0.1.0\n\n### Breaking\n\n- `X.y`\n').size).toBe(0);
  });
});
