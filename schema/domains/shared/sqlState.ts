/** SQLSTATE of a database error, looked for along the cause chain (drivers and drizzle wrap it differently). */
export function sqlState(err: unknown): string | undefined {
  for (let e: any = err, depth = 0; e && depth < 5; e = e.cause, depth++) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
  }
  return undefined;
}
