import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import type { Context } from '../../schema/context.js';
import { actualCost, requestedCost, type CostSettings } from './cost.js';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from './dbErrors.js';
import { inputProblems } from './inputBounds.js';
import type { CallerClass, RateLimiter } from './rateLimit.js';

export interface HardeningPluginOptions {
  schema: GraphQLSchema;
  cost: CostSettings & { maximum: number };
  /** The bucket settings of each caller class; null when rate limiting is switched off. */
  limiters: Record<CallerClass, RateLimiter> | null;
  /** Which bucket a request draws from: its class, and the API key, user or IP address. */
  caller: (ctx: Context) => { class: CallerClass; key: string };
}

/**
 * Checks before execution, then per-request cost accounting, in Apollo's request pipeline:
 * - after the operation is known, every argument value is checked against its bounds
 *   (inputBounds.ts: LIMIT_EXCEEDED or VALIDATION naming the argument path, HTTP 400);
 * - then its requested cost is checked against the per-request maximum (MAX_COST_EXCEEDED; at
 *   most the caller's bucket capacity) and taken from the caller's bucket (RATE_LIMITED, HTTP
 *   429 with Retry-After);
 * - before the response goes out, the actual cost is settled with the bucket and reported as
 *   `extensions.cost` (Shopify's shape: requestedQueryCost, actualQueryCost, throttleStatus);
 * - a response carrying a database-connection error becomes HTTP 503 with Retry-After.
 */
export function hardeningPlugin(opts: HardeningPluginOptions): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      let requested: number | null = null;
      let inputItems = 0;
      let charged = 0;
      let available: number | null = null;
      let key = '';
      let limiter: RateLimiter | null = null;
      let maximum = opts.cost.maximum;
      return {
        async didResolveOperation(rc) {
          const problems = rc.operation
            ? inputProblems(opts.schema, rc.document, rc.operation, rc.request.variables)
            : [];
          if (problems.length > 0) {
            const [first] = problems;
            throw new GraphQLError(first.message, {
              extensions: {
                code: first.code,
                path: first.path.map(String),
                problems: problems.map((p) => ({ code: p.code, path: p.path.map(String), message: p.message })),
                http: { status: 400 },
              },
            });
          }
          const caller = opts.caller(rc.contextValue);
          limiter = opts.limiters?.[caller.class] ?? null;
          key = caller.key;
          // A request larger than the caller's whole bucket could never run: refuse it as too costly.
          maximum = Math.min(opts.cost.maximum, limiter?.settings.capacity ?? Infinity);
          const estimate = requestedCost(opts.schema, rc.document, rc.operationName, rc.request.variables, opts.cost);
          if (estimate === null) return; // bad variables: execution reports them
          requested = estimate.cost;
          inputItems = estimate.inputItems;
          if (requested > maximum) {
            throw new GraphQLError(
              `The query's cost is ${requested}, more than the maximum of ${maximum} per request; ask for smaller pages or fewer fields.`,
              {
                extensions: {
                  code: 'MAX_COST_EXCEEDED',
                  cost: { requestedQueryCost: requested, maximumQueryCost: maximum },
                  http: { status: 400 },
                },
              },
            );
          }
          if (!limiter) return;
          const r = await limiter.take(key, requested);
          available = r.available;
          if (!r.allowed) {
            throw new GraphQLError(
              `Rate limit exceeded: this request costs ${requested} points and ${Math.floor(r.available)} are available; retry after ${r.retryAfterSeconds} s.`,
              {
                extensions: {
                  code: 'RATE_LIMITED',
                  retryAfterSeconds: r.retryAfterSeconds,
                  cost: { requestedQueryCost: requested, throttleStatus: throttleStatus(limiter, r.available) },
                  http: { status: 429, headers: new HeaderMap([['retry-after', String(r.retryAfterSeconds)]]) },
                },
              },
            );
          }
          charged = requested;
        },
        async willSendResponse(rc) {
          if (rc.errors?.some(isDatabaseUnavailable)) {
            rc.response.http.status = 503;
            rc.response.http.headers.set('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
          }
          if (rc.response.body.kind !== 'single' || requested === null) return;
          const result = rc.response.body.singleResult;
          if (
            result.errors?.some(
              (e) => e.extensions?.code === 'RATE_LIMITED' || e.extensions?.code === 'MAX_COST_EXCEEDED',
            )
          )
            return;
          const actual = actualCost(result.data, rc.operation?.operation, inputItems);
          if (limiter && charged > 0 && actual !== charged) {
            const now = await limiter.adjust(key, charged - actual);
            if (Number.isFinite(now)) available = now;
          }
          result.extensions = {
            ...result.extensions,
            cost: {
              requestedQueryCost: requested,
              actualQueryCost: actual,
              maximumQueryCost: maximum,
              ...(limiter && available !== null ? { throttleStatus: throttleStatus(limiter, available) } : {}),
            },
          };
        },
      };
    },
  };
}

function throttleStatus(limiter: RateLimiter, available: number) {
  return {
    maximumAvailable: limiter.settings.capacity,
    currentlyAvailable: Math.floor(available),
    restoreRate: limiter.settings.refillPerSecond,
  };
}
