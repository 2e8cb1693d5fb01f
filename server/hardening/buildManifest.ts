/**
 * Writes the trusted-documents manifest `sdk/src/generated/manifest.json`: every operation of
 * the generated SDK, keyed by the SHA-256 of exactly the text the SDK sends (`print(doc)`),
 * in Apollo's persisted-query-manifest format. Deterministic (sorted by operation name, no
 * timestamps) so `.ci/drift.sh` can check it. Run after codegen: `npx tsx server/hardening/buildManifest.ts`.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Kind, print, type DocumentNode } from 'graphql';
import * as generated from '../../sdk/src/generated/graphql.js';
import { manifestPath } from './manifestPath.js';
import { queryHash, type Manifest } from './trusted.js';

export function buildManifest(): Manifest {
  const operations: Manifest['operations'] = [];
  for (const [exportName, value] of Object.entries(generated)) {
    if (!exportName.endsWith('Document') || !value || typeof value !== 'object') continue;
    const doc = value as DocumentNode;
    const op = doc.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
    if (!op || op.kind !== Kind.OPERATION_DEFINITION || !op.name) continue;
    const body = print(doc);
    operations.push({ id: queryHash(body), name: op.name.value, type: op.operation, body });
  }
  operations.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { format: 'apollo-persisted-query-manifest', version: 1, operations };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const manifest = buildManifest();
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(`trusted documents: ${manifest.operations.length} operations written to sdk/src/generated/manifest.json`);
}
