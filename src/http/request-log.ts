import type { MiddlewareHandler } from 'hono';
import type { Logger } from 'pino';
import { redactUrl } from '../logger.ts';

/** One log line per request; the URL is logged with secret query values removed. */
export function requestLog(logger: Logger): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const ms = Math.round((performance.now() - started) * 10) / 10;
    const level = c.res.status >= 500 ? 'error' : c.req.path === '/healthz' ? 'debug' : 'info';
    logger[level]({ method: c.req.method, url: redactUrl(c.req.url), status: c.res.status, ms }, 'request');
  };
}
