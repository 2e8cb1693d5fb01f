import type { ApolloServer } from '@apollo/server';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { Context } from '../schema/context.js';
import type { AuthSettings } from '../schema/domains/access/authenticate.js';
import { schema as plainSchema } from '../schema/index.js';
import { subgraphSchema } from '../schema/federation.js';
import { startApolloServer } from './apollo/apolloServer.js';
import { createExecutionGate } from './apollo/executionGate.js';
import { serveGraphQL } from './apollo/graphqlRoute.js';
import { bulletinPath, serveBulletin } from './bulletinRoute.js';
import type { Config } from './config.js';
import type { Database } from './db.js';
import { scheduleEscalations } from './escalationSchedule.js';
import { manifestPath } from './hardening/manifestPath.js';
import { rateLimitsFromConfig } from './hardening/rateLimitConfig.js';
import { TrustedDocuments } from './hardening/trusted.js';
import { authenticateRequest } from './http/authentication.js';
import { answerFailure } from './http/failureResponse.js';
import { serveHealth } from './http/health.js';
import { headerValue, json } from './http/respond.js';
import { trackForShutdown } from './http/shutdown.js';
import type { ReplicaRouter } from './replicas/router.js';
import { serveWeb } from './web/serve.js';

/**
 * The HTTP server of the API, composed: the routes (health probes, web apps, the printable
 * 通报, /graphql), the Apollo server behind the execution gate, and the graceful shutdown.
 * Each concern lives in its own module under server/http and server/apollo.
 */
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
  const limits = rateLimitsFromConfig(config, log);
  const trusted = TrustedDocuments.load(manifestPath, config.EDUGOV_TRUSTED_DOCUMENTS);
  /** The caller's address, for the rate-limit bucket of anonymous requests. */
  const clientAddress = new WeakMap<Context, string>();
  const apollo = await startApolloServer({ config, schema, log, limits, clientAddress, replicas });
  const gate = createExecutionGate(config.EDUGOV_MAX_CONCURRENT_EXECUTIONS, config.EDUGOV_MAX_CONCURRENT_PER_CALLER);

  const server = createServer((req, res) => {
    const requestId = headerValue(req, 'x-request-id')?.slice(0, 100) || randomUUID();
    res.setHeader('x-request-id', requestId);
    if (shutdown.refuseWhileClosing(res)) return;
    shutdown.track(res);
    const started = performance.now();
    handle(req, res, requestId)
      .catch((err) => answerFailure(err, res, log, requestId))
      .finally(() => {
        log.info(
          {
            requestId,
            method: req.method,
            url: req.url,
            status: res.statusCode,
            ms: Math.round(performance.now() - started),
          },
          'request',
        );
      });
  });
  const shutdown = trackForShutdown(server);

  // Idle keep-alive connections live 65 s (Node's default is 5 s). A client reusing a pooled
  // connection just as the server drops it gets ECONNRESET on a request it cannot safely retry
  // (a POST); with a busy event loop on either side that window is real at 5 s. 65 s outlasts
  // the usual 60 s idle timeout of load balancers and proxies, which then close first.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;

  async function handle(req: IncomingMessage, res: ServerResponse, requestId: string) {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (await serveHealth(url.pathname, res, database, replicas)) return;
    if (url.pathname === '/') {
      res.writeHead(302, { location: '/graphql' });
      return void res.end();
    }
    if (await serveWeb(req, res, url, { explorer: config.EDUGOV_EXPLORER, portal: config.EDUGOV_PORTAL })) return;
    const bulletin = bulletinPath(url.pathname);
    if (url.pathname !== '/graphql' && !bulletin) return json(res, 404, { error: 'Not found; the API is at /graphql' });

    const address = req.socket.remoteAddress ?? 'unknown';
    const viewer = await authenticateRequest(req, res, address, {
      db: database.db,
      auth: opts.auth,
      authFailures: limits.authFailures,
    });
    if (!viewer) return;
    // The printable 通报 and its CSV: same authentication and read rule as the GraphQL field.
    if (bulletin)
      return serveBulletin(res, bulletin, {
        db: database.db,
        viewer,
        requestId,
        log: log.child({ requestId }),
        limits: { maxBatchRows: config.EDUGOV_MAX_BATCH_ROWS },
      });
    return serveGraphQL(
      req,
      res,
      { url, viewer, requestId, address },
      { apollo, config, db: database.db, log, trusted, gate, clientAddress },
    );
  }

  const stopEscalations = scheduleEscalations(config, database, log);
  return {
    server,
    executions: gate.executions,
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
      stopEscalations();
      await shutdown.drain(config.EDUGOV_SHUTDOWN_GRACE_MS);
      await apollo.stop();
      await limits.close();
      await replicas?.stop();
      await database.close();
    },
  };
}
