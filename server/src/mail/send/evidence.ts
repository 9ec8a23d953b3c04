// Evidence of delivery, asked before a job whose earlier attempt may have gone through is sent again
// (a worker crashed after the SMTP reply, or the connection dropped after DATA).
// - SMTP: every message carries the program mailbox as a recipient, and one SMTP transaction delivers
//   to all accepted recipients or to none, so a copy with the job's Message-ID in the program mailbox
//   means the send happened. We look for it with IMAP SEARCH HEADER Message-ID in every folder.
// - File outbox: the .eml file, written by atomic rename, is present exactly when the send happened.
import { existsSync } from 'node:fs';
import { ImapFlow } from 'imapflow';
import type { MailboxConfig } from '../../config';
import type { Logger } from '../../logger';
import type { OutboxJob } from './queue';
import { MailSendError } from './send-error';
import { fileOutboxPath } from './transport';

export interface DeliveryEvidence {
  /** Whether an earlier attempt of this job reached its recipients. Throws EEVIDENCE when it cannot tell. */
  wasDelivered(job: OutboxJob): Promise<boolean>;
  close(): Promise<void>;
}

export function fileEvidence(dir: string): DeliveryEvidence {
  return {
    wasDelivered: async (job) => existsSync(fileOutboxPath(dir, job.id)),
    close: async () => {},
  };
}

/**
 * Without a readable program mailbox there is no evidence: the job is sent again (at least once rather
 * than maybe never). Configure IMAP for the program mailbox to get exactly once.
 */
export function noEvidence(logger: Logger): DeliveryEvidence {
  return {
    async wasDelivered(job) {
      logger.warn(
        { jobId: job.id },
        'outbox: no program mailbox to check; resending a job that may have gone',
      );
      return false;
    },
    close: async () => {},
  };
}

/** `"Name" <a@b>` → `a@b`: IMAP SEARCH FROM matches a substring of the header. */
const bareAddress = (from: string) => /<([^<>]+)>\s*$/.exec(from)?.[1] ?? from;

export function imapEvidence(imap: NonNullable<MailboxConfig['imap']>, logger: Logger): DeliveryEvidence {
  let client: ImapFlow | undefined;
  // One search at a time on one connection; reconciliation is rare, so that is plenty.
  let queue: Promise<unknown> = Promise.resolve();

  async function connected(): Promise<ImapFlow> {
    if (client?.usable) return client;
    const fresh = new ImapFlow({
      host: imap.host,
      port: imap.port,
      secure: imap.secure,
      auth: { user: imap.user, pass: imap.pass },
      logger: false,
    });
    fresh.on('error', (error: Error) =>
      logger.warn({ err: error.message }, 'outbox: IMAP evidence connection'),
    );
    await fresh.connect();
    client = fresh;
    return fresh;
  }

  async function search(messageId: string, from: string): Promise<boolean> {
    const imapClient = await connected();
    const folders = await imapClient.list();
    // INBOX first: that is where the copy lands unless something has filed it since.
    const paths = folders
      .filter((folder) => !folder.flags.has('\\Noselect'))
      .map((folder) => folder.path)
      .sort((a, b) => Number(b === 'INBOX') - Number(a === 'INBOX'));
    for (const folder of paths) {
      const lock = await imapClient.getMailboxLock(folder, { readOnly: true });
      try {
        // Also by sender: a relay copy keeps the member's Message-ID, and the member's original is in
        // the same mailbox, so only the copy from the pair address proves the relay was sent.
        const found = await imapClient.search({ header: { 'message-id': messageId }, from }, { uid: true });
        if (found && found.length > 0) return true;
      } finally {
        lock.release();
      }
    }
    return false;
  }

  return {
    wasDelivered(job) {
      const result = queue.then(() =>
        search(job.messageId, bareAddress(job.fromAddress)).catch((error: Error) => {
          client?.close();
          client = undefined;
          throw new MailSendError('EEVIDENCE', error.message, { outcome: 'uncertain' });
        }),
      );
      queue = result.catch(() => {});
      return result;
    },
    async close() {
      await queue;
      await client?.logout().catch(() => client?.close());
    },
  };
}
