/**
 * Bounds of an argument or input field, declared in the schema as `extensions: bounded({...})`
 * and enforced for every request before execution by server/hardening/inputBounds.ts. Only
 * fields whose bounds differ from that module's defaults declare them.
 */
export interface Bounds {
  /** Most items of a list; 'batch' = the bulk row limit (EDUGOV_MAX_BATCH_ROWS), which the service checks. */
  maxItems?: number | 'batch';
  /** Most characters of a string (UTF-16 code units, as GraphQL counts them). */
  maxLength?: number;
  min?: number;
  max?: number;
}

export const bounded = (bounds: Bounds) => ({ bounds });

/** The rows of a bulk upsert or import. */
export const BATCH_ROWS = bounded({ maxItems: 'batch' });
