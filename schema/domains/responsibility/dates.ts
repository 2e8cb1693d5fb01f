/** Today's date in China Standard Time, YYYY-MM-DD. */
export function todayCst(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
