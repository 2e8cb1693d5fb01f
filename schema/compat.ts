// Schema compatibility: the printed schema against the last released one (CHANGELOG.md explains
// the rule). `npx tsx schema/compat.ts` exits 1, naming each problem, when a breaking change is
// not listed under "Unreleased → Breaking" or a field is removed without having been deprecated.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CriticalityLevel, diff, type Change } from '@graphql-inspector/core';
import { buildSchema, isInterfaceType, isObjectType, type GraphQLSchema } from 'graphql';

/** The schema of the last release (copied from schema/schema.graphql when releasing). */
export const RELEASED_SCHEMA = 'released/0.1.0.graphql';

export interface CompatibilityReport {
  /** Every breaking change, listed or not. */
  breaking: Change[];
  /** Breaking changes whose coordinate the changelog's Unreleased → Breaking section does not name. */
  unlisted: Change[];
  /** Fields removed although the released schema did not mark them @deprecated. */
  removedWithoutDeprecation: Change[];
}

/** Schema coordinates written in backticks under `## Unreleased` → `### Breaking`. */
export function listedBreakingCoordinates(changelog: string): Set<string> {
  const unreleased = section(changelog, /^## Unreleased\s*$/m, /^## /m);
  const breaking = unreleased === null ? null : section(unreleased, /^### Breaking\s*$/m, /^### /m);
  return new Set([...(breaking ?? '').matchAll(/`([A-Za-z_][\w.]*)`/g)].map((m) => m[1]!));
}

export async function checkCompatibility(
  released: string,
  current: string,
  changelog: string,
): Promise<CompatibilityReport> {
  const before = buildSchema(released);
  const changes = await diff(before, buildSchema(current));
  const breaking = changes.filter((c) => c.criticality.level === CriticalityLevel.Breaking);
  const listed = listedBreakingCoordinates(changelog);
  return {
    breaking,
    unlisted: breaking.filter((c) => !c.path || !listed.has(c.path)),
    removedWithoutDeprecation: breaking.filter((c) => c.type === 'FIELD_REMOVED' && !wasDeprecated(before, c.path)),
  };
}

function wasDeprecated(schema: GraphQLSchema, path: string | undefined): boolean {
  const [typeName, fieldName] = (path ?? '').split('.');
  const type = typeName ? schema.getType(typeName) : undefined;
  if (!fieldName || !(isObjectType(type) || isInterfaceType(type))) return false;
  return Boolean(type.getFields()[fieldName]?.deprecationReason);
}

/** The text after the heading `start` up to the next heading matching `end` (or the end). */
function section(text: string, start: RegExp, end: RegExp): string | null {
  const at = text.match(start);
  if (!at || at.index === undefined) return null;
  const rest = text.slice(at.index + at[0].length);
  const next = rest.search(end);
  return next === -1 ? rest : rest.slice(0, next);
}

async function main(): Promise<void> {
  const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');
  const report = await checkCompatibility(read(RELEASED_SCHEMA), read('schema.graphql'), read('../CHANGELOG.md'));
  for (const c of report.unlisted) {
    console.error(`breaking change not in CHANGELOG.md (Unreleased → Breaking, as \`${c.path ?? '?'}\`): ${c.message}`);
  }
  for (const c of report.removedWithoutDeprecation) {
    console.error(`field removed without a release that deprecated it first (@deprecated(reason:)): ${c.path}`);
  }
  if (report.unlisted.length || report.removedWithoutDeprecation.length) process.exit(1);
  console.log(
    `schema compatibility: ${report.breaking.length} breaking change(s) against schema/${RELEASED_SCHEMA}, all listed in CHANGELOG.md`,
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
