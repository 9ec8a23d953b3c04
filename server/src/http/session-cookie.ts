// The cookie that carries a browser's session: HttpOnly (scripts never see it), SameSite=Lax (sent on a
// top-level visit from a mail link, never on another site's form post or fetch), Secure when PUBLIC_URL
// is https, and no longer-lived than the session row it names.
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { SESSION_TTL_MS, type StartedSession } from '../auth/sessions';
import type { Config } from '../config';

export const SESSION_COOKIE = 'pp_session';

export const secureCookies = (config: Pick<Config, 'publicUrl'>) => config.publicUrl.startsWith('https:');

export function setSessionCookie(c: Context, session: StartedSession, secure: boolean) {
  setCookie(c, SESSION_COOKIE, session.token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure,
    path: '/',
    expires: session.expiresAt,
    maxAge: SESSION_TTL_MS / 1000,
  });
}

export function clearSessionCookie(c: Context, secure: boolean) {
  deleteCookie(c, SESSION_COOKIE, { httpOnly: true, sameSite: 'Lax', secure, path: '/' });
}

export const sessionCookie = (c: Context): string | undefined => getCookie(c, SESSION_COOKIE) || undefined;
