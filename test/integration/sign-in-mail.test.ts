// Sign-in end to end: the code is requested over HTTP, sent by the outbox worker through real SMTP into a
// real Dovecot, read back over IMAP, exchanged once for a token that works; a reused or expired code fails.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/src/app';
import { loadConfig } from '../../server/src/config';
import type { AppContext } from '../../server/src/context';
import { loginTokens, users } from '../../server/src/db/schema';
import { openTestDatabase, type TestDatabase } from '../../server/src/db/testing';
import { createLogger } from '../../server/src/logger';
import { createOutboxWorker } from '../../server/src/mail/send/start-outbox-worker';
import { type Dovecot, startDovecot } from '../harness/dovecot';
import { harnessMailEnv, withMailbox } from '../harness/outbox';

const program = 'program@example.org';
const ana = 'ana@example.org';

describe('sign-in by emailed code through SMTP and Dovecot', () => {
  let dovecot: Dovecot;
  let database: TestDatabase;
  let dataDir: string;
  let ctx: AppContext;
  let app: ReturnType<typeof createApp>;
  const post = (path: string, body: unknown) =>
    app.request(`/api${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    [dovecot, database] = await Promise.all([startDovecot([program, ana]), openTestDatabase('pglite')]);
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'peerpost-data-'));
    ctx = {
      config: loadConfig({
        PEERPOST_DATA_DIR: dataDir,
        LOG_LEVEL: 'silent',
        ...harnessMailEnv(dovecot, program),
      }),
      database,
      logger: createLogger('silent'),
      instanceId: 'sign-in-e2e',
    };
    app = createApp(ctx);
    await database.db.insert(users).values({ email: ana, name: 'Ana' });
  });
  afterAll(async () => {
    await Promise.all([dovecot?.stop(), database?.close()]);
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Requests a code, lets the outbox send it, and reads the newest code from Ana's inbox over IMAP. */
  async function codeFromInbox(): Promise<string> {
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
    return /code is (\d{6})/.exec(mail.text ?? '')![1]!;
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
});
