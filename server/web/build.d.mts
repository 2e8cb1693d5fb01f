/** Types of build.mjs for the TypeScript callers (server/web/ensure.ts, the browser tests). */
export declare const webDir: string;
export declare function sourceFingerprint(): Promise<string>;
export declare function sdkExamples(): Promise<{ domain: string; name: string; kind: string; query: string }[]>;
export declare function buildExplorer(outdir: string): Promise<void>;
export declare function ensureWebBuild(options?: { force?: boolean }): Promise<boolean>;
