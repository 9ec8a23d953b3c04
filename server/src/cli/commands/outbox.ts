import path from 'node:path';
import { listOutboxJobs, type OutboxJobSummary, outboxStatuses } from '../../mail/send/outbox-listing';
import type { OutboxStatus } from '../../mail/send/queue';
import { fileOutboxDir } from '../../mail/send/start-outbox-worker';
import { fileOutboxPath } from '../../mail/send/transport';
import type { Command } from '../command';
import { UsageError } from '../command';
import { withContext } from '../runtime';

export const outboxCommand: Command = {
  name: 'outbox',
  summary: 'List outgoing mail by status (and the .eml file of each sent mail in the file outbox)',
  usage: 'outbox [--status queued|sending|sent|dead] [--limit <n>]',
  options: { status: { type: 'string' }, limit: { type: 'string' } },
  async run({ values }, io) {
    const status = values.status as string | undefined;
    if (status !== undefined && !(outboxStatuses as readonly string[]).includes(status)) {
      throw new UsageError(`--status must be one of ${outboxStatuses.join(', ')}`);
    }
    const limit = values.limit === undefined ? 50 : Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) {
      throw new UsageError('--limit must be a whole number from 1 to 10000');
    }
    return withContext(async (ctx) => {
      const jobs = await listOutboxJobs(ctx.database.db, {
        status: status as OutboxStatus | undefined,
        limit,
      });
      const dir = ctx.config.mailbox.smtp ? undefined : fileOutboxDir(ctx.config);
      io.out(dir ? `File outbox: ${dir}` : `SMTP: ${ctx.config.mailbox.smtp!.host}`);
      if (jobs.length === 0) io.out(status ? `No ${status} mail.` : 'The outbox is empty.');
      for (const job of jobs) io.out(formatJob(job, dir));
      return 0;
    });
  },
};

export function formatJob(job: OutboxJobSummary, fileOutbox?: string): string {
  const where =
    job.status === 'sent' && fileOutbox
      ? path.relative(process.cwd(), fileOutboxPath(fileOutbox, job.id))
      : (job.lastError ?? '');
  return [
    `#${job.id}`,
    job.status.padEnd(7),
    `${job.attempts}×`,
    job.purpose,
    job.to.join(', '),
    JSON.stringify(job.subject),
    where,
  ]
    .filter(Boolean)
    .join('  ');
}
