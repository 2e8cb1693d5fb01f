import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { createRateLimits, type RateLimits } from './rateLimit.js';

/**
 * The rate limits the configuration asks for: bucket settings per caller class and for failed
 * authentications, in memory or shared through Redis (REDIS_URL).
 */
export function rateLimitsFromConfig(config: Config, log: Logger): RateLimits {
  return createRateLimits(
    {
      anonymous: {
        capacity: config.EDUGOV_RATE_LIMIT_ANONYMOUS_CAPACITY,
        refillPerSecond: config.EDUGOV_RATE_LIMIT_ANONYMOUS_REFILL_PER_SECOND,
      },
      user: {
        capacity: config.EDUGOV_RATE_LIMIT_USER_CAPACITY,
        refillPerSecond: config.EDUGOV_RATE_LIMIT_USER_REFILL_PER_SECOND,
      },
      apiKey: {
        capacity: config.EDUGOV_RATE_LIMIT_API_KEY_CAPACITY,
        refillPerSecond: config.EDUGOV_RATE_LIMIT_API_KEY_REFILL_PER_SECOND,
      },
      authFailures: {
        capacity: config.EDUGOV_AUTH_FAILURES_CAPACITY,
        refillPerSecond: config.EDUGOV_AUTH_FAILURES_REFILL_PER_SECOND,
      },
    },
    { url: config.REDIS_URL, prefix: config.EDUGOV_REDIS_PREFIX },
    log,
  );
}
