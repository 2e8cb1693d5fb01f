import { ApolloServer, HeaderMap, type HTTPGraphQLRequest } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDisableSuggestions } from '@apollo/server/plugin/disableSuggestions';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { Context } from '../schema/context.js';
import { authenticate, type AuthSettings } from '../schema/domains/access/authenticate.js';
import { TokenError } from '../schema/domains/access/tokens.js';
import { schema } from '../schema/index.js';
import type { Config } from './config.js';
import type { Database } from './db.js';
import { makeFormatError } from './formatError.js';

export interface App {
  server: Server;
  apollo: ApolloServer<Context>;
  /** Resolves with the bound port. */
  listen(port?: number, host?: string): Promise<number>;
  /** Graceful stop: refuse new requests, finish in-flight ones (up to the grace period), close. */
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function createApp(opts: {
  config: Config;
  database: Database;
  log: Logger;
  auth: AuthSettings;
}): Promise<App> {
  const { config, database, log } = opts;
  const apollo = new ApolloServer<Context>({
    schema,
    introspection: config.EDUGOV_INTROSPECTION,
    includeStacktraceInErrorResponses: !config.production,
    formatError: makeFormatError(config.production, (err) => log.error({ err }, 'unexpected error')),
    plugins: [
      // Nothing here is cacheable by HTTP caches; the plugin's per-field hook costs CPU.
      ApolloServerPluginCacheControlDisabled(),
      ...(config.production ? [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginDisableSuggestions()] : []),
    ],
  });
  await apollo.start();

  let inFlight = 0;
  let closing = false;
  let drained: (() => void) | null = null;

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
        const status = err instanceof HttpError ? err.status : 500;
        if (status === 500) log.error({ err, requestId }, 'request failed');
        if (!res.headersSent) {
          res.writeHead(status, { 'content-type': 'application/json' });
          const message = status === 500 ? 'Internal server error' : (err as Error).message;
          res.end(JSON.stringify({ errors: [{ message, extensions: { code: status === 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST' } }] }));
        } else res.end();
      })
      .finally(() => {
        log.info(
          { requestId, method: req.method, url: req.url, status: res.statusCode, ms: Math.round(performance.now() - started) },
          'request',
        );
      });
  });

  async function handle(req: IncomingMessage, res: ServerResponse, requestId: string) {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/healthz') return json(res, 200, { ok: true });
    if (url.pathname === '/readyz') {
      const ready = await database.ping();
      return json(res, ready ? 200 : 503, { ok: ready, database: ready ? 'up' : 'down' });
    }
    if (url.pathname === '/') {
      res.writeHead(302, { location: '/graphql' });
      return void res.end();
    }
    if (url.pathname !== '/graphql') return json(res, 404, { error: 'Not found; the API is at /graphql' });

    let viewer;
    try {
      viewer = await authenticate(database.db, opts.auth, headerValue(req, 'authorization'));
    } catch (err) {
      if (!(err instanceof TokenError)) throw err;
      // RFC 6750: no error code when the request carried no token at all.
      res.setHeader('www-authenticate', req.headers.authorization ? 'Bearer error="invalid_token"' : 'Bearer realm="edugov"');
      return json(res, 401, { errors: [{ message: err.message, extensions: { code: 'UNAUTHENTICATED' } }] });
    }
    const headers = new HeaderMap();
    for (const [k, v] of Object.entries(req.headers)) {
      if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
    }
    const httpGraphQLRequest: HTTPGraphQLRequest = {
      method: (req.method ?? 'GET').toUpperCase(),
      headers,
      search: url.search,
      body: req.method === 'POST' ? await readJsonBody(req, config.EDUGOV_MAX_BODY_BYTES) : undefined,
    };
    const context: Context = {
      db: database.db,
      viewer,
      requestId,
      log: log.child({ requestId }),
      limits: { maxBatchRows: config.EDUGOV_MAX_BATCH_ROWS },
    };
    const result = await apollo.executeHTTPGraphQLRequest({ httpGraphQLRequest, context: async () => context });
    for (const [k, v] of result.headers) res.setHeader(k, v);
    res.statusCode = result.status ?? 200;
    if (result.body.kind === 'complete') return void res.end(result.body.string);
    for await (const chunk of result.body.asyncIterator) res.write(chunk);
    res.end();
  }

  return {
    server,
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
      const stopped = new Promise<void>((r) => server.close(() => r()));
      server.closeIdleConnections();
      const deadline = new Promise<void>((r) => setTimeout(r, config.EDUGOV_SHUTDOWN_GRACE_MS).unref());
      if (inFlight > 0) await Promise.race([new Promise<void>((r) => (drained = r)), deadline]);
      server.closeAllConnections();
      await stopped;
      await apollo.stop();
      await database.close();
    },
  };
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
