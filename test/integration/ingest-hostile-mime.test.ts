// 1,000 generated malformed and hostile messages delivered into a real Dovecot and ingested by the
// continuous sync worker: nothing crashes, every message is either stored or quarantined with a reason,
// the bombs are stopped by the parser's limits, and the worker still ingests the next message.
import { eq } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailboxSync, messages, quarantine } from '../../server/src/db/schema';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../../server/src/db/testing';
import { startSyncWorker } from '../../server/src/mail/ingest/sync-worker';
import { seedProgram } from '../../server/src/mail/ingest/testing';
import { type Dovecot, startDovecot } from '../harness/dovecot';
import { type HostileSample, hostileSamples } from '../harness/hostile-mime';
import { rawMail } from './ingest-helpers';

const total = 1000;

async function waitFor(check: () => Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the sync worker');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.each(databaseKinds())('hostile MIME ingest on %s', (kind) => {
  let dovecot: Dovecot;
  let database: TestDatabase;
  let samples: HostileSample[];

  beforeAll(async () => {
    samples = hostileSamples(total);
    dovecot = await startDovecot(['program@example.org']);
    database = await openTestDatabase(kind);
    await seedProgram(database.db, { pairs: [['ana@example.org', 'ben@example.org']] });
    // Delivered in order, so UID n is sample n - 1. (Generous timeouts: LMTP on a busy machine is slow.)
    for (const sample of samples) await dovecot.deliver(sample.raw, ['program@example.org']);
  }, 240_000);
  afterAll(async () => {
    await database?.close();
    await dovecot?.stop();
  });

  it('stores or quarantines every message, and the worker survives', async () => {
    const { db } = database;
    const stop = startSyncWorker({
      db,
      mailboxKey: 'default',
      imap: {
        host: '127.0.0.1',
        port: dovecot.imapPort,
        secure: false,
        user: 'program@example.org',
        pass: 'secret',
      },
      owner: 'hostile-test',
      logger: pino({ level: process.env.TEST_LOG ?? 'silent' }),
      pollMs: 200,
    });
    try {
      const syncedUpTo = async (uid: number) => {
        const [state] = await db.select().from(mailboxSync).where(eq(mailboxSync.mailboxKey, 'default'));
        return (state?.lastUid ?? 0) >= uid;
      };
      await waitFor(() => syncedUpTo(total), 240_000);

      const stored = await db.select({ uid: messages.uid }).from(messages);
      const held = await db.select({ uid: quarantine.uid, reason: quarantine.reason }).from(quarantine);
      expect(stored.length + held.length).toBe(total);
      const seen = new Set([...stored, ...held].map((row) => Number(row.uid)));
      expect(seen.size).toBe(total);
      for (const row of held) expect(row.reason.length).toBeGreaterThan(5);

      const reasonOf = new Map(held.map((row) => [Number(row.uid), row.reason]));
      const outcomesOf = (kindName: string) =>
        samples.flatMap((sample, index) =>
          sample.kind === kindName ? [reasonOf.get(index + 1) ?? 'stored'] : [],
        );
      // The limits stop the bombs before the MIME parser sees them.
      for (const reason of outcomesOf('nesting-bomb')) expect(reason).toMatch(/nested MIME containers/);
      for (const reason of outcomesOf('wide-multipart')) expect(reason).toMatch(/nested MIME containers/);
      for (const reason of outcomesOf('overlong-line')) expect(reason).toMatch(/line longer than/);
      for (const reason of outcomesOf('huge-header-value')) expect(reason).toMatch(/header block larger/);
      // Dovecot adds Return-Path and Delivered-To, so a headerless message arrives without a From.
      for (const reason of outcomesOf('no-header-block')) expect(reason).toMatch(/no usable From/);
      for (const reason of outcomesOf('missing-from')) expect(reason).toMatch(/no usable From/);
      // Merely odd mail is still ingested.
      for (const name of ['valid-control', 'bad-charset', 'nul-bytes', 'nested-rfc822', 'bad-base64']) {
        expect(outcomesOf(name).length).toBeGreaterThan(0);
        expect(new Set(outcomesOf(name))).toEqual(new Set(['stored']));
      }

      // Still alive: the next ordinary message is ingested too.
      await dovecot.deliver(
        rawMail({
          id: 'after-hostile',
          from: 'ana@example.org',
          to: 'ben@example.org',
          subject: 'Still here',
          text: 'Are you still reading?',
          headers: 'Cc: program@example.org',
        }),
        ['program@example.org'],
      );
      await waitFor(() => syncedUpTo(total + 1), 20_000);
      const [after] = await db
        .select({ matchId: messages.matchId })
        .from(messages)
        .where(eq(messages.messageId, '<after-hostile@example.org>'));
      expect(after?.matchId).toBeTruthy();
    } finally {
      await stop();
    }
  }, 300_000);
});
