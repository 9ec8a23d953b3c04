// Resolves `Authorization: Bearer <token>` to a person and their access scope; 401 otherwise.
import { createMiddleware } from 'hono/factory';
import { changeNotices } from '../../db/change-notices';
import type { Db } from '../../db/client';
import { PeerpostError } from '../../errors';
import type { ApiEnv } from './api-env';
import { cachedAccess } from './cached-access';

export function requireCaller(db: Db) {
  const access = cachedAccess(db);
  const notices = changeNotices(db);
  return createMiddleware<ApiEnv>(async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    const settled = token ? await notices.settled() : false;
    const caller = token ? await access.caller(token, settled) : undefined;
    if (!caller) throw new PeerpostError('EUNAUTHENTICATED', 'Sign in first (Authorization: Bearer <token>)');
    c.set('caller', caller);
    c.set('scope', await access.scope(caller.userId, settled));
    c.set('settled', settled);
    await next();
  });
}

/**
 * Requires a caller on every route of `table` that declares `security`: the route table, not each
 * handler, decides which routes are public.
 */
export function protectRoutes(
  app: { use: (path: string, handler: ReturnType<typeof requireCaller>) => unknown },
  table: ReadonlyArray<{ path: string; security?: unknown }>,
  db: Db,
) {
  const guard = requireCaller(db);
  for (const route of table) if (route.security) app.use(route.path.replace(/\{(\w+)\}/g, ':$1'), guard);
}
