// Crash safety of ingest's follow-up work (keep-open, health, stated goals), against a real Dovecot and a
// real PostgreSQL. A sync process is SIGKILLed right after its batch is stored and the checkpoint has
// moved past it, before the hooks run; `peerpost sync --once` afterwards finds nothing new in the mailbox
// and still records the member's goals once and keeps the pair open. Also the other window: messages
// stored but the checkpoint not moved, so the replay sees only duplicates.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goals, ingestFollowUps, mailboxSync, matches, messages } from '../../server/src/db/schema';
import { openTestDatabase, type TestDatabase } from '../../server/src/db/testing';
import { ingestBatch, programsOfMailbox } from '../../server/src/mail/ingest/ingest-message';
import { syncMailbox } from '../../server/src/mail/ingest/mailbox-sync';
import { type PairFixture, seedProgram } from '../../server/src/mail/ingest/testing';
import { type Dovecot, startDovecot } from '../harness/dovecot';
import { harnessMailEnv } from '../harness/outbox';
import { runPeerpost } from '../harness/peerpost-process';
import { imapClient, rawMail } from './ingest-helpers';

const notice = new Date('2026-03-01T00:00:00Z');

/** Ana's reply to the goal-setting prompt (dated after the dormancy notice), Cc the program. */
const goalReply = (id: string, pair: PairFixture, program: string) =>
  rawMail({
    id,
    from: pair.members[0]!,
    to: `${pair.members[1]}, ${program.replace('@', `+p-${pair.token}@`)}`,
    subject: 'Re: Setting goals together',
    text: 'Hi Ben,\r\nLearn: public speaking\r\nOffer: API design\r\n\r\nSee you Thursday!',
    headers: `Cc: ${program}`,
  });

describe('ingest follow-ups across a crash', () => {
  let dovecot: Dovecot;
  let database: TestDatabase;
  let dataDir: string;
  beforeAll(async () => {
    [dovecot, database] = await Promise.all([
      startDovecot(['program@example.org', 'second@example.org']),
      openTestDatabase('postgres'),
    ]);
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'peerpost-follow-up-'));
  });
  afterAll(async () => {
    await Promise.all([dovecot?.stop(), database?.close()]);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const pairWithNotice = async (address: string, mailboxKey: string) => {
    const fixture = await seedProgram(database.db, {
      address,
      mailboxKey,
      pairs: [[`ana.${mailboxKey}@example.org`, `ben.${mailboxKey}@example.org`]],
    });
    const pair = fixture.pairs[0]!;
    await database.db.update(matches).set({ conclusionNoticeAt: notice }).where(eq(matches.id, pair.matchId));
    return pair;
  };
  const goalRows = (matchId: string) =>
    database.db
      .select({ id: goals.id, kind: goals.kind, text: goals.text })
      .from(goals)
      .where(eq(goals.matchId, matchId))
      .orderBy(asc(goals.kind));
  const noticeOf = async (matchId: string) =>
    (await database.db.select().from(matches).where(eq(matches.id, matchId)))[0]!.conclusionNoticeAt;
  const owed = (mailboxKey: string) =>
    database.db.select().from(ingestFollowUps).where(eq(ingestFollowUps.mailboxKey, mailboxKey));

  it('runs the hooks a SIGKILLed sync owed, once, at the next sync', async () => {
    const pair = await pairWithNotice('program@example.org', 'default');
    await dovecot.deliver(goalReply('crash-goals', pair, 'program@example.org'), ['program@example.org']);
    const env = {
      ...harnessMailEnv(dovecot, 'program@example.org'),
      DATABASE_URL: database.url!,
      PEERPOST_DATA_DIR: dataDir,
      SMTP_HOST: '',
      LOG_LEVEL: 'silent',
    };

    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.resolve('test/harness/ingest-sync-process.ts')],
      { env: { ...process.env, ...env, SYNC_KILL_AFTER_CHECKPOINT: '1' }, stdio: 'inherit' },
    );
    const signal = await new Promise((resolve) => child.once('exit', (_code, killed) => resolve(killed)));
    expect(signal).toBe('SIGKILL');
    // The crash landed in the window: message stored, checkpoint past it, follow-up owed, nothing done.
    const [checkpoint] = await database.db
      .select()
      .from(mailboxSync)
      .where(eq(mailboxSync.mailboxKey, 'default'));
    expect(checkpoint!.lastUid).toBe(1);
    expect(await database.db.select().from(messages).where(eq(messages.matchId, pair.matchId))).toHaveLength(
      1,
    );
    expect(await owed('default')).toHaveLength(1);
    expect(await goalRows(pair.matchId)).toHaveLength(0);
    expect(await noticeOf(pair.matchId)).toEqual(notice);

    const restart = runPeerpost(['sync', '--once'], env, dataDir);
    expect(restart.status, restart.stderr).toBe(0);
    expect(restart.stdout).toContain('0 of 0 fetched');
    const recorded = await goalRows(pair.matchId);
    expect(recorded.map((g) => `${g.kind}:${g.text}`)).toEqual(['learn:public speaking', 'offer:API design']);
    expect(await noticeOf(pair.matchId)).toBeNull();
    expect(await owed('default')).toHaveLength(0);

    // Once: a further sync neither redoes nor duplicates anything.
    const again = runPeerpost(['sync', '--once'], env, dataDir);
    expect(again.status, again.stderr).toBe(0);
    expect(await goalRows(pair.matchId)).toEqual(recorded);
  });

  it('runs what was owed when the messages were stored but the checkpoint never moved', async () => {
    const pair = await pairWithNotice('second@example.org', 'second');
    const raw = goalReply('replayed-goals', pair, 'second@example.org');
    await dovecot.deliver(raw, ['second@example.org']);
    // A process that stored the batch and died before its checkpoint (and its hooks).
    const stored = await ingestBatch(database.db, await programsOfMailbox(database.db, 'second'), [
      { raw, mailboxKey: 'second' },
    ]);
    expect(stored.outcomes[0]).toMatchObject({ kind: 'stored', matchId: pair.matchId });

    const client = imapClient(dovecot.imapPort, 'second@example.org');
    await client.connect();
    try {
      const progress = await syncMailbox(client, { db: database.db, mailboxKey: 'second' });
      // The replay is a duplicate, so the replay itself engages nothing: the owed row does the work.
      expect(progress).toMatchObject({ fetched: 1, stored: 0, duplicates: 1 });
    } finally {
      await client.logout().catch(() => client.close());
    }
    expect((await goalRows(pair.matchId)).map((g) => `${g.kind}:${g.text}`)).toEqual([
      'learn:public speaking',
      'offer:API design',
    ]);
    expect(await noticeOf(pair.matchId)).toBeNull();
    expect(await owed('second')).toHaveLength(0);
  });
});
