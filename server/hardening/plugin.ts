import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import type { Context } from '../../schema/context.js';
import { actualCost, requestedCost, type CostSettings } from './cost.js';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from './dbErrors.js';
import type { RateLimiter } from './rateLimit.js';

export interface HardeningPluginOptions {
  schema: GraphQLSchema;
  cost: CostSettings & { maximum: number };
  /** Null when rate limiting is switched off. */
  limiter: RateLimiter | null;
  /** Which bucket a request draws from: the API key or user, else the caller's IP address. */
  bucketKey: (ctx: Context) => string;
}

/**
 * Per-request cost accounting, in Apollo's request pipeline:
 * - after the operation is known, its requested cost is checked against the per-request
 *   maximum (MAX_COST_EXCEEDED) and taken from the caller's bucket (RATE_LIMITED, HTTP 429 with
 *   Retry-After);
 * - before the response goes out, the actual cost is settled with the bucket and reported as
 *   `extensions.cost` (Shopify's shape: requestedQueryCost, actualQueryCost, throttleStatus);
 * - a response carrying a database-connection error becomes HTTP 503 with Retry-After.
 */
export function hardeningPlugin(opts: HardeningPluginOptions): ApolloServerPlugin<Context> {
  const { limiter } = opts;
  return {
    async requestDidStart() {
      let requested: number | null = null;
      let charged = 0;
      let available: number | null = null;
      let key = '';
      return {
        async didResolveOperation(rc) {
          requested = requestedCost(opts.schema, rc.document, rc.operationName, rc.request.variables, opts.cost);
          if (requested === null) return; // bad variables: execution reports them
          if (requested > opts.cost.maximum) {
            throw new GraphQLError(
              `The query's cost is ${requested}, more than the maximum of ${opts.cost.maximum} per request; ask for smaller pages or fewer fields.`,
              { extensions: { code: 'MAX_COST_EXCEEDED', cost: { requestedQueryCost: requested, maximumQueryCost: opts.cost.maximum }, http: { status: 400 } } },
            );
          }
          if (!limiter) return;
          key = opts.bucketKey(rc.contextValue);
          const r = await limiter.take(key, requested);
          available = r.available;
          if (!r.allowed) {
            throw new GraphQLError(`Rate limit exceeded: this request costs ${requested} points and ${Math.floor(r.available)} are available; retry after ${r.retryAfterSeconds} s.`, {
              extensions: {
                code: 'RATE_LIMITED',
                retryAfterSeconds: r.retryAfterSeconds,
                cost: { requestedQueryCost: requested, throttleStatus: throttleStatus(limiter, r.available) },
                http: { status: 429, headers: new HeaderMap([['retry-after', String(r.retryAfterSeconds)]]) },
              },
            });
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
          if (result.errors?.some((e) => e.extensions?.code === 'RATE_LIMITED' || e.extensions?.code === 'MAX_COST_EXCEEDED')) return;
          const actual = actualCost(result.data, rc.operation?.operation);
          if (limiter && charged > 0 && actual !== charged) {
            const now = await limiter.adjust(key, charged - actual);
            if (Number.isFinite(now)) available = now;
          }
          result.extensions = {
            ...result.extensions,
            cost: {
              requestedQueryCost: requested,
              actualQueryCost: actual,
              maximumQueryCost: opts.cost.maximum,
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
