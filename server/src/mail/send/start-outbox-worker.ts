// Wires the outbox worker to the configuration: SMTP with IMAP evidence when configured, else the file
// outbox in `${dataDir}/outbox`. Registered in workers.ts; tests and the benchmark pass tuning overrides.
import path from 'node:path';
import type { Config } from '../../config';
import type { AppContext } from '../../context';
import type { StopWorker } from '../../workers';
import { fileEvidence, imapEvidence, noEvidence } from './evidence';
import { createFileTransport, createSmtpTransport } from './transport';
import { OutboxWorker, type OutboxWorkerOptions } from './worker';

/** `concurrency` is the SMTP pool size: one send in flight per pooled connection. */
export type OutboxTuning = Partial<
  Pick<OutboxWorkerOptions, 'concurrency' | 'batchSize' | 'lockMs' | 'pollMs' | 'backoff'>
>;

export function fileOutboxDir(config: Config): string {
  return path.join(config.dataDir, 'outbox');
}

export function createOutboxWorker(ctx: AppContext, tuning: OutboxTuning = {}): OutboxWorker {
  const { mailbox } = ctx.config;
  const poolSize = tuning.concurrency ?? 5;
  const base = {
    db: ctx.database.db,
    logger: ctx.logger,
    owner: ctx.instanceId,
    ...tuning,
    concurrency: poolSize,
  };
  if (!mailbox.smtp) {
    const dir = fileOutboxDir(ctx.config);
    return new OutboxWorker({ ...base, transport: createFileTransport(dir), evidence: fileEvidence(dir) });
  }
  return new OutboxWorker({
    ...base,
    transport: createSmtpTransport(mailbox.smtp, { maxConnections: poolSize }),
    evidence: mailbox.imap ? imapEvidence(mailbox.imap, ctx.logger) : noEvidence(ctx.logger),
    evidenceAddress: mailbox.address,
  });
}

export async function startOutboxWorker(ctx: AppContext, tuning: OutboxTuning = {}): Promise<StopWorker> {
  const worker = createOutboxWorker(ctx, tuning);
  worker.start();
  const { smtp } = ctx.config.mailbox;
  ctx.logger.info(
    smtp ? { smtp: `${smtp.host}:${smtp.port}` } : { dir: fileOutboxDir(ctx.config) },
    'outbox worker started',
  );
  return () => worker.stop();
}
