// Intro sent, both peers reply-all through real SMTP into the program mailbox, Peerpost ingests over
// IMAP and attributes every message to the right pair with the right metadata.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages } from '../../server/src/db/schema';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../../server/src/db/testing';
import { type IngestedBatch, onMessageIngested } from '../../server/src/mail/ingest/hooks';
import { mailboxLag } from '../../server/src/mail/ingest/lag';
import { syncMailbox } from '../../server/src/mail/ingest/mailbox-sync';
import { type ProgramFixture, seedProgram } from '../../server/src/mail/ingest/testing';
import { type Dovecot, startDovecot } from '../harness/dovecot';
import { imapClient, rawMail, smtpSender } from './ingest-helpers';

describe.each(databaseKinds())('ingest end to end on %s', (kind) => {
  let dovecot: Dovecot;
  let database: TestDatabase;
  let program: ProgramFixture;
  const hookCalls: string[] = [];
  const hook = async (_db: unknown, { engaged }: IngestedBatch) => {
    hookCalls.push(...engaged.keys());
  };

  beforeAll(async () => {
    dovecot = await startDovecot(['program@example.org']);
    database = await openTestDatabase(kind);
    program = await seedProgram(database.db, {
      pairs: [
        ['ana@example.org', 'ben@example.org'],
        ['carla@example.org', 'dan@example.org'],
      ],
    });
    onMessageIngested.push(hook);
  });
  afterAll(async () => {
    onMessageIngested.splice(onMessageIngested.indexOf(hook), 1);
    await database?.close();
    await dovecot?.stop();
  });

  it('attributes every reply to its pair and stores metadata only', async () => {
    const [pair, other] = program.pairs as [ProgramFixture['pairs'][0], ProgramFixture['pairs'][0]];
    const pairAddress = `program+p-${pair.token}@example.org`;
    // The intro itself reaches the mailbox through its Cc: recognised as our own mail.
    await dovecot.deliver(
      Buffer.from(
        `Message-ID: ${pair.rootMessageId}\r\nFrom: program@example.org\r\nTo: ana@example.org, ben@example.org\r\nCc: program@example.org\r\nReply-To: ${pairAddress}\r\nSubject: Meet your peer\r\nDate: Tue, 03 Mar 2026 09:00:00 +0000\r\nAuto-Submitted: auto-generated\r\n\r\nHello both! What would you like to learn first?\r\n`,
      ),
      ['program@example.org'],
    );
    const smtp = smtpSender(dovecot);
    // Ana replies all: to Ben and the pair address (Reply-To), program in Cc.
    await smtp.sendMail({
      from: 'Ana Lima <ana@example.org>',
      to: ['ben@example.org', pairAddress],
      cc: 'program@example.org',
      subject: 'Re: Meet your peer',
      messageId: '<ana-1@example.org>',
      inReplyTo: pair.rootMessageId,
      references: [pair.rootMessageId],
      text: 'Hi Ben! I would love to learn about public speaking. What about you?\n\nOn Tue, 3 Mar 2026 at 09:00, Peer program <program@example.org> wrote:\n> Hello both! What would you like to learn first?',
      envelope: { from: 'ana@example.org', to: ['program@example.org'] },
    });
    // Ben answers without the pair address: attributed through References.
    await smtp.sendMail({
      from: 'ben@example.org',
      to: 'ana@example.org',
      cc: 'program@example.org',
      subject: 'Re: Meet your peer',
      messageId: '<ben-1@example.org>',
      inReplyTo: '<ana-1@example.org>',
      references: [pair.rootMessageId, '<ana-1@example.org>'],
      text: 'Happy to help with speaking, I give talks often. I want to get better at writing.\n-- \nBen',
      envelope: { from: 'ben@example.org', to: ['program@example.org'] },
    });
    // Ben's out-of-office: stored, flagged, not engagement.
    await smtp.sendMail({
      from: 'ben@example.org',
      to: 'ana@example.org',
      cc: 'program@example.org',
      subject: 'Automatic reply: Meet your peer',
      messageId: '<ben-ooo@example.org>',
      headers: { 'Auto-Submitted': 'auto-replied' },
      text: 'I am away until Monday.',
      envelope: { from: 'ben@example.org', to: ['program@example.org'] },
    });
    // The other pair writes without any reference: attributed by the participant set.
    await smtp.sendMail({
      from: 'carla@example.org',
      to: 'dan@example.org',
      cc: 'program@example.org',
      subject: 'Coffee?',
      messageId: '<carla-1@example.org>',
      text: 'Shall we have a call on Friday?',
      envelope: { from: 'carla@example.org', to: ['program@example.org'] },
    });
    // Someone else: kept as unmatched for coordinators.
    await dovecot.deliver(
      rawMail({
        id: 'stranger-1',
        from: 'eve@example.net',
        to: 'program@example.org',
        subject: 'Hello',
        text: 'Can I join?',
      }),
      ['program@example.org'],
    );
    smtp.close();

    const client = imapClient(dovecot.imapPort);
    await client.connect();
    const progress = await syncMailbox(client, { db: database.db, mailboxKey: 'default' });
    const again = await syncMailbox(client, { db: database.db, mailboxKey: 'default' });
    await client.logout();

    expect(progress).toMatchObject({
      total: 6,
      fetched: 6,
      stored: 5,
      own: 1,
      quarantined: 0,
      unmatched: 1,
      duplicates: 0,
    });
    expect(again.fetched).toBe(0);
    const rows = await database.db.select().from(messages).where(eq(messages.programId, program.programId));
    const byId = new Map(rows.map((row) => [row.messageId, row]));
    expect(rows).toHaveLength(5);
    expect(byId.get('<ana-1@example.org>')).toMatchObject({
      matchId: pair.matchId,
      threadId: pair.threadId,
      attribution: 'plus',
      fromAddress: 'ana@example.org',
      toAddresses: ['ben@example.org', pairAddress],
      ccAddresses: ['program@example.org'],
      questionCount: 1,
      answersQuestion: true,
      autoReply: false,
      body: null,
    });
    expect(byId.get('<ana-1@example.org>')!.newTextChars).toBe(
      'Hi Ben! I would love to learn about public speaking. What about you?'.length,
    );
    expect(byId.get('<ben-1@example.org>')).toMatchObject({
      matchId: pair.matchId,
      attribution: 'references',
      inReplyTo: '<ana-1@example.org>',
      questionCount: 0,
      answersQuestion: true,
    });
    expect(byId.get('<ben-ooo@example.org>')).toMatchObject({ matchId: pair.matchId, autoReply: true });
    expect(byId.get('<carla-1@example.org>')).toMatchObject({
      matchId: other.matchId,
      attribution: 'participants',
    });
    expect(byId.get('<stranger-1@example.org>')).toMatchObject({ matchId: null, attribution: null });
    for (const row of rows) expect(row.sizeBytes).toBeGreaterThan(100);
    // Hooks ran for engagement only (not for the out-of-office), once per match of the batch.
    expect(hookCalls.sort()).toEqual([pair.matchId, other.matchId].sort());
    const [lag] = await mailboxLag(database.db);
    expect(lag).toMatchObject({ mailboxKey: 'default', lastUid: 6, pendingMessages: 0 });
    expect(lag!.lagSeconds).toBeLessThan(60);
  });
});
