import { ApolloServer, HeaderMap, type HTTPGraphQLRequest } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLError, ValidationContext } from 'graphql';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Server as NetServer, type Socket } from 'node:net';
import type { Logger } from 'pino';
import type { Context } from '../schema/context.js';
import { authenticate, type AuthSettings } from '../schema/domains/access/authenticate.js';
import { TokenError } from '../schema/domains/access/tokens.js';
import { PersonalDataReads } from '../schema/domains/audit/personalData.js';
import { schema as plainSchema } from '../schema/index.js';
import { subgraphSchema } from '../schema/federation.js';
import type { Config } from './config.js';
import type { Database } from './db.js';
import { replicaRoutingPlugin } from './replicas/plugin.js';
import type { ReplicaRouter } from './replicas/router.js';
import type { Viewer } from '../schema/domains/access/viewer.js';
import { makeFormatError } from './formatError.js';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from './hardening/dbErrors.js';
import { hardeningPlugin } from './hardening/plugin.js';
import { createRateLimits } from './hardening/rateLimit.js';
import { authFailureKey, callerClassOf, callerKey } from './hardening/callers.js';
import { manifestPath } from './hardening/manifestPath.js';
import { TrustedDocuments } from './hardening/trusted.js';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import pLimit from 'p-limit';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { serveWeb } from './web/serve.js';
import { bulletinPath, serveBulletin } from './bulletinRoute.js';
import { scheduleEscalations } from './escalationSchedule.js';

export interface App {
  server: Server;
  apollo: ApolloServer<Context>;
  /** Resolves with the bound port. */
  listen(port?: number, host?: string): Promise<number>;
  /** Graceful stop: refuse new requests, finish in-flight ones (up to the grace period), close. */
  close(): Promise<void>;
  /** Operations executing now, and waiting for a turn (a slot, or their caller's share of the slots). */
  executions(): { active: number; waiting: number };
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code = 'BAD_REQUEST',
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/**
 * graphql-armor's rules throw by default (for envelop); as plain validation rules they must
 * report instead, so Apollo answers GRAPHQL_VALIDATION_FAILED rather than a 500.
 */
const reportAsValidationError = {
  propagateOnRejection: false,
  onReject: [(ctx: ValidationContext | null, err: GraphQLError) => ctx?.reportError(err)],
};

const DATABASE_UNAVAILABLE_MESSAGE = 'The database is unavailable; retry shortly.';
/** Relay connections without first/last return this many (the builder's defaultConnectionSize). */
const DEFAULT_PAGE_SIZE = 20;
/** /readyz answers within this long even when the database hangs. */
const READY_TIMEOUT_MS = 2000;
/**
 * Request errors that GraphQL over HTTP answers with 200 under `application/json` (the
 * request was well-formed HTTP; the problem is in the GraphQL document or its variables).
 * Under `application/graphql-response+json` they keep Apollo's 400.
 */
const GRAPHQL_REQUEST_ERRORS = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'MAX_COST_EXCEEDED', 'LIMIT_EXCEEDED', 'VALIDATION']);

/** Bucket settings per caller class, and for failed authentications, from the configuration. */
function rateLimitSettings(config: Config): Record<'anonymous' | 'user' | 'apiKey' | 'authFailures', { capacity: number; refillPerSecond: number }> {
  return {
    anonymous: { capacity: config.EDUGOV_RATE_LIMIT_ANONYMOUS_CAPACITY, refillPerSecond: config.EDUGOV_RATE_LIMIT_ANONYMOUS_REFILL_PER_SECOND },
    user: { capacity: config.EDUGOV_RATE_LIMIT_USER_CAPACITY, refillPerSecond: config.EDUGOV_RATE_LIMIT_USER_REFILL_PER_SECOND },
    apiKey: { capacity: config.EDUGOV_RATE_LIMIT_API_KEY_CAPACITY, refillPerSecond: config.EDUGOV_RATE_LIMIT_API_KEY_REFILL_PER_SECOND },
    authFailures: { capacity: config.EDUGOV_AUTH_FAILURES_CAPACITY, refillPerSecond: config.EDUGOV_AUTH_FAILURES_REFILL_PER_SECOND },
  };
}

export async function createApp(opts: {
  config: Config;
  database: Database;
  /** Read replicas and the rule that routes queries to them (DATABASE_REPLICA_URLS); none by default. */
  replicas?: ReplicaRouter | null;
  log: Logger;
  auth: AuthSettings;
}): Promise<App> {
  const { config, database, log } = opts;
  const schema = config.EDUGOV_FEDERATION ? subgraphSchema() : plainSchema;
  const replicas = opts.replicas ?? null;
  const limits = createRateLimits(rateLimitSettings(config), { url: config.REDIS_URL, prefix: config.EDUGOV_REDIS_PREFIX }, log);
  const trusted = TrustedDocuments.load(manifestPath, config.EDUGOV_TRUSTED_DOCUMENTS);
  /** The caller's address, for the rate-limit bucket of anonymous requests. */
  const clientAddress = new WeakMap<Context, string>();
  const apollo = new ApolloServer<Context>({
    schema,
    // Limits checked before execution (graphql-armor rules; graphql-js counts tokens while parsing).
    parseOptions: { maxTokens: config.EDUGOV_MAX_TOKENS },
    validationRules: [
      maxDepthRule({ n: config.EDUGOV_MAX_DEPTH, ...reportAsValidationError }),
      maxAliasesRule({ n: config.EDUGOV_MAX_ALIASES, ...reportAsValidationError }),
      maxDirectivesRule({ n: config.EDUGOV_MAX_DIRECTIVES, ...reportAsValidationError }),
    ],
    persistedQueries: config.EDUGOV_APQ ? {} : false,
    // server/main.ts owns SIGTERM/SIGINT and stops Apollo as part of a graceful shutdown; Apollo's
    // own handlers (installed when NODE_ENV is production) raced it: they stopped Apollo at once, before in-flight requests
    // finished, and left the process waiting seconds more to exit.
    stopOnTerminationSignals: false,
    introspection: config.EDUGOV_INTROSPECTION,
    includeStacktraceInErrorResponses: !config.production,
    formatError: makeFormatError(config.production, (err) => log.error({ err }, 'unexpected error')),
    plugins: [
      // Nothing here is cacheable by HTTP caches; the plugin's per-field hook costs CPU.
      ApolloServerPluginCacheControlDisabled(),
      hardeningPlugin({
        schema,
        cost: { maximum: config.EDUGOV_MAX_COST, listSize: config.EDUGOV_COST_LIST_SIZE, defaultPageSize: DEFAULT_PAGE_SIZE },
        limiters: config.EDUGOV_RATE_LIMIT ? limits.callers : null,
        caller: (ctx) => ({ class: callerClassOf(ctx.viewer), key: callerKey(ctx.viewer, clientAddress.get(ctx) ?? 'unknown') }),
      }),
      ...(replicas ? [replicaRoutingPlugin(replicas)] : []),
      // Apollo's landing page loads from CDNs and shows nothing offline; browsers get the
      // bundled explorer instead (server/web), when it is enabled. "Did you mean" suggestions
      // are removed in production by formatError (server/formatError.ts).
      ApolloServerPluginLandingPageDisabled(),
    ],
  });
  await apollo.start();

  const executionGate = pLimit(config.EDUGOV_MAX_CONCURRENT_EXECUTIONS);
  /**
   * Each caller's share of the execution slots: its requests queue behind each other here, so
   * at most EDUGOV_MAX_CONCURRENT_PER_CALLER of them wait in (or hold) the shared gate, and
   * everyone else's requests keep being served. Entries live while the caller has requests.
   */
  const callerGates = new Map<string, { gate: ReturnType<typeof pLimit>; uses: number }>();
  async function inCallerTurn<T>(key: string, run: () => Promise<T>): Promise<T> {
    let entry = callerGates.get(key);
    if (!entry) callerGates.set(key, (entry = { gate: pLimit(config.EDUGOV_MAX_CONCURRENT_PER_CALLER), uses: 0 }));
    entry.uses++;
    try {
      return await entry.gate(() => executionGate(run));
    } finally {
      if (--entry.uses === 0) callerGates.delete(key);
    }
  }
  let inFlight = 0;
  let closing = false;
  let drained: (() => void) | null = null;

  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const requestId = headerValue(req, 'x-request-id')?.slice(0, 100) || randomUUID();
    res.setHeader('x-request-id', requestId);
    if (closing) {
      res.writeHead(503, { connection: 'close', 'content-type': 'application/json' });
      res.end(JSON.stringify({ errors: [{ message: 'Server is shutting down', extensions: { code: 'UNAVAILABLE' } }] }));
      return;
    }
    inFlight++;
    const started = performance.now();
    // A request is in flight until its response has been handed to the OS ('finish'), not
    // merely produced: destroying a socket with bytes still buffered in Node cuts them off.
    // 'close' covers clients that went away first.
    let counted = true;
    const done = () => {
      if (!counted) return;
      counted = false;
      inFlight--;
      if (closing && inFlight === 0) drained?.();
    };
    res.once('finish', done);
    res.once('close', done);
    handle(req, res, requestId)
      .catch((err) => {
        if (!(err instanceof HttpError) && isDatabaseUnavailable(err)) {
          // e.g. an API key lookup while PostgreSQL is unreachable: a typed, retryable answer.
          log.warn({ err, requestId }, 'database unavailable');
          err = new HttpError(503, DATABASE_UNAVAILABLE_MESSAGE, 'DATABASE_UNAVAILABLE', { 'retry-after': String(DATABASE_RETRY_AFTER_SECONDS) });
        }
        const status = err instanceof HttpError ? err.status : 500;
        if (status === 500) log.error({ err, requestId }, 'request failed');
        if (!res.headersSent) {
          res.writeHead(status, { 'content-type': 'application/json', ...(err instanceof HttpError ? err.headers : {}) });
          const message = status === 500 ? 'Internal server error' : (err as Error).message;
          const code = status === 500 ? 'INTERNAL_SERVER_ERROR' : err instanceof HttpError ? err.code : 'BAD_REQUEST';
          res.end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
        } else res.end();
      })
      .finally(() => {
        log.info(
          { requestId, method: req.method, url: req.url, status: res.statusCode, ms: Math.round(performance.now() - started) },
          'request',
        );
      });
  });

  // Idle keep-alive connections live 65 s (Node's default is 5 s). A client reusing a pooled
  // connection just as the server drops it gets ECONNRESET on a request it cannot safely retry
  // (a POST); with a busy event loop on either side that window is real at 5 s. 65 s outlasts
  // the usual 60 s idle timeout of load balancers and proxies, which then close first.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;

  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  async function handle(req: IncomingMessage, res: ServerResponse, requestId: string) {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/healthz') return json(res, 200, { ok: true });
    if (url.pathname === '/readyz') {
      const ready = await Promise.race([
        database.ping(),
        new Promise<boolean>((r) => setTimeout(() => r(false), READY_TIMEOUT_MS).unref()),
      ]);
      // Replicas are reported but do not decide readiness: without them reads use the primary.
      return json(res, ready ? 200 : 503, {
        ok: ready,
        database: ready ? 'up' : 'down',
        ...(replicas ? { replicas: replicas.status() } : {}),
      });
    }
    if (url.pathname === '/') {
      res.writeHead(302, { location: '/graphql' });
      return void res.end();
    }
    if (await serveWeb(req, res, url, { explorer: config.EDUGOV_EXPLORER, portal: config.EDUGOV_PORTAL })) return;
    const bulletin = bulletinPath(url.pathname);
    if (url.pathname !== '/graphql' && !bulletin) return json(res, 404, { error: 'Not found; the API is at /graphql' });

    const address = req.socket.remoteAddress ?? 'unknown';
    const authorization = headerValue(req, 'authorization');
    // Failed authentications are counted per address. Each attempt with credentials holds one
    // point while it is checked (so a burst of concurrent guesses cannot all pass the check before
    // the first failure counts) and gets it back if it succeeds; with the bucket empty, requests
    // with credentials are refused unchecked, so keys cannot be guessed at speed.
    const failureKey = authFailureKey(address);
    if (authorization) {
      const attempt = await limits.authFailures.take(failureKey, 1);
      if (!attempt.allowed) {
        res.setHeader('retry-after', String(attempt.retryAfterSeconds));
        return json(res, 429, {
          errors: [
            {
              message: `Too many failed authentications from this address; retry after ${attempt.retryAfterSeconds} s.`,
              extensions: { code: 'RATE_LIMITED', retryAfterSeconds: attempt.retryAfterSeconds },
            },
          ],
        });
      }
    }
    let viewer: Viewer;
    try {
      viewer = await authenticate(database.db, opts.auth, authorization);
      if (authorization) await limits.authFailures.adjust(failureKey, 1);
    } catch (err) {
      if (authorization && !(err instanceof TokenError)) await limits.authFailures.adjust(failureKey, 1); // not the caller's failure
      if (!(err instanceof TokenError)) throw err;
      // RFC 6750: no error code when the request carried no token at all.
      res.setHeader('www-authenticate', req.headers.authorization ? 'Bearer error="invalid_token"' : 'Bearer realm="edugov"');
      return json(res, 401, { errors: [{ message: err.message, extensions: { code: 'UNAUTHENTICATED' } }] });
    }
    // The printable 通报 and its CSV: same authentication and read rule as the GraphQL field.
    if (bulletin) return serveBulletin(res, bulletin, { db: database.db, viewer, requestId, log: log.child({ requestId }), limits: { maxBatchRows: config.EDUGOV_MAX_BATCH_ROWS } });
    const headers = new HeaderMap();
    for (const [k, v] of Object.entries(req.headers)) {
      if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
    }
    const body = req.method === 'POST' ? await readJsonBody(req, config.EDUGOV_MAX_BODY_BYTES) : undefined;
    if (containsUnstorableText(body) || containsUnstorableText(url.search ? decodeURIComponentSafe(url.search) : undefined)) {
      throw new HttpError(400, UNSTORABLE_TEXT_MESSAGE, 'BAD_USER_INPUT');
    }
    const refusal = applyTrustedDocuments(trusted, viewer, body, url);
    if (refusal) return json(res, 403, { errors: [{ message: refusal, extensions: { code: 'TRUSTED_DOCUMENT_REQUIRED' } }] });
    const httpGraphQLRequest: HTTPGraphQLRequest = {
      method: (req.method ?? 'GET').toUpperCase(),
      headers,
      search: url.search,
      body,
    };
    const context: Context = {
      db: database.db,
      viewer,
      requestId,
      log: log.child({ requestId }),
      limits: { maxBatchRows: config.EDUGOV_MAX_BATCH_ROWS },
      personalDataReads: new PersonalDataReads(),
    };
    clientAddress.set(context, address);
    const result = await inCallerTurn(callerKey(viewer, address), async () => {
      const executed = await apollo.executeHTTPGraphQLRequest({ httpGraphQLRequest, context: async () => context });
      // Record who read personal data before any of it leaves the server; if that cannot be
      // recorded, the data is not sent.
      try {
        await context.personalDataReads!.flush(database.db, viewer, requestId);
      } catch (err) {
        log.error({ err, requestId }, 'could not record a read of personal data; response withheld');
        return null;
      }
      return executed;
    });
    if (!result) {
      res.setHeader('retry-after', '1');
      return json(res, 503, { errors: [{ message: 'Database unavailable', extensions: { code: 'DATABASE_UNAVAILABLE' } }] });
    }
    for (const [k, v] of result.headers) res.setHeader(k, v);
    res.statusCode = result.status ?? 200;
    if (result.body.kind === 'complete') {
      if (res.statusCode === 400 && isGraphQLRequestError(result.headers.get('content-type'), result.body.string)) res.statusCode = 200;
      return void res.end(result.body.string);
    }
    for await (const chunk of result.body.asyncIterator) res.write(chunk);
    res.end();
  }

  const stopEscalations = scheduleEscalations(config, database, log);
  return {
    server,
    // Waiting counts requests queued behind their own caller's share as well as for a slot.
    executions: () => ({
      active: executionGate.activeCount,
      waiting: executionGate.pendingCount + [...callerGates.values()].reduce((n, c) => n + c.gate.pendingCount, 0),
    }),
    apollo,
    listen: (port = config.PORT, host = config.HOST) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          const addr = server.address();
          resolve(typeof addr === 'object' && addr ? addr.port : port);
        });
      }),
    async close() {
      closing = true;
      stopEscalations();
      // Stop listening without http.Server#close's idle sweep: Node counts a connection whose
      // response has been produced as idle even while megabytes of it are still unsent, and
      // that sweep destroyed such responses mid-flight.
      const stopped = new Promise<void>((r) => NetServer.prototype.close.call(server, () => r()));
      const deadline = new Promise<void>((r) => setTimeout(r, config.EDUGOV_SHUTDOWN_GRACE_MS).unref());
      if (inFlight > 0) await Promise.race([new Promise<void>((r) => (drained = r)), deadline]);
      // End each connection once Node holds no unsent bytes for it (FIN after the data);
      // force only at the deadline.
      await Promise.race([
        Promise.all(
          [...sockets].map(async (socket) => {
            while (!socket.destroyed && (socket.writableLength > 0 || socket.writableNeedDrain)) {
              await Promise.race([new Promise((r) => socket.once('drain', r)), new Promise((r) => setTimeout(r, 50))]);
            }
            socket.end();
          }),
        ),
        deadline,
      ]);
      await Promise.race([stopped, deadline]);
      server.closeAllConnections();
      await stopped;
      await apollo.stop();
      await limits.close();
      await replicas?.stop();
      await database.close();
    },
  };
}

/**
 * Trusted documents and hash-only requests. Fills in the registered text when a request sends
 * only a manifest hash (`extensions.persistedQuery.sha256Hash`), and refuses any other
 * document from callers restricted to trusted documents. Returns the refusal, if any.
 */
function applyTrustedDocuments(trusted: TrustedDocuments, viewer: Viewer, body: unknown, url: URL): string | undefined {
  const params = url.searchParams;
  const fromBody = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
  let extensions: unknown = fromBody?.extensions;
  if (!fromBody && params.has('extensions')) {
    try {
      extensions = JSON.parse(params.get('extensions')!);
    } catch {
      extensions = undefined; // Apollo reports the malformed parameter itself
    }
  }
  const hash = (extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)?.persistedQuery?.sha256Hash;
  let query: unknown = fromBody ? fromBody.query : params.get('query') ?? undefined;
  const registered = query === undefined ? trusted.lookup(hash) : undefined;
  if (registered !== undefined) {
    query = registered;
    if (fromBody) fromBody.query = registered;
    else params.set('query', registered);
  }
  if (trusted.required(viewer) && !trusted.isTrusted(query)) {
    return 'This API key may only run the registered operations of the edugov SDK (trusted documents); send one of them, or its sha256Hash.';
  }
  return undefined;
}

const UNSTORABLE_TEXT_MESSAGE = 'Text must be valid Unicode without NUL (U+0000) characters, which PostgreSQL cannot store.';
/** NUL, or half of a surrogate pair: PostgreSQL refuses the first and would alter the second. */
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Whether a request carries text the database cannot store verbatim. Checked once at the
 * boundary so every string argument of every operation is covered, instead of surfacing later
 * as a database error (an INTERNAL_SERVER_ERROR) or as silently altered data.
 */
function containsUnstorableText(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return UNSTORABLE.test(value);
  if (!value || typeof value !== 'object' || depth > 100) return false;
  // Plain loops: a bulk upsert's body holds thousands of row objects, not worth an entries array each.
  if (Array.isArray(value)) {
    for (const v of value) if (containsUnstorableText(v, depth + 1)) return true;
    return false;
  }
  for (const k in value) {
    if (UNSTORABLE.test(k) || containsUnstorableText((value as Record<string, unknown>)[k], depth + 1)) return true;
  }
  return false;
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s; // Apollo reports a malformed query string itself
  }
}

function isGraphQLRequestError(contentType: string | undefined, body: string): boolean {
  if (!contentType?.startsWith('application/json')) return false;
  try {
    const parsed = JSON.parse(body) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
    return (
      parsed.data === undefined &&
      Array.isArray(parsed.errors) &&
      parsed.errors.length > 0 &&
      parsed.errors.every((e) => GRAPHQL_REQUEST_ERRORS.has(String(e.extensions?.code)))
    );
  } catch {
    return false;
  }
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

async function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw new HttpError(413, `Request body exceeds ${limit} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new HttpError(413, `Request body exceeds ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  const type = String(req.headers['content-type'] ?? '');
  if (!type.includes('json')) return text;
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'Request body is not valid JSON');
  }
}
