// End to end: a queued intro is sent by the outbox worker through real SMTP into a real Dovecot and read
// back over IMAP with its headers; the program mailbox gets the evidence copy.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/src/config';
import { openTestDatabase, type TestDatabase } from '../../server/src/db/testing';
import { enqueueMail } from '../../server/src/mail/outbox';
import { imapEvidence } from '../../server/src/mail/send/evidence';
import type { OutboxJob } from '../../server/src/mail/send/queue';
import { createOutboxWorker } from '../../server/src/mail/send/start-outbox-worker';
import { introMail } from '../../server/src/mail/templates';
import { type Dovecot, startDovecot } from '../harness/dovecot';
import { countMessageIds, harnessMailEnv, withMailbox } from '../harness/outbox';

const program = 'program@example.org';

describe('outbox → SMTP → Dovecot', () => {
  let dovecot: Dovecot;
  let database: TestDatabase;
  let dataDir: string;
  beforeAll(async () => {
    [dovecot, database] = await Promise.all([
      startDovecot([program, 'ana@example.org', 'bob@example.org']),
      openTestDatabase('pglite'),
    ]);
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'peerpost-data-'));
  });
  afterAll(async () => {
    await Promise.all([dovecot?.stop(), database?.close()]);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('delivers a multipart intro with Message-ID, Auto-Submitted and List-Unsubscribe', async () => {
    const config = loadConfig({ PEERPOST_DATA_DIR: dataDir, ...harnessMailEnv(dovecot, program) });
    const worker = createOutboxWorker({
      config,
      database,
      logger: pino({ level: 'silent' }),
      instanceId: 'e2e',
    });
    const rendered = introMail({
      programName: 'Data peers',
      members: [
        { name: 'Ana <A>', email: 'ana@example.org', offers: ['SQL'], seeks: ['design'] },
        { name: 'Bob', email: 'bob@example.org', offers: ['design'], seeks: ['SQL'] },
      ],
      why: ['same career stage'],
      exitUrl: 'https://peerpost.example/exit/t1',
    });
    const queued = await database.db.transaction((tx) =>
      enqueueMail(tx, {
        idempotencyKey: 'intro:m1',
        purpose: 'intro',
        from: program,
        to: ['ana@example.org', 'bob@example.org'],
        replyTo: 'program+p-t1@example.org',
        ...rendered,
      }),
    );
    expect(await worker.runOnce()).toBe(1);
    await worker.stop();

    const raw = await withMailbox(dovecot, 'ana@example.org', async (client) => {
      const message = await client.fetchOne('1', { source: true });
      return message ? message.source!.toString() : '';
    });
    const parsed = await simpleParser(raw);
    expect(parsed.messageId).toBe(queued.messageId);
    expect(parsed.headers.get('auto-submitted')).toBe('auto-generated');
    expect(raw).toContain('List-Unsubscribe: <https://peerpost.example/exit/t1>');
    expect(raw).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(raw).toMatch(/Content-Type: multipart\/alternative/i);
    expect(parsed.text).toContain('Ana <A> <ana@example.org>: offers SQL');
    expect(parsed.html).toContain('<strong>Ana &lt;A&gt;</strong>');
    expect(parsed.replyTo?.text).toBe('program+p-t1@example.org');
    // The program mailbox is a blind recipient: it got the evidence copy, and nobody sees that.
    expect(raw).not.toMatch(/^Bcc:/im);
    expect((await countMessageIds(dovecot, 'bob@example.org')).get(queued.messageId)).toBe(1);
    expect((await countMessageIds(dovecot, program)).get(queued.messageId)).toBe(1);
  });

  it('finds the evidence copy by Message-ID in any folder of the program mailbox', async () => {
    const logger = pino({ level: 'silent' });
    const imap = { host: '127.0.0.1', port: dovecot.imapPort, secure: false, user: program, pass: 'secret' };
    const filedId = '<pp.notice.filed@example.org>';
    await dovecot.deliver(`Message-ID: ${filedId}\r\nSubject: filed\r\n\r\nbody\r\n`, [program]);
    await withMailbox(dovecot, program, async (client) => {
      await client.mailboxCreate('Processed');
      const uids = await client.search({ header: { 'message-id': filedId } }, { uid: true });
      expect(uids).toHaveLength(1);
      await client.messageMove(uids as number[], 'Processed', { uid: true });
      expect(await client.search({ header: { 'message-id': filedId } })).toEqual([]);
    });
    const evidence = imapEvidence(imap, logger);
    const job = (messageId: string) => ({ id: 1, messageId }) as OutboxJob;
    expect(await evidence.wasDelivered(job(filedId))).toBe(true);
    expect(await evidence.wasDelivered(job('<pp.notice.never-sent@example.org>'))).toBe(false);
    await evidence.close();

    const locked = imapEvidence({ ...imap, pass: 'wrong' }, logger);
    await expect(locked.wasDelivered(job(filedId))).rejects.toMatchObject({ code: 'EEVIDENCE' });
    await locked.close();
  });
});
