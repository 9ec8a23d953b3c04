// Relay mode against a real Dovecot: members write only to their pair address, Peerpost ingests the
// mail over IMAP and forwards it through real SMTP from the pair address, threading headers intact and
// real addresses hidden; a non-member gets one short explanation however often they write.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/src/config';
import { messages, outboxJobs } from '../../server/src/db/schema';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../../server/src/db/testing';
import { syncMailbox } from '../../server/src/mail/ingest/mailbox-sync';
import { type ProgramFixture, seedProgram } from '../../server/src/mail/ingest/testing';
import { imapEvidence } from '../../server/src/mail/send/evidence';
import type { OutboxJob } from '../../server/src/mail/send/queue';
import { createOutboxWorker } from '../../server/src/mail/send/start-outbox-worker';
import type { OutboxWorker } from '../../server/src/mail/send/worker';
import { type Dovecot, startDovecot } from '../harness/dovecot';
import { harnessMailEnv, withMailbox } from '../harness/outbox';
import { imapClient, smtpSender } from './ingest-helpers';

const program = 'program@example.org';

/** Every message in a user's INBOX, raw. */
function inbox(dovecot: Dovecot, address: string): Promise<string[]> {
  return withMailbox(dovecot, address, async (client) => {
    const raws: string[] = [];
    if (typeof client.mailbox !== 'object' || !client.mailbox.exists) return raws;
    for await (const message of client.fetch('1:*', { source: true })) raws.push(message.source!.toString());
    return raws;
  });
}

const header = (raw: string, name: string) =>
  new RegExp(`^${name}:\\s*(.*(?:\\r?\\n[ \\t].*)*)`, 'im').exec(raw)?.[1]?.replace(/\r?\n[ \t]+/g, ' ');

describe.each(databaseKinds())('relay mode end to end on %s', (kind) => {
  let dovecot: Dovecot;
  let database: TestDatabase;
  let fixture: ProgramFixture;
  let worker: OutboxWorker;
  let dataDir: string;

  beforeAll(async () => {
    [dovecot, database] = await Promise.all([
      startDovecot([program, 'ana@example.org', 'ben@example.org', 'eve@example.net']),
      openTestDatabase(kind),
    ]);
    fixture = await seedProgram(database.db, {
      address: program,
      relayMode: true,
      pairs: [['ana@example.org', 'ben@example.org']],
    });
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'peerpost-relay-'));
    const config = loadConfig({ PEERPOST_DATA_DIR: dataDir, ...harnessMailEnv(dovecot, program) });
    worker = createOutboxWorker({ config, database, logger: pino({ level: 'silent' }), instanceId: 'relay' });
    // The intro is not part of this story; only relay copies and refusals should be sent.
    await database.db.delete(outboxJobs);
  });
  afterAll(async () => {
    await worker?.stop();
    await Promise.all([dovecot?.stop(), database?.close()]);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  /** One round: ingest the program mailbox, then send everything that was queued. */
  async function syncAndSend() {
    const client = imapClient(dovecot.imapPort, program);
    await client.connect();
    try {
      const progress = await syncMailbox(client, { db: database.db, mailboxKey: 'default' });
      while ((await worker.runOnce()) > 0) {}
      return progress;
    } finally {
      await client.logout().catch(() => client.close());
    }
  }

  it('forwards between members from the pair address and refuses a stranger once', async () => {
    const [pair] = fixture.pairs;
    const pairAddress = `program+p-${pair!.token}@example.org`;
    const smtp = smtpSender(dovecot);
    // The pair address is an alias of the program mailbox, so the envelope goes there.
    const toPair = { to: pairAddress, envelope: { to: [program] } };

    await smtp.sendMail({
      ...toPair,
      from: 'Ana Lima <ana@example.org>',
      subject: 'Re: Meet your peer',
      messageId: '<ana-r1@example.org>',
      inReplyTo: pair!.rootMessageId,
      references: [pair!.rootMessageId],
      text: 'Hi Ben, shall we talk on Friday?\n\n-- \nAna Lima\nana@example.org',
      envelope: { from: 'ana@example.org', to: [program] },
    });
    const first = await syncAndSend();
    expect(first).toMatchObject({ stored: 1, quarantined: 0 });

    const [toBen, ...moreForBen] = await inbox(dovecot, 'ben@example.org');
    expect(moreForBen).toHaveLength(0);
    // The name on record (the fixture uses the local part), never the address.
    expect(header(toBen!, 'From')).toBe(`ana via Peer program <${pairAddress}>`);
    expect(header(toBen!, 'Reply-To')).toBe(pairAddress);
    expect(header(toBen!, 'Message-ID')).toBe('<ana-r1@example.org>');
    expect(header(toBen!, 'In-Reply-To')).toBe(pair!.rootMessageId);
    expect(header(toBen!, 'References')).toBe(pair!.rootMessageId);
    expect(header(toBen!, 'Return-Path')).toBe(`<${pairAddress}>`);
    expect((await simpleParser(toBen!)).text).toContain('shall we talk on Friday?');
    expect(toBen!.toLowerCase()).not.toContain('ana@example.org');

    // Ben answers in the thread; Ana receives it threaded, without Ben's address.
    await smtp.sendMail({
      ...toPair,
      from: 'ben@example.org',
      subject: 'Re: Meet your peer',
      messageId: '<ben-r1@example.org>',
      inReplyTo: '<ana-r1@example.org>',
      references: [pair!.rootMessageId, '<ana-r1@example.org>'],
      text: 'Friday works. Ben (ben@example.org)\n\nOn Tue, Ana Lima <ana@example.org> wrote:\n> shall we talk on Friday?',
      envelope: { from: 'ben@example.org', to: [program] },
    });
    const second = await syncAndSend();
    // The evidence copy of the first relay comes back into the program mailbox: recognised, not stored.
    expect(second).toMatchObject({ stored: 1, duplicates: 1, quarantined: 0 });
    const [toAna, ...moreForAna] = await inbox(dovecot, 'ana@example.org');
    expect(moreForAna).toHaveLength(0);
    expect(header(toAna!, 'Message-ID')).toBe('<ben-r1@example.org>');
    expect(header(toAna!, 'In-Reply-To')).toBe('<ana-r1@example.org>');
    expect(header(toAna!, 'References')).toBe(`${pair!.rootMessageId} <ana-r1@example.org>`);
    // Each member sees only their own address (To, Delivered-To), never the other's.
    expect(toAna!.toLowerCase()).not.toContain('ben@example.org');
    expect((await simpleParser(toAna!)).text).toContain(`Ben (${pairAddress})`);

    // A stranger writes three times to the pair address: nothing is forwarded, one explanation is sent.
    for (const n of [1, 2, 3]) {
      await smtp.sendMail({
        ...toPair,
        from: 'eve@example.net',
        subject: `Hello ${n}`,
        messageId: `<eve-${n}@example.net>`,
        text: 'Can I join your pair?',
        envelope: { from: 'eve@example.net', to: [program] },
      });
    }
    smtp.close();
    await syncAndSend();
    expect(await inbox(dovecot, 'ana@example.org')).toHaveLength(1);
    expect(await inbox(dovecot, 'ben@example.org')).toHaveLength(1);
    const refusals = await inbox(dovecot, 'eve@example.net');
    expect(refusals).toHaveLength(1);
    expect(header(refusals[0]!, 'From')).toBe(program);
    expect(header(refusals[0]!, 'Auto-Submitted')).toBe('auto-generated');
    expect((await simpleParser(refusals[0]!)).text).toMatch(/Only the members of that pair can write to it/);
    expect(refusals[0]!.toLowerCase()).not.toMatch(/ana@example\.org|ben@example\.org/);

    // Members' mail is attributed to the pair; the stranger's stays unmatched for coordinators.
    const rows = await database.db
      .select({ messageId: messages.messageId, matchId: messages.matchId })
      .from(messages)
      .where(eq(messages.programId, fixture.programId));
    const matchOf = new Map(rows.map((row) => [row.messageId, row.matchId]));
    expect(matchOf.get('<ana-r1@example.org>')).toBe(pair!.matchId);
    expect(matchOf.get('<ben-r1@example.org>')).toBe(pair!.matchId);
    for (const n of [1, 2, 3]) expect(matchOf.get(`<eve-${n}@example.net>`)).toBeNull();

    // A relay copy shares the member's Message-ID; only the copy from the pair address is evidence.
    const evidence = imapEvidence(
      loadConfig(harnessMailEnv(dovecot, program)).mailbox.imap!,
      pino({ level: 'silent' }),
    );
    const job = (messageId: string) => ({ messageId, fromAddress: `x <${pairAddress}>` }) as OutboxJob;
    expect(await evidence.wasDelivered(job('<ana-r1@example.org>'))).toBe(true);
    expect(await evidence.wasDelivered(job('<eve-1@example.net>'))).toBe(false);
    await evidence.close();
  });
});
