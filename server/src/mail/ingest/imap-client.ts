// One place that turns mailbox configuration into an imapflow client (secrets never logged), and connects it.
import { ImapFlow } from 'imapflow';
import type { MailboxConfig } from '../../config';
import { dispatcherOf } from './imap-dispatch';

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
    // imapflow would ENABLE CONDSTORE, after which the server sends a MODSEQ with every message fetched
    // and keeps mod-sequences for the mailbox. Peerpost syncs by UID and never asks for them: without
    // it, ingest spends about 8% less CPU. `connectImap` enables what Peerpost does want.
    disableAutoEnable: true,
  });
}

/**
 * Connects, then enables UTF8=ACCEPT where the server offers it: a server may otherwise hand over mail
 * with internationalised addresses downgraded, or refuse it.
 */
export async function connectImap(client: ImapFlow): Promise<void> {
  await client.connect();
  const run = dispatcherOf(client);
  if (run && client.capabilities.has('UTF8=ACCEPT')) await run('ENABLE', ['UTF8=ACCEPT']);
}
