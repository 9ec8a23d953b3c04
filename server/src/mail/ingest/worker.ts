// The continuous mailbox sync as a server worker (only when a program mailbox has IMAP configured).
import type { WorkerStarter } from '../../workers';
import { startSyncWorker } from './sync-worker';

export const startMailboxSync: WorkerStarter = async (ctx) => {
  const imap = ctx.config.mailbox.imap;
  if (!imap) return async () => {};
  return startSyncWorker({
    db: ctx.database.db,
    mailboxKey: ctx.config.mailbox.key,
    imap,
    owner: ctx.instanceId,
    logger: ctx.logger,
  });
};
