import { createTestDb, startTestServer, type TestDb, type TestServer } from '../harness.js';

/** Raw HTTP against a test server: status, headers, text and the parsed JSON body, if any. */

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const baseOf = (s: TestServer) => s.url.replace(/\/graphql$/, '');

/** What these tests read of a reply: a GraphQL response or a probe's JSON. */
export interface ReplyBody {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
  ok?: boolean;
  database?: string;
}

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  body: ReplyBody | undefined;
}

export async function send(url: string, init: RequestInit = {}): Promise<Reply> {
  const res = await fetch(url, init);
  const text = await res.text();
  let body: ReplyBody | undefined;
  try {
    body = JSON.parse(text) as ReplyBody;
  } catch {
    body = undefined;
  }
  return { status: res.status, headers: res.headers, text, body };
}

export function post(s: TestServer, body: string, headers: Record<string, string> = {}): Promise<Reply> {
  return send(s.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
}

export const query = (q: string) => JSON.stringify({ query: q });

/**
 * Servers with different settings on one unseeded database (opening an embedded database costs
 * seconds). `close` closes them all; each app.close() closes the shared database, only the
 * first succeeds at that.
 */
export async function serversOnOneDatabase<K extends string>(
  envs: Record<K, Record<string, string>>,
): Promise<{ servers: Record<K, TestServer>; close(): Promise<void> }> {
  const shared: TestDb = await createTestDb({ seed: false });
  const keys = Object.keys(envs) as K[];
  const started = await Promise.all(keys.map((k) => startTestServer({ db: shared, env: envs[k] })));
  const servers = Object.fromEntries(keys.map((k, i) => [k, started[i]])) as Record<K, TestServer>;
  return {
    servers,
    async close() {
      for (const s of started) await s.app.close().catch(() => {});
      await shared.drop();
    },
  };
}
