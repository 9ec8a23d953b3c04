// CORS for the API: only the configured extension ids and dashboard origins get CORS headers; any other
// origin gets none, so a browser refuses to hand it the response.
import { cors } from 'hono/cors';
import type { Config } from '../config';

export function allowedOrigins(config: Pick<Config, 'extensionIds' | 'corsOrigins'>): Set<string> {
  return new Set([
    ...config.extensionIds.flatMap((id) => [`chrome-extension://${id}`, `moz-extension://${id}`]),
    ...config.corsOrigins.map((origin) => origin.replace(/\/$/, '')),
  ]);
}

export function apiCors(config: Pick<Config, 'extensionIds' | 'corsOrigins'>) {
  const allowed = allowedOrigins(config);
  return cors({
    origin: (origin) => (allowed.has(origin) ? origin : null),
    allowMethods: ['GET', 'POST', 'PATCH', 'DELETE'],
    allowHeaders: ['authorization', 'content-type'],
    maxAge: 600,
  });
}
