import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Viewer } from '../../schema/domains/access/viewer.js';

/**
 * Trusted documents: the operations the SDK was built with, registered by hash at build time
 * (`buildManifest.ts`). A caller may send just the hash (the APQ extension) for any of them;
 * under EDUGOV_TRUSTED_DOCUMENTS=portal, PORTAL API keys may run nothing else, so a leaked
 * portal key cannot be used to explore the API; `all` applies that to every caller.
 */
export interface Manifest {
  format: 'apollo-persisted-query-manifest';
  version: 1;
  operations: { id: string; name: string; type: string; body: string }[];
}

export type TrustedMode = 'off' | 'portal' | 'all';

export const queryHash = (query: string) => createHash('sha256').update(query).digest('hex');

export class TrustedDocuments {
  private byHash: Map<string, string>;
  constructor(
    manifest: Manifest,
    readonly mode: TrustedMode,
  ) {
    this.byHash = new Map(manifest.operations.map((o) => [o.id, o.body]));
  }

  static load(path: string, mode: TrustedMode): TrustedDocuments {
    return new TrustedDocuments(JSON.parse(readFileSync(path, 'utf8')) as Manifest, mode);
  }

  get size() {
    return this.byHash.size;
  }

  /** The registered text for a hash, if any. */
  lookup(hash: unknown): string | undefined {
    return typeof hash === 'string' ? this.byHash.get(hash) : undefined;
  }

  isTrusted(query: unknown): boolean {
    return typeof query === 'string' && this.byHash.get(queryHash(query)) === query;
  }

  /** Whether this caller may only run registered documents. */
  required(viewer: Viewer): boolean {
    if (this.mode === 'all') return true;
    return this.mode === 'portal' && viewer.kind === 'apiKey' && viewer.role === 'PORTAL';
  }
}
