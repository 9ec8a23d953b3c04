// Background work the server runs next to HTTP (outbox sender, mailbox sync, health scheduler…).
// Each capability adds its starter here; a starter returns a function that stops it gracefully.
import type { AppContext } from './context';
import { healthSchedulerWorker } from './health/scheduler';
import { startMailboxSync } from './mail/ingest/worker';
import { startOutboxWorker } from './mail/send/start-outbox-worker';
import { startProgramWorker } from './programs/program-worker';

export type StopWorker = () => Promise<void>;
export type WorkerStarter = (ctx: AppContext) => Promise<StopWorker>;

const starters: WorkerStarter[] = [
  startOutboxWorker,
  startMailboxSync,
  startProgramWorker,
  healthSchedulerWorker,
];

export async function startWorkers(ctx: AppContext): Promise<StopWorker> {
  const stops: StopWorker[] = [];
  for (const start of starters) stops.push(await start(ctx));
  return async () => {
    // Stop in reverse order so that later workers can rely on earlier ones while draining.
    for (const stop of stops.reverse()) await stop();
  };
}
