import { and, asc, sql } from 'drizzle-orm';
import { schools } from '../organisation/table.js';
import { inJsonList } from '../shared/jsonList.js';
import type { Context } from '../../context.js';
import { fail } from '../../errors.js';
import { readScope, scopeCondition } from '../access/jurisdiction.js';
import { redactRecord } from '../access/personalFields.js';
import { auditEvents } from './table.js';

/**
 * Change feed for data-platform sync.
 *
 * Events are ordered by (writing transaction id, event id) and served only when their
 * transaction is older than the oldest transaction still in progress
 * (`pg_snapshot_xmin(pg_current_snapshot())`). Every transaction below that horizon has
 * finished, so no event can later appear before a cursor already handed out: a consumer that
 * resumes from its cursor never misses an event, whatever order transactions commit in. The
 * price: a long-running writer holds back (never loses) later events until it finishes — on
 * PostgreSQL any writer on the server, since the transaction-id horizon is cluster-wide.
 */
export interface FeedCursor {
  txid: string;
  id: number;
}

export function encodeFeedCursor(c: FeedCursor): string {
  return Buffer.from(`chg:${c.txid}:${c.id}`).toString('base64url');
}

const MAX_BIGINT = 2n ** 63n - 1n;

export function decodeFeedCursor(cursor: string, path: string[]): FeedCursor {
  const raw = Buffer.from(cursor, 'base64url').toString();
  const m = /^chg:(\d{1,19}):(\d{1,19})$/.exec(raw);
  if (!m || BigInt(m[1]) > MAX_BIGINT || BigInt(m[2]) > MAX_BIGINT)
    fail('VALIDATION', 'Cursor is not a change-feed cursor.', path);
  return { txid: m[1], id: Number(m[2]) };
}

export const MAX_FEED_PAGE = 1000;

export async function readChanges(ctx: Context, args: { after?: string | null; first?: number | null }) {
  const first = args.first ?? 100;
  if (!Number.isInteger(first) || first < 1 || first > MAX_FEED_PAGE) {
    fail('LIMIT_EXCEEDED', `first must be between 1 and ${MAX_FEED_PAGE}.`, ['first']);
  }
  const scope = readScope(ctx.viewer, 'auditEvent');
  if (scope.kind === 'none') {
    fail('FORBIDDEN', 'Reading the change feed needs the sync scope.', ['changes']);
  }
  const after = args.after ? decodeFeedCursor(args.after, ['after']) : null;
  const rows = await ctx.db
    .select()
    .from(auditEvents)
    .where(
      and(
        after
          ? sql`(${auditEvents.txid}, ${auditEvents.id}) > (${after.txid}::bigint, ${after.id}::bigint)`
          : undefined,
        sql`${auditEvents.txid} < pg_snapshot_xmin(pg_current_snapshot())::text::bigint`,
        scopeCondition(scope, { region: auditEvents.regionCode }),
      ),
    )
    .orderBy(asc(auditEvents.txid), asc(auditEvents.id))
    .limit(first + 1);
  const page = rows.slice(0, first);
  const last = page.at(-1);
  const schoolCodes = await schoolCodesOf(ctx, page);
  return {
    // Snapshots leave the server by the same personal-data rule as fields (access/personalFields.ts),
    // naming other records by natural key.
    events: page.map((e) => ({
      ...e,
      before: withNaturalKeys(redactRecord(ctx, e, e.before), schoolCodes),
      after: withNaturalKeys(redactRecord(ctx, e, e.after), schoolCodes),
      cursor: encodeFeedCursor(e),
    })),
    // With no new events the cursor stays where it was, so a poller can always store endCursor.
    endCursor: last ? encodeFeedCursor(last) : (args.after ?? null),
    hasNextPage: rows.length > first,
  };
}

/**
 * Recorded images hold the row ids the tables store (a teacher's `schoolId`); a consumer
 * knows schools by their 学校标识码, so the feed shows `schoolCode` in its place. One lookup
 * per page, for the ids on it.
 */
async function schoolCodesOf(
  ctx: Context,
  events: { before: unknown; after: unknown }[],
): Promise<Map<number, string>> {
  const ids = new Set<number>();
  for (const e of events) {
    for (const image of [e.before, e.after]) {
      const id = (image as { schoolId?: unknown } | null)?.schoolId;
      if (typeof id === 'number') ids.add(id);
    }
  }
  if (ids.size === 0) return new Map();
  const found = await ctx.db
    .select({ id: schools.id, code: schools.code })
    .from(schools)
    .where(inJsonList(schools.id, [...ids]));
  return new Map(found.map((s) => [s.id, s.code]));
}

function withNaturalKeys(image: unknown, schoolCodes: Map<number, string>): unknown {
  if (!image || typeof image !== 'object' || !('schoolId' in image)) return image;
  const { schoolId, ...rest } = image as { schoolId: unknown };
  return { ...rest, schoolCode: typeof schoolId === 'number' ? (schoolCodes.get(schoolId) ?? null) : null };
}
