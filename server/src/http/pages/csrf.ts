// Double-submit CSRF protection for the server-rendered forms: a random value in a SameSite=Strict
// cookie and the same value in a hidden field; a POST must carry both, equal.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';

export const CSRF_COOKIE = 'pp_csrf';
export const CSRF_FIELD = 'csrf';

/** The form token for this browser, set as a cookie when it has none yet. */
export function csrfToken(c: Context, secure: boolean): string {
  const existing = getCookie(c, CSRF_COOKIE);
  if (existing && /^[A-Za-z0-9_-]{32}$/.test(existing)) return existing;
  const token = randomBytes(24).toString('base64url');
  setCookie(c, CSRF_COOKIE, token, { httpOnly: true, sameSite: 'Strict', secure, path: '/', maxAge: 86_400 });
  return token;
}

export function csrfValid(c: Context, submitted: unknown): boolean {
  const cookie = getCookie(c, CSRF_COOKIE);
  if (!cookie || typeof submitted !== 'string' || cookie.length !== submitted.length) return false;
  return timingSafeEqual(Buffer.from(cookie), Buffer.from(submitted));
}

/** Reads the POSTed form and checks its CSRF field against the cookie. */
export async function csrfFormValid(c: Context): Promise<boolean> {
  return csrfValid(c, (await c.req.parseBody())[CSRF_FIELD]);
}
