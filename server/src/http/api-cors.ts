// CORS for the API: only the configured extension ids and dashboard origins get CORS headers; any other
// origin gets none, so a browser refuses to hand it the response.
import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import type { Config } from '../config';

export function allowedOrigins(config: Pick<Config, 'extensionIds' | 'corsOrigins'>): Set<string> {
  return new Set([
    ...config.extensionIds.flatMap((id) => [`chrome-extension://${id}`, `moz-extension://${id}`]),
    ...config.corsOrigins.map((origin) => origin.replace(/\/$/, '')),
  ]);
}

export function apiCors(config: Pick<Config, 'extensionIds' | 'corsOrigins'>): MiddlewareHandler {
  const allowed = allowedOrigins(config);
  const allowOrigin = (origin: string) => (allowed.has(origin) ? origin : null);
  const preflight = cors({
    origin: allowOrigin,
    allowMethods: ['GET', 'POST', 'PATCH', 'DELETE'],
    allowHeaders: ['authorization', 'content-type'],
    maxAge: 600,
  });
  // Other requests get what hono's cors gives them, but Vary is added to the response's own headers:
  // Context#header after the response exists copies the body into a stream, slowing every answer.
  return async (c, next) => {
    if (c.req.method === 'OPTIONS') return preflight(c, next);
    const origin = allowOrigin(c.req.header('origin') ?? '');
    if (origin) c.header('Access-Control-Allow-Origin', origin);
    await next();
    c.res.headers.append('Vary', 'Origin');
  };
}
