import { fileURLToPath } from 'node:url';

/** Where buildManifest.ts writes the trusted-documents manifest and the server reads it. */
export const manifestPath = fileURLToPath(new URL('../../sdk/src/generated/manifest.json', import.meta.url));
