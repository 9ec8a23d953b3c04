// Sign-in end to end: the code is requested over HTTP, sent by the outbox worker through real SMTP into a
// real Dovecot, read back over IMAP, exchanged once for a token that works; a reused or expired code fails.
// The one-click link from the same mail is opened over real HTTP like a browser would: the page's POST
// with its CSRF pair gives a session cookie that opens the signed-in page, once; reused or expired, never.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type ServerType, serve } from '@hono/node-server';
import { eq } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/src/app';
import { loadConfig } from '../../server/src/config';
import type { AppContext } from '../../server/src/context';
import { loginTokens, users } from '../../server/src/db/schema';
import { openTestDatabase, type TestDatabase } from '../../server/src/db/testing';
import { Browser } from '../../server/src/http/testing/cookie-browser';
import { createLogger } from '../../server/src/logger';
import { createOutboxWorker } from '../../server/src/mail/send/start-outbox-worker';
import { type Dovecot, startDovecot } from '../harness/dovecot';
import { freePort } from '../harness/free-port';
import { harnessMailEnv, withMailbox } from '../harness/outbox';

const program = 'program@example.org';
const ana = 'ana@example.org';

describe('sign-in by emailed code through SMTP and Dovecot', () => {
  let dovecot: Dovecot;
  let database: TestDatabase;
  let dataDir: string;
  let ctx: AppContext;
  let app: ReturnType<typeof createApp>;
  let server: ServerType;
  let baseUrl: string;
  /** A browser talking to the real HTTP server, following nothing by itself. */
  const browser = () =>
    new Browser({
      request: (target, init) => fetch(new URL(target, baseUrl), { ...init, redirect: 'manual' }),
    });
  const post = (path: string, body: unknown) =>
    app.request(`/api${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    [dovecot, database] = await Promise.all([startDovecot([program, ana]), openTestDatabase('pglite')]);
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'peerpost-data-'));
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    ctx = {
      config: loadConfig({
        PEERPOST_DATA_DIR: dataDir,
        PORT: String(port),
        LOG_LEVEL: 'silent',
        ...harnessMailEnv(dovecot, program),
      }),
      database,
      logger: createLogger('silent'),
      instanceId: 'sign-in-e2e',
    };
    app = createApp(ctx);
    await new Promise<void>((resolve) => {
      server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, () => resolve());
    });
    await database.db.insert(users).values({ email: ana, name: 'Ana' });
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await Promise.all([dovecot?.stop(), database?.close()]);
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Requests a sign-in mail, lets the outbox send it, and reads the newest one from Ana's inbox over IMAP. */
  async function mailFromInbox(): Promise<{ code: string; link: string }> {
    expect((await post('/auth/request', { email: ana })).status).toBe(202);
    const worker = createOutboxWorker(ctx);
    expect(await worker.runOnce()).toBe(1);
    await worker.stop();
    const raw = await withMailbox(dovecot, ana, async (client) => {
      const last = await client.fetchOne('*', { source: true });
      return last ? last.source!.toString() : '';
    });
    const mail = await simpleParser(raw);
    expect(mail.subject).toBe('Your Peerpost sign-in code');
    const link = new RegExp(`${baseUrl}/sign-in/[A-Za-z0-9_-]{43}`).exec(mail.text ?? '')?.[0];
    expect(link, 'a one-click link to this server').toBeDefined();
    // The HTML part carries the same link.
    expect(mail.html).toContain(link);
    return { code: /code is (\d{6})/.exec(mail.text ?? '')![1]!, link: link! };
  }
  const codeFromInbox = async () => (await mailFromInbox()).code;

  /** Opens the link's page and presses its button, as a browser does. */
  async function pressSignIn(visitor: Browser, link: string) {
    const page = await visitor.open(link);
    return { page, answer: await visitor.post(link, { csrf: page.csrf }) };
  }

  it('delivers a code that works exactly once', async () => {
    const code = await codeFromInbox();
    const response = await post('/auth/verify', { email: ana, code });
    expect(response.status).toBe(200);
    const { token } = (await response.json()) as { token: string };
    const me = await app.request('/api/me', { headers: { authorization: `Bearer ${token}` } });
    expect(((await me.json()) as { email: string }).email).toBe(ana);
    expect((await post('/auth/verify', { email: ana, code })).status).toBe(401);
    // Nothing readable is stored: only a hash of the code.
    const stored = await database.db.select().from(loginTokens).where(eq(loginTokens.email, ana));
    expect(JSON.stringify(stored)).not.toContain(code);
  });

  it('refuses a code once it has expired', async () => {
    const code = await codeFromInbox();
    // Fifteen minutes pass.
    await database.db
      .update(loginTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(loginTokens.email, ana));
    expect((await post('/auth/verify', { email: ana, code })).status).toBe(401);
  });

  it('delivers a link whose page signs in once with a session cookie', async () => {
    const { code, link } = await mailFromInbox();
    const visitor = browser();
    const { page, answer } = await pressSignIn(visitor, link);
    expect(page.response.status).toBe(200);
    expect(answer.status).toBe(303);
    const cookie = answer.headers.getSetCookie().find((line) => line.startsWith('pp_session='));
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    // The redirect leads to the signed-in page, which the cookie opens.
    const account = await visitor.open(new URL(answer.headers.get('location')!, link).toString());
    expect(account.response.status).toBe(200);
    expect(account.html).toContain('You are signed in');
    expect(account.html).toContain(ana);
    // Once only: the link again, from this browser or another, and the code of the same mail are refused.
    expect((await visitor.post(link, { csrf: page.csrf })).status).toBe(410);
    expect((await pressSignIn(browser(), link)).page.response.status).toBe(410);
    expect((await post('/auth/verify', { email: ana, code })).status).toBe(401);
    // Signing out ends the session on the server.
    expect((await visitor.post('/account/sign-out', { csrf: account.csrf })).status).toBe(200);
    expect((await visitor.fetch('/account')).status).toBe(401);
  });

  it('refuses a link once it has expired', async () => {
    const { link } = await mailFromInbox();
    const visitor = browser();
    const page = await visitor.open(link);
    expect(page.response.status).toBe(200);
    // Fifteen minutes pass while the page is open.
    await database.db
      .update(loginTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(loginTokens.email, ana));
    const answer = await visitor.post(link, { csrf: page.csrf });
    expect(answer.status).toBe(410);
    expect(visitor.cookies.has('pp_session')).toBe(false);
    expect((await visitor.open(link)).response.status).toBe(410);
  });
});
