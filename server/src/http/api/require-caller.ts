// Resolves the caller of an API request to a person and their access scope; 401 otherwise.
// - `Authorization: Bearer <token>` (the extension): an API token; when the header is present it alone
//   decides, a cookie is never a fallback for a bad token.
// - Otherwise the session cookie of the server-rendered pages. Browsers send it on same-site requests
//   only (SameSite=Lax); a request the browser marks cross-site never authenticates by cookie, and any
//   state-changing method must also carry the page's CSRF token in `X-CSRF-Token` (double submit with
//   the CSRF cookie), so another site can neither read nor change anything in the person's name.
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { Caller } from '../../auth/api-tokens';
import { callerForSession } from '../../auth/sessions';
import { changeNotices } from '../../db/change-notices';
import type { Db } from '../../db/client';
import { PeerpostError } from '../../errors';
import { csrfValid } from '../pages/csrf';
import { sessionCookie } from '../session-cookie';
import type { ApiEnv } from './api-env';
import { cachedAccess } from './cached-access';

export const CSRF_HEADER = 'x-csrf-token';
const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

async function callerFromCookie(c: Context, db: Db): Promise<Caller | undefined> {
  const session = sessionCookie(c);
  if (!session || c.req.header('sec-fetch-site') === 'cross-site') return undefined;
  const caller = await callerForSession(db, session);
  if (caller && !safeMethods.has(c.req.method) && !csrfValid(c, c.req.header(CSRF_HEADER))) {
    throw new PeerpostError(
      'EFORBIDDEN',
      'A change made with the session cookie needs the X-CSRF-Token header',
    );
  }
  return caller;
}

export function requireCaller(db: Db) {
  const access = cachedAccess(db);
  const notices = changeNotices(db);
  return createMiddleware<ApiEnv>(async (c, next) => {
    const header = c.req.header('authorization');
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : '';
    // Bearer callers (the extension) are served from memory until the database says they changed;
    // cookie sessions (the server-rendered pages) are rare and always read afresh.
    const settled = token ? await notices.settled() : false;
    const caller = header ? token && (await access.caller(token, settled)) : await callerFromCookie(c, db);
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
