// Runs the program tick every minute next to the HTTP server; a failing tick is logged and retried on
// the next one (every step is idempotent).
import { Cron } from 'croner';
import type { WorkerStarter } from '../workers';
import { runProgramTick } from './lifecycle/program-tick';

export const startProgramWorker: WorkerStarter = async (ctx) => {
  let running: Promise<void> | undefined;
  const job = new Cron('* * * * *', { protect: true }, () => {
    running = runProgramTick(ctx.database.db, new Date(), { publicUrl: ctx.config.publicUrl })
      .then((summary) => ctx.logger.debug({ summary }, 'program tick'))
      .catch((error) => ctx.logger.error({ err: error }, 'program tick failed'));
    return running;
  });
  return async () => {
    job.stop();
    await running;
  };
};
