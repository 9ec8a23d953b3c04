import { PeerpostError } from '../../errors';
import { connectImap, createImapClient } from '../../mail/ingest/imap-client';
import { mailboxLag } from '../../mail/ingest/lag';
import { type SyncProgress, syncMailbox } from '../../mail/ingest/mailbox-sync';
import type { Command } from '../command';
import { UsageError } from '../command';
import { withContext } from '../runtime';

const describe = (key: string, p: SyncProgress) =>
  `[${key}] ${p.fetched} of ${p.total} fetched, ${p.stored + p.duplicates + p.own + p.quarantined} ingested: ${p.stored} stored (${p.unmatched} unmatched), ${p.duplicates} duplicates, ${p.own} own, ${p.quarantined} quarantined; last UID ${p.lastUid}`;

export const syncCommand: Command = {
  name: 'sync',
  summary: 'Fetch new mail from the program mailbox over IMAP and ingest it',
  usage: 'sync --once',
  options: { once: { type: 'boolean' } },
  async run(args, io) {
    if (!args.values.once)
      throw new UsageError('only --once is supported here; `peerpost start` syncs continuously');
    return withContext(async (ctx) => {
      const { imap, key } = ctx.config.mailbox;
      if (!imap)
        throw new PeerpostError('EINVALIDCONFIG', 'IMAP_HOST is not set, so there is no mailbox to sync');
      const client = createImapClient(imap);
      client.on('error', () => {});
      await connectImap(client);
      try {
        io.out(`Syncing mailbox "${key}" (${imap.user}@${imap.host})…`);
        const progress = await syncMailbox(client, {
          db: ctx.database.db,
          mailboxKey: key,
          logger: ctx.logger,
          onProgress: (p) => io.out(`  ${describe(key, p)}`),
        });
        if (progress.resynced) io.out('UIDVALIDITY changed: the mailbox was resynced from the start.');
        io.out(`Done: ${describe(key, progress)}`);
        for (const lag of await mailboxLag(ctx.database.db)) {
          io.out(
            `Mailbox ${lag.mailboxKey}: last sync ${lag.lastSyncAt?.toISOString() ?? 'never'}, lag ${lag.lagSeconds ?? '–'} s, ${lag.pendingMessages ?? '–'} not yet ingested`,
          );
        }
      } finally {
        await client.logout().catch(() => client.close());
      }
      return 0;
    });
  },
};
