// Request guards for the API: a body size limit (larger for CSV uploads), a per-client rate limit, and
// one log line per request carrying its request id (method, route template, status, time; never the
// query string or headers, which may hold addresses or tokens).
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { routePath } from 'hono/route';
import type { Logger } from 'pino';
import { PeerpostError } from '../errors';
import { RateLimiter } from './rate-limit';

export const JSON_BODY_LIMIT = 256 * 1024;
export const UPLOAD_BODY_LIMIT = 5 * 1024 * 1024;

export function apiBodyLimit(): MiddlewareHandler {
  const small = bodyLimit({ maxSize: JSON_BODY_LIMIT, onError: tooLarge });
  const large = bodyLimit({ maxSize: UPLOAD_BODY_LIMIT, onError: tooLarge });
  return (c, next) => {
    // No route reads the body of a GET or HEAD: skip the check, which builds a full copy of the request.
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    return c.req.path.endsWith('/participants/import') ? large(c, next) : small(c, next);
  };
}

function tooLarge(): never {
  throw new PeerpostError('ETOOLARGE', 'The request body is too large');
}

export function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Per client address; generous for one office behind a NAT, tight enough to blunt a flood. */
export function apiRateLimit(limit: number, windowMs = 60_000): MiddlewareHandler {
  const limiter = new RateLimiter(limit, windowMs);
  return async (c, next) => {
    if (limit > 0 && !limiter.hit(`api:${clientAddress(c)}`)) {
      throw new PeerpostError('ERATELIMITED', 'Too many requests; try again later');
    }
    await next();
  };
}

export function requestLog(logger: Logger): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    await next();
    logger.info(
      {
        requestId: c.get('requestId' as never),
        method: c.req.method,
        route: routePath(c, -1),
        status: c.res.status,
        ms: Math.round(performance.now() - started),
      },
      'request',
    );
  };
}
