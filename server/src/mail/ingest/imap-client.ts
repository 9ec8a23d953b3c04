// One place that turns mailbox configuration into an imapflow client (secrets never logged).
import { ImapFlow } from 'imapflow';
import type { MailboxConfig } from '../../config';

export type ImapSettings = NonNullable<MailboxConfig['imap']>;

export function createImapClient(imap: ImapSettings): ImapFlow {
  return new ImapFlow({
    host: imap.host,
    port: imap.port,
    secure: imap.secure,
    auth: { user: imap.user, pass: imap.pass },
    logger: false,
    // Servers without IDLE are polled with NOOP at this interval.
    missingIdleCommand: 'NOOP',
    maxIdleTime: 5 * 60_000,
  });
}
