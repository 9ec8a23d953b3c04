// The one-click sign-in link and the cookie session, against a real app and database: the link works once
// and only by POST with the CSRF pair, expires with the code, sets an HttpOnly SameSite=Lax cookie (Secure
// only under https) whose value is stored hashed, opens /account and the API (changes need the CSRF
// header), expires, and signing out ends it on the server.
import { desc, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app';
import { sha256 } from '../../auth/secrets';
import { SESSION_TTL_MS, startSession } from '../../auth/sessions';
import { requestSignIn, SIGN_IN_CODE_TTL_MS } from '../../auth/sign-in';
import { apiTokens, loginTokens, outboxJobs, users } from '../../db/schema';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../../db/testing';
import { linkToken } from '../../programs/test-mail';
import { type ApiWorld, createApiWorld, testAppContext } from '../api/testing/api-world';
import { Browser, type Fetcher } from '../testing/cookie-browser';
import { createSignInPages } from './sign-in-pages';

const sessionLine = (response: Response) =>
  response.headers.getSetCookie().find((line) => line.startsWith('pp_session=')) ?? '';

describe.each(databaseKinds())('sign-in link and cookie session on %s', (kind) => {
  let database: TestDatabase;
  let world: ApiWorld;
  let ada: string;
  const app = (env: Record<string, string> = {}) => createApp(testAppContext(database, env));

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    world = await createApiWorld(database.db);
    const [row] = await database.db
      .select()
      .from(users)
      .where(eq(users.id, world.userIds.participantOfMatch));
    ada = row!.email;
  });
  afterAll(() => database.close());

  /** Asks for a sign-in mail over the API and returns the link token and code in it. */
  async function mailedLink(target: Fetcher, email: string) {
    const before = await database.db.select({ id: outboxJobs.id }).from(outboxJobs);
    const response = await target.request('/api/auth/request', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email }),
    });
    expect(response.status).toBe(202);
    const mails = await database.db.select().from(outboxJobs).where(eq(outboxJobs.purpose, 'sign-in'));
    const mail = mails.find((row) => !before.some((old) => old.id === row.id))!;
    expect(mail.toAddresses).toEqual([email]);
    return {
      text: mail.textBody,
      token: linkToken(mail.textBody, 'sign-in'),
      code: /code is (\d{6})/.exec(mail.textBody)![1]!,
    };
  }

  const verifyCode = (target: Fetcher, email: string, code: string) =>
    target.request('/api/auth/verify', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, code }),
    });

  it('mails a link that signs in once, only by POST with the CSRF pair, with a hashed HttpOnly Lax cookie', async () => {
    const target = app();
    const { text, token, code } = await mailedLink(target, ada);
    expect(text).toContain(`http://127.0.0.1:8080/sign-in/${token}`);
    // Only the hash of the link is stored.
    const stored = await database.db.select().from(loginTokens).where(eq(loginTokens.email, ada));
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(stored.some((row) => row.codeHash === sha256(token))).toBe(true);

    const browser = new Browser(target);
    const page = await browser.open(`/sign-in/${token}`);
    expect(page.response.status).toBe(200);
    expect(page.html).toContain(ada);
    expect(page.csrf).not.toBe('');
    // A scanner that follows the link twice signs nobody in and spends nothing.
    expect((await browser.open(`/sign-in/${token}`)).response.status).toBe(200);
    expect(browser.cookies.has('pp_session')).toBe(false);

    // Wrong or missing CSRF, or the right field without the cookie: refused, and the link still works.
    expect((await browser.post(`/sign-in/${token}`, { csrf: 'x'.repeat(32) })).status).toBe(403);
    expect((await browser.post(`/sign-in/${token}`, {})).status).toBe(403);
    const stranger = new Browser(target);
    expect((await stranger.post(`/sign-in/${token}`, { csrf: page.csrf })).status).toBe(403);

    const signedIn = await browser.post(`/sign-in/${token}`, { csrf: page.csrf });
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get('location')).toBe('../account');
    const cookie = sessionLine(signedIn);
    expect(cookie).toMatch(/^pp_session=pps_[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).toMatch(new RegExp(`; Max-Age=${SESSION_TTL_MS / 1000}`));
    expect(cookie).not.toMatch(/Secure/);
    const session = browser.cookies.get('pp_session')!;
    const [row] = await database.db
      .select()
      .from(apiTokens)
      .where(eq(apiTokens.tokenHash, sha256(session)));
    expect(row).toMatchObject({ kind: 'session', userId: world.userIds.participantOfMatch, revokedAt: null });
    expect(row!.expiresAt!.getTime() - row!.createdAt.getTime()).toBeCloseTo(SESSION_TTL_MS, -4);
    expect(JSON.stringify(await database.db.select().from(apiTokens))).not.toContain(session);

    const account = await browser.open('/account');
    expect(account.response.status).toBe(200);
    expect(account.html).toContain('You are signed in');
    expect(account.response.headers.get('cache-control')).toBe('no-store');
    expect(page.response.headers.get('cache-control')).toBe('no-store');
    expect(account.html).toContain(ada);
    expect(account.html).toContain(`mailto:mentoring+p-${world.matchToken}@example.org`);
    expect(account.html).toContain('Program mentoring');
    expect(account.html).toContain(`<meta name="csrf-token" content="${account.csrf}"/>`);

    // Used: the link and the code from the same mail are both spent.
    expect((await browser.post(`/sign-in/${token}`, { csrf: page.csrf })).status).toBe(410);
    expect((await browser.open(`/sign-in/${token}`)).response.status).toBe(410);
    expect((await verifyCode(target, ada, code)).status).toBe(401);
  });

  it('spends the link when the code from the same mail is used', async () => {
    const target = app();
    const { token, code } = await mailedLink(target, ada);
    expect((await verifyCode(target, ada, code)).status).toBe(200);
    expect((await new Browser(target).open(`/sign-in/${token}`)).response.status).toBe(410);
  });

  it('lets exactly one of code and link through when both are used at once', async () => {
    for (let round = 0; round < 4; round++) {
      const target = app();
      const { token, code } = await mailedLink(target, ada);
      const browser = new Browser(target);
      const { csrf } = await browser.open(`/sign-in/${token}`);
      const [viaLink, viaCode] = await Promise.all([
        browser.post(`/sign-in/${token}`, { csrf }),
        verifyCode(target, ada, code),
      ]);
      expect([303, 410]).toContain(viaLink.status);
      expect([200, 401]).toContain(viaCode.status);
      expect(Number(viaLink.status === 303) + Number(viaCode.status === 200)).toBe(1);
    }
  });

  it('refuses a link once the code would have expired too', async () => {
    const target = app();
    const sixteenMinutesAgo = new Date(Date.now() - SIGN_IN_CODE_TTL_MS - 60_000);
    await requestSignIn(
      database.db,
      ada,
      { from: 'program@example.org', publicUrl: 'http://127.0.0.1:8080' },
      sixteenMinutesAgo,
    );
    const [mail] = await database.db
      .select()
      .from(outboxJobs)
      .where(eq(outboxJobs.purpose, 'sign-in'))
      .orderBy(desc(outboxJobs.id))
      .limit(1);
    const token = linkToken(mail!.textBody, 'sign-in');
    const browser = new Browser(target);
    expect((await browser.open(`/sign-in/${token}`)).response.status).toBe(410);
    // Even with a valid CSRF pair (from a fresh link's page), the POST finds nothing.
    const fresh = await mailedLink(target, ada);
    const { csrf } = await browser.open(`/sign-in/${fresh.token}`);
    expect((await browser.post(`/sign-in/${token}`, { csrf })).status).toBe(410);
    expect(browser.cookies.has('pp_session')).toBe(false);
  });

  it('marks the cookies Secure when PUBLIC_URL is https', async () => {
    const target = app({ PUBLIC_URL: 'https://pp.example.org' });
    const { text, token } = await mailedLink(target, ada);
    expect(text).toContain(`https://pp.example.org/sign-in/${token}`);
    const browser = new Browser(target);
    const page = await browser.fetch(`/sign-in/${token}`);
    expect(page.headers.getSetCookie().find((line) => line.startsWith('pp_csrf='))).toMatch(/; Secure/);
    const csrf = /name="csrf" value="([^"]+)"/.exec(await page.text())![1]!;
    const signedIn = await browser.post(`/sign-in/${token}`, { csrf });
    expect(signedIn.status).toBe(303);
    expect(sessionLine(signedIn)).toMatch(/; Secure/);
    expect(sessionLine(signedIn)).toMatch(/; HttpOnly/);
  });

  it('ends a session when it expires', async () => {
    let now = new Date();
    const pages = new Hono().route(
      '/',
      createSignInPages(testAppContext(database), () => now),
    );
    pages.route('/', app());
    const { token } = await mailedLink(pages, ada);
    const browser = new Browser(pages);
    const { csrf } = await browser.open(`/sign-in/${token}`);
    expect((await browser.post(`/sign-in/${token}`, { csrf })).status).toBe(303);
    now = new Date(now.getTime() + SESSION_TTL_MS - 60_000);
    expect((await browser.fetch('/account')).status).toBe(200);
    now = new Date(now.getTime() + 2 * 60_000);
    const late = await browser.fetch('/account');
    expect(late.status).toBe(401);
    // The stale cookie is cleared too.
    expect(browser.cookies.has('pp_session')).toBe(false);

    // The API honours the same expiry.
    const old = await startSession(
      database.db,
      world.userIds.participantOfMatch,
      new Date(Date.now() - SESSION_TTL_MS - 1000),
    );
    const api = await app().request('/api/me', { headers: { cookie: `pp_session=${old.token}` } });
    expect(api.status).toBe(401);
  });

  it('signs out only with the CSRF pair, and the old cookie stops working everywhere', async () => {
    const target = app();
    const { token } = await mailedLink(target, ada);
    const browser = new Browser(target);
    await browser.post(`/sign-in/${token}`, { csrf: (await browser.open(`/sign-in/${token}`)).csrf });
    const session = browser.cookies.get('pp_session')!;
    const account = await browser.open('/account');
    expect(account.response.status).toBe(200);

    expect((await browser.post('/account/sign-out', { csrf: 'y'.repeat(32) })).status).toBe(403);
    expect((await browser.fetch('/account')).status).toBe(200);

    const out = await browser.post('/account/sign-out', { csrf: account.csrf });
    expect(out.status).toBe(200);
    expect(sessionLine(out)).toMatch(/Max-Age=0/);
    expect(browser.cookies.has('pp_session')).toBe(false);
    // Someone who copied the cookie gets nothing: the session is revoked on the server.
    const copied = { cookie: `pp_session=${session}` };
    expect((await target.request('/account', { headers: copied })).status).toBe(401);
    expect((await target.request('/api/me', { headers: copied })).status).toBe(401);
    const [row] = await database.db
      .select()
      .from(apiTokens)
      .where(eq(apiTokens.tokenHash, sha256(session)));
    expect(row!.revokedAt).not.toBeNull();
  });

  it('authenticates API reads by cookie, and changes only with the CSRF header', async () => {
    const target = app();
    const { token: link } = await mailedLink(target, ada);
    const browser = new Browser(target);
    await browser.post(`/sign-in/${link}`, { csrf: (await browser.open(`/sign-in/${link}`)).csrf });
    const { csrf } = await browser.open('/account');

    const me = await browser.fetch('/api/me');
    expect(me.status).toBe(200);
    expect(((await me.json()) as { email: string }).email).toBe(ada);
    // The session is listed with the person's tokens (and can be revoked there).
    const tokens = (await (await browser.fetch('/api/tokens')).json()) as {
      tokens: { name: string; current: boolean }[];
    };
    expect(tokens.tokens.filter((token) => token.current)).toEqual([
      expect.objectContaining({ name: 'Browser session' }),
    ]);
    const matches = await browser.fetch('/api/matches');
    expect(JSON.stringify(await matches.json())).toContain(world.matchId);

    const change = (headers: Record<string, string>, quietHoursStart: number) =>
      browser.fetch('/api/me/profile', {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ quietHoursStart }),
      });
    const quietStart = async () =>
      (await database.db.select().from(users).where(eq(users.email, ada)))[0]!.quietHoursStart;
    const before = await quietStart();
    expect((await change({}, 5)).status).toBe(403);
    expect((await change({ 'x-csrf-token': 'z'.repeat(32) }, 5)).status).toBe(403);
    expect(await quietStart()).toBe(before);
    expect((await change({ 'x-csrf-token': csrf }, 5)).status).toBe(200);
    expect(await quietStart()).toBe(5);

    // A request the browser marks cross-site never authenticates by cookie.
    expect((await browser.fetch('/api/me', { headers: { 'sec-fetch-site': 'cross-site' } })).status).toBe(
      401,
    );
    // A bearer header decides alone: a bad one is not rescued by the cookie.
    expect((await browser.fetch('/api/me', { headers: { authorization: 'Bearer pp_wrong' } })).status).toBe(
      401,
    );
    // A session value is no API token, and an API token is no session.
    const session = browser.cookies.get('pp_session')!;
    const asBearer = await target.request('/api/me', { headers: { authorization: `Bearer ${session}` } });
    expect(asBearer.status).toBe(401);
    const apiAsCookie = { cookie: `pp_session=${world.tokens.participantOfMatch}` };
    expect((await target.request('/account', { headers: apiAsCookie })).status).toBe(401);
    expect((await target.request('/api/me', { headers: apiAsCookie })).status).toBe(401);
  });

  it('shows a coordinator their programs, whose report the same-origin page can fetch by cookie', async () => {
    const target = app();
    const session = await startSession(database.db, world.userIds.coordinatorOfProgram);
    const headers = { cookie: `pp_session=${session.token}` };
    const page = await target.request('/account', { headers });
    const html = await page.text();
    expect(html).toContain('Programs you coordinate');
    expect(html).toContain(`api/programs/${world.programId}/report.csv`);
    expect(html).not.toContain(world.otherProgramId);
    expect((await target.request(`/api/programs/${world.programId}/report.csv`, { headers })).status).toBe(
      200,
    );
    expect(
      (await target.request(`/api/programs/${world.otherProgramId}/report.csv`, { headers })).status,
    ).toBe(404);
  });

  it('limits link attempts per client like the code', async () => {
    const target = app();
    const browser = new Browser(target);
    for (let i = 0; i < 30; i++) expect((await browser.fetch(`/sign-in/${'a'.repeat(43)}`)).status).toBe(410);
    expect((await browser.fetch(`/sign-in/${'a'.repeat(43)}`)).status).toBe(429);
    // The code shares the window: the same client is now refused there too.
    expect((await verifyCode(target, ada, '123456')).status).toBe(429);
  });
});
