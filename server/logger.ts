import { pino, type Logger } from 'pino';
import type { Config } from './config.js';

/** Structured JSON logs on stdout; every request logs with its request id. */
export function createLogger(config: Pick<Config, 'LOG_LEVEL'>): Logger {
  return pino({
    level: config.LOG_LEVEL,
    base: { service: 'edugov' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: ['req.headers.authorization', '*.authorization'], censor: '[redacted]' },
  });
}
