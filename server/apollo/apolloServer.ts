import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import type { GraphQLError, GraphQLSchema, ValidationContext } from 'graphql';
import type { Logger } from 'pino';
import type { Context } from '../../schema/context.js';
import type { Config } from '../config.js';
import { makeFormatError } from '../formatError.js';
import { compiledExecutionGateway } from './compiledExecution.js';
import { callerClassOf, callerKey } from '../hardening/callers.js';
import { hardeningPlugin } from '../hardening/plugin.js';
import type { RateLimits } from '../hardening/rateLimit.js';
import { replicaRoutingPlugin } from '../replicas/plugin.js';
import type { ReplicaRouter } from '../replicas/router.js';

/**
 * The Apollo server and everything checked before or around execution: token, depth, alias
 * and directive limits, cost and rate limits (hardening plugin), replica routing, error
 * formatting. Started before it is returned.
 */

/**
 * graphql-armor's rules throw by default (for envelop); as plain validation rules they must
 * report instead, so Apollo answers GRAPHQL_VALIDATION_FAILED rather than a 500.
 */
const reportAsValidationError = {
  propagateOnRejection: false,
  onReject: [(ctx: ValidationContext | null, err: GraphQLError) => ctx?.reportError(err)],
};

/** Relay connections without first/last return this many (the builder's defaultConnectionSize). */
const DEFAULT_PAGE_SIZE = 20;

export async function startApolloServer(opts: {
  config: Config;
  schema: GraphQLSchema;
  log: Logger;
  limits: RateLimits;
  /** The caller's address, for the rate-limit bucket of anonymous requests. */
  clientAddress: WeakMap<Context, string>;
  replicas: ReplicaRouter | null;
}): Promise<ApolloServer<Context>> {
  const { config, schema, log, limits, clientAddress, replicas } = opts;
  const apollo = new ApolloServer<Context>({
    // Compiled execution (compiledExecution.ts) comes in through Apollo's gateway hook.
    ...(config.EDUGOV_EXECUTOR === 'compiled' ? { gateway: compiledExecutionGateway(schema) } : { schema }),
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
        cost: {
          maximum: config.EDUGOV_MAX_COST,
          listSize: config.EDUGOV_COST_LIST_SIZE,
          defaultPageSize: DEFAULT_PAGE_SIZE,
        },
        limiters: config.EDUGOV_RATE_LIMIT ? limits.callers : null,
        caller: (ctx) => ({
          class: callerClassOf(ctx.viewer),
          key: callerKey(ctx.viewer, clientAddress.get(ctx) ?? 'unknown'),
        }),
      }),
      ...(replicas ? [replicaRoutingPlugin(replicas)] : []),
      // Apollo's landing page loads from CDNs and shows nothing offline; browsers get the
      // bundled explorer instead (server/web), when it is enabled. "Did you mean" suggestions
      // are removed in production by formatError (server/formatError.ts).
      ApolloServerPluginLandingPageDisabled(),
    ],
  });
  await apollo.start();
  return apollo;
}
