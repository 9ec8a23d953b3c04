/** @jsxRuntime automatic @jsxImportSource hono/jsx */
// The one-click sign-in link and the cookie session it starts. GET /sign-in/<token> only shows a button;
// the POST (with the double-submit CSRF pair) spends the link and sets the session cookie, so a mail
// scanner that follows links signs nobody in. /account is the signed-in page; signing out is a POST too.

import type { Context, MiddlewareHandler } from 'hono';
import { Hono } from 'hono';
import { loadScope } from '../../access/scope';
import { callerForSession, endSession } from '../../auth/sessions';
import { SIGN_IN_LINK_KIND, signInByLink } from '../../auth/sign-in';
import type { AppContext } from '../../context';
import { peekLinkToken } from '../../security/link-tokens';
import { describeMe } from '../api/auth.routes';
import { clearSessionCookie, secureCookies, sessionCookie, setSessionCookie } from '../session-cookie';
import { signInLimits } from '../sign-in-limits';
import { accountOverview } from './account-overview';
import { AccountPage } from './account-page';
import { csrfFormValid, csrfToken } from './csrf';
import { expiredForm, expiredLink, Message, Page } from './layout';
import { CsrfField } from './link-pages';

const noStore: MiddlewareHandler = async (c, next) => {
  await next();
  c.header('cache-control', 'no-store');
};

export function createSignInPages(ctx: AppContext, clock: () => Date = () => new Date()) {
  const pages = new Hono();
  const db = ctx.database.db;
  const secure = secureCookies(ctx.config);
  const limits = signInLimits(ctx);
  const expired = (c: Context) => c.html(expiredLink, 410);
  const forbidden = (c: Context) => c.html(expiredForm, 403);
  // Pages with a person's details or a live form token are never kept by caches or the back button.
  pages.use('/sign-in/*', noStore);
  pages.use('/account', noStore);
  pages.use('/account/*', noStore);
  const tooMany = (c: Context) =>
    c.html(<Message title="Too many attempts" text="Please wait a few minutes and try again." />, 429);

  pages.get('/sign-in/:token', async (c) => {
    if (!limits.allow(c, 'verify')) return tooMany(c);
    const link = await peekLinkToken(db, c.req.param('token'), SIGN_IN_LINK_KIND, clock());
    if (!link) return expired(c);
    return c.html(
      <Page title="Sign in to Peerpost">
        <p>You are signing in as {link.email}.</p>
        <form method="post">
          <CsrfField csrf={csrfToken(c, secure)} />
          <button type="submit">Sign in</button>
        </form>
      </Page>,
    );
  });

  pages.post('/sign-in/:token', async (c) => {
    if (!(await csrfFormValid(c))) return forbidden(c);
    const token = c.req.param('token');
    const link = await peekLinkToken(db, token, SIGN_IN_LINK_KIND, clock());
    if (!limits.allow(c, 'verify', link?.email)) return tooMany(c);
    const result = link ? await signInByLink(db, token, clock()) : { ok: false as const };
    if (!result.ok) return expired(c);
    // One session per browser: a session this browser already had ends here.
    const previous = sessionCookie(c);
    if (previous) await endSession(db, previous, clock());
    setSessionCookie(c, result.session, secure);
    return c.redirect('../account', 303);
  });

  pages.get('/account', async (c) => {
    const session = sessionCookie(c);
    const caller = session && (await callerForSession(db, session, clock()));
    if (!caller) {
      if (session) clearSessionCookie(c, secure);
      return c.html(
        <Message
          title="You are not signed in"
          text="Open the one-click link in your latest Peerpost sign-in mail, or ask for a new one in the extension."
        />,
        401,
      );
    }
    const overview = await accountOverview(db, await loadScope(db, caller.userId));
    return c.html(
      <AccountPage me={await describeMe(ctx, caller.userId)} {...overview} csrf={csrfToken(c, secure)} />,
    );
  });

  pages.post('/account/sign-out', async (c) => {
    if (!(await csrfFormValid(c))) return forbidden(c);
    const session = sessionCookie(c);
    if (session) await endSession(db, session, clock());
    clearSessionCookie(c, secure);
    return c.html(<Message title="Signed out" text="You are signed out of Peerpost in this browser." />);
  });
  return pages;
}
